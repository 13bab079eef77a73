"""Write a ReportLab story to a PDF atomically, with the house margins; count its pages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.platypus import Flowable, SimpleDocTemplate

from mathroom.atomic_files import atomic_path
from mathroom.export.fonts import register_fonts
from mathroom.export.layout import MARGIN, PaperSize


def write_pdf(story: Sequence[Flowable], out: Path, paper: PaperSize, title: str) -> int:
    """Build ``story`` into ``out`` (the old file survives a failure); returns the page count."""
    register_fonts()
    pages = 0

    def count_page(_canvas: object, _doc: object) -> None:
        nonlocal pages
        pages += 1

    with atomic_path(out) as temp:
        document = SimpleDocTemplate(
            str(temp),
            pagesize=paper.points,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            author="Mathroom",
        )
        document.build(list(story), onFirstPage=count_page, onLaterPages=count_page)
    return pages
