"""The import dialog: read in the background, preview, remap a column, decide, import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.roster_import import ChangeKind, RosterField
from mathroom.ui.dialogs.import_roster_dialog import ImportRosterDialog
from mathroom.ui.operations import Operations

# The import dialogs read the same on any day (the import services cover the calendar): no
# reruns on calendar dates.
pytestmark = pytest.mark.any_date


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def open_dialog(
    qtbot: QtBot, services: Services, file: Path, ops: Operations
) -> ImportRosterDialog:
    period = services.roster.periods()[0]
    dialog = ImportRosterDialog(ops, services.roster_import, period)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(file)
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1 or dialog.read_error.isVisible())
    return dialog


def test_preview_remap_and_import(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    file = write(
        tmp_path / "export.csv",
        "Roster printed 11/20/2026\n"
        "ID,Surname,First,Nickname,Gender\n"
        "0700123,Okafor,Amara,,F\n"
        "0701500,Baptiste,Jean-Luc,JL,M\n",
    )
    dialog = open_dialog(qtbot, services, file, ops)
    assert dialog.steps.currentIndex() == 1
    # the file has no period column: everything goes to the period picked on the page
    assert dialog.all_to_period.currentText() == "Period 1"
    assert dialog.plan is not None
    assert "1 new" in dialog.summary.text()
    assert "Gender" in dialog.ignored.text()
    # the teacher says the Nickname column is not a preferred name after all
    combo = dialog.mapping_combos[RosterField.PREFERRED_NAME]
    combo.setCurrentIndex(0)
    new = [p for p in dialog.plan.planned if p.student_id is None]
    assert new and new[0].row.preferred_name is None
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 2, timeout=10_000)
    assert dialog.import_result is not None and dialog.import_result.created == 1
    names = {
        e.student.full_name for e in services.classroom.roster(services.roster.periods()[0].id)
    }
    assert "Jean-Luc Baptiste" in names


def test_conflicts_must_be_decided_before_import(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    file = write(
        tmp_path / "conflict.csv",
        "Student ID,Last Name,First Name,Period\n0700123,Nobody,Someone,Period 1\n",
    )
    dialog = open_dialog(qtbot, services, file, ops)
    assert not dialog.import_button.isEnabled()
    assert "Decide each conflict" in dialog.blockers.text()
    conflicts = dialog.tree.topLevelItem(0)
    assert conflicts is not None and conflicts.text(0).startswith("Conflicts to decide")
    item = conflicts.child(0)
    assert item is not None
    combo = dialog.tree.itemWidget(item, 0)
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(1)  # skip this row
    assert dialog.plan is not None and dialog.plan.can_apply
    assert not dialog.plan.changes_anything  # nothing left to import


def test_a_picture_is_refused_plainly(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    file = tmp_path / "roster.csv"
    file.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    dialog = open_dialog(qtbot, services, file, ops)
    assert dialog.steps.currentIndex() == 0
    assert "image" in dialog.read_error.text().lower()
    assert "Nothing was imported" in dialog.read_error.text()


def whole_school_csv(path: Path) -> Path:
    """Three teachers, two courses: only Ana Rivera's Math 7 in period 3 is the teacher's."""
    lines = ["Student ID,Last Name,First Name,Course,Teacher,Section"]
    sections = (
        ("Math 7", "Rivera, Ana", "Math 7 - Period 3"),
        ("Math 7", "Park, Min", "Math 7 - Period 4"),
        ("Science 7", "Osei, Kofi", "Science 7 - Period 3"),
        ("Science 7", "Osei, Kofi", "Science 7 - Period 6"),
    )
    for n in range(80):
        course, teacher, section = sections[n % 4]
        lines.append(f'09{n:05d},Family{n},Given{n},{course},"{teacher}",{section}')
    return write(path, "\n".join(lines) + "\n")


def test_a_whole_school_file_waits_until_the_teacher_ticks_what_is_theirs(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    dialog = open_dialog(qtbot, services, whole_school_csv(tmp_path / "school.csv"), ops)
    dialog.resize(1100, 820)
    assert dialog.plan is not None and dialog.plan.planned == ()
    assert dialog.choice_box.isVisible() and not dialog.sections_host.isVisible()
    assert not dialog.import_button.isEnabled()
    assert "3 teachers" in dialog.choice_title.text() and "2 courses" in dialog.choice_title.text()
    assert "Tick your name" in dialog.blockers.text()
    teachers = dialog.choice_lists["teachers"]
    assert [teachers.item(n).text() for n in range(teachers.count())] == [
        "Osei, Kofi  (40 students)",
        "Park, Min  (20 students)",
        "Rivera, Ana  (20 students)",
    ]
    sections = dialog.choice_lists["sections"]
    labels = [sections.item(n).text() for n in range(sections.count())]
    assert "Math 7 - Period 3  (20 students)  → your Period 3" in labels
    dialog.grab().save("/tmp/wizard-choice.png")

    dialog.choose("teachers", "Rivera, Ana")
    plan = dialog.plan
    assert plan is not None and plan.can_apply and dialog.import_button.isEnabled()
    assert len(plan.of_kind(ChangeKind.NEW)) == 20 and plan.new_periods == ()
    assert {t.name for p in plan.planned for t in p.targets} == {"Period 3"}
    assert plan.filtered_out_rows == 60
    dialog.grab().save("/tmp/wizard-chosen.png")


def test_a_section_close_to_a_period_is_asked_about(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    file = write(
        tmp_path / "typo.csv",
        "Student ID,Last Name,First Name,Period\n0709001,Lovelace,Ada,Perod 1\n",
    )
    dialog = open_dialog(qtbot, services, file, ops)
    assert dialog.plan is not None and not dialog.plan.can_apply
    combo = dialog.question_combos["Perod 1"]
    assert "did you mean 'period 1'" in dialog.questions_box.findChildren(QLabel)[0].text().lower()
    combo.setCurrentIndex(1)  # yes: it is Period 1
    plan = dialog.plan
    assert plan.can_apply and plan.new_periods == ()
    assert [t.name for t in plan.planned[0].targets] == ["Period 1"]
    combo = dialog.question_combos["Perod 1"]  # the question stays, answered
    assert combo.currentIndex() == 1
    combo.setCurrentIndex(2)  # no: a new period after all
    assert dialog.plan.can_apply and dialog.plan.new_periods == ("Perod 1",)
