"""The score import dialog: read in the background, preview levels, change cut points, import."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.roster import Student
from mathroom.domain.scores import CutPoints
from mathroom.domain.skills import Level
from mathroom.ui.dialogs.import_scores_dialog import ImportScoresDialog
from mathroom.ui.operations import Operations

# The import dialogs read the same on any day (the import services cover the calendar): no
# reruns on calendar dates.
pytestmark = pytest.mark.any_date

TODAY = date(2026, 11, 23)


def period_one(services: Services) -> list[Student]:
    period = services.roster.periods()[0]
    return [entry.student for entry in services.classroom.roster(period.id)]


def quiz(path: Path, rows: list[str]) -> Path:
    path.write_text("Student ID,Name,Skill,Score,Date\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def open_dialog(
    qtbot: QtBot, services: Services, file: Path, ops: Operations
) -> ImportScoresDialog:
    period = services.roster.periods()[0]
    dialog = ImportScoresDialog(ops, services.score_import, services.roster, period, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(file)
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1 or dialog.read_error.isVisible())
    return dialog


def test_preview_change_a_cut_point_and_import(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    students = period_one(services)
    rows = [f"{s.student_number},,7.NS.A.1b,75%,2026-11-20" for s in students[:5]]
    rows.append(f"{students[5].student_number},,7.NS.A.2a,17/20,")  # no date: the picker's
    dialog = open_dialog(qtbot, services, quiz(tmp_path / "quiz.csv", rows), ops)
    assert dialog.steps.currentIndex() == 1
    assert dialog.summary.text().startswith("6 scores to record (6 students, 2 skills)")
    assert not dialog.blockers.isVisible() and not dialog.skip_box.isVisible()
    assert dialog.level_shown(2, "7.NS.A.1b") is Level.GOT_IT
    assert dialog.date_edit.isVisible()
    assert dialog.date_label.text() == "Date for the 1 score without one:"

    with qtbot.waitSignal(dialog.preview_updated):
        dialog.cut_spins["got_it"].setValue(80)
    assert dialog.level_shown(2, "7.NS.A.1b") is Level.GETTING_THERE
    assert dialog.level_shown(7, "7.NS.A.2a") is Level.GOT_IT  # 85%
    with qtbot.waitSignal(dialog.preview_updated):
        dialog.date_edit.setDate(dialog.date_edit.date().addDays(-2))
    assert dialog.plan is not None
    assert dialog.plan.matched[-1].observed_on == date(2026, 11, 21)

    before = services.classroom.overview().evidence
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "Import 6 scores"
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentIndex() == 2
    assert dialog.import_result is not None and dialog.import_result.recorded == 6
    assert services.classroom.overview().evidence == before + 6
    assert "Recorded 6 scores for 6 students on 2 skills." in dialog.done_text.text()
    assert "A backup was taken first" in dialog.done_text.text()
    saved = services.score_import.cut_points()
    assert saved == CutPoints(Decimal(50), Decimal(80), Decimal(90))


def test_rows_that_cannot_be_matched_block_until_skipped(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    students = period_one(services)
    rows = [
        f"{students[0].student_number},,7.NS.A.1b,80,2026-11-20",
        "0799999,Nobody Known,7.NS.A.1b,80,2026-11-20",
        f"{students[1].student_number},,7.NS.A.1b,abc,2026-11-20",
        f"{students[2].student_number},,7.ns.a.1B,90,2026-11-20",
    ]
    dialog = open_dialog(qtbot, services, quiz(tmp_path / "bad.csv", rows), ops)
    assert not dialog.import_button.isEnabled()
    assert dialog.blockers.isVisible()
    assert "3 rows can't be read or matched" in dialog.blockers.text()
    titles = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]  # type: ignore[union-attr]
    assert titles[:3] == [
        "Rows that can't be read, to fix or skip (1)",
        "Students not found, to fix or skip (1)",
        "Skill codes not in your skill map, to fix or skip (1)",
    ]
    assert dialog.suggest_box.isVisible()
    assert dialog.suggest_box.text() == "Use the suggested skill codes (7.ns.a.1B → 7.NS.A.1b)"
    with qtbot.waitSignal(dialog.preview_updated):
        dialog.suggest_box.setChecked(True)
    assert dialog.skip_box.text() == (
        "Skip the 2 rows that can't be read or matched, and import the rest"
    )
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.preview_updated):
        dialog.skip_box.setChecked(True)
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "Import 2 scores"
    assert not dialog.blockers.isVisible()


def test_cut_points_out_of_order_pause_the_import(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    student = period_one(services)[0]
    file = quiz(tmp_path / "q.csv", [f"{student.student_number},,7.NS.A.1b,75,"])
    dialog = open_dialog(qtbot, services, file, ops)
    assert dialog.import_button.isEnabled()
    dialog.cut_spins["extending"].setValue(60)
    assert dialog.cut_error.isVisible()
    assert dialog.cut_error.text().startswith("Extending (60%) must be above Got it (70%)")
    assert not dialog.import_button.isEnabled()
    assert dialog.level_shown(2, "7.NS.A.1b") is Level.GOT_IT  # the last good cut points
    with qtbot.waitSignal(dialog.preview_updated):
        dialog.cut_spins["extending"].setValue(95)
        assert not dialog.import_button.isEnabled()  # until the new plan is on screen
        dialog.cut_spins["extending"].setValue(74)  # the plan for 95 arrives stale: dropped
    assert dialog.plan is not None and dialog.plan.cuts.extending == Decimal(74)
    assert not dialog.cut_error.isVisible()
    assert dialog.level_shown(2, "7.NS.A.1b") is Level.EXTENDING
    assert dialog.import_button.isEnabled()


def test_a_picture_is_refused_plainly(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    file = tmp_path / "scores.csv"
    file.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    dialog = open_dialog(qtbot, services, file, ops)
    assert dialog.steps.currentIndex() == 0
    assert dialog.read_error.text() == (
        "scores.csv: this looks like an image (PNG), not a score file\nNothing was imported."
    )


def test_names_are_shown_as_plain_text(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    file = quiz(tmp_path / "<b>q<i>.csv", ["1,<b>Bold</b> <i>Name</i>,7.NS.A.1b,80,"])
    dialog = open_dialog(qtbot, services, file, ops)
    labels = dialog.findChildren(QLabel)
    assert labels and all(label.textFormat() is Qt.TextFormat.PlainText for label in labels)
    assert dialog.file_title.text().startswith("<b>q<i>.csv")
    problems = dialog.tree.topLevelItem(0)
    assert problems is not None and problems.child(0) is not None
    assert "<b>Bold</b> <i>Name</i>" in problems.child(0).text(0)  # type: ignore[union-attr]
