"""PySide6 user interface. Talks only to services and receives snapshots."""
