"""Keep-apart and keep-together rules for a period, with a private reason (teacher only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import ValidationError
from mathroom.domain.groups import ConstraintKind
from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.roster import Student
from mathroom.services.changes import Change
from mathroom.services.grouping_rules import GroupingRulesService, RuleView
from mathroom.ui.operations import Operations
from mathroom.ui.undo import run_recorded
from mathroom.ui.widgets.page import label


class RulesEditor(QWidget):
    def __init__(self, ops: Operations, rules: GroupingRulesService, undo: QUndoStack) -> None:
        super().__init__()
        self._ops = ops
        self._rules = rules
        self._undo = undo
        self._period: PeriodId | None = None
        self._views: list[RuleView] = []
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                "Rules always hold when groups are made. The reason is private: it is never "
                "projected or printed, and groups made under a rule look exactly like random ones.",
                "muted",
            )
        )
        form = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem("Keep apart", ConstraintKind.KEEP_APART.value)
        self.kind.addItem("Keep together", ConstraintKind.KEEP_TOGETHER.value)
        self.kind.addItem("Needs a buddy (first) from (second)", ConstraintKind.BUDDY.value)
        self.kind.setToolTip(
            "Buddy: the first student always has at least one of their buddies in the group "
            "(add one rule per buddy), e.g. a newcomer with classmates who share a language."
        )
        self.first = QComboBox()
        self.second = QComboBox()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Private reason (optional)")
        self.add_button = QPushButton("Add rule")
        self.add_button.setObjectName("primary")
        for widget in (self.kind, self.first, self.second):
            form.addWidget(widget)
        form.addWidget(self.reason, 1)
        form.addWidget(self.add_button)
        layout.addLayout(form)
        self.error = label("", "banner")
        self.error.hide()
        layout.addWidget(self.error)
        self.list = QListWidget()
        self.list.setObjectName("dayList")
        layout.addWidget(self.list, 1)
        self.remove_button = QPushButton("Remove the selected rule")
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)

    def load(self, period: PeriodId | None, students: list[Student]) -> None:
        self._period = period
        for combo in (self.first, self.second):
            combo.clear()
            for student in students:
                combo.addItem(student.full_name, int(student.id))
        if len(students) > 1:
            self.second.setCurrentIndex(1)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        period, rules = self._period, self._rules
        self._views = self._ops.query(lambda: rules.rules(period)) if period is not None else []
        for view in self._views:
            text = view.label + (f"  —  {view.reason}" if view.reason else "")
            self.list.addItem(QListWidgetItem(text))
        if not self._views:
            self.list.addItem("No rules for this period.")
        self.remove_button.setEnabled(bool(self._views))

    def _on_add_clicked(self) -> None:
        if self._period is None or self.first.currentData() is None:
            return
        kind = ConstraintKind(self.kind.currentData())
        a, b = StudentId(self.first.currentData()), StudentId(self.second.currentData())
        try:
            period, rules, reason = self._period, self._rules, self.reason.text()
            # Undo takes the rule away again (no archived copy is left), exactly.
            run_recorded(
                self._undo,
                self._ops,
                rules.journal,
                "add rule",
                lambda: rules.add_rule(period, kind, a, b, reason),
                Change.GROUPS,
                origin=self,
            )
        except ValidationError as exc:
            self.error.setText(exc.problem[:1].upper() + exc.problem[1:] + ".")
            self.error.show()
            return
        self.error.hide()
        self.reason.clear()
        self._after()

    def _on_remove_clicked(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._views):
            return
        rule = self._views[row].id
        rules = self._rules
        run_recorded(
            self._undo,
            self._ops,
            rules.journal,
            "remove rule",
            lambda: rules.remove_rule(rule),
            Change.GROUPS,
            origin=self,
        )
        self._after()

    def _after(self) -> None:
        self.refresh()
