"""Pure-Python domain: plain data and deterministic rules. Standard library only."""
