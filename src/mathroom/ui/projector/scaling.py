"""Type that scales with the projector window and text that fits without clipping."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

MIN_TEXT_SHARE = 1 / 30  # the smallest text is at least 1/30 of the window's height


def min_pixels(window_height: int) -> int:
    """The smallest text size allowed on a window this tall."""
    return max(8, math.ceil(window_height * MIN_TEXT_SHARE))


def share(window_height: int, fraction: float, floor: int) -> int:
    """A size as a share of the window's height, never under ``floor``."""
    return max(floor, round(window_height * fraction))


def set_pixel_size(widget: QWidget, pixels: int, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(max(1, pixels))
    font.setBold(bold)
    widget.setFont(font)


def widest_word(text: str, font: QFont) -> int:
    """Pixels of the longest unbreakable run: wrapping can never make a line narrower."""
    metrics = QFontMetrics(font)
    return max((metrics.horizontalAdvance(word) for word in text.split()), default=0)


def label_height(label: QLabel, width: int) -> int | None:
    """The height the label needs at ``width``, or None when a word would stick out."""
    margins = label.contentsMargins()
    if widest_word(label.text(), label.font()) > width - margins.left() - margins.right():
        return None
    if label.wordWrap():
        return label.heightForWidth(width)
    hint = label.sizeHint()
    return hint.height() if hint.width() <= width else None


def largest(low: int, high: int, fits: Callable[[int], bool]) -> int:
    """The largest size in [low, high] for which ``fits`` holds (``low`` when none does).

    Assumes smaller sizes fit whenever larger ones do.
    """
    if high <= low or fits(high):
        return max(low, high)
    best = low
    while low <= high:
        middle = (low + high) // 2
        if fits(middle):
            best, low = middle, middle + 1
        else:
            high = middle - 1
    return best


def text_height(text: str, font: QFont, width: int) -> int | None:
    """Height of ``text`` wrapped to ``width`` as a label draws it; None when a word won't fit."""
    if width <= 0 or widest_word(text, font) > width:
        return None
    flags = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextExpandTabs
    return QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), flags, text).height()
