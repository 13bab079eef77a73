"""The demo day's packet, gathered from a real data folder and read back."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from mathroom.composition import Services
from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.plan import school_week
from mathroom.export.packet_model import PacketOptions, Section
from mathroom.paths import DataFolder
from mathroom.services.packet import NoPlanError, PacketService
from mathroom.store.unit_of_work import Store
from tests.store.transactions import counted_transactions

LEVEL_WORDS = ("Not yet", "Getting there", "Got it", "Extending")


def test_the_demo_day_has_every_section_for_every_period(
    services: Services, school_day: date
) -> None:
    packet = services.packet.packet(school_day)
    assert [p.period_name for p in packet.periods] == [
        p.name for p in services.classroom.overview().periods
    ]
    for period in packet.periods:
        roster = services.classroom.roster(services.classroom.overview().periods[0].id)
        assert roster
        assert period.run_blocks and period.cards and period.posters
        assert len(period.cards) == len(period.posters) == 6
        assert period.exit_tickets and len(period.exit_tickets) == len(period.roster_names)
        assert all(poster.names for poster in period.posters)


def test_absent_students_get_no_ticket_and_are_listed_on_the_run_sheet(
    services: Services,
    school_day: date,
) -> None:
    period = services.classroom.overview().periods[0]
    entry = services.classroom.roster(period.id)[0]
    services.attendance.set_status(period.id, entry.student.id, school_day, AttendanceStatus.ABSENT)
    packet = services.packet.packet(school_day, [period.id])
    (part,) = packet.periods
    assert entry.display_name not in [t.name for t in part.exit_tickets]
    assert entry.student.full_name in part.absent
    assert all(entry.display_name not in poster.names for poster in part.posters)


@pytest.mark.any_date  # privacy of the PDF, not dates
def test_the_pdf_holds_names_sections_and_no_levels_on_student_pages(
    services: Services, tmp_path: Path, school_day: date
) -> None:
    out = tmp_path / "day.pdf"
    report = services.packet.build(school_day, out)
    reader = PdfReader(out)
    assert report.pages == len(reader.pages) > 30
    texts = [page.extract_text() for page in reader.pages]
    everything = "\n".join(texts)
    for period in services.classroom.overview().periods:
        for entry in services.classroom.roster(period.id):
            name = entry.display_name
            if any(unicodedata.bidirectional(c) in ("R", "AL") for c in name):
                # Text extraction reorders right-to-left runs; the words still print.
                name = name.split()[0]
            assert name in everything
    for text in texts:
        if "TEACHER ONLY" in text or "Day packet" in text:
            continue
        for word in LEVEL_WORDS:
            assert word not in text


def test_a_date_without_a_plan_is_refused_plainly(
    services: Services, tmp_path: Path, school_day: date
) -> None:
    out = tmp_path / "none.pdf"
    with pytest.raises(NoPlanError, match="Nothing is planned for Sunday"):
        services.packet.build(school_week(school_day)[-1] + timedelta(days=2), out)
    assert not out.exists()


def test_a_failed_build_keeps_the_old_file(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, school_day: date
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    out = exports / "day.pdf"
    out.write_bytes(b"%PDF old")

    def broken(*_args: object) -> list[object]:
        raise RuntimeError("disk full")

    monkeypatch.setattr("mathroom.export.packet.poster_story", broken)
    with pytest.raises(RuntimeError):
        services.packet.build(school_day, out, options=PacketOptions())
    assert out.read_bytes() == b"%PDF old"
    assert [p.name for p in exports.iterdir()] == ["day.pdf"]  # no half-written temp file


def test_sections_option_and_period_choice(services: Services, school_day: date) -> None:
    first = services.classroom.overview().periods[0]
    options = PacketOptions(sections=frozenset({Section.ROSTER}))
    packet = services.packet.packet(school_day, [first.id], options)
    assert [p.period_name for p in packet.periods] == [first.name]
    assert packet.options.sections == {Section.ROSTER}


def test_a_packet_reads_one_snapshot_in_one_transaction(
    demo_store: Store, demo_folder: DataFolder, school_day: date, tmp_path: Path
) -> None:
    service = PacketService(demo_store, demo_folder)
    with counted_transactions(demo_store) as begun:
        packet = service.packet(school_day)
    assert len(begun) == 1
    # The demo day reaches every kind of read: groups, tasks, pulls' histories, practice.
    assert all(p.posters and p.cards and p.exit_tickets for p in packet.periods)
    assert any(p.pulls for p in packet.periods) and any(p.practice for p in packet.periods)
    with counted_transactions(demo_store) as begun:
        service.build(school_day, tmp_path / "day.pdf")
    assert len(begun) == 1
