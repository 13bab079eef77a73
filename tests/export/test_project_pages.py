"""A project's pages in the day's packet, read back: the brief, the rubrics, the gallery slips."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from mathroom.export.layout import PaperSize
from mathroom.export.packet import build_packet
from mathroom.export.packet_model import (
    CritiqueSlip,
    Packet,
    PacketOptions,
    PeriodPacket,
    ProjectBrief,
    ProjectDayLine,
    Rubric,
    Section,
)
from tests.export.pdf_reading import fonts_of

LAUNCH = date(2026, 11, 26)
NAMES = ("Amara O.", "Thảo N.", "Łukasz W.", "美玲 王", "Maximiliano Abernathy-Castellano")
LEVEL_WORDS = ("Not yet", "Getting there", "Got it", "Extending")
CRITERIA = (
    "My scale is stated and every length uses it",
    "Every object is in the right place and the right size",
    "My area uses $\\frac{1}{2}$ of the grid",
)
DAYS = (
    ProjectDayLine(1, "Launch: measure the room", LAUNCH),
    ProjectDayLine(2, "Work day: draw the floor plan", date(2026, 11, 27)),
    ProjectDayLine(3, "Work day: redesign", None),
    ProjectDayLine(4, "Gallery & critique", date(2026, 12, 1)),
)


def brief(name: str) -> ProjectBrief:
    return ProjectBrief(
        name,
        "Project",
        "Scale Drawing of Our Classroom",
        "Make an accurate **scale drawing** of our classroom.\n\n1. Measure.\n2. Draw.",
        "Tape measures, grid paper",
        DAYS,
        ("Find the real area of the floor.", "Carpet tiles cost \\$4.25 each: what would it cost?"),
    )


def period(**parts: object) -> PeriodPacket:
    return replace(PeriodPacket("Period 1", "Math 7", LAUNCH), **parts)  # type: ignore[arg-type]


def build(tmp_path: Path, part: PeriodPacket, paper: PaperSize = PaperSize.LETTER) -> PdfReader:
    out = tmp_path / "packet.pdf"
    wanted = frozenset(PacketOptions().sections) - {Section.RUN_SHEET}
    options = PacketOptions(sections=wanted, paper=paper)
    pages = build_packet(Packet(LAUNCH, (part,), options), out).pages
    reader = PdfReader(out)
    assert pages == len(reader.pages)
    return reader


@pytest.mark.parametrize("paper", list(PaperSize))
def test_a_launch_prints_a_brief_page_and_a_half_page_rubric_for_each_student(
    tmp_path: Path, paper: PaperSize
) -> None:
    part = period(
        briefs=tuple(brief(n) for n in NAMES),
        rubrics=tuple(Rubric(n, "Scale Drawing of Our Classroom", CRITERIA) for n in NAMES),
    )
    reader = build(tmp_path, part, paper)
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(texts) == 1 + len(NAMES) + 3  # cover, a brief each, rubrics two to a page
    briefs = texts[1 : 1 + len(NAMES)]
    for name, text in zip(NAMES, briefs, strict=True):
        assert name in text and "Scale Drawing of Our Classroom" in text
        assert "Launch: measure the room" in text and "Thursday, November 26" in text
        assert "to be planned" in text  # day 3 has no date yet
        assert "Tuesday, December 1" in text and "Tape measures" in text
        assert "To go deeper" in text and "4.25" in text
    rubric_pages = texts[1 + len(NAMES) :]
    assert sum(text.count("Rubric · Scale Drawing") for text in rubric_pages) == len(NAMES)
    for text in rubric_pages:
        assert all(word in text for word in LEVEL_WORDS)  # the four columns, to tick
        assert "every length uses it" in text
    (children,) = [item for item in reader.outline if isinstance(item, list)]
    bookmarks = [item.title for item in children if not isinstance(item, list)]
    assert bookmarks == ["Project brief", "Project rubrics"]
    assert "5 briefs, one per student" in texts[0] and "5 rubrics, 2 to a page" in texts[0]
    fonts = fonts_of(reader)
    assert fonts and all(fonts.values()) and not any("Helvetica" in f for f in fonts)


def test_a_critique_day_prints_four_gallery_slips_to_a_page(tmp_path: Path) -> None:
    slips = tuple(CritiqueSlip(f"Student {n}", "Fraction Quilt Blocks") for n in range(1, 10))
    reader = build(tmp_path, period(project_slips=slips))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(texts) == 1 + 3  # nine slips: three pages
    slip_pages = "\n".join(texts[1:])
    assert slip_pages.count("Gallery walk · Fraction Quilt Blocks") == 9
    for prompt in ("Poster by:", "I noticed…", "I wonder…", "One suggestion…"):
        assert slip_pages.count(prompt) == 9
    for word in LEVEL_WORDS:
        assert word not in slip_pages


def test_a_long_brief_still_fits_one_page(tmp_path: Path) -> None:
    long = replace(
        brief("Amara O."),
        prompt="\n\n".join(
            f"{n}. A long step of the project, described in detail." for n in range(40)
        ),
        extensions=tuple(f"Extension {n}: go further still." for n in range(8)),
    )
    reader = build(tmp_path, period(briefs=(long, brief("Zoë A."))))
    assert len(reader.pages) == 3
    assert "Amara O." in reader.pages[1].extract_text()
    assert "Zoë A." in reader.pages[2].extract_text()
