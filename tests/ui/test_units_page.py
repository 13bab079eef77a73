"""The Units page as a teacher uses it, over the demo classroom and its starter units: find a
unit, change its skills and tasks, start it with a period and see how far the period has got,
archive one and take it back."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QTableWidget, QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.plan import teaching_day
from mathroom.domain.tasks import TaskKind
from mathroom.domain.units import Unit
from mathroom.ui.dialogs.unit_picker import UnitPickerDialog
from mathroom.ui.dialogs.unit_start_dialog import StartUnitDialog, next_monday
from mathroom.ui.operations import Operations
from mathroom.ui.pages.units_page import UnitsPage

STARTER_ORDER = [
    "Scale drawings",
    "Proportional relationships",
    "Measuring circles",
    "Percentages and proportional relationships",
    "Operations with rational numbers",
    "Expressions, equations and inequalities",
    "Angles, triangles and prisms",
    "Probability and sampling",
]
RATIONALS = "Operations with rational numbers"


def make_page(qtbot: QtBot, services: Services, ops: Operations) -> tuple[UnitsPage, QUndoStack]:
    s = services
    undo = QUndoStack()
    page = UnitsPage(ops, s.units, s.classroom, s.tasks, s.skill_map, undo, s.clock.today)
    qtbot.addWidget(page)
    page.resize(1300, 860)
    with qtbot.waitActive(page):  # keys reach the page's shortcuts in the active window
        page.show()
        page.activateWindow()
    page.set_period(s.classroom.overview().periods[0])
    return page, undo


def names(page: UnitsPage) -> list[str]:
    rows = range(page.model.rowCount())
    return [page.model.entry(row).unit.name for row in rows]


def choose(page: UnitsPage, name: str) -> Unit:
    page.list.setCurrentIndex(page.model.index(names(page).index(name), 0))
    unit = page.current_unit()
    assert unit is not None and unit.name == name and page.editor.unit == unit
    return unit


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def cells(table: QTableWidget, column: int) -> list[str]:
    return [cell(table, row, column).text() for row in range(table.rowCount())]


def current(page: UnitsPage) -> Unit:
    unit = page.current_unit()
    assert unit is not None
    return unit


def test_the_list_shows_the_starter_units_and_the_unit_each_period_is_on(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page, _undo = make_page(qtbot, services, ops)
    assert names(page) == STARTER_ORDER
    # The demo's periods are all in week 2 of the rational numbers unit: it opens on it.
    assert current(page).name == RATIONALS
    entry = page.model.entry(STARTER_ORDER.index(RATIONALS))
    assert "3 weeks" in entry.second_line and "every period is on it" in entry.second_line
    assert "no period on it now" in page.model.entry(0).second_line
    shown = page.list.currentIndex().data(Qt.ItemDataRole.DisplayRole)
    rationals = next(u for u in services.units.units() if u.name == RATIONALS)
    assert shown.startswith(f"{RATIONALS}\n3 weeks · {len(rationals.spec.task_ids)} tasks")

    editor = page.editor
    assert editor.name.text() == RATIONALS and editor.weeks.value() == 3
    assert (
        editor.tasks.table.rowCount() == len(rationals.spec.task_ids)
        and editor.skills.table.rowCount() >= 10
    )
    kinds = {k.label for k in TaskKind}
    assert set(cells(editor.tasks.table, 1)) <= kinds
    periods = page.periods.table
    assert cells(periods, 0) == ["Period 1", "Period 3", "Period 5"]
    since = {
        a.starts_on
        for p in services.classroom.overview().periods
        for a in services.units.assignments(p.id)
    }
    assert len(since) == 1  # the demo's periods all started it the same Monday
    (first_day,) = since
    started = f"since {first_day:%a %b} {first_day.day}"
    # Its name is in the editor above; the tooltip says it in full.
    assert set(cells(periods, 1)) == {f"This unit · {started}"}
    assert cell(periods, 0, 1).toolTip() == f"{RATIONALS} · {started}"
    assert all(text.startswith("week 2 of 3 · ") for text in cells(periods, 2))
    done = f" of {len(rationals.spec.task_ids)} done"
    assert all(text.endswith(done) for text in cells(periods, 2))
    assert "week 2 of 3 · " in cell(periods, 0, 3).toolTip()
    assert page.periods.note.text() == "Highlighted: on this unit now"


def test_edit_a_unit_as_you_go_and_a_refused_name_keeps_what_was_typed(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page, undo = make_page(qtbot, services, ops)
    unit = choose(page, "Scale drawings")
    editor = page.editor
    tasks = editor.tasks

    # Reorder: the first task goes one later, with the button and then with Alt+Up back.
    first, second = unit.spec.task_ids[:2]
    tasks.select(0)
    qtbot.mouseClick(tasks.down_button, Qt.MouseButton.LeftButton)
    assert services.units.unit(unit.id).spec.task_ids[:2] == (second, first)
    assert tasks.current_row() == 1  # the moved task stays chosen
    tasks.table.setFocus()
    qtbot.keyClick(tasks.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert services.units.unit(unit.id).spec.task_ids[:2] == (first, second)
    undo.undo()
    assert services.units.unit(unit.id).spec.task_ids[:2] == (second, first)
    assert cells(tasks.table, 2)[0] == services.tasks.task(second).title  # shown again

    # Add a skill from the searchable picker.
    dialog = editor.add_skills()
    assert isinstance(dialog, UnitPickerDialog)
    assert "7.G.A.1" not in [c for c in cells(dialog.table, 0)]  # already in the unit
    qtbot.keyClicks(dialog.search, "7.RP.A.2a")
    assert cells(dialog.table, 0) == ["7.RP.A.2a"]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # into the list
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.units.unit(unit.id).spec.skill_codes[-1] == "7.RP.A.2a"
    assert cells(editor.skills.table, 1)[-1] == "7.RP.A.2a"

    # Add tasks: those on the unit's skills come first; a kind narrows the list.
    dialog = editor.add_tasks()
    assert isinstance(dialog, UnitPickerDialog)
    assert dialog.only_fits.isVisibleTo(dialog)
    fitting = cell(dialog.table, 0, 0).font().bold()
    assert fitting
    dialog.group.setCurrentIndex(dialog.group.findData(TaskKind.EXIT_TICKET))
    assert set(cells(dialog.table, 0)) == {TaskKind.EXIT_TICKET.label}
    dialog.table.selectRow(0)
    picked = dialog.chosen()
    dialog.accept()
    assert services.units.unit(unit.id).spec.task_ids[-1] == picked[0]

    # A name and a summary: saved on leaving the box.
    editor.summary.setFocus()
    qtbot.keyClick(editor.summary, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.summary, " Maps of the school.")
    editor.name.setFocus()  # leaving the summary saves it
    assert services.units.unit(unit.id).spec.summary.endswith("Maps of the school.")
    editor.name.selectAll()
    qtbot.keyClicks(editor.name, "Scale drawings and maps")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert services.units.unit(unit.id).name == "Scale drawings and maps"
    assert "Scale drawings and maps" in names(page)
    editor.weeks.setValue(3)
    assert services.units.unit(unit.id).spec.weeks == 3

    # A blank name is refused: the message names the field, the box keeps what was typed,
    # everything saved before stays, and the unit stays chosen until it is put right.
    editor.name.selectAll()
    qtbot.keyClicks(editor.name, "   ")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert editor.error.isVisibleTo(page)
    assert editor.error.text().startswith("Name: The unit needs a name.")
    assert editor.name.text() == "   " and "2px solid" in editor.name.styleSheet()
    saved = services.units.unit(unit.id)
    assert saved.name == "Scale drawings and maps" and saved.spec.weeks == 3
    assert saved.spec.skill_codes[-1] == "7.RP.A.2a"
    page.list.setCurrentIndex(page.model.index(0 if names(page)[0] != saved.name else 1, 0))
    qtbot.waitUntil(lambda: page.current_unit() is not None)
    QApplication.processEvents()
    assert current(page).id == unit.id
    assert editor.name.text() == "   " and editor.error.isVisibleTo(page)
    # Esc goes back to the saved name.
    editor.name.setFocus()
    qtbot.keyClick(editor.name, Qt.Key.Key_Escape)
    assert editor.name.text() == "Scale drawings and maps" and not editor.error.isVisibleTo(page)


def test_delete_removes_a_task_and_ctrl_z_puts_it_back(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page, undo = make_page(qtbot, services, ops)
    unit = choose(page, "Measuring circles")
    tasks = page.editor.tasks
    tasks.select(1)
    tasks.table.setFocus()
    qtbot.keyClick(tasks.table, Qt.Key.Key_Delete)
    after = services.units.unit(unit.id).spec.task_ids
    assert after == unit.spec.task_ids[:1] + unit.spec.task_ids[2:]
    assert tasks.table.rowCount() == len(after) and tasks.current_row() == 1
    assert undo.undoText().startswith("Remove “")
    undo.undo()
    assert services.units.unit(unit.id).spec.task_ids == unit.spec.task_ids
    assert tasks.table.rowCount() == len(unit.spec.task_ids)


def test_start_a_unit_with_a_period_and_see_its_progress(
    qtbot: QtBot, services: Services, ops: Operations, today: date
) -> None:
    page, undo = make_page(qtbot, services, ops)
    unit = choose(page, "Scale drawings")
    period = services.classroom.overview().periods[0]
    before = services.units.assignments(period.id)
    dialog = page.open_start()
    assert isinstance(dialog, StartUnitDialog)
    assert dialog.chosen_periods() == [period.id]  # the period in the window's header
    assert dialog.starts_on() == next_monday(today)
    assert "now: Operations with rational numbers" in dialog.boxes[0][0].text()
    start = teaching_day(today)
    dialog.day.setDate(QDate(start.year, start.month, start.day))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted

    assert services.units.current_unit(period.id, start) == services.units.unit(unit.id)
    row = cells(page.periods.table, 0).index(period.name)
    table = page.periods.table
    assert cell(table, row, 1).text() == f"This unit · since {start:%a %b} {start.day}"
    progress = services.units.progress(period.id, start)
    assert progress is not None
    assert cell(table, row, 2).text() == (
        f"week 1 of 2 · {len(progress.used)} of {len(unit.spec.task_ids)} done"
    )
    titles = {services.tasks.task(t).title for t in unit.spec.task_ids}
    assert cell(table, row, 3).text() in titles | {"none left: add tasks"}
    assert cell(table, row, 0).font().bold()  # on the chosen unit: stands out
    assert "start “Scale drawings”" in page.banner.text()
    assert "Period 1" in page.model.entry(0).second_line

    undo.undo()  # back to the unit the period was on
    assert services.units.assignments(period.id) == before
    assert cell(page.periods.table, row, 1).text().startswith(f"{RATIONALS} · since ")

    # Set ahead: the period's unit now, then this one from next Monday.
    monday = next_monday(start)  # after the school day the page is about
    page.start_unit(unit, [period.id], monday)
    upcoming = f"\nthen this unit from {monday:%a %b} {monday.day}"
    assert cell(page.periods.table, row, 1).text().endswith(upcoming)


def test_archive_a_unit_with_delete_and_undo_brings_it_back(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page, undo = make_page(qtbot, services, ops)
    unit = choose(page, RATIONALS)
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    assert services.units.unit(unit.id).archived
    assert RATIONALS not in names(page)
    assert "keep it until their next unit starts" in page.banner.text()
    assert current(page).name == "Expressions, equations and inequalities"  # the next one

    page.archived.setChecked(True)  # shown greyed, to be restored
    assert RATIONALS in names(page)
    choose(page, RATIONALS)
    assert page.archive_button.text() == "&Restore" and not page.editor.name.isEnabled()
    page.archived.setChecked(False)

    undo.undo()
    assert not services.units.unit(unit.id).archived
    assert names(page) == STARTER_ORDER
    undo.redo()
    assert services.units.unit(unit.id).archived and RATIONALS not in names(page)


def test_new_duplicate_move_and_the_repeat_window(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page, undo = make_page(qtbot, services, ops)
    made = page.new_unit()
    assert made is not None and made.name == "New unit" and names(page)[-1] == "New unit"
    assert page.editor.name.hasFocus() and page.editor.name.selectedText() == "New unit"
    undo.undo()  # a new unit undone leaves the list
    assert "New unit" not in names(page)

    original = choose(page, "Measuring circles")
    copy = page.duplicate_unit()
    assert copy is not None and copy.name == "Measuring circles (copy)"
    assert copy.spec.task_ids == original.spec.task_ids and copy.spec.slug is None
    assert page.current_unit() == copy

    choose(page, "Measuring circles")
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert [u.name for u in services.units.units()][1] == "Measuring circles"
    assert names(page)[1] == "Measuring circles" and page.current_unit() == services.units.unit(
        original.id
    )
    undo.undo()
    assert [u.name for u in services.units.units()][:3] == STARTER_ORDER[:3]

    assert page.repeat_weeks.value() == services.units.repeat_weeks() == 4
    page.repeat_weeks.setValue(6)
    assert services.units.repeat_weeks() == 6
    undo.undo()
    assert services.units.repeat_weeks() == 4 and page.repeat_weeks.value() == 4


def test_keyboard_reaches_every_action_in_a_sensible_order(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page, _undo = make_page(qtbot, services, ops)
    chain = [page.list, page.new_button, page.duplicate_button, page.archive_button]
    for widget, following in pairwise(chain):
        assert _next_focus(widget) is following
    editor = page.editor
    assert _next_focus(editor.name) is editor.weeks
    assert _next_focus(editor.summary) is editor.skills.table
    assert _next_focus(editor.tasks.down_button) is page.periods.start_button


def _next_focus(widget: QWidget) -> QWidget:
    """The next widget Tab would reach (skipping ones that take no Tab focus)."""
    following = widget.nextInFocusChain()
    while following is not None and (
        not following.focusPolicy() & Qt.FocusPolicy.TabFocus or following.focusProxy()
    ):
        following = following.nextInFocusChain()
    assert following is not None
    return following


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_next_monday_is_the_monday_after(day: date) -> None:
    monday = next_monday(day)
    assert monday.weekday() == 0 and timedelta(days=1) <= monday - day <= timedelta(days=7)
