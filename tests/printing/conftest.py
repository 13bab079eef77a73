"""The printing tests' real CUPS queue (see cups.py)."""

from tests.printing.cups import cups_printer

__all__ = ["cups_printer"]
