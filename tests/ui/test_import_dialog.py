"""The import dialog: read in the background, preview, remap a column, decide, import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.roster_import import RosterField
from mathroom.ui.dialogs.import_roster_dialog import ImportRosterDialog
from mathroom.ui.operations import Operations


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
