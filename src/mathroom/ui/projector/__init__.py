"""Projector of the Mathroom window."""
