"""The run sheet's teacher-time part read back: pulls and conferences, and who has waited N
school days or more (teacher pages only)."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from mathroom.export.packet import build_packet
from mathroom.export.packet_model import Packet, PacketOptions, PeriodPacket, RunBlock, Section
from tests.export.pdf_reading import pdf_text

DAY = date(2026, 11, 27)


def _packet(unseen: tuple[str, ...], every: int) -> Packet:
    period = PeriodPacket(
        period_name="Period 1",
        course="Math 7",
        on=DAY,
        run_blocks=(
            RunBlock(time(8, 5), time(8, 30), "Whiteboard stations", 25),
            RunBlock(time(8, 5), time(8, 11), "1-1 conferences", 6, ("Conferences: Ben Ko",), True),
        ),
        pulls=("1-1 conferences: Ben Ko",),
        exit_tickets=(),
        unseen=unseen,
        fair_every=every,
    )
    sections = frozenset({Section.RUN_SHEET, Section.EXIT_TICKETS})
    return Packet(DAY, (period,), PacketOptions(sections=sections))


def test_the_run_sheet_lists_who_has_waited_longest_first(tmp_path: Path) -> None:
    out = tmp_path / "packet.pdf"
    lines = ("Amara Okafor — not seen yet (8 school days)", "Ben Ko — 5 school days, due today")
    build_packet(_packet(lines, 5), out)
    pages = pdf_text(out)
    sheet = next(text for text in pages if "— run sheet" in text)
    assert "Not seen for 5+ school days" in sheet
    assert sheet.index("Amara Okafor") < sheet.index("Ben Ko — 5 school days, due today")
    assert "Small-group pulls and 1-1 conferences" in sheet and "Conferences: Ben Ko" in sheet
    others = [text for text in pages if "TEACHER ONLY" not in text and "Day packet" not in text]
    assert all("Amara Okafor" not in text and "school days" not in text for text in others)


def test_everyone_seen_says_so_and_an_uncounted_packet_says_nothing(tmp_path: Path) -> None:
    out = tmp_path / "packet.pdf"
    build_packet(_packet((), 4), out)
    text = "\n".join(pdf_text(out))
    assert "Nobody has waited 4 or more school days for a pull or a 1-1 conference." in text
    build_packet(_packet((), 0), out)
    assert "Not seen for" not in "\n".join(pdf_text(out))
