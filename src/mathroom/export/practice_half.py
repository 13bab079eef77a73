"""Practice with the paper saver: two students' sheets to a page, and a one-grid key.

The problems sit in two columns with the answer bank below. Half sheets print on one side
only, so the blank back of each is the student's own room to work.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import black
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from mathroom.export.fonts import BODY
from mathroom.export.keep import KeepInFrame
from mathroom.export.packet_model import PeriodPacket, PracticeSheet
from mathroom.export.packet_pages import GREY, LIGHT, para, style, teacher_banner
from mathroom.export.rich_text import RichText
from mathroom.export.roster_sheet import long_date

PROMPT_SIZE = 11.0
BANK_SIZE = 10.0
BANK_COLUMNS = 4
KEY_SIZE = 8.5


def practice_half_box(
    period: PeriodPacket, sheet: PracticeSheet, width: float, height: float
) -> Flowable:
    """One student's sheet, fitted to a ``width`` × ``height`` box (shrunk only if it must)."""
    header: list[Flowable] = [
        para(sheet.name, style("ph-name", 15, bold=True)),
        para(
            f"Practice · {period.period_name} · {long_date(period.on)} · "
            "work on the back of this sheet",
            style("ph-sub", 8.5, color=GREY),
        ),
        Spacer(1, 4),
    ]
    bank = _answer_bank(sheet, width)
    fixed = sum(f.wrap(width, height)[1] for f in [*header, *bank])
    problems = _problem_grid(sheet, width, max(height - fixed - 6, 40.0))
    return KeepInFrame(width, height, [*header, problems, Spacer(1, 4), *bank], mode="shrink")


def _problem_grid(sheet: PracticeSheet, width: float, room: float) -> Table:
    """Two columns, read down the left then the right; rows share the room evenly."""
    cells = [
        RichText(f"**{n}.** {problem.prompt}", PROMPT_SIZE)
        for n, problem in enumerate(sheet.problems, start=1)
    ]
    rows_count = max((len(cells) + 1) // 2, 1)
    left, right = cells[:rows_count], cells[rows_count:]
    rows: list[list[Any]] = [
        [left[i], right[i] if i < len(right) else ""] for i in range(rows_count)
    ]
    row_height = room / rows_count
    natural = max(
        (cell.wrap(width / 2 - 8, room)[1] for cell in cells),
        default=0.0,
    )
    table = Table(
        rows,
        colWidths=[width / 2] * 2,
        rowHeights=[max(row_height, natural + 6)] * rows_count,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("LINEAFTER", (0, 0), (0, -1), 0.4, GREY),
                ("LEFTPADDING", (1, 0), (1, -1), 8),
            ]
        )
    )
    return table


def _answer_bank(sheet: PracticeSheet, width: float) -> list[Flowable]:
    cells: list[Any] = [RichText(answer, BANK_SIZE) for answer in sheet.answer_bank]
    rows = [
        cells[i : i + BANK_COLUMNS] + [""] * (BANK_COLUMNS - len(cells[i : i + BANK_COLUMNS]))
        for i in range(0, len(cells), BANK_COLUMNS)
    ]
    if not rows:
        return []
    bank = Table(rows, colWidths=[(width - 8) / BANK_COLUMNS] * BANK_COLUMNS)
    bank.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY),
                ("BOX", (0, 0), (-1, -1), 0.8, black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    label = "Answer bank — check yourself. The answers are mixed up; each is used once."
    return [para(label, style("ph-bank", 8.5, bold=True)), Spacer(1, 2), bank]


def answer_grid_story(period: PeriodPacket, width: float) -> list[Flowable]:
    """The paper saver's answer key: one row per student, one column per problem, answers
    only (the full key, with a worked step for each, prints without the paper saver)."""
    problems = max((len(sheet.problems) for sheet in period.practice), default=0)
    name_w = width * 0.18
    cell_w = (width - name_w) / max(problems, 1)
    header: list[Any] = [
        "",
        *(para(f"{n}", style("kg-h", 9, bold=True)) for n in range(1, problems + 1)),
    ]
    rows: list[list[Any]] = [header]
    for sheet in period.practice:
        answers: list[Any] = [RichText(p.answer, KEY_SIZE) for p in sheet.problems]
        answers += [""] * (problems - len(answers))
        rows.append([para(sheet.name, style("kg-name", KEY_SIZE, bold=True)), *answers])
    table = Table(rows, colWidths=[name_w, *[cell_w] * problems], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), 0.4, GREY),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return [
        teacher_banner("answer key"),
        Spacer(1, 4),
        para(f"{period.period_name} — answer key", style("kg-title", 14, bold=True)),
        para(
            "Answers only, one row per student's sheet. Without the paper saver, the key "
            "also shows a worked step for each answer.",
            style("kg-note", 8.5, color=GREY),
        ),
        Spacer(1, 4),
        table,
    ]
