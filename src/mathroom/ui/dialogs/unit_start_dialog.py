"""Start a unit with one or more periods from a chosen day (next Monday unless changed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import PeriodId
from mathroom.domain.roster import Period
from mathroom.ui.widgets.page import label


def next_monday(day: date) -> date:
    """The Monday after ``day`` (a week on from a Monday)."""
    return day + timedelta(days=7 - day.weekday())


class StartUnitDialog(QDialog):
    """``periods`` pair each period with a line on its unit now; ``ticked`` start ticked."""

    def __init__(
        self,
        unit_name: str,
        periods: Sequence[tuple[Period, str]],
        ticked: Sequence[PeriodId],
        first_day: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Start “{unit_name}”")
        layout = QVBoxLayout(self)
        layout.addWidget(label(f"Which periods start “{unit_name}”, and on which day?"))
        self.boxes: list[tuple[QCheckBox, PeriodId]] = []
        for period, now in periods:
            box = QCheckBox(f"{period.name}   ({now})")
            box.setChecked(period.id in ticked)
            box.toggled.connect(self._update)
            layout.addWidget(box)
            self.boxes.append((box, period.id))
        form = QFormLayout()
        self.day = QDateEdit(QDate(first_day.year, first_day.month, first_day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dddd d MMMM yyyy")
        form.addRow("First &day", self.day)
        layout.addLayout(form)
        self.note = label("", "muted")
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(
            "Start the unit", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setDefault(True)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.day.dateChanged.connect(self._update)
        self._update()

    def chosen_periods(self) -> list[PeriodId]:
        return [period for box, period in self.boxes if box.isChecked()]

    def starts_on(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def _update(self, *_args: object) -> None:
        chosen = self.chosen_periods()
        self.start_button.setEnabled(bool(chosen))
        day = self.starts_on()
        weekend = " That day is a weekend: the unit starts the school day after." * (
            day.weekday() >= 5
        )
        self.note.setText(
            "From that day, Plan next school day and templates take this unit's tasks for the "
            "ticked periods. The days before keep their unit, and days already planned keep "
            "their tasks." + weekend
            if chosen
            else "Tick at least one period."
        )
