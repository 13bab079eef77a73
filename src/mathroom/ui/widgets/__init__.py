"""Widgets of the Mathroom window."""
