"""Write a ReportLab story to a PDF atomically, with the house margins; count its pages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, SimpleDocTemplate

from mathroom.atomic_files import atomic_path
from mathroom.export.fonts import register_fonts
from mathroom.export.layout import COLUMN_GUTTER, LANGUAGE, MARGIN, PaperSize


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
            lang=LANGUAGE,
        )
        document.build(list(story), onFirstPage=count_page, onLaterPages=count_page)
    return pages


def plain_template(paper: PaperSize, template_id: str = "plain") -> PageTemplate:
    """One frame inside the house margins."""
    width, height = paper.points
    frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, id="body")
    return PageTemplate(id=template_id, frames=[frame], pagesize=paper.points)


def columns_template(
    paper: PaperSize, template_id: str = "columns", count: int = 2
) -> PageTemplate:
    """``count`` columns inside the house margins (dense teacher pages like answer keys)."""
    width, height = paper.points
    gutter = COLUMN_GUTTER
    column = (width - 2 * MARGIN - gutter * (count - 1)) / count
    frames = [
        Frame(MARGIN + i * (column + gutter), MARGIN, column, height - 2 * MARGIN, id=f"col{i}")
        for i in range(count)
    ]
    return PageTemplate(id=template_id, frames=frames, pagesize=paper.points)


def write_document(
    story: Sequence[Flowable],
    out: Path,
    paper: PaperSize,
    title: str,
    templates: Sequence[PageTemplate],
) -> int:
    """Like ``write_pdf`` for documents that switch page templates; starts on the first."""
    register_fonts()
    with atomic_path(out) as temp:
        document = BaseDocTemplate(
            str(temp),
            pagesize=paper.points,
            title=title,
            author="Mathroom",
            lang=LANGUAGE,
            pageTemplates=list(templates),
        )
        document.build(list(story))
    return int(document.page)
