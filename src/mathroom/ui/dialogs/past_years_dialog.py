"""Past school years, read-only: pick a year and a period, then a student to see their
history (levels, every piece of evidence, groups) as it was kept when the year ended."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import PeriodId, StudentId
from mathroom.services.past_years import PastYear, PastYearsService
from mathroom.ui.dialogs.profile_dialog import profile_html
from mathroom.ui.operations import Operations
from mathroom.ui.widgets.fit import resize_within_screen


class PastYearsDialog(QDialog):
    """Nothing here can change a past year: there are no edit buttons, only lists."""

    def __init__(
        self, ops: Operations, past: PastYearsService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._past = past
        self.setWindowTitle("Past school years (read-only)")
        resize_within_screen(self, 980, 640)
        layout = QVBoxLayout(self)
        self.year = QComboBox()
        self.years: list[PastYear] = ops.query(past.years)
        for year in self.years:
            self.year.addItem(year.year.name, int(year.year.id))
        layout.addWidget(self.year)
        row = QHBoxLayout()
        self.periods = QListWidget()
        self.periods.setMaximumWidth(220)
        self.students = QListWidget()
        self.students.setMaximumWidth(280)
        self.history = QTextBrowser()
        row.addWidget(self.periods)
        row.addWidget(self.students)
        row.addWidget(self.history, 1)
        layout.addLayout(row, 1)
        self.status = QLabel(
            "Archived years are kept whole and read-only. Teacher eyes only."
            if self.years
            else "No archived school year yet: New school year… archives this one."
        )
        self.status.setObjectName("muted")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.year.currentIndexChanged.connect(self._show_year)
        self.periods.currentItemChanged.connect(self._show_period)
        self.students.currentItemChanged.connect(self._show_student)
        self._show_year()

    def _chosen_year(self) -> PastYear | None:
        index = self.year.currentIndex()
        return self.years[index] if 0 <= index < len(self.years) else None

    def _show_year(self, *_args: object) -> None:
        self.periods.clear()
        self.students.clear()
        self.history.clear()
        year = self._chosen_year()
        for period in year.periods if year else ():
            item = QListWidgetItem(
                f"{period.name} · {period.course}" if period.course else period.name
            )
            item.setData(Qt.ItemDataRole.UserRole, int(period.id))
            self.periods.addItem(item)
        if self.periods.count():
            self.periods.setCurrentRow(0)

    def _show_period(self, item: QListWidgetItem | None, *_args: object) -> None:
        self.students.clear()
        self.history.clear()
        if item is None:
            return
        period, past = PeriodId(int(item.data(Qt.ItemDataRole.UserRole))), self._past
        for entry in self._ops.query(lambda: past.students(period)):
            left = f" (left {entry.left_on:%b} {entry.left_on.day})" if entry.left_on else ""
            row = QListWidgetItem(entry.student.full_name + left)
            row.setData(Qt.ItemDataRole.UserRole, int(entry.student.id))
            self.students.addItem(row)

    def _show_student(self, item: QListWidgetItem | None, *_args: object) -> None:
        year = self._chosen_year()
        if item is None or year is None:
            self.history.clear()
            return
        student, past = StudentId(int(item.data(Qt.ItemDataRole.UserRole))), self._past
        profile = self._ops.query(lambda: past.history(student, year.year.id))
        self.history.setHtml(profile_html(profile))
