"""Rosters: periods (add, edit, reorder, archive) and their students (add, edit, move, archive)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.roster import Period, Student
from mathroom.services.changes import Change
from mathroom.services.classroom import ClassroomService
from mathroom.services.roster import RosterService
from mathroom.ui import theme
from mathroom.ui.dialogs.new_year_dialog import NewYearDialog
from mathroom.ui.dialogs.past_years_dialog import PastYearsDialog
from mathroom.ui.dialogs.period_dialog import PeriodDialog
from mathroom.ui.dialogs.student_dialog import StudentDialog
from mathroom.ui.models.roster_table import RosterTableModel
from mathroom.ui.operations import Operations, Writer
from mathroom.ui.pages.directory import ROSTERS
from mathroom.ui.undo import run_recorded
from mathroom.ui.widgets.flow_row import FlowRow
from mathroom.ui.widgets.page import Page, label
from mathroom.ui.widgets.periods_panel import PeriodsPanel
from mathroom.ui.widgets.shortcut_hint import with_keys

T = TypeVar("T")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class RostersPage(Page):
    title = ROSTERS.title
    purpose = ROSTERS.purpose
    period_selected = Signal(object)  # PeriodId of an active period picked in the list
    import_requested = Signal()
    profile_requested = Signal(object)  # StudentId

    shows = Change.ROSTER

    def __init__(
        self,
        ops: Operations,
        roster: RosterService,
        classroom: ClassroomService,
        exports: Path,
        undo: QUndoStack,
        today: Callable[[], date],
    ) -> None:
        super().__init__(ops)
        self._roster = roster
        self._classroom = classroom
        self._exports = exports
        self._undo = undo
        self._today = today
        self._list_period: Period | None = None

        row = QHBoxLayout()
        self.periods_panel = PeriodsPanel()
        row.addWidget(self.periods_panel)
        row.addLayout(self._build_students_panel(), 1)
        self.body.addLayout(row, 1)
        self._connect_signals()

    # -- construction -------------------------------------------------------------------
    def _build_students_panel(self) -> QVBoxLayout:
        panel = QVBoxLayout()
        self.summary = label("", "sectionTitle")
        panel.addWidget(self.summary)
        self.add_button = QPushButton("Add student…")
        self.add_button.setObjectName("primary")
        self.edit_button = QPushButton("Edit…")
        self.move_button = QPushButton("Move to…")
        self.archive_button = QPushButton("Archive")
        self.restore_button = QPushButton("Restore")
        self.profile_button = QPushButton("Profile…")
        self.profile_button.setToolTip("Levels, evidence and groups, printable for a conference")
        self.import_button = QPushButton(theme.icon("import"), "Import…")
        self.export_button = QPushButton("Export CSV…")
        self.edit_button.setToolTip(with_keys("Edit the selected student", "Return"))
        self.archive_button.setToolTip(
            with_keys(
                "Archive the selected students (nothing is lost; Ctrl+Z undoes)",
                QKeySequence.StandardKey.Delete,
            )
        )
        self.import_button.setToolTip(
            with_keys("Import students from a file or a OneRoster export", "Ctrl+I")
        )
        tools = FlowRow(
            self.add_button,
            self.edit_button,
            self.move_button,
            self.archive_button,
            self.restore_button,
            self.profile_button,
            self.import_button,
            self.export_button,
        )
        panel.addWidget(tools)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a student by any name or number…")
        self.search.setClearButtonEnabled(True)
        self.show_archived = QCheckBox("Show archived students")
        filters.addWidget(self.search, 1)
        filters.addWidget(self.show_archived)
        panel.addLayout(filters)
        self.undo_banner = QWidget()
        banner_layout = QHBoxLayout(self.undo_banner)
        banner_layout.setContentsMargins(0, 0, 0, 0)
        self.undo_text = label("", "okBanner")
        self.undo_button = QPushButton("Undo")
        banner_layout.addWidget(self.undo_text, 1)
        banner_layout.addWidget(self.undo_button)
        self.undo_banner.hide()
        panel.addWidget(self.undo_banner)

        self.model = RosterTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setAccessibleName("Students")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        panel.addWidget(self.table, 1)
        self.empty_hint = label(
            "No students yet. Add them one by one, or import the roster your school's system "
            "exports (CSV or Excel).",
            "muted",
        )
        panel.addWidget(self.empty_hint)
        return panel

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.periods_panel.periods.currentRowChanged.connect(self._on_periods_row_changed)
        self.periods_panel.show_archived_periods.toggled.connect(
            self._on_show_archived_periods_toggled
        )
        self.show_archived.toggled.connect(self._on_show_archived_toggled)
        self.periods_panel.add_period_button.clicked.connect(self._on_add_period_clicked)
        self.periods_panel.edit_period_button.clicked.connect(self._on_edit_period_clicked)
        self.periods_panel.up_button.clicked.connect(partial(self._on_move_period_clicked, -1))
        self.periods_panel.down_button.clicked.connect(partial(self._on_move_period_clicked, 1))
        self.periods_panel.archive_period_button.clicked.connect(self._on_archive_period_clicked)
        self.periods_panel.new_year_button.clicked.connect(self._on_new_year_clicked)
        self.periods_panel.past_years_button.clicked.connect(self.open_past_years)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self.edit_selected)
        self.move_button.clicked.connect(self._on_move_clicked)
        self.archive_button.clicked.connect(self.archive_selected)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.import_button.clicked.connect(self.import_requested)
        self.undo_button.clicked.connect(self._on_undo_clicked)
        self.profile_button.clicked.connect(self._on_profile_clicked)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected),
            (QKeySequence(Qt.Key.Key_Enter), self.edit_selected),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.archive_selected),
        ):
            shortcut = QShortcut(keys, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    @property
    def current_list_period(self) -> Period | None:
        """The period picked in the page's list (the import's default target)."""
        return self._list_period

    # -- loading ------------------------------------------------------------------------
    def set_period(self, period: Period | None) -> None:
        self.period = period
        if not self._showing_archived_periods():
            self._list_period = period
        self.reload()

    def reload(self) -> None:
        archived = self._showing_archived_periods()
        roster = self._roster
        periods = self._ops.query(lambda: roster.periods(archived=archived))
        wanted = self._list_period.id if self._list_period else None
        self._list_period = self.periods_panel.show_periods(periods, wanted, archived)
        self._load_students()

    def _load_students(self) -> None:
        period = self._list_period
        if period is None:
            self.summary.setText("No periods yet: add one, or import a roster.")
            self.model.set_entries([])
        else:
            classroom, archived = self._classroom, self.show_archived.isChecked()
            entries = self._ops.query(
                lambda: classroom.roster(period.id, include_archived=archived)
            )
            self.model.set_entries(entries)
            active = sum(1 for e in entries if not e.student.archived)
            times = (
                f"{period.starts_at:%H:%M}–{period.ends_at:%H:%M}"
                if period.starts_at and period.ends_at
                else ""
            )
            room = f"Room {period.room}" if period.room else ""
            days = " ".join(d.value for d in period.meeting_days)
            parts = [period.name, period.course, room, times, days, _plural(active, "student")]
            self.summary.setText(" · ".join(p for p in parts if p))
        self.empty_hint.setVisible(period is not None and self.model.rowCount() == 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_period = self._list_period is not None
        selected = self.selected_students()
        archived_period = self._showing_archived_periods()
        for button in (self.add_button, self.import_button, self.export_button):
            button.setEnabled(has_period and not archived_period)
        self.add_button.setEnabled(not archived_period)
        self.import_button.setEnabled(not archived_period)
        self.edit_button.setEnabled(len(selected) == 1)
        self.profile_button.setEnabled(len(selected) == 1)
        self.move_button.setEnabled(bool(selected) and not archived_period)
        self.archive_button.setEnabled(any(not s.archived for s in selected))
        self.restore_button.setEnabled(any(s.archived for s in selected))
        self.restore_button.setVisible(self.show_archived.isChecked())
        for button in (
            self.periods_panel.edit_period_button,
            self.periods_panel.up_button,
            self.periods_panel.down_button,
            self.periods_panel.archive_period_button,
        ):
            button.setEnabled(has_period)

    def selected_students(self) -> list[Student]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        students: list[Student] = []
        for row in sorted(rows):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            students.append(self.model.entry(source.row()).student)
        return students

    def select_student(self, student: StudentId) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RosterTableModel.StudentIdRole) == student:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return

    # -- actions ------------------------------------------------------------------------
    def edit_selected(self) -> None:
        selected = self.selected_students()
        if len(selected) != 1 or self._list_period is None:
            return
        student = selected[0]
        write = self._recorded_writer(f"edit {student.first_name}")
        dialog = StudentDialog(self._roster, self._list_period.id, student, write, self)
        if dialog.exec() and dialog.before is not None:
            self.reload()
            self.select_student(student.id)

    def archive_selected(self) -> None:
        students = [s for s in self.selected_students() if not s.archived]
        if not students:
            return
        ids = [s.id for s in students]
        text = (
            f"Archived {students[0].full_name}."
            if len(students) == 1
            else f"Archived {len(students)} students."
        )
        self._recorded(text.rstrip("."), partial(self._roster.archive_students, ids))
        self._show_undo(text + " Their history is kept.")

    def _on_restore_clicked(self) -> None:
        students = [s for s in self.selected_students() if s.archived]
        if not students:
            return
        ids = [s.id for s in students]
        what = f"restore {_plural(len(ids), 'student')}"
        self._recorded(what, partial(self._roster.restore_students, ids))
        self._show_undo(f"Restored {_plural(len(ids), 'student')}.")

    def _on_add_clicked(self) -> None:
        if self._list_period is None:
            return
        # Undo takes the student and their enrolment away again (no archived copy is left).
        write = self._recorded_writer("add student")
        dialog = StudentDialog(self._roster, self._list_period.id, None, write, self)
        if dialog.exec() and dialog.saved_id is not None:
            added = dialog.saved_id
            self._after_change()
            self.select_student(added)

    def _on_move_clicked(self) -> None:
        students = self.selected_students()
        current = self._list_period
        roster = self._roster
        others = [
            p for p in self._ops.query(roster.periods) if current is None or p.id != current.id
        ]
        if not students or not others:
            return
        names = [p.name for p in others]
        who = students[0].full_name if len(students) == 1 else _plural(len(students), "student")
        choice, ok = QInputDialog.getItem(
            self, "Move to another period", f"Move {who} to:", names, 0, False
        )
        if not ok:
            return
        target = others[names.index(choice)]
        ids = [s.id for s in students]
        # Undo puts back exactly the enrolment rows the move changed (dates included).
        run_recorded(
            self._undo,
            self._ops,
            roster.journal,
            f"move to {target.name}",
            partial(roster.move_students, ids, target.id),
            Change.ROSTER,
        )
        self._show_undo(f"Moved {who} to {target.name}. Evidence and group history stay.")

    def _on_add_period_clicked(self) -> None:
        dialog = PeriodDialog(self._roster, None, self._write, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.periods_panel.show_archived_periods.setChecked(False)
            self._after_change()
            self._select_period(dialog.saved_id)

    def _on_edit_period_clicked(self) -> None:
        if self._list_period is None:
            return
        if PeriodDialog(self._roster, self._list_period, self._write, self).exec():
            self._after_change()

    def _on_move_period_clicked(self, offset: int) -> None:
        if self._list_period is not None and not self._showing_archived_periods():
            self._write(partial(self._roster.move_period, self._list_period.id, offset))
            self._after_change()

    def _on_archive_period_clicked(self) -> None:
        period = self._list_period
        if period is None:
            return
        roster = self._roster
        if self._showing_archived_periods():
            self._recorded(f"restore {period.name}", partial(roster.restore_period, period.id))
            self._show_undo(f"Restored {period.name}.")
        else:
            self._recorded(f"archive {period.name}", partial(roster.archive_period, period.id))
            self._list_period = None
            self._show_undo(f"Archived {period.name}. Its students and history are kept.")
        self._after_change()

    def open_past_years(self) -> PastYearsDialog:
        """Archived years and their students, read-only, with each student's history."""
        dialog = PastYearsDialog(self._ops, self._roster.past_years, self)
        dialog.open()
        return dialog

    def _on_new_year_clicked(self) -> None:
        if NewYearDialog(self._roster, self._today(), self._write, self).exec():
            self._list_period = None
            self._after_change()

    def _on_export_clicked(self) -> None:
        period = self._list_period
        if period is None:
            return
        safe = "".join(c if c.isalnum() else "-" for c in period.name).strip("-").lower()
        default = self._exports / f"roster-{safe}.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export roster", str(default), "CSV (*.csv)")
        if not path:
            return
        roster = self._roster
        count = self._ops.query(lambda: roster.export_csv(period.id, Path(path)))
        self._show_undo(f"Saved {_plural(count, 'student')} to {path}.", undoable=False)

    def _on_periods_row_changed(self, row: int) -> None:
        item = self.periods_panel.periods.item(row)
        period = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self._list_period = period if isinstance(period, Period) else None
        self._load_students()
        if self._list_period is not None and not self._showing_archived_periods():
            self.period_selected.emit(self._list_period.id)

    def _on_show_archived_periods_toggled(self, _checked: bool) -> None:
        self._list_period = None
        self.reload()

    def _on_show_archived_toggled(self, _checked: bool) -> None:
        self._load_students()

    def _on_profile_clicked(self) -> None:
        selected = self.selected_students()
        if len(selected) == 1:
            self.profile_requested.emit(int(selected[0].id))

    def _on_undo_clicked(self) -> None:
        self._undo.undo()
        self.undo_banner.hide()

    # -- helpers ------------------------------------------------------------------------
    def _select_period(self, period: PeriodId) -> None:
        for row in range(self.periods_panel.periods.count()):
            data = self.periods_panel.periods.item(row).data(Qt.ItemDataRole.UserRole)
            if isinstance(data, Period) and data.id == period:
                self.periods_panel.periods.setCurrentRow(row)
                return

    def _show_undo(self, text: str, *, undoable: bool = True) -> None:
        self.undo_text.setText(text)
        self.undo_button.setVisible(undoable)
        self.undo_banner.show()

    def _recorded(self, what: str, write: Callable[[], T]) -> T:
        """A roster change Ctrl+Z undoes exactly: the rows it wrote are put back."""
        journals = self._roster.journal
        return run_recorded(
            self._undo, self._ops, journals, what, write, Change.ROSTER, origin=self
        )

    def _recorded_writer(self, what: str) -> Writer:
        """A dialog's writer whose successful write becomes one exact undo step."""

        def write(work: Callable[[], T]) -> T:
            return self._recorded(what, work)

        return write

    def _write(self, write: Callable[[], T]) -> T:
        """Every change this page makes is a roster change, announced to the window."""
        return self._ops.write(write, Change.ROSTER, origin=self)

    def _showing_archived_periods(self) -> bool:
        return self.periods_panel.show_archived_periods.isChecked()

    def _after_change(self) -> None:
        self.reload()
