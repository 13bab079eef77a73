"""Parsers: bytes from files into domain specs plus named problems. No database, no Qt."""
