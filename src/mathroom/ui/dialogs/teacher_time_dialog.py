"""Plan a pull or conferences…: for a period and any day from today on, choose students and a
skill, or tick the suggestions (pulls by need, then turns so everyone is seen every N school
days). Every addition saves at once and can be undone with Ctrl+Z."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError
from mathroom.domain.plan import BlockKind
from mathroom.domain.pulls import PullSuggestion
from mathroom.domain.roster import Period
from mathroom.domain.teacher_time import MAX_FAIR_EVERY
from mathroom.services.changes import Change
from mathroom.services.teacher_time import Added, Choices, DaySuggestions, TeacherTimeService
from mathroom.ui.operations import Operations
from mathroom.ui.undo import run_recorded
from mathroom.ui.widgets.fit import resize_within_screen
from mathroom.ui.widgets.page import label
from mathroom.ui.widgets.teacher_time_lists import StudentPicker, SuggestionList


class TeacherTimeDialog(QDialog):
    """Teacher-only: names, waits and needs. Nothing here reaches the projector."""

    def __init__(
        self,
        ops: Operations,
        service: TeacherTimeService,
        period: Period,
        day: date,
        today: date,
        undo: QUndoStack,
        parent: QWidget | None = None,
        preset: PullSuggestion | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan a pull or conferences")
        resize_within_screen(self, 640, 620)
        self._ops = ops
        self._service = service
        self._period = period
        self._undo = undo
        self.added: list[Added] = []  # what this dialog put into plans, in order
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(f"{period.name}: a small-group pull or 1-1 conferences", "sectionTitle")
        )
        top = QHBoxLayout()
        top.addWidget(label("Day", wrap=False))
        self.day_edit = QDateEdit(QDate(day.year, day.month, day.day))
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setMinimumDate(QDate(today.year, today.month, today.day))
        self.day_edit.setDisplayFormat("dddd d MMMM yyyy")
        top.addWidget(self.day_edit)
        top.addSpacing(16)
        top.addWidget(label("See everyone at least once every", wrap=False))
        self.every = QSpinBox()
        self.every.setRange(1, MAX_FAIR_EVERY)
        self.every.setSuffix(" school days")
        top.addWidget(self.every)
        top.addStretch(1)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Suggested or chosen")
        self.suggested = SuggestionList()
        self.add_suggested_button = QPushButton("Add the ticked suggestions")
        self.add_suggested_button.setObjectName("primary")
        self.tabs.addTab(
            _column(self.suggested, self.add_suggested_button), "Suggestions from the evidence"
        )
        self.picker = StudentPicker()
        self.add_chosen_button = QPushButton("Add")
        self.add_chosen_button.setObjectName("primary")
        self.tabs.addTab(_column(self.picker, self.add_chosen_button), "Choose students")
        layout.addWidget(self.tabs, 1)
        self.status = label("", "muted")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.every.setValue(ops.query(service.fair_every))
        self.reload()
        if preset is not None:
            self.tabs.setCurrentIndex(1)
            self.picker.tick(preset.students)
            self.picker.choose_skill(preset.skill.code)
        self.day_edit.dateChanged.connect(lambda _d: self.reload())
        self.every.editingFinished.connect(self._on_every_edited)
        self.add_suggested_button.clicked.connect(self.add_suggested)
        self.add_chosen_button.clicked.connect(self.add_chosen)
        self.picker.changed.connect(self._on_picker_changed)

    @property
    def day(self) -> date:
        picked = self.day_edit.date()
        return date(picked.year(), picked.month(), picked.day())

    def reload(self) -> None:
        """Read the day's choices and suggestions again (after a change, or another day)."""
        service, period, day = self._service, self._period.id, self.day
        kept = self.picker.ticked()

        def read() -> tuple[Choices, DaySuggestions | None, str]:
            choices = service.choices(period, day)
            try:
                return choices, service.suggestions(period, day), ""
            except MathroomError as exc:
                return choices, None, str(exc)

        choices, made, problem = self._ops.query(read)
        self.suggested.show_suggestions(made, problem)
        self.picker.show_choices(choices, kept)
        self.add_suggested_button.setEnabled(bool(made and made.suggestions))
        self._on_picker_changed()

    # -- actions -----------------------------------------------------------------------
    def add_suggested(self) -> None:
        chosen = self.suggested.ticked()
        service, period, day = self._service, self._period.id, self.day
        self._add(
            lambda: service.add_suggestions(period, day, chosen), "add suggested teacher time"
        )

    def add_chosen(self) -> None:
        service, period, day = self._service, self._period.id, self.day
        students, code = self.picker.ticked(), self.picker.skill_code()
        minutes = self.picker.minutes.value()
        if self.picker.kind is BlockKind.SMALL_GROUP:
            self._add(
                lambda: service.add_pull(period, day, students, code or "", minutes), "add pull"
            )
        else:
            self._add(
                lambda: service.add_conferences(period, day, students, code, minutes),
                "add 1-1 conferences",
            )

    def _add(self, work: Callable[[], Added], what: str) -> None:
        try:
            # Undo takes back exactly what adding wrote (a plan it had to start, too).
            journals = self._service.journal
            done = run_recorded(self._undo, self._ops, journals, what, work, Change.PLANS)
        except MathroomError as exc:
            self.status.setText(str(exc))
            return
        self.added.append(done)
        self.status.setText(f"Added {done.summary}. Ctrl+Z undoes it.")
        self.reload()

    def _on_every_edited(self) -> None:
        every, service = self.every.value(), self._service
        if every == self._ops.query(service.fair_every):
            return
        try:
            self._ops.write(lambda: service.set_fair_every(every), Change.SETTINGS)
        except MathroomError as exc:
            self.status.setText(str(exc))
            return
        self.reload()

    def _on_picker_changed(self) -> None:
        ticked = len(self.picker.ticked())
        pull = self.picker.kind is BlockKind.SMALL_GROUP
        self.add_chosen_button.setEnabled(ticked > 0)
        what = "pull" if pull else "1-1 conferences"
        self.add_chosen_button.setText(
            f"Add a {what} for {ticked} student{'s' if ticked != 1 else ''}"
            if pull
            else f"Add {what} for {ticked} student{'s' if ticked != 1 else ''}"
        )


def _column(top: QWidget, button: QPushButton) -> QWidget:
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.addWidget(top, 1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    layout.addLayout(row)
    return host
