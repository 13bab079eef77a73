"""Grouping engine tests."""
