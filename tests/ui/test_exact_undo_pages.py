"""Ctrl+Z puts back exactly the rows an action wrote: a pull added from the Skills page, a
duplicated task."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.ui.operations import Operations
from mathroom.ui.pages.skills_page import SkillsPage
from tests.ui.test_tasks_page import make_page as make_tasks_page

pytestmark = pytest.mark.any_date

TABLES = ("day_plan", "plan_block", "station", "group_set", "student_group", "group_member")


def _rows(services: Services) -> list[list[tuple[object, ...]]]:
    connection = sqlite3.connect(services.folder.database)
    try:
        return [connection.execute(f"SELECT rowid, * FROM {t}").fetchall() for t in TABLES]
    finally:
        connection.close()


def test_undoing_an_added_pull_restores_the_plan_rows_exactly(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    undo = QUndoStack()
    page = SkillsPage(
        ops,
        services.classroom,
        services.evidence,
        services.plans,
        services.skill_map,
        undo,
        services.clock.today,
        services.teacher_time,
    )
    qtbot.addWidget(page)
    page.set_period(services.classroom.overview().periods[0])
    qtbot.mouseClick(page.needs.suggest_button, Qt.MouseButton.LeftButton)
    assert page.needs.selected() is not None
    before = _rows(services)
    qtbot.mouseClick(page.needs.accept_button, Qt.MouseButton.LeftButton)
    added = _rows(services)
    assert added != before
    undo.undo()
    assert _rows(services) == before
    undo.redo()
    assert _rows(services) == added


def test_undoing_a_duplicated_task_leaves_no_archived_copy(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page = make_tasks_page(qtbot, services, ops)
    page.list.setCurrentIndex(page.proxy.index(0, 0))

    def tasks() -> list[tuple[object, ...]]:
        connection = sqlite3.connect(services.folder.database)
        try:
            return connection.execute("SELECT id, title, archived_at FROM task").fetchall()
        finally:
            connection.close()

    before = tasks()
    page.duplicate_current()
    assert len(tasks()) == len(before) + 1
    page._undo.undo()
    assert tasks() == before
