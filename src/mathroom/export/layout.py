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
