"""Start a new school year: last year's periods and students are archived, not deleted."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit, QWidget

from mathroom.domain.school_year import next_school_year, school_year_name
from mathroom.services.roster import RosterService
from mathroom.ui.dialogs.form_dialog import FormDialog
from mathroom.ui.operations import Writer


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class NewYearDialog(FormDialog):
    def __init__(
        self, roster: RosterService, today: date, write: Writer, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Start a new school year",
            "This year's periods and students are archived: kept with all their evidence and "
            "groups, read-only and out of the way. The skill map, the task bank and templates "
            "carry over. A backup is taken first.",
            parent,
        )
        self._roster = roster
        self._write = write
        starts, ends = next_school_year(today)
        self.name = QLineEdit(school_year_name(starts))
        self.starts = QDateEdit(_qdate(starts))
        self.ends = QDateEdit(_qdate(ends))
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("MMM d, yyyy")
        self.add_field("Name", "name", self.name)
        self.add_field("First day", "starts_on", self.starts)
        self.add_field("Last day", "ends_on", self.ends)
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setText("Archive this year and start the new one")

    def submit(self) -> None:
        s, e = self.starts.date(), self.ends.date()
        name, roster = self.name.text(), self._roster
        starts, ends = date(s.year(), s.month(), s.day()), date(e.year(), e.month(), e.day())
        self._write(lambda: roster.start_new_year(name, starts, ends))
