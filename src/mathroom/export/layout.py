"""Page sizes, margins and type sizes for printouts, as named constants."""

from __future__ import annotations

from enum import StrEnum

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm

LANGUAGE = "en-US"  # the PDFs' /Lang: screen readers pick a voice by it
MARGIN = 15 * mm
COLUMN_GUTTER = 8 * mm  # between the columns of dense teacher pages and hint strips
BODY_SIZE = 11
TITLE_SIZE = 18
ROW_HEIGHT = 7.5 * mm
CHECK_COLUMNS = 6
MIN_NAME_SIZE = 7.5  # points; long names shrink to this before they would wrap
NAME_COLUMN_SHARE = 0.42  # of the text width; room for a 40-character name at 11 pt


class PaperSize(StrEnum):
    LETTER = "letter"
    A4 = "a4"

    @property
    def points(self) -> tuple[float, float]:
        return LETTER if self is PaperSize.LETTER else A4


class CardLayout(StrEnum):
    POSTER = "poster"
    HALF = "half"
    QUARTER = "quarter"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def sizes(self) -> tuple[float, float]:
        """The largest and smallest prompt type size, in points."""
        return _SIZES[self]


_LABELS = {
    CardLayout.POSTER: "1 per page (station poster)",
    CardLayout.HALF: "2 per page",
    CardLayout.QUARTER: "4 per page (table cards)",
}
_SIZES = {
    CardLayout.POSTER: (32.0, 18.0),
    CardLayout.HALF: (20.0, 11.0),
    CardLayout.QUARTER: (15.0, 7.0),
}
