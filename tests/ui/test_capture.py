"""Fast capture on Today: a whole group's evidence in one key press, and undo."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.ui.main_window import MainWindow
from mathroom.ui.settings import WindowSettings

# Evidence capture reads the same on any day: no reruns on calendar dates.
pytestmark = pytest.mark.any_date


def evidence_rows(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return int(connection.execute("SELECT count(*) FROM evidence").fetchone()[0])
    finally:
        connection.close()


def test_one_key_records_a_whole_group_and_undo_takes_it_back(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    today = window.today_page
    db = services.folder.database
    before = evidence_rows(db)
    # the first whiteboard card's Select button picks its members
    first = today.groups_grid.itemAt(0)
    card = first.widget() if first is not None else None
    assert card is not None
    select = next(b for b in card.findChildren(QPushButton) if b.text() == "Select")
    qtbot.mouseClick(select, Qt.MouseButton.LeftButton)
    chosen = today.selected_students()
    assert len(chosen) >= 3
    assert today.skill.currentText().startswith("Today: ")  # the day's task skills come first
    qtbot.keyClick(today.attendance, Qt.Key.Key_3)
    assert evidence_rows(db) == before + len(chosen)
    assert "Recorded Got it" in today.capture_status.text()
    window.undo_stack.undo()
    assert evidence_rows(db) == before
    window.undo_stack.redo()
    assert evidence_rows(db) == before + len(chosen)


def test_nothing_selected_says_so(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    today = window.today_page
    today.attendance.clearSelection()
    today.record_selected(next(iter(today.level_buttons)))
    assert "Select one or more students" in today.capture_status.text()
