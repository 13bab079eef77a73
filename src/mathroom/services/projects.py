"""Projects and math art over several days: start one for some periods (one project block a
day, fitted into each day's plan), see where it runs, remove it again.

Every write covers all the days it touches in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from mathroom.domain.errors import MathroomError, ValidationError
from mathroom.domain.ids import PeriodId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock
from mathroom.domain.projects import (
    PROJECT_MINUTES,
    ProjectRunDay,
    days_of,
    is_multi_day,
    new_project_day,
    other_project,
    project_block,
    project_blocks,
    project_dates,
    run_around,
    shrink_note,
    with_project,
    without_project,
)
from mathroom.domain.roster import Period
from mathroom.domain.tasks import MILESTONES_MAX, Task
from mathroom.services.plan_days import UnitTasks
from mathroom.services.undo_journal import UndoJournalService
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.unit_of_work import Store

# How far around a day to look for the rest of a project's run: MILESTONES_MAX days, even
# for a period that meets once a week.
_RUN_REACH = timedelta(weeks=MILESTONES_MAX + 1)

Snapshot = Mapping[tuple[PeriodId, date], DayPlan | None]


def _when(day: date) -> str:
    return f"{day:%A, %B} {day.day}"


@dataclass(frozen=True, slots=True)
class ProjectDay:
    """One day a project would take (or took) in one period."""

    period_id: PeriodId
    period_name: str
    on: date
    milestone: int
    name: str  # the milestone's name, "Work day"
    had_plan: bool  # the project goes into an existing plan (else a simple plan is made)
    conflict: str = ""  # "already has “Fraction Quilt Blocks”", when the day has a project
    # What making room costs the day's plan ("Whiteboard stations 25→13 min"), or why
    # there is no room; "" when the project fits as it is.
    effect: str = ""
    fits: bool = True

    @property
    def where(self) -> str:
        return f"{self.period_name} on {_when(self.on)}"


class ProjectConflictError(MathroomError):
    """Some of the days already have a project block; nothing was changed."""

    def __init__(self, days: Sequence[ProjectDay]) -> None:
        lines = "; ".join(f"{d.where} {d.conflict}" for d in days)
        super().__init__(
            f"{lines}. Nothing was changed; choose Replace to put this project there instead."
        )
        self.days = tuple(days)


class ProjectService:
    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    @property
    def journal(self) -> UndoJournalService:
        """Records what an action writes, for exact undo (see services/undo_journal.py)."""
        return UndoJournalService(self._store)

    def project_tasks(self) -> list[Task]:
        """The bank's projects and math art (and any task with days of its own), by title."""
        with self._store.unit_of_work() as session:
            return [t for t in TaskRepository(session).tasks() if is_multi_day(t.spec)]

    def preview(
        self,
        task: TaskId,
        periods: Sequence[PeriodId],
        launch: date,
        minutes: int = PROJECT_MINUTES,
    ) -> tuple[ProjectDay, ...]:
        """The days the project would take in each period, from ``launch`` (or the period's
        first meeting day after it), what is already on them and what would shrink."""
        with self._store.unit_of_work() as session:
            return tuple(_days(session, task, periods, launch, minutes))

    def start_project(
        self,
        task: TaskId,
        periods: Sequence[PeriodId],
        launch: date,
        *,
        minutes: int = PROJECT_MINUTES,
        replace: bool = False,
    ) -> tuple[ProjectDay, ...]:
        """Put a project block on each of the project's days in each period, all or nothing.

        A day with a plan gets the block before its exit ticket and closing, its flexible
        blocks shrinking so the period still fits (``minutes`` of project work, less if
        the day has no more room); a day without one gets warm-up, project and closing
        filling the period. ProjectConflictError (naming the days) when a day already has a
        project block and ``replace`` is False; with ``replace`` that block makes way.
        ValidationError (naming the day) when a day has no room for project work.
        """
        if not 1 <= minutes <= 240:
            raise ValidationError("minutes", "project work lasts 1 to 240 minutes a day")
        with self._store.unit_of_work() as session:
            days = _days(session, task, periods, launch, minutes)
            clashes = [d for d in days if d.conflict]
            if clashes and not replace:
                raise ProjectConflictError(clashes)
            spec = TaskRepository(session).get(task).spec
            by_id = {p.id: p for p in RosterRepository(session).periods()}
            repository = PlanRepository(session)
            for day in days:
                period = by_id[day.period_id]
                block = project_block(task, spec, day.milestone, minutes)
                current = repository.plan(period.id, day.on)
                try:
                    if current is None:
                        # The warm-up of a day planned from nothing comes from the unit, as
                        # any new day's would: never an empty slot on the run sheet.
                        blocks, _notes = UnitTasks(session, period.id, ()).fill(
                            day.on,
                            new_project_day(block, period.minutes),
                            only_empty=True,
                            allow_repeats=False,
                        )
                    else:
                        kept = [b for b in current.blocks if b.kind is not BlockKind.PROJECT]
                        blocks = with_project(kept, block, period.minutes)
                except ValidationError as exc:
                    raise ValidationError(
                        "minutes", f"{day.where}: {exc.problem}; nothing was changed"
                    ) from exc
                notes = current.notes if current else ""
                repository.save_plan(period.id, day.on, blocks, self._now(), notes)
            return tuple(days)

    def project_run(self, period: PeriodId, task: TaskId, on: date) -> tuple[date, ...]:
        """The days of the period's run of ``task`` that ``on`` belongs to, in order."""
        with self._store.unit_of_work() as session:
            return tuple(d.on for d in project_run_days(session, period, task, on))

    def remove_project(self, period: PeriodId, task: TaskId, on: date) -> tuple[date, ...]:
        """Take the project out of every day of the run ``on`` belongs to, in one
        transaction: each day's flexible blocks grow back to fill the period, and a day the
        project planned from nothing loses its plan. Returns the days changed."""
        with self._store.unit_of_work() as session:
            info = _period(session, period)
            run = project_run_days(session, period, task, on)
            if not run:
                raise ValidationError("task", f"{_when(on)} has no block of that project")
            repository = PlanRepository(session)
            for day in run:
                current = repository.plan(period, day.on)
                if current is None:
                    continue
                blocks = without_project(current.blocks, task, info.minutes)
                if blocks is None:
                    repository.delete_plan(period, day.on)
                else:
                    repository.save_plan(period, day.on, blocks, self._now(), current.notes)
            return tuple(d.on for d in run)

    def plans(
        self, days: Sequence[tuple[PeriodId, date]]
    ) -> dict[tuple[PeriodId, date], DayPlan | None]:
        """The plans of those days as they are now (the "before" picture for undo)."""
        with self._store.unit_of_work() as session:
            repository = PlanRepository(session)
            return {(period, on): repository.plan(period, on) for period, on in days}

    def restore(self, snapshot: Snapshot) -> None:
        """Put days back as they were (undo), all in one transaction: a day that had no plan
        loses its plan again."""
        with self._store.unit_of_work() as session:
            repository = PlanRepository(session)
            for (period, on), plan in snapshot.items():
                if plan is None:
                    repository.delete_plan(period, on)
                else:
                    repository.save_plan(period, on, plan.blocks, self._now(), plan.notes)


def _period(session: Session, period: PeriodId) -> Period:
    found = next((p for p in RosterRepository(session).periods() if p.id == period), None)
    if found is None:
        raise ValidationError("periods", f"no current period has id {period}")
    return found


def _days(
    session: Session,
    task: TaskId,
    periods: Sequence[PeriodId],
    launch: date,
    minutes: int = PROJECT_MINUTES,
) -> list[ProjectDay]:
    wanted = list(dict.fromkeys(periods))
    if not wanted:
        raise ValidationError("periods", "choose at least one period")
    try:
        found = TaskRepository(session).get(task)
    except LookupError as exc:
        raise ValidationError("task", f"task {task} does not exist") from exc
    if found.archived:
        raise ValidationError("task", f"“{found.title}” is archived: restore it first")
    spec = found.spec
    milestones = days_of(spec)
    if not milestones:
        raise ValidationError(
            "task", f"“{found.title}” is a one-day task: give it days in the task editor"
        )
    titles = {t.id: t.title for t in TaskRepository(session).tasks(include_archived=True)}
    repository = PlanRepository(session)
    days: list[ProjectDay] = []
    for period_id in wanted:
        period = _period(session, period_id)
        dates = project_dates(launch, period.meeting_days, len(milestones))
        plans = {p.plan_date: p for p in repository.plans(period.id, dates[0], dates[-1])}
        for index, on in enumerate(dates):
            plan = plans.get(on)
            conflict = ""
            if plan is not None:
                if project_blocks(plan.blocks, task):
                    conflict = f"already has “{found.title}”"
                elif (other := other_project(plan.blocks, task)) is not None:
                    name = titles.get(other.task_id) if other.task_id else None
                    conflict = f"already has “{name}”" if name else "already has project work"
            block = project_block(task, spec, index, minutes)
            effect, fits = _effect(plan.blocks if plan else None, block, period.minutes)
            days.append(
                ProjectDay(
                    period.id,
                    period.name,
                    on,
                    index,
                    milestones[index],
                    plan is not None,
                    conflict,
                    effect,
                    fits,
                )
            )
    return days


def _effect(
    blocks: Sequence[PlanBlock] | None, block: PlanBlock, period_minutes: int | None
) -> tuple[str, bool]:
    """What the day gives up for the project (as start_project would place it)."""
    try:
        if blocks is None:
            new_project_day(block, period_minutes)
            return "", True
        kept = [b for b in blocks if b.kind is not BlockKind.PROJECT]
        return shrink_note(kept, with_project(kept, block, period_minutes), block), True
    except ValidationError as exc:
        return exc.problem, False


def project_run_days(
    session: Session, period: PeriodId, task: TaskId, on: date
) -> tuple[ProjectRunDay, ...]:
    """The period's days of the run of ``task`` that ``on`` belongs to (see run_around)."""
    plans = PlanRepository(session).plans(period, on - _RUN_REACH, on + _RUN_REACH)
    found: list[ProjectRunDay] = []
    for plan in plans:
        blocks = project_blocks(plan.blocks, task)
        if blocks:
            found.append(ProjectRunDay(plan.plan_date, blocks[0].milestone or 0))
    return run_around(found, on)
