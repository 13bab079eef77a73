"""The day's packet: one PDF with everything paper the day needs, period by period.

A cover lists what is inside; every period and section has a PDF bookmark; every page is
numbered. Teacher-only pages say so at the top. Student-facing pages are built only from
display names and task content (see packet_model).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    FrameBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
)

from mathroom.atomic_files import atomic_path
from mathroom.export.document import columns_template, plain_template
from mathroom.export.fonts import BODY, register_fonts
from mathroom.export.layout import LANGUAGE, MARGIN
from mathroom.export.packet_model import Packet, PeriodPacket, Section
from mathroom.export.packet_pages import (
    GREY,
    answer_key_story,
    critique_slip_box,
    exit_ticket_box,
    para,
    poster_story,
    practice_sheet_story,
    project_brief_story,
    response_slip_box,
    rubric_box,
    run_sheet_story,
    style,
    teacher_banner,
)
from mathroom.export.roster_sheet import RosterSheet, long_date, roster_story
from mathroom.export.task_cards import PADDING, card_story, hint_strips, page_templates

Progress = Callable[[int, int], None]


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
        section(Section.RUN_SHEET, "plain", run_sheet_story(period, width))
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
            items += poster_story(poster, width, height)
        section(Section.GROUP_POSTERS, "plain", items)
    if Section.RESPONSE_SLIPS in wanted and period.slips:
        slip_h = (height - 10 * mm) / 2 - 2 * PADDING - 1
        slip_w = width - 2 * PADDING
        items = []
        for index, slip in enumerate(period.slips):
            if index:
                items.append(FrameBreak())
            items.append(response_slip_box(slip, slip_w, slip_h))
        section(Section.RESPONSE_SLIPS, "cards-half", items)
    _project_sections(period, wanted, width, height, section)
    if Section.EXIT_TICKETS in wanted and period.exit_tickets:
        cell_w = (width - 10 * mm) / 2 - 2 * PADDING
        cell_h = (height - 10 * mm) / 2 - 2 * PADDING - 1
        on_text = f"{period.on:%a %b} {period.on.day}"
        items = []
        for index, ticket in enumerate(period.exit_tickets):
            if index:
                items.append(FrameBreak())
            items.append(exit_ticket_box(ticket, on_text, cell_w, cell_h))
        section(Section.EXIT_TICKETS, "cards-quarter", items)
    progress()
    if Section.PRACTICE in wanted and period.practice:
        items = []
        for index, sheet in enumerate(period.practice):
            if index:
                items.append(PageBreak())
            items += practice_sheet_story(period, sheet, width, height)
        section(Section.PRACTICE, "plain", items)
    if Section.ANSWER_KEY in wanted and period.practice:
        section(Section.ANSWER_KEY, "columns", answer_key_story(period))
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
            [teacher_banner("roster check"), Spacer(1, 4), *roster_story(check)],
        )
    progress()
    return story


def _project_sections(
    period: PeriodPacket,
    wanted: frozenset[Section],
    width: float,
    height: float,
    section: Callable[[Section, str, list[Flowable]], None],
) -> None:
    """A project's launch prints its brief (a page each) and rubrics (two to a page); its
    critique day prints gallery-walk slips (four to a page). Added through ``section``."""
    half_w = width - 2 * PADDING
    cell_w = (width - 10 * mm) / 2 - 2 * PADDING
    cell_h = (height - 10 * mm) / 2 - 2 * PADDING - 1
    plain_w, plain_h = width - 12, height - 13  # inside the plain frame's 6 pt padding
    parts: list[tuple[Section, str, str, list[Flowable]]] = [
        (
            Section.PROJECT_BRIEF,
            "plain",
            "page",
            [project_brief_story(b, plain_w, plain_h) for b in period.briefs],
        ),
        (
            Section.RUBRICS,
            "cards-half",
            "frame",
            [rubric_box(r, half_w, cell_h) for r in period.rubrics],
        ),
        (
            Section.PROJECT_SLIPS,
            "cards-quarter",
            "frame",
            [critique_slip_box(s, cell_w, cell_h) for s in period.project_slips],
        ),
    ]
    for sec, template, step, boxes in parts:
        if sec not in wanted or not boxes:
            continue
        items: list[Flowable] = []
        for index, box in enumerate(boxes):
            if index:
                items.append(PageBreak() if step == "page" else FrameBreak())
            items.append(box)
        section(sec, template, items)


def _cover(packet: Packet) -> list[Flowable]:
    wanted = packet.options.sections
    story: list[Flowable] = [
        Bookmark("Contents", 0),
        para("Day packet", style("c-title", 28, bold=True)),
        para(long_date(packet.on), style("c-date", 14, color=GREY)),
        Spacer(1, 14),
    ]
    body = style("c-body", 11)
    for period in packet.periods:
        counts = {
            Section.RUN_SHEET: "1 page",
            Section.STATION_CARDS: f"{len(period.cards)} task cards",
            Section.GROUP_POSTERS: f"{len(period.posters)} posters",
            Section.RESPONSE_SLIPS: f"{len(period.slips)} slips, 2 to a page",
            Section.PROJECT_BRIEF: f"{len(period.briefs)} briefs, one per student",
            Section.RUBRICS: f"{len(period.rubrics)} rubrics, 2 to a page",
            Section.PROJECT_SLIPS: f"{len(period.project_slips)} slips, 4 to a page",
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
            Section.PROJECT_BRIEF: bool(period.briefs),
            Section.RUBRICS: bool(period.rubrics),
            Section.PROJECT_SLIPS: bool(period.project_slips),
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
                    para(period.period_name, style("c-p", 14, bold=True)),
                    *[para(line, body) for line in lines],
                    Spacer(1, 10),
                ]
            )
        )
    story.append(
        para(
            "Teacher-only pages say so at the top. Student pages show first names and the day's "
            "tasks only. The PDF has a bookmark for every period and section.",
            style("c-note", 9, color=GREY),
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
            lang=LANGUAGE,
            pageTemplates=[
                plain_template(paper),
                columns_template(paper),
                *page_templates(paper),
            ],
        )
        document.build(story, canvasmaker=cast(Any, canvas_class))
    step()
    return int(document.page)
