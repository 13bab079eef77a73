"""The day's packet read back: sections, bookmarks, page numbers, fonts, privacy, long names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from mathroom.export.layout import PaperSize
from mathroom.export.packet import build_packet
from mathroom.export.packet_model import (
    ExitTicket,
    Packet,
    PacketOptions,
    PeriodPacket,
    Poster,
    PracticeProblem,
    PracticeSheet,
    RunBlock,
    Section,
)
from mathroom.export.task_cards import Card, CardLayout
from tests.export.pdf_reading import fonts_of

DAY = date(2026, 11, 24)
LONG_NAME = "Maximiliano Abernathy-Castellanos-Vandermeer"[:40]
NAMES = ("Amara O.", "Thảo N.", "Łukasz W.", "美玲 王", LONG_NAME)
LEVEL_WORDS = ("Not yet", "Getting there", "Got it", "Extending")
PROJECT_SECTIONS = (Section.PROJECT_BRIEF, Section.RUBRICS, Section.PROJECT_SLIPS)


def _period(name: str) -> PeriodPacket:
    return PeriodPacket(
        period_name=name,
        course="Math 7",
        on=DAY,
        run_blocks=(
            RunBlock(time(8, 0), time(8, 5), "Warm-up", 5, ("Task: Number talk",)),
            RunBlock(time(8, 5), time(8, 30), "Whiteboard stations", 25, ("2 whiteboards",)),
            RunBlock(time(8, 10), time(8, 20), "Pull", 10, ("Amara (Not yet)",), inside=True),
        ),
        pulls=("Pull: Add integers — Amara O. (Not yet)",),
        cards=(
            Card("Balanced Bags", "Solve $2x + 5 = 17$.", station=1, hints=("Take 5 away.",)),
            Card("Pizza", "Compare $\\frac{3}{8}$ and $\\frac{2}{5}$.", station=2),
        ),
        posters=(
            Poster(1, "Station 1", NAMES[:3], "Balanced Bags"),
            Poster(2, "Station 2", NAMES[3:], "Pizza"),
        ),
        exit_tickets=tuple(ExitTicket(n, "Exit: integers", "Find $-6 - (-10)$.") for n in NAMES),
        practice=tuple(
            PracticeSheet(
                n,
                (
                    PracticeProblem(
                        "Add $\\frac{1}{4} + \\frac{1}{2}$.",
                        "$\\frac{3}{4}$",
                        "$\\frac{1}{4} + \\frac{2}{4}$",
                        "5.NF.A.1-unlike",
                    ),
                    PracticeProblem("Find $3 \\times 7$.", "$21$", "", "4.NBT.B.5"),
                ),
                ("$21$", "$\\frac{3}{4}$"),
            )
            for n in NAMES
        ),
        roster_names=("Okafor, Amara", "Nguyễn, Thảo", "Wójcik, Łukasz"),
    )


def _build(tmp_path: Path, **options: object) -> tuple[Path, int, PdfReader]:
    out = tmp_path / "packet.pdf"
    packet = Packet(DAY, (_period("Period 1"), _period("Period 2")), PacketOptions(**options))  # type: ignore[arg-type]
    pages = build_packet(packet, out).pages
    return out, pages, PdfReader(out)


def test_every_section_for_every_period_with_bookmarks_and_page_numbers(tmp_path: Path) -> None:
    _out, pages, reader = _build(tmp_path)
    assert pages == len(reader.pages)
    texts = [page.extract_text() for page in reader.pages]
    assert "Day packet" in texts[0] and "Period 2" in texts[0]
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
    outline = reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == ["Contents", "Period 1", "Period 2"]
    children = [item for item in outline if isinstance(item, list)]
    absent = {Section.RESPONSE_SLIPS, *PROJECT_SECTIONS}  # no gallery walk, no project
    expected = [s.label for s in Section if s not in absent]
    assert [c.title for c in children[0] if not isinstance(c, list)] == expected
    pages_of = [reader.get_destination_page_number(item) or 0 for item in _flat(outline)]
    assert pages_of == sorted(pages_of) and pages_of[1] == pages_of[2] == 1  # period, run sheet
    everything = "\n".join(texts)
    for name in NAMES:
        assert everything.count(name) >= 2 * 3  # poster, ticket and sheet in each period
    assert "Answer bank" in everything and "TEACHER ONLY" in everything
    fonts = fonts_of(reader)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in f for f in fonts)


def _flat(outline: Sequence[Any]) -> list[Destination]:
    flat: list[Destination] = []
    for item in outline:
        flat.extend(_flat(item) if isinstance(item, list) else [item])
    return flat


def test_student_pages_never_show_levels_or_skill_codes(tmp_path: Path) -> None:
    _out, _pages, reader = _build(tmp_path)
    student_pages = [
        text
        for text in (p.extract_text() for p in reader.pages)
        if "TEACHER ONLY" not in text and "Day packet" not in text
    ]
    assert len(student_pages) >= 10
    for text in student_pages:
        for word in LEVEL_WORDS:
            assert word not in text
        assert "5.NF.A.1" not in text


def test_sections_can_be_left_out(tmp_path: Path) -> None:
    chosen = frozenset({Section.EXIT_TICKETS, Section.ROSTER})
    _out, _pages, reader = _build(tmp_path, sections=chosen)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Exit ticket" in text and "Okafor, Amara" in text
    assert "run sheet" not in text and "Answer bank" not in text and "Station 1" not in text


@pytest.mark.parametrize("paper", list(PaperSize))
@pytest.mark.parametrize("layout", list(CardLayout))
def test_layouts_and_paper(tmp_path: Path, paper: PaperSize, layout: CardLayout) -> None:
    _out, pages, reader = _build(tmp_path, paper=paper, card_layout=layout, copies=2)
    assert round(float(reader.pages[0].mediabox.width)) == round(paper.points[0])
    assert pages > 10


def test_a_forty_character_name_prints_whole_on_its_poster(tmp_path: Path) -> None:
    _out, _pages, reader = _build(tmp_path)
    posters = [p.extract_text() for p in reader.pages if "Station 2" in p.extract_text()]
    assert any(LONG_NAME in text for text in posters)
