"""Add or edit a period: name, course, room, bell times and meeting days."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QTimeEdit, QWidget

from mathroom.domain.ids import PeriodId
from mathroom.domain.roster import Period, Weekday
from mathroom.services.roster import PeriodForm, RosterService
from mathroom.ui.dialogs.form_dialog import FormDialog
from mathroom.ui.operations import Writer


def _qtime(value: time | None, fallback: QTime) -> QTime:
    return QTime(value.hour, value.minute) if value else fallback


class PeriodDialog(FormDialog):
    def __init__(
        self,
        roster: RosterService,
        period: Period | None,
        write: Writer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Edit period" if period else "Add a period",
            "The bell times let Mathroom check that a day's plan fills the period.",
            parent,
        )
        self._roster = roster
        self._write = write
        self._period = period
        self.saved_id: PeriodId | None = None
        self.name = QLineEdit(period.name if period else "")
        self.name.setPlaceholderText("e.g. Period 2")
        self.course = QLineEdit(period.course if period else "Math 7")
        self.room = QLineEdit(period.room if period else "")
        self.starts = QTimeEdit(_qtime(period.starts_at if period else None, QTime(8, 0)))
        self.ends = QTimeEdit(_qtime(period.ends_at if period else None, QTime(8, 50)))
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat("HH:mm")
        days_row = QWidget()
        days_layout = QHBoxLayout(days_row)
        days_layout.setContentsMargins(0, 0, 0, 0)
        self.days: dict[Weekday, QCheckBox] = {}
        meets = set(period.meeting_days) if period else set(list(Weekday)[:5])
        for day in list(Weekday)[:6]:
            box = QCheckBox(day.value)
            box.setChecked(day in meets)
            days_layout.addWidget(box)
            self.days[day] = box
        self.add_field("Name", "name", self.name)
        self.add_field("Course", "course", self.course)
        self.add_field("Room", "room", self.room)
        self.add_field("Starts", "starts_at", self.starts)
        self.add_field("Ends", "ends_at", self.ends)
        self.add_field("Meets on", "meeting_days", days_row)

    def submit(self) -> None:
        start, end = self.starts.time(), self.ends.time()
        form = PeriodForm(
            name=self.name.text(),
            course=self.course.text(),
            room=self.room.text(),
            starts_at=time(start.hour(), start.minute()),
            ends_at=time(end.hour(), end.minute()),
            meeting_days=tuple(day for day, box in self.days.items() if box.isChecked()),
        )
        roster = self._roster
        if self._period is None:
            self.saved_id = self._write(lambda: roster.add_period(form))
        else:
            period = self._period.id
            self._write(lambda: roster.update_period(period, form))
            self.saved_id = period
