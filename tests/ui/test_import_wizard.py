"""What both import wizards share: their boundaries, going back, and a file after another."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.ui.dialogs.import_roster_dialog import ImportRosterDialog
from mathroom.ui.dialogs.import_scores_dialog import ImportScoresDialog
from mathroom.ui.dialogs.import_wizard import ImportWizard
from mathroom.ui.operations import Operations
from tests.ui.test_import_scores_dialog import TODAY, period_one, quiz

# The import wizard reads the same on any day (the import services cover the calendar): no
# reruns on calendar dates.
pytestmark = pytest.mark.any_date

DIALOGS = Path(__file__).resolve().parents[2] / "src" / "mathroom" / "ui" / "dialogs"
FORBIDDEN = ("mathroom.importers", "mathroom.store", "mathroom.export", "mathroom.composition")


def test_the_wizards_reach_files_and_the_database_only_through_services() -> None:
    files = sorted(DIALOGS.glob("import_*.py"))
    assert [f.name for f in files] == [
        "import_roster_dialog.py",
        "import_scores_dialog.py",
        "import_wizard.py",
    ]
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"))
        modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert [m for m in modules if m.startswith(FORBIDDEN)] == [], file.name


def read(qtbot: QtBot, dialog: ImportWizard, file: Path) -> None:
    dialog.load(file)
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1 or dialog.read_error.isVisible())


def test_back_then_another_roster(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    dialog = ImportRosterDialog(ops, services.roster_import, services.roster.periods()[0])
    qtbot.addWidget(dialog)
    first = tmp_path / "first.csv"
    first.write_text("First Name,Last Name\nAda,Lovelace\n", encoding="utf-8")
    read(qtbot, dialog, first)
    assert dialog.file_title.text() == "first.csv (UTF-8, commas): 1 student read"
    dialog.back_button.click()
    assert dialog.steps.currentIndex() == 0 and not dialog.import_button.isVisible()
    second = tmp_path / "second.tsv"
    second.write_text("First Name\tLast Name\nAlan\tTuring\nGrace\tHopper\n", encoding="utf-8")
    read(qtbot, dialog, second)
    assert dialog.file_title.text() == "second.tsv (UTF-8, tabs): 2 students read"
    assert dialog.plan is not None and len(dialog.plan.planned) == 2


def test_a_new_score_file_starts_undecided(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    dialog = ImportScoresDialog(
        ops, services.score_import, services.roster, services.roster.periods()[0], TODAY
    )
    qtbot.addWidget(dialog)
    student = period_one(services)[0]
    rows = [f"{student.student_number},,7.NS.A.1b,80,", "0799999,Nobody Known,7.NS.A.1b,80,"]
    read(qtbot, dialog, quiz(tmp_path / "q.csv", rows))
    with qtbot.waitSignal(dialog.preview_updated):
        dialog.skip_box.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.back_button.click()
    assert dialog.plan is None and not dialog.skip_box.isChecked()
    read(qtbot, dialog, quiz(tmp_path / "q.csv", rows))
    assert dialog.plan is not None and dialog.plan.needs_decision
    assert not dialog.import_button.isEnabled()
