"""Units: a few weeks of skills and tasks in teaching order, and which period is on which.

Every change saves at once and can be undone with Ctrl+Z, as on the Plan page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import PeriodId, UnitId
from mathroom.domain.plan import teaching_day
from mathroom.domain.roster import Period
from mathroom.domain.skills import Skill
from mathroom.domain.tasks import Task
from mathroom.domain.units import UNIT_NAME_MAX, Unit, UnitAssignment, UnitSpec
from mathroom.services.changes import Change
from mathroom.services.classroom import ClassroomService
from mathroom.services.skill_map import SkillMapService
from mathroom.services.tasks import TaskService
from mathroom.services.units import UnitProgress, UnitService, assignment_on
from mathroom.ui.dialogs.unit_start_dialog import StartUnitDialog, next_monday
from mathroom.ui.models.unit_list import UnitEntry, UnitListModel
from mathroom.ui.operations import Operations
from mathroom.ui.pages.directory import UNITS
from mathroom.ui.undo import push_done
from mathroom.ui.widgets.fit import stack_when_narrow
from mathroom.ui.widgets.page import Page, card, label
from mathroom.ui.widgets.unit_editor import UnitEditor
from mathroom.ui.widgets.unit_list_panel import UnitListPanel
from mathroom.ui.widgets.unit_periods import PeriodLine, UnitPeriodsPanel

T = TypeVar("T")
UNIT_CHANGES = Change.PLANS  # units decide what Plan next school day takes


@dataclass(frozen=True, slots=True)
class _Snapshot:
    units: list[Unit]  # archived ones too, in teaching order
    tasks: list[Task]
    skills: list[Skill]
    periods: tuple[Period, ...]
    assignments: dict[PeriodId, list[UnitAssignment]]
    progress: dict[PeriodId, UnitProgress | None]
    repeat_weeks: int


class UnitsPage(Page):
    title = UNITS.title
    purpose = UNITS.purpose
    shows = Change.PLANS | Change.TASKS | Change.SETTINGS

    def __init__(
        self,
        ops: Operations,
        units: UnitService,
        classroom: ClassroomService,
        tasks: TaskService,
        skill_map: SkillMapService,
        undo: QUndoStack,
        today: Callable[[], date],
    ) -> None:
        super().__init__(ops)
        self._units, self._classroom = units, classroom
        self._tasks, self._skill_map = tasks, skill_map
        self._undo = undo
        self._today = today
        self._data: _Snapshot | None = None
        self._shown: UnitId | None = None
        self.banner = label("", "infoBanner")
        self.banner.hide()
        self.body.addWidget(self.banner)

        self.units_panel = panel = UnitListPanel()
        self.list, self.model, self.archived = panel.list, panel.model, panel.archived
        self.new_button, self.duplicate_button = panel.new_button, panel.duplicate_button
        self.archive_button, self.repeat_weeks = panel.archive_button, panel.repeat_weeks
        self.up_button, self.down_button = panel.up_button, panel.down_button

        right = QWidget()
        right.setObjectName("scrollHost")
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 4, 0)
        editor_frame, editor_box = card()
        self.editor = UnitEditor(self._save_spec)
        editor_box.addWidget(self.editor)
        right_column.addWidget(editor_frame, 1)
        periods_frame, periods_box = card()
        self.periods = UnitPeriodsPanel()
        periods_box.addWidget(self.periods)
        right_column.addWidget(periods_frame)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls inside
        scroll.setWidget(right)
        stack_when_narrow(self.editor.lists, scroll)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(panel)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([320, 860])
        splitter.setChildrenCollapsible(False)
        self.body.addWidget(splitter, 1)

        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.new_button.clicked.connect(self.new_unit)
        self.duplicate_button.clicked.connect(self.duplicate_unit)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.up_button.clicked.connect(lambda: self.move_unit(-1))
        self.down_button.clicked.connect(lambda: self.move_unit(1))
        self.archived.toggled.connect(self.reload)
        self.repeat_weeks.valueChanged.connect(self.set_repeat_weeks)
        self.periods.start_button.clicked.connect(self.open_start)
        panel.delete_pressed.connect(self.archive_current)
        panel.move_pressed.connect(self.move_unit)
        new_unit = QShortcut(QKeySequence("Ctrl+Shift+N"), self)
        new_unit.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_unit.activated.connect(self.new_unit)
        chain = [
            *panel.focus_chain(),
            *self.editor.focus_chain(),
            self.periods.start_button,
            self.periods.table,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- reading ------------------------------------------------------------------------
    def _day(self) -> date:
        return teaching_day(self._today())

    def _read(self) -> _Snapshot:
        units, day = self._units, self._day()
        periods = self._classroom.overview().periods
        return _Snapshot(
            units.units(include_archived=True),
            self._tasks.tasks(include_archived=True),
            self._skill_map.skills(),
            periods,
            {p.id: units.assignments(p.id) for p in periods},
            {p.id: units.progress(p.id, day) for p in periods},
            units.repeat_weeks(),
        )

    def reload(self, *_args: object) -> None:
        data = self._ops.query(self._read)
        self._data = data
        archived = self.archived.isChecked()
        wanted = self._shown
        if wanted is None and self.period is not None:  # at first: the period's unit now
            now = assignment_on(data.assignments.get(self.period.id, []), self._day())
            wanted = now.unit_id if now is not None else None
        entries = []
        for unit in data.units:
            if archived or not unit.archived:
                on_it = self._periods_on(unit.id)
                entries.append(UnitEntry(unit, tuple(on_it), len(on_it) == len(data.periods)))
        self.list.selectionModel().blockSignals(True)
        self.model.set_entries(entries)
        self.list.selectionModel().blockSignals(False)
        self.repeat_weeks.blockSignals(True)
        self.repeat_weeks.setValue(data.repeat_weeks)
        self.repeat_weeks.blockSignals(False)
        self.select_unit(wanted)

    def select_unit(self, unit_id: UnitId | None) -> None:
        """Choose that unit in the list (else the first) and show it."""
        row = self.model.row_of(unit_id)
        if row is None:
            row = 0 if self.model.rowCount() else None
        selection = self.list.selectionModel()
        selection.blockSignals(True)
        if row is None:
            selection.clear()
        else:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            selection.setCurrentIndex(self.model.index(row, 0), flags)
        selection.blockSignals(False)
        self._show(self.current_unit())

    def current_unit(self) -> Unit | None:
        unit = self.list.currentIndex().data(UnitListModel.UnitRole)
        return unit if isinstance(unit, Unit) else None

    def _show(self, unit: Unit | None) -> None:
        data = self._data
        if data is None:
            return
        self._shown = unit.id if unit is not None else None
        self.editor.show_unit(unit, data.skills, data.tasks)
        titles = {t.id: t.title for t in data.tasks}
        day = self._day()
        lines = [
            PeriodLine.of(p, data.assignments[p.id], day, data.progress[p.id]) for p in data.periods
        ]
        self.periods.show_lines(lines, {u.id: u for u in data.units}, titles, self._shown)
        self.periods.start_button.setEnabled(unit is not None and not unit.archived)
        self.duplicate_button.setEnabled(unit is not None)
        self.archive_button.setEnabled(unit is not None)
        self.archive_button.setText("&Restore" if unit and unit.archived else "&Archive")
        row = self.list.currentIndex().row()
        self.up_button.setEnabled(unit is not None and row > 0)
        self.down_button.setEnabled(unit is not None and 0 <= row < self.model.rowCount() - 1)

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        # A name still being typed saves first; one the rules refuse keeps its unit chosen.
        if not self.editor.commit_pending():
            QTimer.singleShot(0, self, lambda: self.select_unit(self._shown))
            return
        self._show(self.current_unit())

    def _periods_on(self, unit_id: UnitId) -> list[str]:
        """The names of the periods working on that unit on the school day."""
        data, day = self._data, self._day()
        if data is None:
            return []
        now = {p.name: assignment_on(data.assignments[p.id], day) for p in data.periods}
        return [name for name, a in now.items() if a is not None and a.unit_id == unit_id]

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    # -- writing ------------------------------------------------------------------------
    def _write(self, write: Callable[[], T]) -> T:
        return self._ops.write(write, UNIT_CHANGES, origin=self)

    def _record(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> None:
        push_done(self._undo, self._ops, text, redo, undo, UNIT_CHANGES)

    def _save_spec(self, spec: UnitSpec, text: str) -> Unit:
        """The editor's saves: one undoable step each; the list shows the new name and
        weeks at once, the editor keeps its place."""
        unit = self.editor.unit
        if unit is None:
            raise MathroomError("choose a unit first")
        units, old, unit_id = self._units, unit.spec, unit.id
        saved = self._write(lambda: units.save_unit(spec, unit_id))
        self._record(
            text, lambda: units.save_unit(spec, unit_id), lambda: units.save_unit(old, unit_id)
        )
        self.reload()
        return saved

    def new_unit(self) -> Unit | None:
        if not self.editor.commit_pending():
            return None
        taken = {u.name for u in self._data.units} if self._data else set()
        name = next(
            n for n in ("New unit", *(f"New unit {i}" for i in range(2, 999))) if n not in taken
        )
        return self._add(UnitSpec(name, 3), f"New unit “{name}”", focus_name=True)

    def duplicate_unit(self) -> Unit | None:
        unit = self.current_unit()
        if unit is None or not self.editor.commit_pending():
            return None
        copy = f"{unit.name[: UNIT_NAME_MAX - 7]} (copy)"
        return self._add(replace(unit.spec, name=copy, slug=None), f"Duplicate “{unit.name}”")

    def _add(self, spec: UnitSpec, text: str, focus_name: bool = False) -> Unit | None:
        units = self._units
        try:
            added = self._write(lambda: units.save_unit(spec))
        except MathroomError as exc:
            QMessageBox.warning(self, "The unit was not added", str(exc))
            return None
        # Undo takes it out of the list (archived, as units are never deleted).
        self._record(
            text, lambda: units.restore_unit(added.id), lambda: units.archive_unit(added.id)
        )
        self._shown = added.id
        self.reload()
        if focus_name:
            self.editor.name.setFocus()
            self.editor.name.selectAll()
        return added

    def archive_current(self) -> None:
        unit = self.current_unit()
        if unit is not None and not unit.archived:
            self.toggle_archive()

    def toggle_archive(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        units, unit_id = self._units, unit.id
        if unit.archived:
            self._write(lambda: units.restore_unit(unit_id))
            redo, undo = units.restore_unit, units.archive_unit
            self.show_banner(f"“{unit.name}” is back in the list of units.")
        else:
            row = self.list.currentIndex().row()
            self._write(lambda: units.archive_unit(unit_id))
            redo, undo = units.archive_unit, units.restore_unit
            still = self._periods_on(unit_id)
            keeps = f" {', '.join(still)} keep it until their next unit starts." if still else ""
            self.show_banner(
                f"“{unit.name}” was archived.{keeps} Undo with Ctrl+Z, or tick Show archived "
                "to restore it later."
            )
            if not self.archived.isChecked():
                self._shown = self.model.neighbour(row)
        verb = "Restore" if unit.archived else "Archive"
        self._record(f"{verb} “{unit.name}”", lambda: redo(unit_id), lambda: undo(unit_id))
        self.reload()

    def move_unit(self, offset: int) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        units, unit_id = self._units, unit.id
        if self._write(lambda: units.move_unit(unit_id, offset)):
            self._record(
                f"Move “{unit.name}”",
                lambda: units.move_unit(unit_id, offset),
                lambda: units.move_unit(unit_id, -offset),
            )
            self.reload()

    def set_repeat_weeks(self, weeks: int) -> None:
        units = self._units
        old = self._data.repeat_weeks if self._data else weeks
        if weeks == old:
            return
        try:
            self._write(lambda: units.set_repeat_weeks(weeks))
        except MathroomError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return
        self._record(
            f"Don't repeat tasks from the last {weeks} weeks",
            lambda: units.set_repeat_weeks(weeks),
            lambda: units.set_repeat_weeks(old),
        )
        self.reload()

    def open_start(self) -> StartUnitDialog | None:
        unit, data = self.current_unit(), self._data
        if unit is None or unit.archived or data is None:
            return None
        units, day = {u.id: u for u in data.units}, self._day()
        rows = [
            (p, PeriodLine.of(p, data.assignments[p.id], day).now_text(units)) for p in data.periods
        ]
        ticked = [self.period.id] if self.period is not None else []
        dialog = StartUnitDialog(unit.name, rows, ticked, next_monday(self._today()), self)
        dialog.accepted.connect(
            lambda: self.start_unit(unit, dialog.chosen_periods(), dialog.starts_on())
        )
        dialog.open()
        return dialog

    def start_unit(self, unit: Unit, periods: list[PeriodId], starts_on: date) -> None:
        """From ``starts_on`` the periods work on the unit (one undoable step)."""
        if not periods:
            return
        units, unit_id = self._units, unit.id
        wanted: dict[PeriodId, UnitId | None] = dict.fromkeys(periods, unit_id)
        try:
            before = self._write(lambda: units.set_starts(starts_on, wanted))
        except MathroomError as exc:
            QMessageBox.warning(self, "The unit was not started", str(exc))
            return
        self._record(
            f"Start “{unit.name}”",
            lambda: units.set_starts(starts_on, wanted),
            lambda: units.set_starts(starts_on, before),
        )
        names = [p.name for p in (self._data.periods if self._data else ()) if p.id in wanted]
        self.show_banner(
            f"{', '.join(names)} start “{unit.name}” on {starts_on:%A, %B} {starts_on.day}. "
            "Plan next school day takes its tasks from then on. Ctrl+Z undoes."
        )
        self.reload()

    # -- Qt overrides -------------------------------------------------------------------
    def hideEvent(self, event: QHideEvent) -> None:
        self.editor.commit_pending()  # leaving the page (or the app) keeps what was typed
        super().hideEvent(event)
