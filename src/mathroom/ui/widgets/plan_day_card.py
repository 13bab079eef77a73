"""The Plan page's chosen day: its title, whether the minutes fit, the day's actions and the
list of its blocks."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock
from mathroom.domain.projects import block_title, days_of, project_line
from mathroom.domain.roster import Period
from mathroom.domain.tasks import Task
from mathroom.ui.widgets.flow_row import FlowRow
from mathroom.ui.widgets.page import label
from mathroom.ui.widgets.timeline import minutes_message


class PlanDayCard(QFrame):
    """The day as the teacher sees it; the Plan page gives it the data and acts on its
    signals."""

    add_requested = Signal(object)  # the BlockKind chosen from "Add block"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        self.day_title = label("", "sectionTitle")
        self.minutes_banner = label("", "okBanner")
        layout.addWidget(self.day_title)
        layout.addWidget(self.minutes_banner)
        self.template_button = QPushButton("Template ▾")
        self.template_button.setToolTip("Start this day from a template (replaces its plan)")
        self.template_menu = QMenu(self)
        self.template_button.setMenu(self.template_menu)
        self.next_day_button = QPushButton("Plan next school day")
        self.next_day_button.setToolTip(
            "Same timing with the unit's next tasks (today's without a unit); pulls from "
            "today's exit tickets and whiteboards; fresh groups"
        )
        self.copy_button = QPushButton("Copy to periods…")
        self.copy_button.setToolTip("Copy this plan to other periods, with their own groups")
        self.save_template_button = QPushButton("Save as template…")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete this day's plan (Ctrl+Z undoes)")
        self.teacher_time_button = QPushButton("Pull or conferences…")
        self.teacher_time_button.setToolTip("Choose students and a skill, or take suggestions")
        self.project_button = QPushButton("Start a project…")
        self.project_button.setToolTip(
            "A project or math art over several days: one project block on each of its days"
        )
        # One wrapping row: every label reads in full on any screen, beside the block editor.
        self.day_actions = FlowRow(
            self.template_button,
            self.next_day_button,
            self.copy_button,
            self.save_template_button,
            self.delete_button,
            self.project_button,
            self.teacher_time_button,
        )
        layout.addWidget(self.day_actions)
        self.blocks = QListWidget()
        self.blocks.setAccessibleName("The day's blocks")
        self.blocks.setObjectName("blockList")
        self.blocks.setWordWrap(True)
        layout.addWidget(self.blocks, 1)
        self.add_button = QPushButton("Add block ▾")
        self.add_menu = QMenu(self)
        for kind in BlockKind:
            action = self.add_menu.addAction(kind.label)
            action.triggered.connect(lambda _checked=False, k=kind: self.add_requested.emit(k))
        self.add_button.setMenu(self.add_menu)
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.block_actions = FlowRow(
            self.add_button, self.remove_button, self.up_button, self.down_button
        )
        layout.addWidget(self.block_actions)
        self.banner = label("", "banner")
        self.banner.hide()
        layout.addWidget(self.banner)

    @property
    def plan_actions(self) -> tuple[QPushButton, ...]:
        """The buttons that act on a day that has a plan."""
        return (
            self.next_day_button,
            self.copy_button,
            self.save_template_button,
            self.delete_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        )

    def show_day(
        self,
        period: Period | None,
        day: date,
        plan: DayPlan | None,
        titles: Mapping[TaskId, str],
        keep_row: int | None = None,
        tasks: Mapping[TaskId, Task] | None = None,
    ) -> None:
        """Title, the minutes banner and one line per block (with its clock times when the
        period has a start time); the current row is kept where it can be."""
        name = period.name if period else ""
        self.day_title.setText(f"{name} · {day:%A, %B} {day.day}")
        self.blocks.blockSignals(True)
        self.blocks.clear()
        if plan is None or period is None:
            self.minutes_banner.setObjectName("banner")
            self.minutes_banner.setText(
                "No plan for this day yet. Start from a template, or add blocks one by one."
            )
        else:
            text, fits = minutes_message(plan, period)
            if plan.concurrent_overrun():
                text += f" A pull runs {plan.concurrent_overrun()} minutes past its block."
                fits = False
            self.minutes_banner.setObjectName("okBanner" if fits else "banner")
            self.minutes_banner.setText(text)
            timeline = plan.timeline(period.starts_at) if period.starts_at else None
            for index, block in enumerate(plan.blocks):
                when = ""
                if timeline is not None:
                    timed = timeline[index]
                    when = f"{timed.starts_at:%H:%M}–{timed.ends_at:%H:%M}  "
                lead = "    ↳ " if block.concurrent else ""
                heading, detail = block.heading, block_detail(block, titles)
                project = project_lines(block, tasks or {})
                if project is not None:
                    heading, detail = project
                text = f"{lead}{when}{heading} · {block.minutes} min"
                indent = " " * (len(lead) + 6)
                self.blocks.addItem(
                    QListWidgetItem(text + (f"\n{indent}{detail}" if detail else ""))
                )
        # The banner's look comes from its object name: restyle it now.
        self.minutes_banner.style().unpolish(self.minutes_banner)
        self.minutes_banner.style().polish(self.minutes_banner)
        self.blocks.blockSignals(False)
        for button in self.plan_actions:
            button.setEnabled(plan is not None)
        self.add_button.setEnabled(period is not None)
        self.template_button.setEnabled(period is not None)
        self.project_button.setEnabled(period is not None)
        if plan is not None and self.blocks.count():
            row = keep_row if keep_row is not None else 0
            self.blocks.setCurrentRow(min(max(row, 0), self.blocks.count() - 1))

    def set_busy(self, busy: bool, *others: QWidget) -> None:
        """Hold every action (and ``others``) while a change runs in the background."""
        actions = (self.template_button, self.add_button, self.project_button, *self.plan_actions)
        for widget in (*actions, *others):
            widget.setEnabled(not busy)


def project_lines(block: PlanBlock, tasks: Mapping[TaskId, Task]) -> tuple[str, str] | None:
    """A project block's two lines: "Project: <title> · Day 2 of 4 — Work day", then the
    block's own title when the teacher renamed it; None for other blocks."""
    task = tasks.get(block.task_id) if block.task_id is not None else None
    if block.kind is not BlockKind.PROJECT or task is None:
        return None
    day = block.milestone or 0
    renamed = block.title and block.title != block_title(task.title, days_of(task.spec), day)
    return project_line(task.spec, day), block.title if renamed else ""


def block_detail(block: PlanBlock, titles: Mapping[TaskId, str]) -> str:
    """The second line of a block: its task, whiteboards and groups, pulls, practice focus."""
    parts: list[str] = []
    if block.task_id is not None and block.task_id in titles:
        parts.append(titles[block.task_id])
    if block.kind is BlockKind.STATIONS and block.stations:
        grouped = "groups made" if block.group_set_id else "no groups yet"
        parts.append(f"{len(block.stations)} whiteboards, {grouped}")
        boards = [titles[t] for t in block.task_ids if t in titles]
        if boards:
            parts.append("tasks: " + "; ".join(boards))
        if block.rotation_minutes:
            parts.append(f"move every {block.rotation_minutes} min")
    if block.students and block.kind is BlockKind.CONFERENCE:
        parts.append(f"{len(block.students)} conferences")
    elif block.students:
        parts.append(f"{len(block.students)} students pulled")
    if block.practice_skills:
        parts.append("focus " + ", ".join(block.practice_skills))
    return " · ".join(parts)
