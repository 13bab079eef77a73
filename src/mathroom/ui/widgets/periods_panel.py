"""The Rosters page's list of periods and the buttons that act on them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import PeriodId
from mathroom.domain.roster import Period
from mathroom.ui.widgets.page import label


def _students(count: int) -> str:
    return f"{count} student" if count == 1 else f"{count} students"


class PeriodsPanel(QWidget):
    """The widgets only: the page fills the list and acts on the buttons."""

    def __init__(self) -> None:
        super().__init__()
        panel = QVBoxLayout(self)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(label("Periods", "sectionTitle"))
        self.periods = QListWidget()
        self.periods.setObjectName("dayList")
        self.periods.setFixedWidth(250)
        panel.addWidget(self.periods, 1)
        buttons = QHBoxLayout()
        self.add_period_button = QPushButton("Add…")
        self.edit_period_button = QPushButton("Edit…")
        self.up_button = QPushButton("▲")
        self.down_button = QPushButton("▼")
        self.up_button.setToolTip("Move the period up the list")
        self.down_button.setToolTip("Move the period down the list")
        for button in (
            self.add_period_button,
            self.edit_period_button,
            self.up_button,
            self.down_button,
        ):
            buttons.addWidget(button)
        panel.addLayout(buttons)
        self.archive_period_button = QPushButton("Archive period")
        panel.addWidget(self.archive_period_button)
        self.show_archived_periods = QCheckBox("Show archived periods")
        panel.addWidget(self.show_archived_periods)
        self.new_year_button = QPushButton("New school year…")
        panel.addWidget(self.new_year_button)
        self.past_years_button = QPushButton("Past years…")
        self.past_years_button.setToolTip("Archived school years and their students, read-only")
        panel.addWidget(self.past_years_button)

    def show_periods(
        self, periods: Sequence[Period], wanted: PeriodId | None, archived: bool
    ) -> Period | None:
        """List ``periods`` (name, students, bell times), pick ``wanted`` (else the first)
        without signalling, and return the one picked."""
        self.periods.blockSignals(True)
        self.periods.clear()
        for period in periods:
            times = (
                f" · {period.starts_at:%H:%M}–{period.ends_at:%H:%M}"
                if period.starts_at and period.ends_at
                else ""
            )
            item = QListWidgetItem(f"{period.name}\n{_students(period.student_count)}{times}")
            item.setData(Qt.ItemDataRole.UserRole, period)
            self.periods.addItem(item)
        index = next((i for i, p in enumerate(periods) if p.id == wanted), 0 if periods else -1)
        self.periods.setCurrentRow(index)
        self.periods.blockSignals(False)
        self.archive_period_button.setText("Restore period" if archived else "Archive period")
        return periods[index] if index >= 0 else None
