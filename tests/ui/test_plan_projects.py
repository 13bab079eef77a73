"""Projects on the Plan page as a teacher uses them: start one over four days, see which day
is which, change a day, refuse and replace, remove it again, undo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.plan import BlockKind, school_week
from mathroom.ui.dialogs.project_dialog import ProjectDialog
from mathroom.ui.operations import Operations
from mathroom.ui.pages.plan_page import PlanPage

SCALE = "Scale Drawing of Our Classroom"


@pytest.fixture
def thursday(school_day: date) -> date:
    return school_week(school_day)[3]


def make_page(qtbot: QtBot, services: Services, ops: Operations) -> tuple[PlanPage, QUndoStack]:
    undo = QUndoStack()
    s = services
    page = PlanPage(ops, s.classroom, s.plans, s.clock.today, undo, s.projects)
    page.confirm = lambda question: True  # type: ignore[method-assign]
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    page.set_period(services.classroom.overview().periods[0])
    return page, undo


def open_dialog(page: PlanPage, title: str) -> ProjectDialog:
    page.card.project_button.click()
    dialog = page.findChild(ProjectDialog)
    assert isinstance(dialog, ProjectDialog) and dialog.isVisible()
    index = next(i for i in range(dialog.task.count()) if dialog.task.itemText(i).startswith(title))
    dialog.task.setCurrentIndex(index)
    return dialog


def block_texts(page: PlanPage) -> list[str]:
    items = (page.card.blocks.item(i) for i in range(page.card.blocks.count()))
    return [item.text() for item in items if item is not None]


def test_start_a_project_over_four_days_see_each_day_and_undo_it(
    qtbot: QtBot, services: Services, ops: Operations, thursday: date
) -> None:
    page, undo = make_page(qtbot, services, ops)
    period = services.classroom.overview().periods[0]
    page.select(period.id, thursday)
    before = services.plans.plan(period.id, thursday)
    assert page.card.project_button.isEnabled()
    dialog = open_dialog(page, SCALE)
    assert [dialog.periods[p].isChecked() for p in dialog.periods] == [True, False, False]
    lines = [dialog.preview.item(i).text() for i in range(dialog.preview.count())]
    assert len(lines) == 4 and "Day 1 of 4 — Launch: measure the room" in lines[0]
    assert "into the day's plan: Whiteboard stations 25→" in lines[1] and "a new plan" in lines[2]
    dialog.minutes.setValue(12)  # less project work: the stations keep more of their time
    fewer = dialog.preview.item(0)
    assert fewer is not None and "Whiteboard stations 25→" in fewer.text()
    assert not dialog.replace.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted

    texts = block_texts(page)
    line = f"Project: {SCALE} · Day 1 of 4 — Launch: measure the room"
    assert any(line in text for text in texts), texts
    assert "4 days" in page.card.banner.text()
    assert page.card.minutes_banner.objectName() == "okBanner"  # the day still fits
    friday = page.week.item(0, 4)
    assert friday is not None and "Day 2 of 4 — Work day: draw the floor plan" in friday.text()

    monday = thursday + timedelta(days=4)
    assert services.plans.plan(period.id, monday) is not None
    undo.undo()  # one step puts all four days back
    assert services.plans.plan(period.id, monday) is None
    after = services.plans.plan(period.id, thursday)
    assert after is not None and before is not None and after.blocks == before.blocks
    undo.redo()
    assert services.plans.plan(period.id, monday) is not None


def test_a_project_day_is_changed_in_the_block_editor_and_removed_from_every_day(
    qtbot: QtBot, services: Services, ops: Operations, thursday: date
) -> None:
    page, undo = make_page(qtbot, services, ops)
    period = services.classroom.overview().periods[0]
    scale = next(t for t in services.tasks.tasks() if t.title == SCALE)
    services.projects.start_project(scale.id, [period.id], thursday)
    friday = thursday + timedelta(days=1)
    page.select(period.id, friday)
    plan = services.plans.plan(period.id, friday)
    assert plan is not None
    row = next(i for i, b in enumerate(plan.blocks) if b.kind is BlockKind.PROJECT)
    page.card.blocks.setCurrentRow(row)
    editor = page.editor
    assert editor.milestone.isVisibleTo(editor) and editor.remove_project_button.isVisibleTo(editor)
    assert editor.milestone.currentText() == "Day 2 of 4 — Work day: draw the floor plan"
    assert editor.task.currentText().startswith(SCALE)
    assert editor.task.itemData(1) in {t.id for t in services.projects.project_tasks()}

    editor.milestone.setCurrentIndex(2)  # the teacher swaps the two work days
    changed = services.plans.plan(period.id, friday)
    assert changed is not None
    block = changed.blocks[row]
    assert block.milestone == 2
    assert block.title == f"{SCALE} — Day 3 of 4: Work day: redesign for 8 stations"

    page.card.blocks.setCurrentRow(row)
    questions: list[str] = []

    def agree(question: str) -> bool:
        questions.append(question)
        return True

    page.confirm = agree  # type: ignore[method-assign]
    qtbot.mouseClick(editor.remove_project_button, Qt.MouseButton.LeftButton)
    assert questions and "4 project days" in questions[0]
    for day in (thursday, friday):
        left = services.plans.plan(period.id, day)
        assert left is not None and all(b.kind is not BlockKind.PROJECT for b in left.blocks)
    assert services.plans.plan(period.id, thursday + timedelta(days=4)) is None
    assert "Removed" in page.card.banner.text()
    undo.undo()
    back = services.plans.plan(period.id, friday)
    assert back is not None and back.blocks[row].milestone == 2


def test_a_day_with_another_project_is_refused_in_the_dialog_until_replace_is_ticked(
    qtbot: QtBot, services: Services, ops: Operations, thursday: date
) -> None:
    page, _undo = make_page(qtbot, services, ops)
    period = services.classroom.overview().periods[0]
    scale = next(t for t in services.tasks.tasks() if t.title == SCALE)
    services.projects.start_project(scale.id, [period.id], thursday)
    page.select(period.id, thursday + timedelta(days=1))
    dialog = open_dialog(page, "Fraction Quilt Blocks")
    assert dialog.replace.isVisible()
    first = dialog.preview.item(0)
    assert first is not None and f"⚠ already has “{SCALE}”" in first.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "choose Replace" in dialog.error.text()
    dialog.replace.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert any("Math art: Fraction Quilt Blocks · Day 1 of 3" in t for t in block_texts(page))


def test_a_project_block_added_by_hand_chooses_a_project_first(
    qtbot: QtBot, services: Services, ops: Operations, school_day: date
) -> None:
    page, _undo = make_page(qtbot, services, ops)
    period = services.classroom.overview().periods[0]
    page.select(period.id, school_week(school_day)[0] + timedelta(days=7))
    page.add_block(BlockKind.PROJECT)
    editor = page.editor
    assert not editor.remove_project_button.isVisibleTo(editor)
    kinds = {t.id: t.kind.value for t in services.tasks.tasks()}
    first_ten = [kinds[editor.task.itemData(i)] for i in range(1, 11)]
    assert set(first_ten) <= {"project", "math_art"}
    quilt = editor.task.findText("Fraction Quilt Blocks", Qt.MatchFlag.MatchStartsWith)
    editor.task.setCurrentIndex(quilt)
    plan = services.plans.plan(period.id, school_week(school_day)[0] + timedelta(days=7))
    assert plan is not None
    (block,) = plan.blocks
    assert (
        block.milestone == 0
        and block.title == "Fraction Quilt Blocks — Day 1 of 3: Launch: design the block"
    )
    assert any("Math art: Fraction Quilt Blocks · Day 1 of 3" in t for t in block_texts(page))
