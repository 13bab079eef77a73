"""The day's packet: one PDF with everything paper the day needs, period by period.

A cover lists what is inside; every period and section has a PDF bookmark; every page is
numbered. Teacher-only pages say so at the top. Student-facing pages are built only from
display names and task content (see packet_model).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO, cast

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from mathroom.atomic_files import atomic_path
from mathroom.export.document import columns_template, plain_template
from mathroom.export.fonts import BODY, register_fonts
from mathroom.export.keep import KeepInFrame, KeepTogether
from mathroom.export.layout import LANGUAGE, MARGIN, PaperSize
from mathroom.export.packet_model import (
    Packet,
    PacketLayout,
    PacketOptions,
    PeriodPacket,
    Section,
    SectionPages,
)
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
from mathroom.export.practice_half import answer_grid_story, practice_half_box
from mathroom.export.roster_sheet import RosterSheet, long_date, roster_story
from mathroom.export.sheet_grid import box_size, grid_id, grid_template
from mathroom.export.task_cards import card_story, hint_strips, page_templates
from mathroom.garbage import fewer_collections

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


class SectionMark(Flowable):
    """An invisible mark where a section starts, so the build can say which pages hold it."""

    def __init__(self, period: str, section: Section) -> None:
        super().__init__()
        self.period = period
        self.section = section

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0.0, 0.0

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, _NumberedCanvas):
            canvas.starts.append((len(canvas._pages), self.period, self.section))


class _NumberedCanvas(Canvas):
    """Writes "Page n of N" on every page once the total is known.

    Pages are held back until the end (the usual ReportLab recipe), so bookmarks are held
    back too: a bookmark made early would point at the first page.
    """

    footer = ""
    layouts: list[PacketLayout]  # set per build: where this canvas reports its sections

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._marks: list[tuple[int, str, str, int]] = []  # page index, key, title, level
        self.starts: list[tuple[int, str, Section]] = []  # page index, period, section

    def mark(self, key: str, title: str, level: int) -> None:
        self._marks.append((len(self._pages), key, title, level))

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # the documented recipe

    def save(self) -> None:
        total = len(self._pages)
        self.layouts.append(_layout(total, self.starts))
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


def _layout(total: int, starts: list[tuple[int, str, Section]]) -> PacketLayout:
    """Sections from their first pages: each runs to the page before the next one."""
    sections: list[SectionPages] = []
    first_section = starts[0][0] if starts else total
    if first_section > 0:
        sections.append(SectionPages("", None, 1, first_section))
    for index, (page, period, section) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else total
        sections.append(SectionPages(period, section, page + 1, end))
    return PacketLayout(total, tuple(sections))


def _period_story(
    packet: Packet, period: PeriodPacket, progress: Callable[[], None]
) -> list[Flowable]:
    options = packet.options
    wanted = options.sections
    saver = options.paper_saver
    paper = options.paper
    page_w, page_h = paper.points
    width, height = page_w - 2 * MARGIN, page_h - 2 * MARGIN
    story: list[Flowable] = []

    def section(sec: Section, template: str, items: list[Flowable]) -> None:
        if not items:
            return
        # The period's bookmark goes on its first page, after the break.
        marks: list[Flowable] = [Bookmark(sec.label, 1), SectionMark(period.period_name, sec)]
        if not any(isinstance(f, Bookmark) and f.level == 0 for f in story):
            marks.insert(0, Bookmark(period.period_name, 0))
        story.extend([NextPageTemplate(template), PageBreak(), *marks, *items])

    def boxes(sec: Section, columns: int, rows: int, items: Sequence[Flowable]) -> None:
        """One item per box of a ``columns`` × ``rows`` grid page."""
        flow: list[Flowable] = []
        for index, item in enumerate(items):
            if index:
                flow.append(FrameBreak())
            flow.append(item)
        section(sec, grid_id(columns, rows), flow)

    if Section.RUN_SHEET in wanted:
        notes = 3 if saver else 6
        section(Section.RUN_SHEET, "plain", run_sheet_story(period, width, note_lines=notes))
    if Section.STATION_CARDS in wanted and period.cards:
        cards = list(period.cards)
        if posters_on_cards(options, period):
            names = {poster.station: poster.names for poster in period.posters}
            cards = [replace(c, group=names.get(c.station or -1, ())) for c in cards]
        cards = [card for card in cards for _copy in range(max(1, options.copies))]
        items = card_story(cards, options.card_layout, paper)
        section(Section.STATION_CARDS, f"cards-{options.card_layout.value}", items)
        if options.hint_strips:
            strips = hint_strips(period.cards, paper, columns=2 if saver else 1)
            if strips:
                template = "columns" if saver else "plain"
                story.extend([NextPageTemplate(template), PageBreak(), *strips])
    progress()
    if Section.GROUP_POSTERS in wanted and period.posters and not posters_on_cards(options, period):
        if saver:
            half_w, half_h = box_size(paper, 1, 2)
            boxes(
                Section.GROUP_POSTERS,
                1,
                2,
                [
                    KeepInFrame(half_w, half_h, poster_story(p, half_w, height), mode="shrink")
                    for p in period.posters
                ],
            )
        else:
            items = []
            for index, poster in enumerate(period.posters):
                if index:
                    items.append(PageBreak())
                items += poster_story(poster, width, height)
            section(Section.GROUP_POSTERS, "plain", items)
    if Section.RESPONSE_SLIPS in wanted and period.slips:
        rows = 3 if saver else 2
        slip_w, slip_h = box_size(paper, 1, rows)
        boxes(
            Section.RESPONSE_SLIPS,
            1,
            rows,
            [response_slip_box(slip, slip_w, slip_h) for slip in period.slips],
        )
    _project_sections(period, options, section, boxes)
    if Section.EXIT_TICKETS in wanted and period.exit_tickets:
        rows = 3 if saver else 2
        cell_w, cell_h = box_size(paper, 2, rows)
        on_text = f"{period.on:%a %b} {period.on.day}"
        boxes(
            Section.EXIT_TICKETS,
            2,
            rows,
            [exit_ticket_box(t, on_text, cell_w, cell_h) for t in period.exit_tickets],
        )
    progress()
    if Section.PRACTICE in wanted and period.practice:
        if saver:
            half_w, half_h = box_size(paper, 1, 2)
            boxes(
                Section.PRACTICE,
                1,
                2,
                [practice_half_box(period, sheet, half_w, half_h) for sheet in period.practice],
            )
        else:
            items = []
            for index, sheet in enumerate(period.practice):
                if index:
                    items.append(PageBreak())
                items += practice_sheet_story(period, sheet, width, height)
            section(Section.PRACTICE, "plain", items)
    if Section.ANSWER_KEY in wanted and period.practice:
        if saver:
            section(Section.ANSWER_KEY, "plain", answer_grid_story(period, width - 12))
        else:
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


def posters_on_cards(options: PacketOptions, period: PeriodPacket) -> bool:
    """The paper saver prints each group's names on its station card instead of a poster
    (when both are chosen and there are cards to carry them)."""
    wanted = options.sections
    return (
        options.paper_saver
        and Section.STATION_CARDS in wanted
        and Section.GROUP_POSTERS in wanted
        and bool(period.cards)
        and bool(period.posters)
    )


def _project_sections(
    period: PeriodPacket,
    options: PacketOptions,
    section: Callable[[Section, str, list[Flowable]], None],
    boxes: Callable[[Section, int, int, Sequence[Flowable]], None],
) -> None:
    """A project's launch prints its brief (a page each, two with the paper saver) and
    rubrics (two to a page); its critique day prints gallery-walk slips (four to a page)."""
    wanted, paper = options.sections, options.paper
    if Section.PROJECT_BRIEF in wanted and period.briefs:
        if options.paper_saver:
            half_w, half_h = box_size(paper, 1, 2)
            briefs = [project_brief_story(b, half_w, half_h) for b in period.briefs]
            boxes(Section.PROJECT_BRIEF, 1, 2, briefs)
        else:
            page_w, page_h = paper.points
            # Inside the plain frame's 6 pt padding.
            plain_w, plain_h = page_w - 2 * MARGIN - 12, page_h - 2 * MARGIN - 13
            items: list[Flowable] = []
            for index, brief in enumerate(period.briefs):
                if index:
                    items.append(PageBreak())
                items.append(project_brief_story(brief, plain_w, plain_h))
            section(Section.PROJECT_BRIEF, "plain", items)
    if Section.RUBRICS in wanted and period.rubrics:
        half_w, half_h = box_size(paper, 1, 2)
        boxes(Section.RUBRICS, 1, 2, [rubric_box(r, half_w, half_h) for r in period.rubrics])
    if Section.PROJECT_SLIPS in wanted and period.project_slips:
        cell_w, cell_h = box_size(paper, 2, 2)
        slips = [critique_slip_box(s, cell_w, cell_h) for s in period.project_slips]
        boxes(Section.PROJECT_SLIPS, 2, 2, slips)


def _per_page(options: PacketOptions) -> dict[Section, str]:
    """How each section is laid out, for the cover."""
    saver = options.paper_saver
    return {
        Section.RESPONSE_SLIPS: "3 to a page" if saver else "2 to a page",
        Section.PROJECT_BRIEF: "2 to a page" if saver else "one per student",
        Section.EXIT_TICKETS: "6 to a page" if saver else "4 to a page",
        Section.PRACTICE: "2 to a page, to cut" if saver else "a page each",
    }


def _cover(packet: Packet) -> list[Flowable]:
    options = packet.options
    wanted = options.sections
    per_page = _per_page(options)
    story: list[Flowable] = [
        Bookmark("Contents", 0),
        para("Day packet", style("c-title", 28, bold=True)),
        para(long_date(packet.on), style("c-date", 14, color=GREY)),
        Spacer(1, 14),
    ]
    body = style("c-body", 11)
    for period in packet.periods:
        folded = posters_on_cards(options, period)
        counts = {
            Section.RUN_SHEET: "1 page",
            Section.STATION_CARDS: f"{len(period.cards)} task cards"
            + (", each with its group's names" if folded else ""),
            Section.GROUP_POSTERS: f"{len(period.posters)} posters",
            Section.RESPONSE_SLIPS: f"{len(period.slips)} slips, "
            f"{per_page[Section.RESPONSE_SLIPS]}",
            Section.PROJECT_BRIEF: f"{len(period.briefs)} briefs, "
            f"{per_page[Section.PROJECT_BRIEF]}",
            Section.RUBRICS: f"{len(period.rubrics)} rubrics, 2 to a page",
            Section.PROJECT_SLIPS: f"{len(period.project_slips)} slips, 4 to a page",
            Section.EXIT_TICKETS: f"{len(period.exit_tickets)} tickets, "
            f"{per_page[Section.EXIT_TICKETS]}",
            Section.PRACTICE: f"{len(period.practice)} personal sheets, "
            f"{per_page[Section.PRACTICE]}",
            Section.ANSWER_KEY: f"{len(period.practice)} sheets' answers",
            Section.ROSTER: f"{len(period.roster_names)} names",
        }
        have = {
            Section.RUN_SHEET: True,
            Section.STATION_CARDS: bool(period.cards),
            Section.GROUP_POSTERS: bool(period.posters) and not folded,
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
    note = (
        "Teacher-only pages say so at the top. Student pages show first names and the day's "
        "tasks only. The PDF has a bookmark for every period and section."
    )
    if options.paper_saver:
        note += (
            " Paper saver: cut the half and third sheets along the dashed lines; print the "
            "cut pages on one side only."
        )
    story.append(para(note, style("c-note", 9, color=GREY)))
    return story


def _templates(paper: PaperSize) -> list[PageTemplate]:
    return [
        plain_template(paper),
        columns_template(paper),
        *page_templates(paper),
        grid_template(paper, 1, 3),
        grid_template(paper, 2, 3),
        grid_template(paper, 1, 2),
        grid_template(paper, 2, 2),
    ]


def build_packet(
    packet: Packet, out: Path | BinaryIO, progress: Progress | None = None
) -> PacketLayout:
    """Write the packet to ``out`` (a path, written atomically, or an open binary file);
    returns where each section landed."""
    with fewer_collections():
        return _build_packet(packet, out, progress)


def _build_packet(packet: Packet, out: Path | BinaryIO, progress: Progress | None) -> PacketLayout:
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
    layouts: list[PacketLayout] = []
    canvas_class = type("PacketCanvas", (_NumberedCanvas,), {"footer": footer, "layouts": layouts})

    def write(target: str | BinaryIO) -> None:
        document = BaseDocTemplate(
            target,
            pagesize=paper.points,
            title=f"Day packet – {long_date(packet.on)}",
            author="Mathroom",
            lang=LANGUAGE,
            pageTemplates=_templates(paper),
        )
        document.build(story, canvasmaker=cast(Any, canvas_class))

    if isinstance(out, Path):
        with atomic_path(out) as temp:
            write(str(temp))
    else:
        write(out)
    step()
    return layouts[-1]


def count_packet(packet: Packet) -> PacketLayout:
    """Lay the packet out without writing a file: its pages, section by section."""
    return build_packet(packet, io.BytesIO())
