"""Plan next days…: the next school days of one or more periods from their units, then what
came of it, day by day, with every slot that could not be filled said out loud."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import cast

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import PeriodId, TaskId
from mathroom.domain.plan import BlockKind
from mathroom.domain.roster import Period
from mathroom.services.classroom import ClassroomService
from mathroom.services.plan_days import MAX_DAYS, PlannedDay
from mathroom.services.plans import PlanExistsError, PlanService
from mathroom.services.undo_journal import Journal
from mathroom.services.units import UnitService
from mathroom.ui.operations import Operations
from mathroom.ui.pages.plan_history import PLAN_CHANGES
from mathroom.ui.undo import push_recorded
from mathroom.ui.widgets.page import label

DEFAULT_DAYS = 5

Planned = Mapping[PeriodId, Sequence[PlannedDay]]


def unit_line(units: UnitService | None, ops: Operations, period: Period, on: date) -> str:
    """ "Unit: Operations with rational numbers · week 2 of 3", or what happens without one."""
    if units is None:
        return ""
    progress = ops.query(lambda: units.progress(period.id, on))
    if progress is None:
        return "No unit: tasks come from the task bank"
    return progress.label


class PlanDaysDialog(QDialog):
    """Choose the periods, the first day, how many days and whether tasks may repeat; Plan
    runs off the GUI thread and the window then lists each day and its notes."""

    planned = Signal(object)  # {period: [PlannedDay, ...]} once the days are saved

    def __init__(
        self,
        ops: Operations,
        plans: PlanService,
        classroom: ClassroomService,
        units: UnitService | None,
        periods: Sequence[Period],
        chosen: PeriodId | None,
        first: date,
        undo: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan next days")
        self.setMinimumWidth(560)
        self._ops, self._plans, self._classroom = ops, plans, classroom
        self._undo = undo
        self._periods = list(periods)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                "Each day takes the shape of the period's last lesson, the next tasks of its "
                "unit that it has not done lately, pulls from the evidence and fresh groups. "
                "Projects, pulls and conferences already set for a day are kept."
            )
        )
        self.boxes: dict[PeriodId, QCheckBox] = {}
        for period in self._periods:
            line = unit_line(units, ops, period, first)
            box = QCheckBox(f"{period.name} — {line}" if line else period.name)
            box.setChecked(period.id == chosen or chosen is None)
            self.boxes[period.id] = box
            layout.addWidget(box)
        form = QFormLayout()
        self.first = QDateEdit(QDate(first.year, first.month, first.day))
        self.first.setCalendarPopup(True)
        self.first.setDisplayFormat("ddd d MMM yyyy")
        form.addRow("From", self.first)
        self.days = QSpinBox()
        self.days.setRange(1, MAX_DAYS)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(" school days")
        form.addRow("Plan", self.days)
        self.allow_repeats = QCheckBox("Reuse tasks done lately when nothing fresh is left")
        form.addRow("", self.allow_repeats)
        layout.addLayout(form)
        self.banner = label("", "banner")
        self.banner.hide()
        layout.addWidget(self.banner)
        self.results = QPlainTextEdit()
        self.results.setReadOnly(True)
        self.results.hide()
        layout.addWidget(self.results, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.plan_button = QPushButton("Plan")
        self.plan_button.setDefault(True)
        self.buttons.addButton(self.plan_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.plan_button.clicked.connect(lambda: self.plan())
        layout.addWidget(self.buttons)
        self.busy = False

    def chosen(self) -> list[PeriodId]:
        return [period for period, box in self.boxes.items() if box.isChecked()]

    def first_day(self) -> date:
        chosen = self.first.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def confirm(self, question: str) -> bool:
        """Ask before planning over days that have a plan (tests replace this)."""
        answer = QMessageBox.question(self, "Mathroom", question)
        return answer == QMessageBox.StandardButton.Yes

    def plan(self, *, replace: bool = False) -> None:
        periods = self.chosen()
        if not periods:
            self._show("Tick at least one period.")
            return
        plans, first, days = self._plans, self.first_day(), self.days.value()
        allow = self.allow_repeats.isChecked()
        journals = plans.journal
        self._set_busy(True)
        self._show("Planning and making each day's groups…")

        def done(recorded: object) -> None:
            self._set_busy(False)
            self.banner.hide()
            result, journal = cast(tuple[object, Journal], recorded)
            assert isinstance(result, dict)
            count = sum(len(d) for d in result.values())
            # One undo step for the whole run: exactly the rows it wrote are put back.
            what = f"Plan {count} day{'s' if count != 1 else ''} from the units"
            push_recorded(self._undo, self._ops, journals, what, journal, PLAN_CHANGES)
            self.show_results(result)
            self.planned.emit(result)

        def failed(error: Exception) -> None:
            self._set_busy(False)
            if isinstance(error, PlanExistsError) and not replace:
                if self.confirm(_replace_question(error)):
                    self.plan(replace=True)
                else:
                    self.banner.hide()
                return
            self._show(str(error) if isinstance(error, MathroomError) else f"{error}")

        self._ops.write_in_background(
            lambda _progress: journals.run(
                lambda: plans.plan_days_for(
                    periods, first, days, replace=replace, allow_repeats=allow
                )
            ),
            PLAN_CHANGES,
            done,
            failed,
            context=self,
        )

    def show_results(self, planned: Planned) -> None:
        """One line per day and period, each note under it."""
        titles = {t.id: t.title for t in self._ops.query(lambda: self._classroom.tasks())}
        names = {p.id: p.name for p in self._periods}
        lines: list[str] = []
        for period, days in planned.items():
            for day in days:
                lines.append(_day_line(names.get(period, ""), day, titles))
                lines.extend(f"    ! {message}" for message in day.messages)
        self.results.setPlainText("\n".join(lines))
        self.results.show()
        notes = sum(len(d.messages) for days in planned.values() for d in days)
        count = sum(len(days) for days in planned.values())
        self._show(
            f"Planned {count} day{'s' if count != 1 else ''}"
            + (f"; {notes} note{'s' if notes != 1 else ''} below." if notes else ". Ctrl+Z undoes.")
        )

    # -- helpers ---------------------------------------------------------------------------
    def _show(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.plan_button, self.first, self.days, self.allow_repeats):
            widget.setEnabled(not busy)
        for box in self.boxes.values():
            box.setEnabled(not busy)


def _day_line(period: str, day: PlannedDay, titles: Mapping[TaskId, str]) -> str:
    """ "Mon 30 Nov · Period 1 · warm-up “…” · 3 board tasks · exit ticket “…” · 1 pull" """
    parts = [f"{day.plan.plan_date:%a %d %b}", period]
    for block in day.plan.blocks:
        if block.kind is BlockKind.WARMUP and block.task_id is not None:
            parts.append(f"warm-up “{titles.get(block.task_id, '?')}”")
        elif block.kind is BlockKind.STATIONS and block.stations:
            tasks = {s.task_id for s in block.stations if s.task_id is not None}
            parts.append(f"{len(block.stations)} boards, {len(tasks)} tasks")
        elif block.kind is BlockKind.PROJECT:
            parts.append("project day")
        elif block.kind is BlockKind.EXIT_TICKET and block.task_id is not None:
            parts.append(f"exit ticket “{titles.get(block.task_id, '?')}”")
    pulls = sum(1 for b in day.plan.blocks if b.is_teacher_time)
    if pulls:
        parts.append(f"{pulls} with the teacher")
    return " · ".join(parts)


def _replace_question(error: PlanExistsError) -> str:
    who = ", ".join(error.periods)
    verb = "has" if len(error.periods) == 1 else "have"
    return (
        f"{who} already {verb} a plan for {error.on:%A, %B} {error.on.day}. Plan over the days "
        "that have one? Projects, pulls and conferences set for a day are kept."
    )
