"""Mathroom: offline planning, grouping and printing for a middle-school math classroom."""

from importlib import metadata

try:
    __version__ = metadata.version("mathroom")
except metadata.PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0+unknown"
