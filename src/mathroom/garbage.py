"""Fewer garbage collections while a large document or a command is built.

CPython's collector runs a full pass whenever enough objects have been allocated; a packet
allocates millions (ReportLab's flowables, fragments, operators), and each full pass walks
every object already alive, SQLAlchemy's and ReportLab's modules included: about a sixth of
a packet's build was collection. A larger first threshold (as mypy does for its builds) makes
passes rarer while objects are being made; reference counting still frees almost everything
at once, and the usual thresholds return afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BUILD_THRESHOLD = (50_000, 20, 20)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect less often inside the block; the thresholds before it are restored."""
    before = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(BUILD_THRESHOLD, before, strict=True)))
    try:
        yield
    finally:
        gc.set_threshold(*before)
