"""Models of the Mathroom window."""
