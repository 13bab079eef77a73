"""Start a project or a piece of math art: the task, the periods, the launch day; the days it
will take are listed (with what is already on them) before anything is written."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import PeriodId, TaskId
from mathroom.domain.projects import PROJECT_MINUTES, day_label, days_of
from mathroom.domain.roster import Period
from mathroom.domain.tasks import Task
from mathroom.services.projects import ProjectDay
from mathroom.ui.widgets.fit import resize_within_screen
from mathroom.ui.widgets.page import label


@dataclass(frozen=True, slots=True)
class ProjectChoice:
    task: Task
    periods: tuple[PeriodId, ...]
    launch: date
    minutes: int
    replace: bool


Preview = Callable[[TaskId, Sequence[PeriodId], date, int], Sequence[ProjectDay]]
Start = Callable[[ProjectChoice], object]


def preview_line(day: ProjectDay, days: Sequence[str]) -> str:
    """One line of the list: where, which day, and what happens to that day's plan."""
    when = f"{day.on:%a %b} {day.on.day}"
    if day.conflict:
        what = f"⚠ {day.conflict}"
    elif not day.fits:
        what = f"⚠ {day.effect}"
    elif day.had_plan:
        what = f"into the day's plan: {day.effect}" if day.effect else "fits the day's plan"
    else:
        what = "a new plan: warm-up, project work, closing"
    return f"{day.period_name} · {when} · {day_label(days, day.milestone)} · {what}"


class ProjectDialog(QDialog):
    """``start`` writes the chosen project; a refusal (a day with another project, a day with
    no room) shows here and the dialog stays open."""

    def __init__(
        self,
        tasks: Sequence[Task],
        periods: Sequence[Period],
        chosen: PeriodId | None,
        launch: date,
        preview: Preview,
        start: Start,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start a project")
        resize_within_screen(self, 760, 560)
        self._preview = preview
        self._start = start
        self.result_value: object = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                "Mathroom puts one project block on each day of the project, on the next "
                "school days each period meets. Days that already have a plan keep it: the "
                "project goes in before the exit ticket and the flexible blocks shrink to fit."
            )
        )
        form = QFormLayout()
        self.task = QComboBox()
        for task in tasks:
            self.task.addItem(
                f"{task.title} · {task.kind.label} · {len(days_of(task.spec))} days", task.id
            )
        self._tasks = {task.id: task for task in tasks}
        self.days = QLabel()
        self.days.setWordWrap(True)
        self.days.setObjectName("muted")
        self.launch = QDateEdit(QDate(launch.year, launch.month, launch.day))
        self.launch.setCalendarPopup(True)
        self.launch.setDisplayFormat("dddd, MMMM d, yyyy")
        self.minutes = QSpinBox()
        self.minutes.setRange(10, 240)
        self.minutes.setValue(PROJECT_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setToolTip("A day without a plan gets the whole period instead")
        form.addRow("Project or math art", self.task)
        form.addRow("", self.days)
        form.addRow("Launch day", self.launch)
        boxes = QHBoxLayout()
        self.periods: dict[PeriodId, QCheckBox] = {}
        for period in periods:
            box = QCheckBox(period.name)
            box.setChecked(period.id == chosen)
            self.periods[period.id] = box
            boxes.addWidget(box)
            box.toggled.connect(self.refresh)
        boxes.addStretch(1)
        form.addRow("Periods", boxes)
        form.addRow("Project work a day", self.minutes)
        layout.addLayout(form)
        layout.addWidget(QLabel("The days it takes:"))
        self.preview = QListWidget()
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview, 1)
        self.replace = QCheckBox("Replace the other project on the days marked ⚠")
        layout.addWidget(self.replace)
        self.error = QLabel()
        self.error.setObjectName("banner")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Start the project")
        buttons.accepted.connect(self._on_start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.task.currentIndexChanged.connect(self.refresh)
        self.launch.dateChanged.connect(self.refresh)
        self.minutes.valueChanged.connect(self.refresh)
        self.refresh()

    def choice(self) -> ProjectChoice | None:
        task = self._tasks.get(self.task.currentData())
        if task is None:
            return None
        chosen = tuple(pid for pid, box in self.periods.items() if box.isChecked())
        launch = self.launch.date().toPython()
        assert isinstance(launch, date)
        return ProjectChoice(task, chosen, launch, self.minutes.value(), self.replace.isChecked())

    def refresh(self, *_args: object) -> None:
        """The chosen task's days, then the days it would take in each chosen period."""
        self.error.hide()
        self.preview.clear()
        choice = self.choice()
        if choice is None:
            self.days.setText("The task bank has no project or math art yet.")
            self.ok_button.setEnabled(False)
            self.replace.hide()
            return
        days = days_of(choice.task.spec)
        self.days.setText(" → ".join(days))
        found: Sequence[ProjectDay] = ()
        if choice.periods:
            try:
                found = self._preview(choice.task.id, choice.periods, choice.launch, choice.minutes)
            except MathroomError as exc:
                self._show_error(str(exc))
        for day in found:
            self.preview.addItem(preview_line(day, days))
        clashes = any(day.conflict for day in found)
        self.replace.setVisible(clashes)
        if not clashes:
            self.replace.setChecked(False)
        self.ok_button.setEnabled(bool(found) and all(day.fits for day in found))

    def _on_start(self) -> None:
        choice = self.choice()
        if choice is None or not choice.periods:
            self._show_error("Choose a project and at least one period.")
            return
        try:
            self.result_value = self._start(choice)
        except MathroomError as exc:
            self._show_error(str(exc))
            return
        self.accept()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
