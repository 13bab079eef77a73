"""The group maker keeps the teacher's hard rules: ticks hold across re-rolls, a late
arrival joins a group where every rule holds, and a broken rule is saved only when the
teacher overrides it."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.groups import ConstraintKind
from mathroom.domain.ids import StudentId
from mathroom.ui.main_window import MainWindow
from mathroom.ui.operations import Operations
from mathroom.ui.pages.groups_page import GroupsPage
from mathroom.ui.settings import WindowSettings
from mathroom.ui.widgets.group_maker import GroupMaker
from mathroom.ui.widgets.rules_editor import RulesEditor

pytestmark = pytest.mark.any_date


def _maker(qtbot: QtBot, services: Services, tmp_path: Path) -> GroupMaker:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("Groups")
    assert isinstance(page, GroupsPage)
    return page.maker


def _roll(qtbot: QtBot, maker: GroupMaker, button: object) -> None:
    old = maker.draft
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: maker.draft is not old, timeout=10_000)


def _where(maker: GroupMaker, student: StudentId) -> int:
    return next(gl.number for gl in maker.lists if student in gl.members())


def test_a_tick_holds_across_rerolls_until_unticked(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    maker = _maker(qtbot, services, tmp_path)
    _roll(qtbot, maker, maker.make_button)
    item = maker.lists[2].item(0)
    assert item is not None
    student = StudentId(int(item.data(Qt.ItemDataRole.UserRole)))
    item.setCheckState(Qt.CheckState.Checked)
    for _ in range(2):  # any number of re-rolls
        _roll(qtbot, maker, maker.reroll_button)
        assert _where(maker, student) == 3
        assert maker.lists[2].locked() == [student]  # still ticked on screen
    ticked = next(
        maker.lists[2].item(i)
        for i in range(maker.lists[2].count())
        if maker.lists[2].item(i).data(Qt.ItemDataRole.UserRole) == int(student)
    )
    ticked.setCheckState(Qt.CheckState.Unchecked)
    _roll(qtbot, maker, maker.reroll_button)
    assert maker.pins == {}
    assert all(gl.locked() == [] for gl in maker.lists)


def test_a_late_arrival_respects_a_keep_apart_rule_and_saving_a_broken_rule_asks(
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    school_day: date,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    maker = _maker(qtbot, services, tmp_path)
    period = maker.period
    assert period is not None
    day = school_day  # the day the maker opens on
    roster = [e.student.id for e in services.classroom.roster(period)]
    late = roster[-1]
    services.attendance.set_status(period, late, day, AttendanceStatus.ABSENT)
    _roll(qtbot, maker, maker.make_button)
    assert maker.draft is not None and late in maker.draft.absent
    smallest = min(maker.lists, key=lambda gl: (gl.count(), gl.number))
    services.grouping_rules.add_rule(
        period, ConstraintKind.KEEP_APART, late, smallest.members()[0], ""
    )

    maker.add_late(late)
    joined = _where(maker, late)
    assert joined != smallest.number
    assert "joins group" in maker.status.text()

    # The teacher drags the late student next to the one they must be kept apart from.
    item = next(
        gl.item(i)
        for gl in maker.lists
        for i in range(gl.count())
        if gl.item(i).data(Qt.ItemDataRole.UserRole) == int(late)
    )
    source = next(gl for gl in maker.lists if gl.number == joined)
    smallest.addItem(source.takeItem(source.row(item)))
    asked: list[tuple[str, ...]] = []
    answer = {"save": False}

    def confirm(broken: tuple[str, ...]) -> bool:
        asked.append(broken)
        return answer["save"]

    monkeypatch.setattr(maker, "confirm_override", confirm)
    monkeypatch.setattr(
        "mathroom.ui.widgets.group_maker.ask_board_count",
        lambda *_a: pytest.fail("the groups match the boards"),
    )
    sets = len(services.classroom.group_sets(period))
    qtbot.mouseClick(maker.save_button, Qt.MouseButton.LeftButton)
    assert asked and "keep-apart" in asked[0][0]
    assert "Not saved" in maker.status.text()
    assert len(services.classroom.group_sets(period)) == sets

    answer["save"] = True
    qtbot.mouseClick(maker.save_button, Qt.MouseButton.LeftButton)
    assert "recorded" in maker.status.text()
    assert maker.draft is not None and maker.draft.group_set is not None
    assert services.grouping.overridden(maker.draft.group_set) == asked[-1]


def _constraints(services: Services) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(services.folder.database)
    try:
        return connection.execute("SELECT * FROM grouping_constraint ORDER BY id").fetchall()
    finally:
        connection.close()


def test_adding_and_removing_a_rule_undo_exactly(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    undo = QUndoStack()
    editor = RulesEditor(ops, services.grouping_rules, undo)
    qtbot.addWidget(editor)
    period = services.classroom.overview().periods[0].id
    editor.load(period, [e.student for e in services.classroom.roster(period)])
    editor.second.setCurrentIndex(5)
    before = _constraints(services)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    added = _constraints(services)
    assert len(added) == len(before) + 1
    undo.undo()
    assert _constraints(services) == before  # gone, not archived
    undo.redo()
    assert _constraints(services) == added

    editor.list.setCurrentRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert _constraints(services) != added
    undo.undo()
    assert _constraints(services) == added


def test_saving_groups_undoes_exactly(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    maker = _maker(qtbot, services, tmp_path)
    tables = ("group_set", "student_group", "group_member", "station", "plan_block")

    def rows() -> list[list[tuple[object, ...]]]:
        connection = sqlite3.connect(services.folder.database)
        try:
            return [connection.execute(f"SELECT rowid, * FROM {t}").fetchall() for t in tables]
        finally:
            connection.close()

    before = rows()
    _roll(qtbot, maker, maker.make_button)
    qtbot.mouseClick(maker.save_button, Qt.MouseButton.LeftButton)
    assert "Saved" in maker.status.text()
    saved = rows()
    assert saved != before
    assert maker._undo is not None
    maker._undo.undo()  # the day's earlier groups and whiteboards come back exactly
    assert rows() == before
    assert maker.draft is not None and maker.draft.group_set is not None
    maker._undo.redo()
    assert rows() == saved
