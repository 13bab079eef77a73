"""The Plan page's projects: start one over several days, or take one off all its days.

Each is one write (every day in one transaction) and one undo step that puts every day it
touched back as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import PeriodId, TaskId
from mathroom.domain.roster import Period
from mathroom.services.projects import ProjectDay, ProjectService
from mathroom.ui.dialogs.project_dialog import ProjectChoice, ProjectDialog
from mathroom.ui.operations import Operations
from mathroom.ui.pages.plan_history import PLAN_CHANGES
from mathroom.ui.undo import run_recorded


class PlanView(Protocol):
    """What the actions need of the page: a parent for the dialog, a way to ask, to say
    what happened and to show a day."""

    def confirm(self, question: str) -> bool: ...

    def show_banner(self, text: str) -> None: ...

    def select(self, period: PeriodId, day: date) -> None: ...


class PlanProjects:
    def __init__(
        self,
        page: PlanView,
        parent: QWidget,
        ops: Operations,
        projects: ProjectService,
        undo: QUndoStack,
    ) -> None:
        self._page = page
        self._parent = parent
        self._ops = ops
        self._projects = projects
        self._undo = undo

    def open_dialog(
        self, periods: Sequence[Period], chosen: PeriodId | None, day: date
    ) -> ProjectDialog:
        """The "Start a project…" dialog, already open (tests drive it directly)."""
        projects = self._projects
        tasks = self._ops.query(projects.project_tasks)
        dialog = ProjectDialog(
            tasks,
            periods,
            chosen,
            day,
            lambda task, wanted, launch, minutes: self._ops.query(
                lambda: projects.preview(task, wanted, launch, minutes)
            ),
            self.start,
            self._parent,
        )
        dialog.open()
        return dialog

    def start(self, choice: ProjectChoice) -> tuple[ProjectDay, ...]:
        """Start the project (MathroomError, nothing changed, when a day refuses)."""
        projects = self._projects
        task, periods, launch = choice.task, choice.periods, choice.launch

        def write() -> tuple[ProjectDay, ...]:
            return projects.start_project(
                task.id, periods, launch, minutes=choice.minutes, replace=choice.replace
            )

        # Undo puts back exactly the rows the start wrote (the days' stations and groups too).
        days = run_recorded(
            self._undo,
            self._ops,
            projects.journal,
            f"Start “{task.title}”",
            write,
            PLAN_CHANGES,
            origin=self._parent,
        )
        first = days[0]
        self._page.select(first.period_id, first.on)
        places = len({d.period_id for d in days})
        self._page.show_banner(
            f"“{task.title}” is planned on {len(days) // places} days from "
            f"{first.on:%A, %B} {first.on.day}"
            + (f" in {places} periods" if places > 1 else "")
            + ". Ctrl+Z undoes; “Remove this project” in a project block takes it off again."
        )
        return days

    def remove(self, period: Period, task: TaskId, title: str, day: date) -> bool:
        """Take the project off every day of its run in ``period``, after asking."""
        projects = self._projects
        try:
            dates = self._ops.query(lambda: projects.project_run(period.id, task, day))
            if not dates or not self._page.confirm(
                f"Remove “{title}” from {period.name}'s {len(dates)} project days "
                f"({_listed(dates)})? Ctrl+Z undoes."
            ):
                return False

            def write() -> object:
                return projects.remove_project(period.id, task, day)

            run_recorded(
                self._undo,
                self._ops,
                projects.journal,
                f"Remove “{title}”",
                write,
                PLAN_CHANGES,
                origin=self._parent,
            )
        except MathroomError as exc:
            self._page.show_banner(str(exc))
            return False
        self._page.select(period.id, day)
        self._page.show_banner(f"Removed “{title}” from {len(dates)} days. Ctrl+Z undoes.")
        return True


def _listed(dates: Sequence[date]) -> str:
    return ", ".join(f"{d:%a %b} {d.day}" for d in dates)
