"""ReportLab's KeepTogether and KeepInFrame, measured without copying the frame.

Each time one of these measures its content, ReportLab deep-copies the document's current
frame, so flowables that generate content while measured (footnotes and the like) can add
it there. Nothing in Mathroom's pages generates content, and a day's packet measures about
a thousand such groups, so the copies were a large part of its time: these measure the
content with no canvas instead, and lay it out exactly as ReportLab's do.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import KeepInFrame as _KeepInFrame
from reportlab.platypus import KeepTogether as _KeepTogether


class _Unframed:
    canv: Any

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # Without a canvas ReportLab finds no document frame to copy.
        canv = getattr(self, "canv", None)
        self.canv = None
        try:
            size: tuple[float, float] = super().wrap(availWidth, availHeight)  # type: ignore[misc]
            return size
        finally:
            self.canv = canv


class KeepTogether(_Unframed, _KeepTogether):
    """Content moved to the next frame whole when it does not fit (see the module)."""


class KeepInFrame(_Unframed, _KeepInFrame):
    """Content shrunk (or clipped) to fit a box (see the module)."""
