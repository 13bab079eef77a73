"""The day packet's pages, one builder per kind: run sheet, group poster, gallery-walk
slip, project brief, rubric and critique slip, exit ticket, practice sheet and answer key
(export/packet.py puts them together).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

from reportlab.lib.colors import Color, black
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from mathroom.domain.skills import Level
from mathroom.export.fonts import BODY, BOLD, paragraph
from mathroom.export.keep import KeepInFrame, KeepTogether
from mathroom.export.packet_model import (
    CritiqueSlip,
    ExitTicket,
    PeriodPacket,
    Poster,
    PracticeSheet,
    ProjectBrief,
    ResponseSlip,
    Rubric,
)
from mathroom.export.rich_text import RichText
from mathroom.export.roster_sheet import long_date

GREY = Color(0.35, 0.35, 0.35)
LIGHT = Color(0.92, 0.92, 0.92)


@cache  # one style object per look: the paragraph cache in fonts.py keys on it
def style(
    name: str,
    size: float,
    *,
    bold: bool = False,
    color: Color = black,
    leading: float = 1.22,
    align: Literal[0, 1, 2, 4] = 0,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else BODY,
        fontSize=size,
        leading=size * leading,
        textColor=color,
        alignment=align,
    )


def para(text: str, look: ParagraphStyle) -> Paragraph:
    return paragraph(text, look)


def teacher_banner(text: str) -> Table:
    table = Table([[para(f"TEACHER ONLY · {text}", style("banner", 9, bold=True))]])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY),
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                ("BOX", (0, 0), (-1, -1), 0.8, GREY),
            ]
        )
    )
    return table


def _table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), BODY),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, GREY),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands += [("FONTNAME", (0, 0), (-1, 0), BOLD), ("LINEBELOW", (0, 0), (-1, 0), 1, black)]
    table.setStyle(TableStyle(commands))
    return table


def run_sheet_story(period: PeriodPacket, width: float, note_lines: int = 6) -> list[Flowable]:
    title = style("run-title", 18, bold=True)
    body = style("run-body", 10)
    small = style("run-small", 9, color=GREY)
    heading = f"{period.period_name} · {period.course}" if period.course else period.period_name
    story: list[Flowable] = [
        teacher_banner("may show skills and levels"),
        Spacer(1, 4),
        para(f"{heading} — run sheet", title),
        para(long_date(period.on), small),
        Spacer(1, 6),
    ]
    if period.minutes_note:
        story += [para(f"⚠ {period.minutes_note}", style("warn", 10, bold=True)), Spacer(1, 4)]
    rows: list[list[Any]] = [["Time", "Block", "Min", "Details"]]
    for block in period.run_blocks:
        when = f"{block.starts:%H:%M}–{block.ends:%H:%M}"
        name = ("   ↳ " if block.inside else "") + block.heading
        details: Any = [para(line, body) for line in block.details] if block.details else ""
        rows.append(
            [when, para(name, style("b", 10, bold=not block.inside)), str(block.minutes), details]
        )
    story.append(_table(rows, [width * 0.14, width * 0.28, width * 0.07, width * 0.51]))
    if period.posters:
        story += [Spacer(1, 8), para("Stations and groups", style("h", 12, bold=True))]
        rows = [["Board", "Task", "Group"]]
        for poster in period.posters:
            rows.append(
                [
                    str(poster.station),
                    para(poster.task_title, body),
                    para(", ".join(poster.names), body),
                ]
            )
        story.append(_table(rows, [width * 0.08, width * 0.32, width * 0.60]))
    if period.pulls:
        heading = "Small-group pulls and 1-1 conferences"
        story += [Spacer(1, 8), para(heading, style("h", 12, bold=True))]
        story += [para("• " + line, body) for line in period.pulls]
    story += _unseen_story(period, body)
    story += [
        Spacer(1, 8),
        para("Absent today", style("h", 12, bold=True)),
        para(
            ", ".join(period.absent)
            if period.absent
            else "Attendance not taken yet, or nobody absent.",
            body,
        ),
    ]
    story += [Spacer(1, 8), para("Notes", style("h", 12, bold=True))]
    if period.notes:
        story.append(para(period.notes, body))
    lines = Table([[""]] * note_lines, colWidths=[width], rowHeights=[20] * note_lines)
    lines.setStyle(
        TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), BODY), ("LINEBELOW", (0, 0), (-1, -1), 0.4, GREY)]
        )
    )
    story.append(lines)
    return story


def _unseen_story(period: PeriodPacket, body: ParagraphStyle) -> list[Flowable]:
    """Who has waited N school days or more for the teacher's own time (when counted)."""
    every = period.fair_every
    if every <= 0:
        return []
    heading = f"Not seen for {every}+ school days (no pull or 1-1 conference)"
    story: list[Flowable] = [Spacer(1, 8), para(heading, style("h", 12, bold=True))]
    if not period.unseen:
        line = f"Nobody has waited {every} or more school days for a pull or a 1-1 conference."
        return [*story, para(line, body)]
    return [*story, *(para("• " + line, body) for line in period.unseen)]


def _fit_size(
    texts: Sequence[str], font: str, largest: float, smallest: float, width: float
) -> float:
    widest = max((stringWidth(t, font, 1.0) for t in texts), default=0.0)
    if widest <= 0:
        return largest
    return max(smallest, min(largest, width / widest))


def poster_story(poster: Poster, width: float, height: float) -> list[Flowable]:
    number = style("poster-number", 150, bold=True, leading=1.0, align=1)
    label = style("poster-label", 30, bold=True, align=1)
    names = list(poster.names) or ["(no one present)"]
    size = _fit_size(names, BOLD, 40, 16, width * 0.95)
    # Many members: shrink so every name fits on the page, never off the bottom.
    size = min(size, (height - 330) / (len(names) * 1.35))
    name_style = style("poster-name", size, bold=True, align=1, leading=1.3)
    story: list[Flowable] = [
        Spacer(1, 20),
        para(str(poster.station), number),
        Spacer(1, 30),
        para(poster.label, label),
        Spacer(1, 24),
    ]
    story += [para(name, name_style) for name in names]
    if poster.task_title:
        story += [Spacer(1, 20), para(poster.task_title, style("pt", 16, color=GREY, align=1))]
    return story


SLIP_PROMPTS = ("I noticed…", "I wonder…", "Our next step…")


def response_slip_box(slip: ResponseSlip, width: float, height: float) -> Flowable:
    """Half a page: who, which boards in which order, and three prompts per board."""
    per_board = slip.minutes_each and f" · about {slip.minutes_each} min at each"
    parts: list[Flowable] = [
        para(f"Gallery walk · {slip.group_label}", style("gw-title", 15, bold=True)),
        para(", ".join(slip.names), style("gw-names", 10, color=GREY)),
        para(
            "Visit the boards in this order: "
            + " → ".join(str(b) for b in slip.visits)
            + (per_board or ""),
            style("gw-order", 11, bold=True),
        ),
        Spacer(1, 4),
    ]
    rows: list[list[Any]] = []
    for board in slip.visits:
        for index, prompt in enumerate(SLIP_PROMPTS):
            label = f"Board {board}" if index == 0 else ""
            rows.append(
                [
                    para(label, style("gw-board", 11, bold=True)),
                    para(prompt, style("gw-prompt", 10)),
                    "",
                ]
            )
    table = Table(rows, colWidths=[width * 0.16, width * 0.24, width * 0.60])
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), BODY),
        ("LINEBELOW", (2, 0), (2, -1), 0.5, GREY),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
    ]
    for start in range(0, len(rows), len(SLIP_PROMPTS)):
        commands.append(("LINEABOVE", (0, start), (-1, start), 0.8, black))
    table.setStyle(TableStyle(commands))
    parts.append(table)
    return KeepInFrame(width, height, parts, mode="shrink")


def project_brief_story(brief: ProjectBrief, width: float, height: float) -> Flowable:
    """One page a student keeps for the whole project: what to make, with what, which day is
    which (with its date), and how to go further."""
    body = style("pb-body", 12)
    head = style("pb-head", 14, bold=True)
    parts: list[Flowable] = [
        para(brief.name, style("pb-name", 16, bold=True)),
        para(f"{brief.kind} brief", style("pb-kind", 11, color=GREY)),
        para(brief.title, style("pb-title", 26, bold=True)),
        Spacer(1, 8),
        RichText(brief.prompt, 13),
        Spacer(1, 8),
    ]
    if brief.materials:
        parts += [para("You will need", head), para(brief.materials, body), Spacer(1, 8)]
    rows: list[list[Any]] = [["Day", "What we do", "Date"]]
    for day in brief.days:
        when = f"{day.on:%A, %B} {day.on.day}" if day.on else "to be planned"
        rows.append([str(day.number), para(day.name, body), para(when, body)])
    days = _table(rows, [width * 0.08, width * 0.56, width * 0.36])
    days.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 12)]))
    parts += [para("The days", head), Spacer(1, 3), days]
    if brief.extensions:
        parts += [Spacer(1, 10), para("To go deeper", head), Spacer(1, 3)]
        parts += [
            RichText(f"**{n}.** {item}", 12) for n, item in enumerate(brief.extensions, start=1)
        ]
    return KeepInFrame(width, height, parts, mode="shrink")


class TickBox(Flowable):
    """An empty square to tick."""

    def __init__(self, side: float) -> None:
        super().__init__()
        self.side = side

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.side, self.side

    def draw(self) -> None:
        self.canv.setLineWidth(1.2)
        self.canv.rect(0, 0, self.side, self.side)


RUBRIC_COLUMNS = tuple(level.label for level in Level)  # Not yet … Extending


def rubric_box(rubric: Rubric, width: float, height: float) -> Flowable:
    """Half a page: the student's name, then one row per criterion with a box to tick under
    each of the four columns. Nothing is ticked: the student and the teacher fill it in."""
    parts: list[Flowable] = [
        para(rubric.name, style("rb-name", 15, bold=True)),
        para(f"Rubric · {rubric.title}", style("rb-title", 13, bold=True)),
        Spacer(1, 6),
    ]
    column = width * 0.14
    header = style("rb-col", 9.5, bold=True, align=1)
    rows: list[list[Any]] = [["", *(para(label, header) for label in RUBRIC_COLUMNS)]]
    for criterion in rubric.criteria:
        rows.append([RichText(criterion, 11), *(TickBox(13) for _ in RUBRIC_COLUMNS)])
    table = Table(rows, colWidths=[width - 4 * column, *[column] * 4])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("GRID", (0, 0), (-1, -1), 0.5, GREY),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                ("TOPPADDING", (0, 1), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
            ]
        )
    )
    parts += [
        table,
        Spacer(1, 8),
        para("One thing I am proud of:", style("rb-note", 10, color=GREY)),
    ]
    return KeepInFrame(width, height, parts, mode="shrink")


CRITIQUE_PROMPTS = ("I noticed…", "I wonder…", "One suggestion…")


def critique_slip_box(slip: CritiqueSlip, width: float, height: float) -> Flowable:
    """A quarter page for the project's gallery walk: whose poster, then three prompts, each
    with writing lines filling the rest of the slip."""
    parts: list[Flowable] = [
        para(slip.name, style("cs-name", 14, bold=True)),
        para(f"Gallery walk · {slip.title}", style("cs-title", 11, bold=True)),
        Spacer(1, 6),
    ]
    used = sum(part.wrap(width, height)[1] for part in parts)
    lines_each = 3  # the prompt's own line, then two more across the slip
    rows: list[list[Any]] = [[para("Poster by:", style("cs-by", 11, bold=True)), ""]]
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), BODY),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, 0), 0.6, GREY),
    ]
    for prompt in CRITIQUE_PROMPTS:
        first = len(rows)
        rows += [[para(prompt, style("cs-prompt", 11)), ""]]
        rows += [["", ""] for _ in range(lines_each - 1)]
        commands.append(("LINEBELOW", (1, first), (1, first), 0.6, GREY))
        commands.append(("LINEBELOW", (0, first + 1), (1, len(rows) - 1), 0.6, GREY))
    row_height = max(18.0, (height - used - 4) / len(rows))
    table = Table(rows, colWidths=[width * 0.5, width * 0.5], rowHeights=row_height)
    table.setStyle(TableStyle(commands))
    parts.append(table)
    return KeepInFrame(width, height, parts, mode="shrink")


def exit_ticket_box(ticket: ExitTicket, on_text: str, width: float, height: float) -> Flowable:
    parts: list[Flowable] = [
        para(ticket.name, style("et-name", 15, bold=True)),
        para(f"Exit ticket · {on_text}", style("et-date", 9, color=GREY)),
        Spacer(1, 6),
        para(ticket.title, style("et-title", 12, bold=True)),
        Spacer(1, 4),
        RichText(ticket.prompt, 11),
        Spacer(1, 8),
        para("Show your thinking:", style("et-work", 9, color=GREY)),
    ]
    return KeepInFrame(width, height, parts, mode="shrink")


def practice_sheet_story(
    period: PeriodPacket, sheet: PracticeSheet, width: float, height: float
) -> list[Flowable]:
    header: list[Flowable] = [
        para(sheet.name, style("ps-name", 18, bold=True)),
        para(
            f"Practice · {period.period_name} · {long_date(period.on)}",
            style("ps-sub", 10, color=GREY),
        ),
        Spacer(1, 8),
    ]
    problems = [
        RichText(f"**{n}.** {problem.prompt}", 13)
        for n, problem in enumerate(sheet.problems, start=1)
    ]
    cells = [RichText(answer, 12) for answer in sheet.answer_bank]
    columns = 4
    rows = [
        cells[i : i + columns] + [""] * (columns - len(cells[i : i + columns]))
        for i in range(0, len(cells), columns)
    ]
    bank = Table(rows, colWidths=[(width - 16) / columns] * columns)
    bank.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY),
                ("BOX", (0, 0), (-1, -1), 1, black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    bank_parts: list[Flowable] = [
        para(
            "Answer bank — check yourself. The answers are mixed up; each is used once.",
            style("ps-bank", 10, bold=True),
        ),
        Spacer(1, 3),
        bank,
    ]
    # Share the page's spare height out as room to work, so a sheet stays on one page.
    used = sum(f.wrap(width, height)[1] for f in [*header, *problems, *bank_parts])
    room = (height - used - 48) / max(len(problems), 1)  # frame padding and slack
    room = min(max(room, 22.0), 90.0)
    story = header
    for problem in problems:
        story.append(KeepTogether([problem, Spacer(1, room)]))
    story.append(KeepTogether(bank_parts))
    return story


def answer_key_story(period: PeriodPacket) -> list[Flowable]:
    """Every sheet's answers with a worked step, two columns to a page."""
    story: list[Flowable] = [
        teacher_banner("answer key"),
        Spacer(1, 4),
        para(f"{period.period_name} — answer key", style("k-title", 14, bold=True)),
        Spacer(1, 4),
    ]
    for sheet in period.practice:
        lines = []
        for number, problem in enumerate(sheet.problems, start=1):
            step = f" — {problem.step}" if problem.step else ""
            tag = f" ({problem.tag})" if problem.tag else ""
            lines.append(f"{number}. {problem.answer}{step}{tag}")
        story.append(
            KeepTogether(
                [
                    para(sheet.name, style("k-name", 10.5, bold=True)),
                    RichText("\n".join(lines), 8.5),
                    Spacer(1, 6),
                ]
            )
        )
    return story
