"""Teacher time from the pages: Today's "Not seen for 5+ school days", the Plan page's
"Pull or conferences…" for the chosen day, and the Skills page's pull for another day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.plan import BlockKind, school_week
from mathroom.services.changes import Change
from mathroom.ui.dialogs.teacher_time_dialog import TeacherTimeDialog
from mathroom.ui.operations import Operations
from mathroom.ui.pages.plan_page import PlanPage
from mathroom.ui.pages.skills_page import SkillsPage
from mathroom.ui.pages.today_page import TodayPage


@pytest.fixture
def monday(school_day: date) -> date:
    return school_week(school_day)[0]


def test_today_lists_who_has_waited_and_drops_them_once_planned(
    qtbot: QtBot, services: Services, ops: Operations, monday: date
) -> None:
    shown = [school_week(monday)[-1]]  # the page's "today": Friday of the demo week
    page = TodayPage(
        ops,
        services.classroom,
        services.attendance,
        services.evidence,
        lambda: shown[0],
        QUndoStack(),
        services.teacher_time,
    )
    qtbot.addWidget(page)
    period = services.classroom.overview().periods[0]
    page.set_period(period)
    lines = [page.unseen.list.item(r).text() for r in range(page.unseen.list.count())]
    assert page.unseen.title.text() == "Not seen for 5+ school days"
    assert lines and all(line.endswith("not seen yet (5 school days), due today") for line in lines)

    shown[0] = monday + timedelta(days=14)
    page.reload()
    lines = [page.unseen.list.item(r).text() for r in range(page.unseen.list.count())]
    assert lines[0].endswith("not seen yet (11 school days)")
    assert len(lines) == period.student_count  # nobody seen for two weeks
    first = services.teacher_time.overdue(period.id, shown[0]).overdue[0]
    ops.write(
        lambda: services.teacher_time.add_conferences(period.id, shown[0], [first.student]),
        Change.PLANS,
    )
    remaining = [page.unseen.list.item(r).text() for r in range(page.unseen.list.count())]
    assert len(remaining) == len(lines) - 1
    assert all(not line.startswith(f"{first.name} —") for line in remaining)


def test_the_plan_pages_button_plans_the_chosen_day_and_ctrl_z_undoes(
    qtbot: QtBot, services: Services, ops: Operations, monday: date
) -> None:
    undo = QUndoStack()
    page = PlanPage(
        ops,
        services.classroom,
        services.plans,
        services.clock.today,
        undo,
        teacher_time=services.teacher_time,
    )
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    period = services.classroom.overview().periods[0]
    page.set_period(period)
    later = monday + timedelta(days=7)
    page.select(period.id, later)
    qtbot.mouseClick(page.teacher_time_button, Qt.MouseButton.LeftButton)
    (dialog,) = page.findChildren(TeacherTimeDialog)
    assert dialog.day == later and dialog.isVisible()
    qtbot.mouseClick(dialog.add_suggested_button, Qt.MouseButton.LeftButton)
    lines = [page.card.blocks.item(r).text() for r in range(page.card.blocks.count())]
    assert any("Pull: " in line and "students pulled" in line for line in lines)
    assert any("1-1 conferences" in line and "conferences" in line for line in lines)
    undo.undo()
    assert services.plans.plan(period.id, later) is None
    assert page.card.blocks.count() == 0


def test_the_skills_page_plans_the_chosen_pull_for_another_day(
    qtbot: QtBot, services: Services, ops: Operations, monday: date
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
    period = services.classroom.overview().periods[0]
    page.set_period(period)
    qtbot.mouseClick(page.needs.suggest_button, Qt.MouseButton.LeftButton)
    chosen = page.needs.selected()
    assert chosen is not None
    qtbot.mouseClick(page.another_day_button, Qt.MouseButton.LeftButton)
    (dialog,) = page.findChildren(TeacherTimeDialog)
    assert dialog.tabs.currentIndex() == 1
    assert set(dialog.picker.ticked()) == set(chosen.students)
    assert dialog.picker.skill_code() == chosen.skill.code
    later = monday + timedelta(days=8)  # Tuesday of the next week
    dialog.day_edit.setDate(QDate(later.year, later.month, later.day))
    assert set(dialog.picker.ticked()) == set(chosen.students)  # kept for the new day
    qtbot.mouseClick(dialog.add_chosen_button, Qt.MouseButton.LeftButton)
    plan = services.plans.plan(period.id, later)
    assert plan is not None
    (pull,) = plan.blocks
    assert pull.kind is BlockKind.SMALL_GROUP and pull.skill_code == chosen.skill.code
    assert set(pull.students) == set(chosen.students)
