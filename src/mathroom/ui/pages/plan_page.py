"""Plan: the week at a glance, and the chosen day's timeline to build and change.

Every change saves at once (all or nothing) and can be undone with Ctrl+Z.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TypeVar, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import PeriodId
from mathroom.domain.plan import (
    TEACHER_TIME_KINDS,
    BlockKind,
    DayPlan,
    PlanBlock,
    next_school_day,
    teaching_day,
)
from mathroom.domain.plan_templates import PlanTemplate, TemplateExistsError
from mathroom.domain.roster import Period
from mathroom.services.changes import Change
from mathroom.services.classroom import ClassroomService
from mathroom.services.plans import PlanExistsError, PlanService
from mathroom.services.projects import ProjectService
from mathroom.services.teacher_time import TeacherTimeService
from mathroom.services.undo_journal import Journal
from mathroom.services.units import UnitService
from mathroom.ui.dialogs.copy_plan_dialog import CopyDialog
from mathroom.ui.dialogs.plan_days_dialog import PlanDaysDialog, unit_line
from mathroom.ui.dialogs.project_dialog import ProjectDialog
from mathroom.ui.dialogs.teacher_time_dialog import TeacherTimeDialog
from mathroom.ui.operations import Operations
from mathroom.ui.pages.directory import PLAN
from mathroom.ui.pages.plan_history import PLAN_CHANGES
from mathroom.ui.pages.plan_projects import PlanProjects
from mathroom.ui.undo import push_recorded, run_recorded
from mathroom.ui.widgets.block_editor import BlockEditor
from mathroom.ui.widgets.flow_row import FlowRow
from mathroom.ui.widgets.page import Page, card, label
from mathroom.ui.widgets.plan_day_card import PlanDayCard
from mathroom.ui.widgets.unit_strip import UnitStrip
from mathroom.ui.widgets.week_grid import WeekGrid, week_days

T = TypeVar("T")


class PlanPage(Page):
    title = PLAN.title
    purpose = PLAN.purpose

    shows = Change.ROSTER | Change.GROUPS | Change.PLANS | Change.TASKS

    def __init__(
        self,
        ops: Operations,
        classroom: ClassroomService,
        plans: PlanService,
        today: Callable[[], date],
        undo: QUndoStack | None = None,
        projects: ProjectService | None = None,
        teacher_time: TeacherTimeService | None = None,
        units: UnitService | None = None,
    ) -> None:
        super().__init__(ops)
        self._classroom = classroom
        self._plans = plans
        self._teacher_time = teacher_time
        self._units = units
        self._today = today
        self._undo = undo or QUndoStack(self)
        self._anchor = teaching_day(today())  # on a weekend: the coming week
        self._day = self._anchor
        self._periods: list[Period] = []
        self._period_id: PeriodId | None = None
        self._plan: DayPlan | None = None
        self.busy = False  # a change is running in the background

        self.previous_week = QPushButton("◀ Previous week")
        self.this_week = QPushButton("This week")
        self.next_week = QPushButton("Next week ▶")
        self.week_title = label("", "sectionTitle", wrap=False)
        self.unit_strip = UnitStrip()
        # Wraps on a small screen: the week's buttons, its title, then the unit.
        nav = FlowRow(
            self.previous_week, self.this_week, self.next_week, self.week_title, self.unit_strip
        )
        self.body.addWidget(nav)
        self.week = WeekGrid()
        self.week.setAccessibleName("The week for every period")
        self.body.addWidget(self.week)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.card = PlanDayCard()
        self.card.add_requested.connect(self.add_block)
        column.addWidget(self.card)
        self.teacher_time_button = self.card.teacher_time_button
        self.teacher_time_button.setVisible(teacher_time is not None)
        self.teacher_time_button.clicked.connect(self.open_teacher_time)
        splitter.addWidget(left)
        editor_frame, editor_box = card()
        editor_box.addWidget(label("This block", "sectionTitle"))
        self.editor = BlockEditor()
        editor_box.addWidget(self.editor, 1)
        splitter.addWidget(editor_frame)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.body.addWidget(splitter, 1)

        self.previous_week.clicked.connect(lambda: self._move_week(-7))
        self.next_week.clicked.connect(lambda: self._move_week(7))
        self.this_week.clicked.connect(self._on_this_week)
        self.week.cellClicked.connect(self._on_cell_clicked)
        self.card.blocks.currentRowChanged.connect(self._on_block_selected)
        self.editor.changed.connect(self._on_block_edited)
        self.editor.make_groups.connect(self.make_groups)
        self.card.remove_button.clicked.connect(self.remove_block)
        self.card.up_button.clicked.connect(lambda: self.move_block(-1))
        self.card.down_button.clicked.connect(lambda: self.move_block(1))
        self.card.next_day_button.clicked.connect(self.plan_next_day)
        self.card.copy_button.clicked.connect(self._on_copy_clicked)
        self.card.save_template_button.clicked.connect(self._on_save_template_clicked)
        self.card.delete_button.clicked.connect(self.delete_plan)
        self.projects = PlanProjects(self, self, ops, projects, self._undo) if projects else None
        self.card.project_button.setVisible(self.projects is not None)
        self.card.project_button.clicked.connect(self.start_project)
        self.editor.remove_project.connect(self.remove_project)
        self.unit_strip.plan_days_button.clicked.connect(self.open_plan_days)

    # -- what is shown -----------------------------------------------------------------
    @property
    def days(self) -> list[date]:
        return week_days(self._anchor)

    def set_period(self, period: Period | None) -> None:
        self._period_id = period.id if period else None
        super().set_period(period)

    def select(self, period: PeriodId, day: date) -> None:
        self._period_id, self._day = period, day
        if day not in self.days:
            self._anchor = day
        self.reload()

    def reload(self) -> None:
        self._periods = list(self._ops.query(lambda: self._classroom.overview()).periods)
        if self._period_id is None and self._periods:
            self._period_id = self._periods[0].id
        self.editor.set_tasks(self._ops.query(lambda: self._classroom.tasks()))
        self._fill_templates()
        self._fill_week()
        self._load_day()

    def _period(self) -> Period | None:
        return next((p for p in self._periods if p.id == self._period_id), None)

    def _fill_templates(self) -> None:
        self.card.template_menu.clear()
        for template in self._ops.query(lambda: self._plans.templates()):
            minutes = template.total_minutes
            action = self.card.template_menu.addAction(f"{template.name} ({minutes} min)")
            action.triggered.connect(lambda _c=False, t=template: self.start_from_template(t))

    def _fill_week(self) -> None:
        days, periods, plans = self.days, self._periods, self._plans
        week = self._ops.query(lambda: plans.week(days[0], [p.id for p in periods]))
        tasks = {t.id: t for t in self._ops.query(self._classroom.tasks)} if week else {}
        chosen = (self._period_id, self._day)
        self.week.show_week(days, periods, week, self._today(), chosen, tasks)
        self.week_title.setText(f"Week of {days[0]:%B} {days[0].day}")

    def _load_day(self, keep_row: int | None = None) -> None:
        period = self._period()
        self._plan = (
            self._ops.query(lambda: self._plans.plan(period.id, self._day))
            if period is not None
            else None
        )
        tasks = (
            {t.id: t for t in self._ops.query(lambda: self._classroom.tasks())}
            if self._plan is not None
            else {}
        )
        titles = {task_id: task.title for task_id, task in tasks.items()}
        self.card.show_day(period, self._day, self._plan, titles, keep_row, tasks)
        self.unit_strip.show_unit(
            unit_line(self._units, self._ops, period, self._day) if period else ""
        )
        if self._plan is None or not self.card.blocks.count():
            self.editor.show_block(None)

    def _on_block_selected(self, row: int) -> None:
        plan = self._plan
        if plan is None or not 0 <= row < len(plan.blocks):
            self.editor.show_block(None)
            return
        block = plan.blocks[row]
        groups, shown = 0, block.group_set_id
        if shown is None and block.kind is BlockKind.GALLERY_WALK:
            stations = next((b for b in plan.blocks if b.kind is BlockKind.STATIONS), None)
            shown = stations.group_set_id if stations is not None else None
        if shown is not None:
            classroom, set_id = self._classroom, shown
            found = self._ops.query(lambda: classroom.group_set(set_id))
            groups = len(found.groups) if found else 0
        pulled = ""
        if block.students:
            names = {
                e.student.id: e.display_name
                for e in self._ops.query(lambda: self._classroom.roster(plan.period_id))
            }
            who = "Conferences" if block.kind is BlockKind.CONFERENCE else "Pulled"
            pulled = f"{who}: " + ", ".join(names.get(s, "?") for s in block.students)
        self.editor.show_block(block, groups, pulled)

    # -- changes -------------------------------------------------------------------------
    def _save(self, blocks: Sequence[PlanBlock], what: str, row: int | None = None) -> bool:
        period = self._period()
        if period is None:
            return False
        plans = self._plans
        day, period_id = self._day, period.id
        notes = self._plan.notes if self._plan else ""
        try:
            self._recorded(what, lambda: plans.save_plan(period_id, day, blocks, notes))
        except MathroomError as exc:
            self.show_banner(str(exc))
            return False
        self.card.banner.hide()
        self._fill_week()
        self._load_day(row)
        return True

    def _recorded(self, what: str, write: Callable[[], T]) -> T:
        """A change Ctrl+Z undoes exactly: the rows it wrote are put back (groups too)."""
        journals = self._plans.journal
        return run_recorded(self._undo, self._ops, journals, what, write, PLAN_CHANGES, origin=self)

    def _push(self, what: str, result: object) -> object:
        """Push the undo step of work run under ``_journaled``; returns the work's value."""
        value, journal = cast(tuple[object, Journal], result)
        push_recorded(self._undo, self._ops, self._plans.journal, what, journal, PLAN_CHANGES)
        return value

    def _journaled(self, work: Callable[[bool], T]) -> Callable[[bool], tuple[T, Journal]]:
        """``work`` (for ``_run``) recording what it writes, for ``_push``."""
        journals = self._plans.journal
        return lambda replace: journals.run(lambda: work(replace))

    def _write(self, write: Callable[[], T]) -> T:
        """A change to plans (and the groups they hold), shown by this page itself."""
        return self._ops.write(write, PLAN_CHANGES, origin=self)

    def show_banner(self, text: str) -> None:
        self.card.banner.setText(text)
        self.card.banner.show()

    def confirm(self, question: str) -> bool:
        """Ask before replacing or deleting (tests replace this)."""
        answer = QMessageBox.question(self, "Mathroom", question)
        return answer == QMessageBox.StandardButton.Yes

    def _on_block_edited(self, block: object) -> None:
        row = self.card.blocks.currentRow()
        if self._plan is None or not isinstance(block, PlanBlock) or row < 0:
            return
        blocks = list(self._plan.blocks)
        blocks[row] = block
        self._save(blocks, f"Change {block.heading}", row)

    def add_block(self, kind: BlockKind) -> None:
        blocks = list(self._plan.blocks) if self._plan else []
        row = self.card.blocks.currentRow()
        at = row + 1 if row >= 0 else len(blocks)
        block = PlanBlock(kind, kind.default_minutes)
        if kind in TEACHER_TIME_KINDS:
            block = replace(block, concurrent=True)
        blocks.insert(at, block)
        self._save(blocks, f"Add {kind.label}", at)

    def remove_block(self) -> None:
        row = self.card.blocks.currentRow()
        if self._plan is None or row < 0:
            return
        blocks = list(self._plan.blocks)
        removed = blocks.pop(row)
        if self._save(blocks, f"Remove {removed.heading}", row):
            self.show_banner(f"Removed “{removed.heading}”. Undo with Ctrl+Z.")

    def move_block(self, step: int) -> None:
        row = self.card.blocks.currentRow()
        if self._plan is None or not 0 <= row + step < len(self._plan.blocks):
            return
        blocks = list(self._plan.blocks)
        blocks[row], blocks[row + step] = blocks[row + step], blocks[row]
        self._save(blocks, "Move block", row + step)

    def _run(
        self,
        doing: str,
        work: Callable[[bool], object],
        done: Callable[[object], None],
        ask: Callable[[PlanExistsError], str] | None = None,
        *,
        replace: bool = False,
    ) -> None:
        """Run a change that calls the grouping engine off the GUI thread (it takes up to a
        second or so); ``work(replace)`` runs again with replace=True if the teacher agrees
        to replace a day that already has a plan."""
        self.busy = True
        self._set_busy(True)
        self.show_banner(doing + "…")

        def finished(result: object) -> None:
            self._set_busy(False)
            self.busy = False
            self.card.banner.hide()
            done(result)

        def failed(error: Exception) -> None:
            self._set_busy(False)
            self.busy = False
            if isinstance(error, PlanExistsError) and ask is not None and not replace:
                if self.confirm(ask(error)):
                    self._run(doing, work, done, ask, replace=True)
                else:
                    self.card.banner.hide()
                return
            if isinstance(error, MathroomError):
                self.show_banner(str(error))
            else:
                self.show_banner(f"That did not work ({error}); nothing was changed.")

        self._ops.write_in_background(
            lambda _progress: work(replace),
            PLAN_CHANGES,
            finished,
            failed,
            origin=self,
            context=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self.card.set_busy(busy, self.editor, self.week)
        if not busy:
            self._load_day(self.card.blocks.currentRow())

    def start_from_template(self, template: PlanTemplate) -> None:
        period = self._period()
        if period is None:
            return
        plans = self._plans
        period_id, day = period.id, self._day

        def work(replace: bool) -> None:
            plan = plans.start_from_template(period_id, day, template, replace=replace)
            stations = next(
                (i for i, b in enumerate(plan.blocks) if b.kind is BlockKind.STATIONS), None
            )
            if stations is not None:
                plans.make_station_groups(period_id, day, stations)

        def done(result: object) -> None:
            self._push(f"Start from {template.name}", result)
            self.reload()

        self._run(
            f"Laying out “{template.name}” and making fresh groups",
            self._journaled(work),
            done,
            lambda _error: f"Replace this day's plan with “{template.name}”?",
        )

    def make_groups(self) -> None:
        period = self._period()
        row = self.card.blocks.currentRow()
        if period is None or self._plan is None or row < 0:
            return
        plans, period_id, day = self._plans, period.id, self._day

        def done(result: object) -> None:
            self._push("Make fresh groups", result)
            self.show_banner("Fresh groups made: see them on the Groups page or the projector.")
            self._fill_week()
            self._load_day(row)

        self._run(
            "Making fresh groups",
            self._journaled(lambda _r: plans.make_station_groups(period_id, day, row)),
            done,
        )

    def plan_next_day(self) -> None:
        period = self._period()
        if period is None or self._plan is None:
            return
        plans, period_id, day = self._plans, period.id, self._day
        target = next_school_day(day, period.meeting_days)

        def done(result: object) -> None:
            made = self._push(f"Plan {target:%A}", result)
            assert isinstance(made, DayPlan)
            self.select(period_id, made.plan_date)
            tasks = "the unit's next tasks" if self.unit_strip.has_unit else "same tasks"
            self.show_banner(
                f"{made.plan_date:%A}'s plan is ready: same timing, {tasks}, pulls from "
                "today's evidence, fresh groups."
            )

        self._run(
            f"Planning {target:%A} from this day",
            self._journaled(
                lambda replace: plans.tomorrow_from_today(period_id, day, replace=replace)
            ),
            done,
            lambda _error: f"{target:%A} already has a plan. Replace it?",
        )

    def plan_days_dialog(self) -> PlanDaysDialog:
        """The "Plan next days…" window, from the day after the chosen one."""
        period = self._period()
        first = next_school_day(self._day, period.meeting_days if period else ())
        dialog = PlanDaysDialog(
            self._ops,
            self._plans,
            self._classroom,
            self._units,
            self._periods,
            self._period_id,
            first,
            self._undo,
            self,
        )
        dialog.planned.connect(lambda _planned: self.reload())
        return dialog

    def open_plan_days(self) -> None:
        self.plan_days_dialog().exec()

    def _on_copy_clicked(self) -> None:
        period = self._period()
        if period is None:
            return
        others = [p for p in self._periods if p.id != period.id]
        dialog = CopyDialog(others, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.copy_to(dialog.chosen())

    def copy_to(self, targets: Sequence[PeriodId]) -> None:
        period = self._period()
        if period is None or not targets:
            return
        plans, period_id, day = self._plans, period.id, self._day
        chosen, journals = list(targets), self._plans.journal

        def done(result: object) -> None:
            # Undo puts back exactly the rows the copy changed: replaced days come back
            # whole, their stations with their groups.
            _plans, journal = cast(tuple[object, Journal], result)
            push_recorded(
                self._undo, self._ops, journals, "Copy plan to other periods", journal, PLAN_CHANGES
            )
            self.show_banner(
                f"Copied to {len(chosen)} period(s), each with its own fresh groups. Ctrl+Z undoes."
            )
            self._fill_week()

        self._run(
            "Copying and making each period's groups",
            lambda replace: journals.run(
                lambda: plans.copy_to_periods(period_id, day, chosen, replace=replace)
            ),
            done,
            lambda error: f"{error} Replace them?",
        )

    def _on_save_template_clicked(self) -> None:
        name, ok = QInputDialog.getText(self, "Save as template", "Template name:")
        if ok and name.strip():
            self.save_template(name.strip())

    def save_template(self, name: str) -> None:
        if self._plan is None:
            return
        plans, plan = self._plans, self._plan
        try:
            try:
                self._write(lambda: plans.save_as_template(name, plan))
            except TemplateExistsError:
                if not self.confirm(f"A template called “{name}” exists. Replace it?"):
                    return
                self._write(lambda: plans.save_as_template(name, plan, overwrite=True))
        except MathroomError as exc:
            self.show_banner(str(exc))
            return
        self._fill_templates()
        self.show_banner(f"Saved the template “{name}”.")

    def delete_plan(self) -> None:
        period = self._period()
        if period is None or self._plan is None:
            return
        if not self.confirm(f"Delete {period.name}'s plan for {self._day:%A}? (Ctrl+Z undoes)"):
            return
        plans, period_id, day = self._plans, period.id, self._day
        self._recorded(f"Delete {day:%A}'s plan", lambda: plans.delete_plan(period_id, day))
        self.reload()

    def start_project(self) -> ProjectDialog | None:
        if self.projects is None:
            return None
        return self.projects.open_dialog(self._periods, self._period_id, self._day)

    def remove_project(self) -> None:
        period, row = self._period(), self.card.blocks.currentRow()
        if self.projects is None or period is None or self._plan is None or row < 0:
            return
        block = self._plan.blocks[row]
        if block.task_id is not None:
            title = block.task_title or block.heading
            self.projects.remove(period, block.task_id, title, self._day)

    def open_teacher_time(self) -> TeacherTimeDialog | None:
        """The day's pulls and conferences, chosen or suggested (the dialog saves each one)."""
        period = self._period()
        if period is None or self._teacher_time is None:
            return None
        today = self._today()
        day = max(self._day, teaching_day(today))  # a past day cannot get new teacher time
        dialog = TeacherTimeDialog(
            self._ops, self._teacher_time, period, day, today, self._undo, self
        )
        dialog.open()
        return dialog

    # -- navigation ------------------------------------------------------------------------
    def _move_week(self, days: int) -> None:
        self._anchor += timedelta(days=days)
        self._day = self.days[0]
        self.reload()

    def _on_this_week(self) -> None:
        self._anchor = teaching_day(self._today())
        self._day = self._anchor
        self.reload()

    def _on_cell_clicked(self, row: int, col: int) -> None:
        if 0 <= row < len(self._periods) and 0 <= col < len(self.days):
            self._period_id = self._periods[row].id
            self._day = self.days[col]
            self._load_day()
