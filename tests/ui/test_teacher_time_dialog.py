"""Plan a pull or conferences… driven like a teacher: suggestions ticked and added, students
and a skill chosen by hand for a later day, mistakes explained, Ctrl+Z taking it back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.plan import BlockKind, school_week
from mathroom.domain.roster import Period
from mathroom.ui.dialogs.teacher_time_dialog import TeacherTimeDialog
from mathroom.ui.operations import Operations


@pytest.fixture
def next_monday(school_day: date) -> date:
    return school_week(school_day)[0] + timedelta(days=7)


def open_dialog(
    qtbot: QtBot, services: Services, ops: Operations, day: date
) -> tuple[TeacherTimeDialog, QUndoStack, Period]:
    undo = QUndoStack()
    period = services.classroom.overview().periods[0]
    dialog = TeacherTimeDialog(
        ops, services.teacher_time, period, day, services.clock.today(), undo
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, undo, period


def test_ticked_suggestions_go_into_a_later_days_plan_and_ctrl_z_takes_them_back(
    qtbot: QtBot, services: Services, ops: Operations, next_monday: date
) -> None:
    dialog, undo, period = open_dialog(qtbot, services, ops, next_monday)
    items = dialog.suggested.list
    assert items.count() >= 2
    first = items.item(0).text()
    assert first.startswith("Pull · ") and "(" in first  # names with their waits
    assert "every 5 school days" in dialog.suggested.note.text()
    items.item(items.count() - 1).setCheckState(Qt.CheckState.Unchecked)
    wanted = dialog.suggested.ticked()
    qtbot.mouseClick(dialog.add_suggested_button, Qt.MouseButton.LeftButton)
    plan = services.plans.plan(period.id, next_monday)
    assert plan is not None
    planned = [b.students for b in plan.blocks if b.is_teacher_time]
    assert planned == [s.students for s in wanted]
    assert "Ctrl+Z undoes it" in dialog.status.text()
    assert dialog.added and dialog.added[0].day == next_monday
    # Students now seen that day are no longer suggested, and no second pull by need.
    seen = {s for block in planned for s in block}
    again = dialog.suggested.ticked()
    assert not {s for m in again for s in m.students} & seen
    assert all(m.fair for m in again)
    lines = [dialog.picker.students.item(r).text() for r in range(dialog.picker.students.count())]
    assert sum("already has teacher time that day" in line for line in lines) == len(seen)
    undo.undo()
    assert services.plans.plan(period.id, next_monday) is None
    undo.redo()
    assert services.plans.plan(period.id, next_monday) is not None


def test_students_and_a_shared_skill_chosen_by_hand_make_a_pull(
    qtbot: QtBot, services: Services, ops: Operations, next_monday: date
) -> None:
    dialog, undo, period = open_dialog(qtbot, services, ops, next_monday)
    dialog.tabs.setCurrentIndex(1)
    picker = dialog.picker
    lines = [picker.students.item(r).text() for r in range(picker.students.count())]
    assert any("not seen yet" in line for line in lines)
    assert any("school day" in line and "since" in line for line in lines)
    assert not dialog.add_chosen_button.isEnabled()
    for row in (0, 1):
        picker.students.item(row).setCheckState(Qt.CheckState.Checked)
    assert dialog.add_chosen_button.text() == "Add a pull for 2 students"
    choices = services.teacher_time.choices(period.id, next_monday)
    ticked = picker.ticked()
    code = picker.skill_code()
    assert code is not None
    shared = sum(1 for s in ticked if code in choices.gaps[s])
    best = max(sum(1 for s in ticked if c.code in choices.gaps[s]) for c in choices.skills)
    assert shared == best  # the ticked students' shared gaps come first
    qtbot.mouseClick(dialog.add_chosen_button, Qt.MouseButton.LeftButton)
    plan = services.plans.plan(period.id, next_monday)
    assert plan is not None
    (pull,) = plan.blocks
    assert pull.kind is BlockKind.SMALL_GROUP and pull.skill_code == code
    assert set(pull.students) == set(ticked) and pull.minutes == 10
    # the same students again: refused, with the reason, and nothing added
    picker.show_choices(choices, ticked)
    picker.conference_radio.setChecked(True)
    assert picker.skill.itemData(0) is None  # conferences may have no particular skill
    dialog.add_chosen()
    assert "already has teacher time" in dialog.status.text()
    assert len(services.plans.plan(period.id, next_monday).blocks) == 1  # type: ignore[union-attr]
    undo.undo()
    assert services.plans.plan(period.id, next_monday) is None


def test_conferences_for_another_day_and_the_fairness_setting(
    qtbot: QtBot, services: Services, ops: Operations, school_day: date, next_monday: date
) -> None:
    dialog, _undo, period = open_dialog(qtbot, services, ops, school_day)
    dialog.day_edit.setDate(QDate(next_monday.year, next_monday.month, next_monday.day))
    assert dialog.day == next_monday
    dialog.tabs.setCurrentIndex(1)
    dialog.picker.conference_radio.setChecked(True)
    dialog.picker.students.item(2).setCheckState(Qt.CheckState.Checked)
    dialog.picker.students.item(3).setCheckState(Qt.CheckState.Checked)
    assert dialog.picker.minutes.value() == 6
    assert dialog.add_chosen_button.text() == "Add 1-1 conferences for 2 students"
    qtbot.mouseClick(dialog.add_chosen_button, Qt.MouseButton.LeftButton)
    plan = services.plans.plan(period.id, next_monday)
    assert plan is not None and plan.blocks[0].kind is BlockKind.CONFERENCE
    assert plan.blocks[0].skill_code is None and plan.blocks[0].minutes == 6

    dialog.every.setValue(3)
    dialog.every.editingFinished.emit()
    assert services.teacher_time.fair_every() == 3
    assert "every 3 school days" in dialog.suggested.note.text()


def test_a_saturday_says_the_period_does_not_meet(
    qtbot: QtBot, services: Services, ops: Operations, next_monday: date
) -> None:
    saturday = next_monday - timedelta(days=2)
    dialog, _undo, _period = open_dialog(qtbot, services, ops, saturday)
    assert "does not meet on Saturdays" in dialog.suggested.note.text()
    assert not dialog.add_suggested_button.isEnabled()
