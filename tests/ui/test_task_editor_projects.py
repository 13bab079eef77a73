"""The task editor's days and rubric: only for projects and math art, saved with the task."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.tasks import DEFAULT_MILESTONES, TaskKind
from mathroom.ui.dialogs.task_editor import TaskEditorDialog

# The task bank and skill map read the same on any day: no reruns on calendar dates.
pytestmark = pytest.mark.any_date


def choose_kind(dialog: TaskEditorDialog, kind: TaskKind) -> None:
    dialog.kind.setCurrentIndex(list(TaskKind).index(kind))


def days_tab_enabled(dialog: TaskEditorDialog) -> bool:
    return dialog.tabs.isTabEnabled(dialog.tabs.indexOf(dialog.project))


def test_a_new_project_gets_the_usual_days_edits_them_and_a_rubric(
    qtbot: QtBot, services: Services
) -> None:
    dialog = TaskEditorDialog(services.tasks.save)
    qtbot.addWidget(dialog)
    dialog.show()
    assert TaskKind(dialog.kind.currentData()) is TaskKind.WHITEBOARD
    assert not days_tab_enabled(dialog)
    assert "Only projects and math art" in dialog.project.note.text()
    choose_kind(dialog, TaskKind.PROJECT)
    assert days_tab_enabled(dialog)
    assert dialog.project.milestones() == DEFAULT_MILESTONES[TaskKind.PROJECT]
    assert "This project runs over 4 days" in dialog.project.note.text()
    dialog.tabs.setCurrentWidget(dialog.project)

    days = dialog.project.days
    days.list.setCurrentRow(0)
    qtbot.mouseClick(days.add_button, Qt.MouseButton.LeftButton)  # after the launch
    added = days.list.currentItem()
    assert added is not None and days.list.currentRow() == 1
    added.setText("Measure the room")
    qtbot.mouseClick(days.down_button, Qt.MouseButton.LeftButton)
    days.list.setCurrentRow(3)
    qtbot.mouseClick(days.remove_button, Qt.MouseButton.LeftButton)  # one work day less
    assert "runs over 4 days" in dialog.project.note.text()
    assert dialog.project.milestones() == (
        "Launch",
        "Work day",
        "Measure the room",
        "Gallery & critique",
    )
    rubric = dialog.project.rubric
    for text in ("My scale is stated and every length uses it", "Every object is labeled"):
        qtbot.mouseClick(rubric.add_button, Qt.MouseButton.LeftButton)
        item = rubric.list.currentItem()
        assert item is not None
        item.setText(text)
    qtbot.mouseClick(rubric.up_button, Qt.MouseButton.LeftButton)
    dialog.title_edit.setText("Our Classroom to Scale")
    dialog.prompt.setPlainText("Draw the classroom to scale.")
    dialog.refresh_preview()
    assert "Measure the room" in dialog.preview.toPlainText()
    assert "Every object is labeled" in dialog.preview.toPlainText()
    dialog._on_save()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved_id is not None
    saved = services.tasks.task(dialog.saved_id).spec
    assert saved.milestones[2] == "Measure the room" and saved.days == 4
    assert saved.rubric == (
        "Every object is labeled",
        "My scale is stated and every length uses it",
    )


def test_a_starter_project_shows_its_days_and_loses_them_as_a_one_day_task(
    qtbot: QtBot, services: Services
) -> None:
    quilt = next(t for t in services.tasks.tasks() if t.spec.slug == "fraction-quilt")
    dialog = TaskEditorDialog(lambda spec: services.tasks.save(spec, quilt.id), quilt)
    qtbot.addWidget(dialog)
    assert days_tab_enabled(dialog)
    assert dialog.project.days.rows() == quilt.spec.milestones
    assert dialog.project.rubric.rows() == quilt.spec.rubric
    choose_kind(dialog, TaskKind.WHITEBOARD)
    assert not days_tab_enabled(dialog) and not dialog.project.isEnabled()
    assert dialog.spec().milestones == () and dialog.spec().rubric == ()
    choose_kind(dialog, TaskKind.MATH_ART)  # changed back: nothing was lost
    assert dialog.spec().milestones == quilt.spec.milestones
    choose_kind(dialog, TaskKind.WHITEBOARD)
    dialog._on_save()
    saved = services.tasks.task(quilt.id).spec
    assert saved.kind is TaskKind.WHITEBOARD and saved.milestones == saved.rubric == ()


def test_an_unnamed_day_or_an_empty_rubric_row_is_named_and_shown(
    qtbot: QtBot, services: Services
) -> None:
    quilt = next(t for t in services.tasks.tasks() if t.spec.slug == "fraction-quilt")
    dialog = TaskEditorDialog(lambda spec: services.tasks.save(spec, quilt.id), quilt)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.prompt)
    first = dialog.project.days.list.item(1)
    assert first is not None
    first.setText("   ")
    dialog._on_save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Name each day" in dialog.error.text()
    assert dialog.tabs.currentWidget() is dialog.project
    first.setText("Color it in")
    dialog.project.rubric.list.setCurrentRow(0)
    dialog.project.rubric.add_row()
    dialog._on_save()
    assert "empty rubric row" in dialog.error.text()
    dialog.project.rubric.remove_row()
    dialog._on_save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.tasks.task(quilt.id).spec.milestones[1] == "Color it in"
