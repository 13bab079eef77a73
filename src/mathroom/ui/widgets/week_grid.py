"""The Plan page's week at a glance: one row per period, one column per school day."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from mathroom.domain.ids import PeriodId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, teaching_day
from mathroom.domain.projects import project_line
from mathroom.domain.roster import Period
from mathroom.domain.tasks import Task
from mathroom.ui import theme

ROW_HEIGHT = 72  # four lines: a project, the day's board task, two lines of summary


def week_days(anchor: date) -> list[date]:
    """Monday to Friday of the school week ``anchor`` falls in (a weekend: the coming one)."""
    day = teaching_day(anchor)
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(5)]


class WeekGrid(QTableWidget):
    """Each cell summarises one period's plan for one day; clicking opens it."""

    def __init__(self) -> None:
        super().__init__(0, 5)
        self.setObjectName("weekView")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.setFixedHeight(36 + 3 * ROW_HEIGHT + 4)  # three periods without scrolling

    def show_week(
        self,
        days: Sequence[date],
        periods: Sequence[Period],
        plans: Mapping[tuple[PeriodId, date], DayPlan],
        today: date,
        chosen: tuple[PeriodId | None, date],
        tasks: Mapping[TaskId, Task] | None = None,
    ) -> None:
        self.setColumnCount(len(days))
        self.setRowCount(len(periods))
        next_day = teaching_day(today)

        def heading(d: date) -> str:
            note = " (today)" if d == today else " (next school day)" if d == next_day else ""
            return f"{d:%a %b} {d.day}{note}"

        self.setHorizontalHeaderLabels([heading(d) for d in days])
        self.setVerticalHeaderLabels([p.name for p in periods])
        for row, period in enumerate(periods):
            for col, day in enumerate(days):
                plan = plans.get((period.id, day))
                text = plan.summary() if plan else "not planned"
                tip = text
                if plan is not None:
                    headline = _headline(plan, tasks or {})
                    text = "\n".join([*_project_days(plan, tasks or {}), *headline[:1], text])
                    tip = "\n".join([plan.summary(), *_task_lines(plan, tasks or {})])
                item = QTableWidgetItem(text)
                item.setToolTip(f"{period.name}, {day:%A %B} {day.day}: click to open\n{tip}")
                if plan is None:
                    item.setForeground(QBrush(QColor(theme.colors().faint)))
                self.setItem(row, col, item)
                if (period.id, day) == chosen:
                    self.setCurrentCell(row, col)


def _project_days(plan: DayPlan, tasks: Mapping[TaskId, Task]) -> list[str]:
    """ "Project: <title> · Day 2 of 4 — Work day" for each project block of the day."""
    return [
        project_line(tasks[b.task_id].spec, b.milestone or 0)
        for b in plan.blocks
        if b.kind is BlockKind.PROJECT and b.task_id is not None and b.task_id in tasks
    ]


def _headline(plan: DayPlan, tasks: Mapping[TaskId, Task]) -> list[str]:
    """The day's whiteboard tasks in a line ("Integer Elevator (+2)"), so a week of
    different lessons looks different at a glance; empty on a day without board tasks."""
    boards = [
        tasks[t].title
        for b in plan.blocks
        if b.kind is BlockKind.STATIONS
        for t in dict.fromkeys(s.task_id for s in b.stations)
        if t is not None and t in tasks
    ]
    if not boards:
        return []
    more = f" (+{len(boards) - 1})" if len(boards) > 1 else ""
    return [f"▸ {boards[0]}{more}"]


def _task_lines(plan: DayPlan, tasks: Mapping[TaskId, Task]) -> list[str]:
    """Every task of the day, block by block, for the cell's tooltip."""
    lines: list[str] = []
    for block in plan.blocks:
        titles = [tasks[t].title for t in block.task_ids if t in tasks]
        if titles:
            lines.append(f"{block.heading}: " + "; ".join(titles))
    return lines
