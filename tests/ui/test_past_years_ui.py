"""The Rosters page's Past years: last year's periods and students, read-only, with history;
and the New school year dialog proposing the year that starts next."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.ui.dialogs.new_year_dialog import NewYearDialog
from mathroom.ui.operations import Operations
from mathroom.ui.pages.rosters_page import RostersPage

pytestmark = pytest.mark.any_date


def test_past_years_show_last_years_students_and_their_history(
    qtbot: QtBot, services: Services, ops: Operations, tmp_path: Path
) -> None:
    periods = services.classroom.overview().periods
    services.roster.start_new_year("2027–2028", date(2027, 8, 23), date(2028, 6, 14))
    undo = QUndoStack()
    page = RostersPage(
        ops, services.roster, services.classroom, tmp_path, undo, services.clock.today
    )
    qtbot.addWidget(page)
    dialog = page.open_past_years()
    qtbot.addWidget(dialog)
    assert dialog.year.count() == 1
    assert dialog.periods.count() == len(periods)
    assert dialog.students.count() == periods[0].student_count
    dialog.students.setCurrentRow(0)
    first = dialog.students.item(0)
    assert first is not None
    text = dialog.history.toPlainText()
    assert first.text().split(" (left")[0] in text
    assert "Evidence, newest first" in text
    dialog.close()


def test_new_year_dialog_in_july_proposes_the_year_about_to_start(
    qtbot: QtBot, services: Services
) -> None:
    dialog = NewYearDialog(services.roster, date(2027, 7, 15), lambda write: write())
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "2027–2028"
    assert dialog.starts.date().year() == 2027
    dialog.close()
