"""The Print page counts the packet's pages before it is built, saves paper when asked
(remembered), and hands the built packet's runs to the preview for two-sided printing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.services.packet import Section
from mathroom.ui.main_window import MainWindow
from mathroom.ui.pages.print_page import PrintPage
from mathroom.ui.settings import WindowSettings

pytestmark = pytest.mark.any_date


def _text(item: QTableWidgetItem | None) -> str:
    assert item is not None
    return item.text()


def _rows(page: PrintPage) -> dict[str, list[str]]:
    table = page.counts.table
    return {
        _text(table.verticalHeaderItem(r)): [
            _text(table.item(r, c)) for c in range(table.columnCount())
        ]
        for r in range(table.rowCount())
    }


def test_pages_are_counted_before_building_and_the_saver_is_remembered(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("Print")
    assert isinstance(page, PrintPage)
    qtbot.waitUntil(lambda: page.counts.table.isVisible(), timeout=15000)
    periods = [p.name for p in services.classroom.overview().periods]
    table = page.counts.table
    headers = [_text(table.horizontalHeaderItem(c)) for c in range(table.columnCount())]
    assert headers == [*periods, "All"]
    rows = _rows(page)
    practice = rows["Practice sheets"]
    packet = services.packet.packet(school_day)
    assert practice[:-1] == [str(len(p.practice)) for p in packet.periods]  # a page each
    assert "Group posters" in rows and rows["Cover (contents)"][-1] == "1"
    plain_total = sum(int(r[-1]) for r in rows.values())
    assert page.counts.summary.text().startswith(f"{plain_total} pages for 65 students")

    page.paper_saver.setChecked(True)
    assert page.counts.summary.text() == "Counting the pages…"
    qtbot.waitUntil(lambda: page.counts.table.isVisible(), timeout=15000)
    rows = _rows(page)
    assert rows["Practice sheets"][:-1] == [str((len(p.practice) + 1) // 2) for p in packet.periods]
    assert "Group posters" not in rows  # the names ride on the station cards
    saver_total = sum(int(r[-1]) for r in rows.values())
    assert saver_total <= 1.2 * 65 < plain_total
    assert services.packet.paper_saver()  # remembered for tomorrow

    # Built as counted, and the preview knows which pages may print two-sided.
    page.save_button.click()
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=30000)
    assert page.last_export is not None
    assert len(PdfReader(page.last_export).pages) == saver_total
    assert "Saved" in page.status.text()
    assert page.preview.runs and any(run.two_sided for run in page.preview.runs)

    # Nothing planned: nothing to count, said plainly.
    page.day.setDate(QDate(2001, 1, 1))
    qtbot.waitUntil(lambda: page.counts.summary.text().startswith("No pages"), timeout=15000)
    assert not page.counts.table.isVisible()
    page.day.setDate(QDate(school_day.year, school_day.month, school_day.day))
    page.sections[Section.PRACTICE].setChecked(False)
    qtbot.waitUntil(lambda: page.counts.table.isVisible(), timeout=15000)
    assert "Practice sheets" not in _rows(page)


def test_a_new_window_starts_with_the_remembered_saver(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    services.packet.set_paper_saver(True)
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    page = window.show_page("Print")
    assert isinstance(page, PrintPage)
    assert page.paper_saver.isChecked() and page.options().paper_saver
