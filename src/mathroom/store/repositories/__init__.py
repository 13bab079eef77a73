"""Repositories: queries and writes for one area, returning domain snapshots."""
