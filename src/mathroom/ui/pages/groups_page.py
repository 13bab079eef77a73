"""Groups: the period's recent group sets, newest first, as whiteboard cards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QWidget,
)

from mathroom.services.attendance import AttendanceService
from mathroom.services.changes import Change
from mathroom.services.classroom import ClassroomService, GroupSetView
from mathroom.services.evidence import EvidenceService
from mathroom.services.grouping import GroupingService
from mathroom.services.grouping_rules import GroupingRulesService
from mathroom.ui.operations import Operations
from mathroom.ui.pages.directory import GROUPS
from mathroom.ui.widgets.group_maker import GroupMaker
from mathroom.ui.widgets.page import Page, card, card_grid, clear_layout, label
from mathroom.ui.widgets.pair_matrix_view import PairMatrixView
from mathroom.ui.widgets.rules_editor import RulesEditor


class GroupsPage(Page):
    title = GROUPS.title
    purpose = GROUPS.purpose

    shows = Change.ROSTER | Change.GROUPS | Change.PLANS | Change.SETTINGS  # plans: the boards

    def __init__(
        self,
        ops: Operations,
        classroom: ClassroomService,
        grouping: GroupingService,
        grouping_rules: GroupingRulesService,
        evidence: EvidenceService,
        attendance: AttendanceService,
        undo: QUndoStack | None,
        today: Callable[[], date],
    ) -> None:
        super().__init__(ops)
        self._classroom = classroom
        self._grouping_rules = grouping_rules
        self._undo = undo or QUndoStack(self)
        self._today = today
        self._views: list[GroupSetView] = []
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Groups views")
        self.maker = GroupMaker(ops, grouping, evidence, attendance, today, self._undo)
        self.tabs.addTab(self.maker, "Make groups")
        history = QWidget()
        row = QHBoxLayout(history)
        self.history = QListWidget()
        self.history.setAccessibleName("Days with saved groups")
        self.history.setObjectName("historyList")
        self.history.setMaximumWidth(240)
        row.addWidget(self.history)
        scroll, self.grid = card_grid()
        row.addWidget(scroll, 1)
        self.tabs.addTab(history, "Past groups")
        self.matrix = PairMatrixView()
        self.tabs.addTab(self.matrix, "Who has worked with whom")
        self.rules = RulesEditor(ops, grouping_rules, self._undo)
        self.tabs.addTab(self.rules, "Rules")
        self.body.addWidget(self.tabs, 1)
        self.history.currentRowChanged.connect(self._on_history_row_changed)

    def reload(self) -> None:
        period = self.period
        classroom = self._classroom
        roster = self._ops.query(lambda: classroom.roster(period.id)) if period else []
        students = [e.student for e in roster]
        self.rules.load(period.id if period else None, students)
        if self.maker.period != (period.id if period else None):
            self.maker.load(period.id if period else None)  # opens on the day's saved groups
        else:
            self.maker.refresh_day()  # keeps groups the teacher has not saved yet
        self.refresh_history()

    def refresh_history(self) -> None:
        """Past groups and the who-has-worked-with-whom counts (also after a save)."""
        period, today = self.period, self._today()
        classroom, rules = self._classroom, self._grouping_rules
        if period is not None:
            matrix, self._views = self._ops.query(
                lambda: (rules.pair_matrix(period.id), classroom.group_sets(period.id, until=today))
            )
            self.matrix.show_matrix(matrix)
        else:
            self._views = []
        self.history.clear()
        for view in self._views:
            gs = view.group_set
            text = f"{gs.made_on:%a %b} {gs.made_on.day} · {len(gs.groups)} groups"
            self.history.addItem(QListWidgetItem(text))
        if self._views:
            self.history.setCurrentRow(0)
        else:
            self._show(None)

    def _on_history_row_changed(self, row: int) -> None:
        self._show(self._views[row] if 0 <= row < len(self._views) else None)

    def _show(self, view: GroupSetView | None) -> None:
        clear_layout(self.grid)
        if view is None:
            self.grid.addWidget(label("No groups made for this period yet.", "muted"), 0, 0)
            return
        columns = 4
        for i, (number, names) in enumerate(view.names):
            frame, layout = card()
            layout.addWidget(label(f"Group {number}", "sectionTitle"))
            layout.addWidget(label("\n".join(names)))
            layout.addStretch(1)
            self.grid.addWidget(frame, i // columns, i % columns)
        rows = (len(view.names) + columns - 1) // columns
        for row in range(rows + 1):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(rows, 1)  # cards keep their size; the space goes below
