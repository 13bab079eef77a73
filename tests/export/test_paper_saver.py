"""The paper saver read back: fewer pages, every student's sheet and the key still there,
and the packet's section map (which pages may print two-sided) matching the PDF."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from mathroom.export.packet import build_packet, count_packet
from mathroom.export.packet_model import (
    ExitTicket,
    Packet,
    PacketOptions,
    PracticeProblem,
    PracticeSheet,
    Section,
    SectionPages,
)
from tests.export.pdf_reading import fonts_of
from tests.export.test_packet import DAY, NAMES, _period

SAVER = PacketOptions(paper_saver=True)


def _read(out: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]


def _pages_of(
    layout_sections: Sequence[SectionPages], section: Section, period: str = "Period 1"
) -> range:
    found = [s for s in layout_sections if s.section is section and s.period == period]
    assert len(found) == 1, (section, found)
    return range(found[0].first - 1, found[0].last)


def test_half_sheets_six_tickets_a_page_and_names_on_the_cards(tmp_path: Path) -> None:
    packet = Packet(DAY, (_period("Period 1"),), SAVER)
    out = tmp_path / "saver.pdf"
    layout = build_packet(packet, out)
    texts = _read(out)
    assert layout.pages == len(texts)
    practice = _pages_of(layout.sections, Section.PRACTICE)
    assert len(practice) == math.ceil(len(NAMES) / 2)
    on_practice = " ".join(texts[i] for i in practice)
    for name in NAMES:  # every sheet, once
        assert on_practice.count(f"{name} Practice") == 1, name
    assert on_practice.count("Answer bank") == len(NAMES)
    tickets = _pages_of(layout.sections, Section.EXIT_TICKETS)
    assert len(tickets) == math.ceil(len(NAMES) / 6)
    # No separate posters: each station card names its group instead.
    assert all(s.section is not Section.GROUP_POSTERS for s in layout.sections)
    cards = " ".join(texts[i] for i in _pages_of(layout.sections, Section.STATION_CARDS))
    assert "Group: Amara O. · Thảo N. · Łukasz W." in cards
    key = " ".join(texts[i] for i in _pages_of(layout.sections, Section.ANSWER_KEY))
    # A long name wraps in the key's name column: compare without the spaces.
    squeezed = key.replace(" ", "")
    assert "TEACHER ONLY" in key and all(n.replace(" ", "") in squeezed for n in NAMES)
    assert key.count("21") >= len(NAMES) and "Answers only" in key
    assert "2 to a page, to cut" in texts[0] and "6 to a page" in texts[0]
    fonts = fonts_of(PdfReader(out))
    assert fonts and all(fonts.values())


def test_the_saver_halves_the_packet_without_losing_a_section(tmp_path: Path) -> None:
    periods = (_period("Period 1"), _period("Period 2"))
    plain = build_packet(Packet(DAY, periods), tmp_path / "plain.pdf")
    saver = build_packet(Packet(DAY, periods, SAVER), tmp_path / "saver.pdf")
    assert saver.pages < plain.pages
    kept = {s.section for s in saver.sections}
    assert kept == {s.section for s in plain.sections} - {Section.GROUP_POSTERS}


def test_the_section_map_matches_the_bookmarks_and_counting_matches_building(
    tmp_path: Path,
) -> None:
    packet = Packet(DAY, (_period("Period 1"), _period("Period 2")), SAVER)
    out = tmp_path / "saver.pdf"
    built = build_packet(packet, out)
    assert count_packet(packet) == built
    reader = PdfReader(out)
    marks: dict[str, list[int | None]] = {}
    for item in reader.outline:
        for child in item if isinstance(item, list) else []:
            if not isinstance(child, list):
                marks.setdefault(str(child.title), []).append(
                    reader.get_destination_page_number(child)
                )
    for section in built.sections[1:]:
        assert section.section is not None
        assert section.first - 1 in marks[section.section.label]
    # Pages in order, every page once; only teacher pages may go two-sided.
    assert built.sections[0].section is None and built.sections[0].first == 1
    assert [s.first for s in built.sections[1:]] == [s.last + 1 for s in built.sections[:-1]]
    assert built.sections[-1].last == built.pages
    for section in built.sections:
        assert section.two_sided == (section.section is None or section.section.teacher_only)
    assert sum(r.pages for r in built.runs) == built.pages


def test_posters_print_two_to_a_page_when_the_cards_are_left_out(tmp_path: Path) -> None:
    options = replace(SAVER, sections=frozenset(Section) - {Section.STATION_CARDS})
    layout = build_packet(Packet(DAY, (_period("Period 1"),), options), tmp_path / "p.pdf")
    posters = [s for s in layout.sections if s.section is Section.GROUP_POSTERS]
    assert [p.pages for p in posters] == [1]  # two posters, one page


def _sheet(name: str, problems: int) -> PracticeSheet:
    items = tuple(
        PracticeProblem(f"Find ${n} + {n}$.", f"${2 * n}$", "", "7.NS.A.1") for n in range(problems)
    )
    return PracticeSheet(name, items, tuple(p.answer for p in items))


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(students=st.integers(1, 9), problems=st.integers(1, 10))
def test_never_drops_a_students_sheet_or_ticket(
    tmp_path: Path, students: int, problems: int
) -> None:
    names = tuple(f"Student{n:02d}" for n in range(students))
    period = replace(
        _period("Period 1"),
        practice=tuple(_sheet(n, problems) for n in names),
        exit_tickets=tuple(ExitTicket(n, "Exit", "Find $2 - 5$.") for n in names),
    )
    out = tmp_path / f"s{students}-{problems}.pdf"
    layout = build_packet(Packet(DAY, (period,), SAVER), out)
    texts = _read(out)
    practice = " ".join(texts[i] for i in _pages_of(layout.sections, Section.PRACTICE))
    tickets = " ".join(texts[i] for i in _pages_of(layout.sections, Section.EXIT_TICKETS))
    key = " ".join(texts[i] for i in _pages_of(layout.sections, Section.ANSWER_KEY))
    for name in names:
        assert practice.count(name) == 1 and tickets.count(name) == 1 and key.count(name) == 1
    assert practice.count(f"{problems}.") >= students  # the last problem on every sheet
