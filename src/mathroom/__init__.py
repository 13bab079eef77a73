"""Mathroom: offline planning, grouping and printing for a middle-school math classroom."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is read from the installed package's metadata only when asked for:
    # importlib.metadata costs every start (window and verbs alike) a noticeable moment.
    if name != "__version__":
        raise AttributeError(f"module 'mathroom' has no attribute {name!r}")
    from importlib import metadata

    try:
        return metadata.version("mathroom")
    except metadata.PackageNotFoundError:  # running from a checkout without an install
        return "0.0.0+unknown"
