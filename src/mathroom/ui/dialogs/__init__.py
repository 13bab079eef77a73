"""Dialogs of the Mathroom window."""
