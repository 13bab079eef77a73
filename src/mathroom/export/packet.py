"""The day's packet: one PDF with everything paper the day needs, period by period.

A cover lists what is inside; every period and section has a PDF bookmark; every page is
numbered. Teacher-only pages say so at the top. Student-facing pages are built only from
display names and task content (see packet_model).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, cast

from reportlab.lib.colors import Color, black
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    FrameBreak,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from mathroom.atomic_files import atomic_path
from mathroom.export.document import columns_template, plain_template
from mathroom.export.fonts import BODY, BOLD, paragraph_markup, register_fonts
from mathroom.export.layout import MARGIN
from mathroom.export.packet_model import (
    ExitTicket,
    Packet,
    PeriodPacket,
    Poster,
    PracticeSheet,
    ResponseSlip,
    Section,
)
from mathroom.export.rich_text import RichText
from mathroom.export.roster_sheet import RosterSheet, long_date, roster_story
from mathroom.export.task_cards import PADDING, card_story, hint_strips, page_templates

GREY = Color(0.35, 0.35, 0.35)
LIGHT = Color(0.92, 0.92, 0.92)
Progress = Callable[[int, int], None]


def _style(
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


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(paragraph_markup(text), style)


class Bookmark(Flowable):
    """An invisible mark: a PDF outline entry pointing at the page it lands on."""

    def __init__(self, title: str, level: int) -> None:
        super().__init__()
        self.title = title
        self.level = level
        self.key = f"b{id(self)}"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0.0, 0.0

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, _NumberedCanvas):
            canvas.mark(self.key, self.title, self.level)
        else:
            canvas.bookmarkPage(self.key)
            canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level > 0)


class _NumberedCanvas(Canvas):
    """Writes "Page n of N" on every page once the total is known.

    Pages are held back until the end (the usual ReportLab recipe), so bookmarks are held
    back too: a bookmark made early would point at the first page.
    """

    footer = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._marks: list[tuple[int, str, str, int]] = []  # page index, key, title, level

    def mark(self, key: str, title: str, level: int) -> None:
        self._marks.append((len(self._pages), key, title, level))

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # the documented recipe

    def save(self) -> None:
        total = len(self._pages)
        marks = list(self._marks)
        for index, state in enumerate(self._pages):
            self.__dict__.update(state)
            for page, key, title, level in marks:
                if page == index:
                    self.bookmarkPage(key)
                    self.addOutlineEntry(title, key, level=level, closed=level > 0)
            self.saveState()
            self.setFont(BODY, 8)
            self.setFillColor(GREY)
            width = self._pagesize[0]  # type: ignore[attr-defined]
            page = self.getPageNumber()
            self.drawCentredString(width / 2, 6 * mm, f"{self.footer} · Page {page} of {total}")
            self.restoreState()
            super().showPage()
        super().save()


def _teacher_banner(text: str) -> Table:
    table = Table([[_p(f"TEACHER ONLY · {text}", _style("banner", 9, bold=True))]])
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


# -- sections ---------------------------------------------------------------------------


def _run_sheet(period: PeriodPacket, width: float) -> list[Flowable]:
    title = _style("run-title", 18, bold=True)
    body = _style("run-body", 10)
    small = _style("run-small", 9, color=GREY)
    heading = f"{period.period_name} · {period.course}" if period.course else period.period_name
    story: list[Flowable] = [
        _teacher_banner("may show skills and levels"),
        Spacer(1, 4),
        _p(f"{heading} — run sheet", title),
        _p(long_date(period.on), small),
        Spacer(1, 6),
    ]
    if period.minutes_note:
        story += [_p(f"⚠ {period.minutes_note}", _style("warn", 10, bold=True)), Spacer(1, 4)]
    rows: list[list[Any]] = [["Time", "Block", "Min", "Details"]]
    for block in period.run_blocks:
        when = f"{block.starts:%H:%M}–{block.ends:%H:%M}"
        name = ("   ↳ " if block.inside else "") + block.heading
        details: Any = [_p(line, body) for line in block.details] if block.details else ""
        rows.append(
            [when, _p(name, _style("b", 10, bold=not block.inside)), str(block.minutes), details]
        )
    story.append(_table(rows, [width * 0.14, width * 0.28, width * 0.07, width * 0.51]))
    if period.posters:
        story += [Spacer(1, 8), _p("Stations and groups", _style("h", 12, bold=True))]
        rows = [["Board", "Task", "Group"]]
        for poster in period.posters:
            rows.append(
                [
                    str(poster.station),
                    _p(poster.task_title, body),
                    _p(", ".join(poster.names), body),
                ]
            )
        story.append(_table(rows, [width * 0.08, width * 0.32, width * 0.60]))
    if period.pulls:
        story += [Spacer(1, 8), _p("Small-group pulls", _style("h", 12, bold=True))]
        story += [_p("• " + line, body) for line in period.pulls]
    story += [
        Spacer(1, 8),
        _p("Absent today", _style("h", 12, bold=True)),
        _p(
            ", ".join(period.absent)
            if period.absent
            else "Attendance not taken yet, or nobody absent.",
            body,
        ),
    ]
    story += [Spacer(1, 8), _p("Notes", _style("h", 12, bold=True))]
    if period.notes:
        story.append(_p(period.notes, body))
    lines = Table([[""]] * 6, colWidths=[width], rowHeights=[20] * 6)
    lines.setStyle(
        TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), BODY), ("LINEBELOW", (0, 0), (-1, -1), 0.4, GREY)]
        )
    )
    story.append(lines)
    return story


def _fit_size(
    texts: Sequence[str], font: str, largest: float, smallest: float, width: float
) -> float:
    widest = max((stringWidth(t, font, 1.0) for t in texts), default=0.0)
    if widest <= 0:
        return largest
    return max(smallest, min(largest, width / widest))


def _poster(poster: Poster, width: float, height: float) -> list[Flowable]:
    number = _style("poster-number", 150, bold=True, leading=1.0, align=1)
    label = _style("poster-label", 30, bold=True, align=1)
    names = list(poster.names) or ["(no one present)"]
    size = _fit_size(names, BOLD, 40, 16, width * 0.95)
    # Many members: shrink so every name fits on the page, never off the bottom.
    size = min(size, (height - 330) / (len(names) * 1.35))
    name_style = _style("poster-name", size, bold=True, align=1, leading=1.3)
    story: list[Flowable] = [
        Spacer(1, 20),
        _p(str(poster.station), number),
        Spacer(1, 30),
        _p(poster.label, label),
        Spacer(1, 24),
    ]
    story += [_p(name, name_style) for name in names]
    if poster.task_title:
        story += [Spacer(1, 20), _p(poster.task_title, _style("pt", 16, color=GREY, align=1))]
    return story


SLIP_PROMPTS = ("I noticed…", "I wonder…", "Our next step…")


def _response_slip(slip: ResponseSlip, width: float, height: float) -> Flowable:
    """Half a page: who, which boards in which order, and three prompts per board."""
    per_board = slip.minutes_each and f" · about {slip.minutes_each} min at each"
    parts: list[Flowable] = [
        _p(f"Gallery walk · {slip.group_label}", _style("gw-title", 15, bold=True)),
        _p(", ".join(slip.names), _style("gw-names", 10, color=GREY)),
        _p(
            "Visit the boards in this order: "
            + " → ".join(str(b) for b in slip.visits)
            + (per_board or ""),
            _style("gw-order", 11, bold=True),
        ),
        Spacer(1, 4),
    ]
    rows: list[list[Any]] = []
    for board in slip.visits:
        for index, prompt in enumerate(SLIP_PROMPTS):
            label = f"Board {board}" if index == 0 else ""
            rows.append(
                [
                    _p(label, _style("gw-board", 11, bold=True)),
                    _p(prompt, _style("gw-prompt", 10)),
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


def _exit_ticket(ticket: ExitTicket, on_text: str, width: float, height: float) -> Flowable:
    parts: list[Flowable] = [
        _p(ticket.name, _style("et-name", 15, bold=True)),
        _p(f"Exit ticket · {on_text}", _style("et-date", 9, color=GREY)),
        Spacer(1, 6),
        _p(ticket.title, _style("et-title", 12, bold=True)),
        Spacer(1, 4),
        RichText(ticket.prompt, 11),
        Spacer(1, 8),
        _p("Show your thinking:", _style("et-work", 9, color=GREY)),
    ]
    return KeepInFrame(width, height, parts, mode="shrink")


def _practice_sheet(
    period: PeriodPacket, sheet: PracticeSheet, width: float, height: float
) -> list[Flowable]:
    header: list[Flowable] = [
        _p(sheet.name, _style("ps-name", 18, bold=True)),
        _p(
            f"Practice · {period.period_name} · {long_date(period.on)}",
            _style("ps-sub", 10, color=GREY),
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
        _p(
            "Answer bank — check yourself. The answers are mixed up; each is used once.",
            _style("ps-bank", 10, bold=True),
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


def _answer_key(period: PeriodPacket) -> list[Flowable]:
    """Every sheet's answers with a worked step, two columns to a page."""
    story: list[Flowable] = [
        _teacher_banner("answer key"),
        Spacer(1, 4),
        _p(f"{period.period_name} — answer key", _style("k-title", 14, bold=True)),
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
                    _p(sheet.name, _style("k-name", 10.5, bold=True)),
                    RichText("\n".join(lines), 8.5),
                    Spacer(1, 6),
                ]
            )
        )
    return story


# -- the document -------------------------------------------------------------------------


def _period_story(
    packet: Packet, period: PeriodPacket, progress: Callable[[], None]
) -> list[Flowable]:
    options = packet.options
    wanted = options.sections
    paper = options.paper
    page_w, page_h = paper.points
    width, height = page_w - 2 * MARGIN, page_h - 2 * MARGIN
    story: list[Flowable] = []

    def section(sec: Section, template: str, items: list[Flowable]) -> None:
        if not items:
            return
        # The period's bookmark goes on its first page, after the break.
        marks = [Bookmark(sec.label, 1)]
        if not any(isinstance(f, Bookmark) and f.level == 0 for f in story):
            marks.insert(0, Bookmark(period.period_name, 0))
        story.extend([NextPageTemplate(template), PageBreak(), *marks, *items])

    if Section.RUN_SHEET in wanted:
        section(Section.RUN_SHEET, "plain", _run_sheet(period, width))
    if Section.STATION_CARDS in wanted and period.cards:
        cards = [card for card in period.cards for _copy in range(max(1, options.copies))]
        items = card_story(cards, options.card_layout, paper)
        section(Section.STATION_CARDS, f"cards-{options.card_layout.value}", items)
        if options.hint_strips:
            strips = hint_strips(period.cards, paper)
            if strips:
                story.extend([NextPageTemplate("plain"), PageBreak(), *strips])
    progress()
    if Section.GROUP_POSTERS in wanted and period.posters:
        items = []
        for index, poster in enumerate(period.posters):
            if index:
                items.append(PageBreak())
            items += _poster(poster, width, height)
        section(Section.GROUP_POSTERS, "plain", items)
    if Section.RESPONSE_SLIPS in wanted and period.slips:
        slip_h = (height - 10 * mm) / 2 - 2 * PADDING - 1
        slip_w = width - 2 * PADDING
        items = []
        for index, slip in enumerate(period.slips):
            if index:
                items.append(FrameBreak())
            items.append(_response_slip(slip, slip_w, slip_h))
        section(Section.RESPONSE_SLIPS, "cards-half", items)
    if Section.EXIT_TICKETS in wanted and period.exit_tickets:
        cell_w = (width - 10 * mm) / 2 - 2 * PADDING
        cell_h = (height - 10 * mm) / 2 - 2 * PADDING - 1
        on_text = f"{period.on:%a %b} {period.on.day}"
        items = []
        for index, ticket in enumerate(period.exit_tickets):
            if index:
                items.append(FrameBreak())
            items.append(_exit_ticket(ticket, on_text, cell_w, cell_h))
        section(Section.EXIT_TICKETS, "cards-quarter", items)
    progress()
    if Section.PRACTICE in wanted and period.practice:
        items = []
        for index, sheet in enumerate(period.practice):
            if index:
                items.append(PageBreak())
            items += _practice_sheet(period, sheet, width, height)
        section(Section.PRACTICE, "plain", items)
    if Section.ANSWER_KEY in wanted and period.practice:
        section(Section.ANSWER_KEY, "columns", _answer_key(period))
    if Section.ROSTER in wanted and period.roster_names:
        check = RosterSheet(
            period.period_name,
            period.course,
            period.on,
            period.roster_names,
            paper,
            column_titles=("Here", "Ticket", "Practice"),
        )
        section(
            Section.ROSTER,
            "plain",
            [_teacher_banner("roster check"), Spacer(1, 4), *roster_story(check)],
        )
    progress()
    return story


def _cover(packet: Packet) -> list[Flowable]:
    wanted = packet.options.sections
    story: list[Flowable] = [
        Bookmark("Contents", 0),
        _p("Day packet", _style("c-title", 28, bold=True)),
        _p(long_date(packet.on), _style("c-date", 14, color=GREY)),
        Spacer(1, 14),
    ]
    body = _style("c-body", 11)
    for period in packet.periods:
        counts = {
            Section.RUN_SHEET: "1 page",
            Section.STATION_CARDS: f"{len(period.cards)} task cards",
            Section.GROUP_POSTERS: f"{len(period.posters)} posters",
            Section.RESPONSE_SLIPS: f"{len(period.slips)} slips, 2 to a page",
            Section.EXIT_TICKETS: f"{len(period.exit_tickets)} tickets, 4 to a page",
            Section.PRACTICE: f"{len(period.practice)} personal sheets",
            Section.ANSWER_KEY: f"{len(period.practice)} sheets' answers",
            Section.ROSTER: f"{len(period.roster_names)} names",
        }
        have = {
            Section.RUN_SHEET: True,
            Section.STATION_CARDS: bool(period.cards),
            Section.GROUP_POSTERS: bool(period.posters),
            Section.RESPONSE_SLIPS: bool(period.slips),
            Section.EXIT_TICKETS: bool(period.exit_tickets),
            Section.PRACTICE: bool(period.practice),
            Section.ANSWER_KEY: bool(period.practice),
            Section.ROSTER: bool(period.roster_names),
        }
        lines = [
            f"• {sec.label}: {counts[sec]}" + (" (teacher only)" if sec.teacher_only else "")
            for sec in Section
            if sec in wanted and have[sec]
        ]
        story.append(
            KeepTogether(
                [
                    _p(period.period_name, _style("c-p", 14, bold=True)),
                    *[_p(line, body) for line in lines],
                    Spacer(1, 10),
                ]
            )
        )
    story.append(
        _p(
            "Teacher-only pages say so at the top. Student pages show first names and the day's "
            "tasks only. The PDF has a bookmark for every period and section.",
            _style("c-note", 9, color=GREY),
        )
    )
    return story


def build_packet(packet: Packet, out: Path, progress: Progress | None = None) -> int:
    """Write the packet to ``out`` atomically; returns the page count."""
    register_fonts()
    paper = packet.options.paper
    total = len(packet.periods) * 3 + 1
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    story = _cover(packet)
    for period in packet.periods:
        story += _period_story(packet, period, step)
    footer = f"Mathroom day packet · {long_date(packet.on)}"
    canvas_class = type("PacketCanvas", (_NumberedCanvas,), {"footer": footer})
    with atomic_path(out) as temp:
        document = BaseDocTemplate(
            str(temp),
            pagesize=paper.points,
            title=f"Day packet – {long_date(packet.on)}",
            author="Mathroom",
            pageTemplates=[
                plain_template(paper),
                columns_template(paper),
                *page_templates(paper),
            ],
        )
        document.build(story, canvasmaker=cast(Any, canvas_class))
    step()
    return int(document.page)
