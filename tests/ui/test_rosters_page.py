"""The Rosters page, driven as a teacher would: keyboard, dialogs, undo."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.services.changes import Change
from mathroom.ui.dialogs.student_dialog import StudentDialog
from mathroom.ui.main_window import MainWindow
from mathroom.ui.pages.rosters_page import RostersPage
from mathroom.ui.settings import WindowSettings

# Roster editing reads the same on any day (the roster service tests cover the calendar): no
# reruns on calendar dates.
pytestmark = pytest.mark.any_date


@pytest.fixture
def window(qtbot: QtBot, services: Services, tmp_path: Path, school_day: date) -> MainWindow:
    made = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


@pytest.fixture
def page(window: MainWindow) -> RostersPage:
    shown = window.show_page("Rosters")
    assert isinstance(shown, RostersPage)
    return shown


T = TypeVar("T")


def _rows(services: Services, table: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(services.folder.database)
    try:
        return connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    finally:
        connection.close()


def _enrolments(services: Services) -> list[tuple[object, ...]]:
    return _rows(services, "enrollment")


def fill_and_accept(monkeypatch: pytest.MonkeyPatch, **fields: str) -> None:
    """Replace the modal exec(): type into the dialog's fields, then press OK."""

    def fake_exec(dialog: StudentDialog) -> int:
        for name, value in fields.items():
            getattr(dialog, name).setText(value)
        dialog.buttons.accepted.emit()
        return int(dialog.result())

    monkeypatch.setattr(StudentDialog, "exec", fake_exec)


def test_delete_archives_and_undo_restores(qtbot: QtBot, page: RostersPage) -> None:
    assert page.proxy.rowCount() == 22
    page.table.setFocus()
    page.table.selectRow(0)
    name = page.selected_students()[0].full_name
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.proxy.rowCount() == 21
    assert page.undo_banner.isVisible()
    assert name in page.undo_text.text()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.proxy.rowCount() == 22


def test_show_archived_and_restore(qtbot: QtBot, page: RostersPage) -> None:
    page.table.selectRow(3)
    student = page.selected_students()[0]
    page.archive_selected()
    page.show_archived.setChecked(True)
    assert page.proxy.rowCount() == 22
    page.select_student(student.id)
    assert page.restore_button.isEnabled()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    page.show_archived.setChecked(False)
    assert page.proxy.rowCount() == 22


def test_add_student_through_the_dialog(
    qtbot: QtBot, page: RostersPage, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _rows(services, "student"), _enrolments(services)
    fill_and_accept(monkeypatch, given="Nia", family="Abebe", number="0701001")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.proxy.rowCount() == 23
    selected = page.selected_students()
    assert [s.full_name for s in selected] == ["Nia Abebe"]
    page._undo.undo()
    assert page.proxy.rowCount() == 22
    # Undone exactly: no archived copy of the student, no enrolment left behind.
    assert (_rows(services, "student"), _enrolments(services)) == before


def test_bad_input_keeps_the_dialog_open_with_the_field_named(
    qtbot: QtBot, page: RostersPage
) -> None:
    period = page.current_list_period
    assert period is not None
    roster, ops = page._roster, page._ops

    def write(work: Callable[[], T]) -> T:
        return ops.write(work, Change.ROSTER)

    dialog = StudentDialog(roster, period.id, None, write, page)
    qtbot.addWidget(dialog)
    dialog.number.setText("0700123")  # the demo's Amara Okafor
    dialog.given.setText("Copy")
    dialog.buttons.accepted.emit()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "0700123 already belongs to Amara Okafor" in dialog.error.text()
    assert "d55e00" in dialog.number.styleSheet()


def test_enter_edits_the_selected_student(
    qtbot: QtBot, page: RostersPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.table.setFocus()
    page.table.selectRow(0)
    student = page.selected_students()[0]
    fill_and_accept(monkeypatch, preferred="Nas")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    page.select_student(student.id)
    assert page.selected_students()[0].preferred_name == "Nas"
    page._undo.undo()
    page.select_student(student.id)
    assert page.selected_students()[0].preferred_name == student.preferred_name


def test_move_to_another_period_and_undo(
    qtbot: QtBot, page: RostersPage, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_args: ("Period 3", True))
    before = _enrolments(services)
    page.table.selectRow(0)
    qtbot.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    assert page.proxy.rowCount() == 21
    assert "Moved" in page.undo_text.text()
    moved = _enrolments(services)
    page._undo.undo()
    assert page.proxy.rowCount() == 22
    # Exactly the rows before the move: no extra enrolment, the enrolment date kept.
    assert _enrolments(services) == before
    page._undo.redo()
    assert _enrolments(services) == moved


def test_picking_a_period_in_the_list_follows_in_the_header(
    window: MainWindow, page: RostersPage
) -> None:
    page.periods_panel.periods.setCurrentRow(2)
    assert window.current_period is not None and window.current_period.name == "Period 5"
    assert page.proxy.rowCount() == 22
