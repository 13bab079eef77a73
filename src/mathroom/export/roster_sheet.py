"""A roster check sheet: one period's names with boxes for the teacher's marks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from mathroom.domain.paper import PageRun
from mathroom.export.document import write_pdf
from mathroom.export.fonts import BODY, BOLD, paragraph, register_fonts
from mathroom.export.layout import (
    BODY_SIZE,
    CHECK_COLUMNS,
    MARGIN,
    MIN_NAME_SIZE,
    NAME_COLUMN_SHARE,
    ROW_HEIGHT,
    TITLE_SIZE,
    PaperSize,
)


def long_date(day: date) -> str:
    """ "Monday, November 23, 2026" on every platform (no %-d, which Windows lacks)."""
    return f"{day:%A, %B} {day.day}, {day.year}"


@dataclass(frozen=True, slots=True)
class RosterSheet:
    period_name: str
    course: str
    on: date
    names: tuple[str, ...]  # "Family, Given (Preferred)" — a teacher-facing sheet
    paper: PaperSize = PaperSize.LETTER
    column_titles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportReport:
    path: Path
    pages: int
    # How the pages may print: runs in page order, covering every page; empty means the
    # whole file is one run that may print on both sides.
    runs: tuple[PageRun, ...] = ()


def _fitting_style(base: ParagraphStyle, text: str, width: float) -> ParagraphStyle:
    """Shrink the type (not below MIN_NAME_SIZE) so a long name stays on one line."""
    natural = stringWidth(text, base.fontName, base.fontSize)
    if natural <= width:
        return base
    size = max(MIN_NAME_SIZE, base.fontSize * width / natural)
    return ParagraphStyle(f"{base.name}-{size:.1f}", parent=base, fontSize=size, leading=size * 1.2)


def build_roster_sheet(sheet: RosterSheet, out: Path) -> ExportReport:
    """Write the sheet as a PDF at ``out`` atomically (the old file survives a failure)."""
    pages = write_pdf(roster_story(sheet), out, sheet.paper, f"Roster – {sheet.period_name}")
    return ExportReport(out, pages)


def roster_story(sheet: RosterSheet) -> list[Flowable]:
    """The sheet's flowables, for a PDF of its own or a section of the day's packet."""
    register_fonts()
    title = ParagraphStyle("title", fontName=BOLD, fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.2)
    body = ParagraphStyle("body", fontName=BODY, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.25)
    small = ParagraphStyle("small", parent=body, fontSize=9, textColor=colors.HexColor("#444444"))

    width, _ = sheet.paper.points
    text_width = width - 2 * MARGIN
    name_width = text_width * NAME_COLUMN_SHARE
    titles = list(sheet.column_titles) + [""] * (CHECK_COLUMNS - len(sheet.column_titles))
    check_width = (text_width - name_width - 8 * 2.835) / CHECK_COLUMNS
    header: list[object] = ["#", "Name", *titles[:CHECK_COLUMNS]]
    rows: list[list[object]] = [header]
    for number, name in enumerate(sheet.names, start=1):
        style = _fitting_style(body, name, name_width - 12)
        rows.append([str(number), paragraph(name, style), *[""] * CHECK_COLUMNS])
    table = Table(
        rows,
        colWidths=[8 * 2.835, name_width, *[check_width] * CHECK_COLUMNS],
        rowHeights=[ROW_HEIGHT] * len(rows),
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), BODY, 9),  # else empty cells reference Helvetica
                ("FONT", (0, 0), (-1, 0), BOLD, 9),
                ("FONT", (0, 1), (0, -1), BODY, 9),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
                ("GRID", (2, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
                ("LINEBELOW", (0, 1), (1, -1), 0.25, colors.HexColor("#BBBBBB")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F2F2")]),
            ]
        )
    )
    heading = f"{sheet.period_name} · {sheet.course}" if sheet.course else sheet.period_name
    return [
        paragraph(heading, title),
        paragraph(
            (
                f"Roster check sheet · {sheet.on:%A, %B} {sheet.on.day}, {sheet.on.year} · "
                f"{len(sheet.names)} students"
            ),
            small,
        ),
        Spacer(1, 4 * 2.835),
        table,
    ]
