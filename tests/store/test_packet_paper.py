"""The demo day on less paper: the saver's page count, counted before building, and the
remembered choice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from mathroom.app import main
from mathroom.clock import FixedClock
from mathroom.composition import Services
from mathroom.export.packet_model import PacketOptions, Section
from mathroom.paths import DataFolder

pytestmark = pytest.mark.any_date  # the packet's size does not depend on the calendar

SAVER = PacketOptions(paper_saver=True)


def test_the_demo_day_fits_in_1_2_pages_a_student_with_the_saver(
    services: Services, school_day: date, tmp_path: Path
) -> None:
    count = services.packet.count(school_day, None, SAVER)
    plain = services.packet.count(school_day)
    assert count.students == 65
    assert count.layout.pages / count.students <= 1.2 < plain.layout.pages / plain.students
    report = services.packet.build(school_day, tmp_path / "saver.pdf", None, SAVER)
    assert report.pages == count.layout.pages == len(PdfReader(report.path).pages)
    assert report.runs == count.layout.runs
    packet = services.packet.packet(school_day, None, SAVER)
    texts = [" ".join(p.extract_text().split()) for p in PdfReader(report.path).pages]
    for period in packet.periods:
        practice = next(
            s
            for s in count.layout.sections
            if s.period == period.period_name and s.section is Section.PRACTICE
        )
        on_pages = " ".join(texts[practice.first - 1 : practice.last])
        assert practice.pages == (len(period.practice) + 1) // 2
        # Nobody's sheet dropped (names in right-to-left scripts read back reordered).
        assert on_pages.count(f"Practice · {period.period_name} ·") == len(period.practice)
        for sheet in period.practice:
            if sheet.name.isascii():
                assert f"{sheet.name} Practice" in on_pages


def test_teacher_pages_may_go_two_sided_and_cut_pages_never(
    services: Services, school_day: date
) -> None:
    layout = services.packet.count(school_day, None, SAVER).layout
    sided = {s.section: s.two_sided for s in layout.sections}
    assert sided[Section.RUN_SHEET] and sided[Section.ANSWER_KEY] and sided[Section.ROSTER]
    assert not any(sided[s] for s in (Section.STATION_CARDS, Section.PRACTICE))
    assert not sided[Section.EXIT_TICKETS] and not sided[Section.RESPONSE_SLIPS]
    assert layout.sheets(two_sided=True) <= layout.sheets(two_sided=False) == layout.pages


def test_the_paper_saver_choice_is_remembered(services: Services) -> None:
    assert services.packet.paper_saver() is False
    services.packet.set_paper_saver(True)
    assert services.packet.paper_saver() is True


def test_the_command_line_saves_paper_when_asked(
    demo_folder: DataFolder, clock: FixedClock, school_day: date, tmp_path: Path
) -> None:
    plain, saver = tmp_path / "plain.pdf", tmp_path / "saver.pdf"
    common = ["--date", school_day.isoformat(), "--data-dir", str(demo_folder.root)]
    assert main(["packet", *common, "--out", str(plain)], clock=clock) == 0
    assert main(["packet", *common, "--out", str(saver), "--paper-saver"], clock=clock) == 0
    pages = len(PdfReader(saver).pages)
    assert pages <= 1.2 * 65 < len(PdfReader(plain).pages)
    assert "2 to a page, to cut" in PdfReader(saver).pages[0].extract_text()
