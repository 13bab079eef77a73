"""The roster check sheet PDF, read back: names in every script, page count, fonts embedded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from mathroom.export.layout import PaperSize
from mathroom.export.roster_sheet import RosterSheet, build_roster_sheet
from tests.export.pdf_reading import fonts_of

NAMES = (
    "Okafor, Amara",
    "Nguyễn, Thảo (Tina)",
    "Wójcik, Łukasz",
    "王, 美玲 (Mei)",
    "김, 지훈 (Jihoon)",
    "O'Connor, Siobhán",
    "<b>Tables</b> & Chairs",
    "Abernathy-Castellanos-Vandermeer, Maximiliano",
)


def test_sheet_holds_every_name_with_embedded_fonts(tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    report = build_roster_sheet(
        RosterSheet("Period 1", "Math 7", date(2026, 11, 23), NAMES, PaperSize.LETTER), out
    )
    reader = PdfReader(out)
    assert report.pages == len(reader.pages) == 1
    text = "".join(page.extract_text() for page in reader.pages)
    for name in NAMES:
        assert name in text, name
    assert "Monday, November 23, 2026" in text
    fonts = fonts_of(reader)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_long_rosters_flow_onto_more_pages_with_a_repeated_header(tmp_path: Path) -> None:
    names = tuple(f"Student{n:02d}, Test" for n in range(80))
    out = tmp_path / "long.pdf"
    report = build_roster_sheet(
        RosterSheet("Period 3", "", date(2026, 11, 23), names, PaperSize.A4), out
    )
    reader = PdfReader(out)
    assert report.pages == len(reader.pages) >= 2
    assert all("Name" in page.extract_text() for page in reader.pages)
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
