"""Pages of the Mathroom window."""
