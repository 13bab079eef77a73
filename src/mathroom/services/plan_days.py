"""Planning days from a period's unit, for the Plan page, its "Plan next days…" window and
`mathroom plan next`: which days, what shape, which tasks, which pulls.

Everything here reads inside the caller's unit of work and returns blocks without groups;
PlanService makes the groups and writes the days, all or nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock, next_school_day
from mathroom.domain.plan_templates import BUILTIN_TEMPLATES
from mathroom.domain.roster import Period, Weekday
from mathroom.domain.tasks import Task
from mathroom.domain.unit_planning import (
    TaskPool,
    choose_day,
    day_needs,
    keep_set_ahead,
    set_ahead,
    with_day_tasks,
)
from mathroom.domain.units import Unit
from mathroom.services.plan_needs import read_needs, tuned_for_next_day
from mathroom.services.units import assignment_on, read_repeat_weeks
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.repositories.units import UnitRepository

MAX_DAYS = 20  # four school weeks at a time


@dataclass(frozen=True, slots=True)
class PlannedDay:
    """A day planned from the unit: the saved plan, the unit it came from (None without
    one) and what the teacher should know (a slot left empty, a task from the bank...)."""

    plan: DayPlan
    unit: str | None
    messages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DayDraft:
    """A day's blocks before its groups are made."""

    period: PeriodId
    day: date
    blocks: tuple[PlanBlock, ...]
    notes: str
    unit: str | None
    messages: tuple[str, ...]


class UnitTasks:
    """What choosing tasks reads for one period, in the caller's snapshot: its units, the
    task bank and every day it has had each task. ``run`` adds the days being planned."""

    def __init__(self, session: Session, period: PeriodId, replacing: Collection[date]) -> None:
        units = UnitRepository(session)
        self._assignments = units.assignments(period)
        self._units = {u.id: u for u in units.units(include_archived=True)}
        self._bank = tuple(sorted(TaskRepository(session).tasks(), key=lambda t: t.id))
        self._by_id = {t.id: t for t in self._bank}
        # The days being planned again do not count: their tasks are about to go.
        self._days: dict[TaskId, list[date]] = {
            task: [d for d in days if d not in replacing]
            for task, days in units.task_days(period).items()
        }
        self._repeat_weeks = read_repeat_weeks(session)
        self._prerequisites = SkillRepository(session).prerequisite_codes()

    def unit(self, day: date) -> Unit | None:
        assignment = assignment_on(self._assignments, day)
        return self._units.get(assignment.unit_id) if assignment else None

    def task(self, task: TaskId) -> Task | None:
        return self._by_id.get(task)

    def pool(self, day: date, allow_repeats: bool, near: Sequence[str] = ()) -> TaskPool:
        """The tasks to choose from on ``day``: the unit's in order (and its skills), else
        the bank near the skills ``near``."""
        unit = self.unit(day)
        unit_tasks = tuple(
            task
            for task in (self._by_id.get(t) for t in (unit.spec.task_ids if unit else ()))
            if task is not None
        )
        # The unit's own skills (its tasks' when it names none), else the shape's tasks'.
        skills = (
            unit.spec.skill_codes or tuple(c for t in unit_tasks for c in t.spec.skill_codes)
            if unit
            else tuple(near)
        )
        # Then the skills they build on: a task on a gap from grades 4-6 is good review.
        skills = (*skills, *(p for code in skills for p in self._prerequisites.get(code, ())))
        return TaskPool(
            unit_tasks=unit_tasks,
            bank=self._bank,
            unit_skills=tuple(dict.fromkeys(skills)),
            later=self._later(unit),
            history={task: tuple(days) for task, days in self._days.items()},
            repeat_weeks=self._repeat_weeks,
            allow_repeats=allow_repeats,
            has_unit=unit is not None,
        )

    def _later(self, unit: Unit | None) -> frozenset[TaskId]:
        """The tasks of the units after ``unit`` in the year's order (unless one up to it has
        them too)."""
        if unit is None:
            return frozenset()
        active = sorted(
            (u for u in self._units.values() if not u.archived), key=lambda u: (u.position, u.id)
        )
        order = [u.id for u in active]
        if unit.id not in order:
            return frozenset()
        at = order.index(unit.id)
        sooner = {t for u in active[: at + 1] for t in u.spec.task_ids}
        return frozenset(t for u in active[at + 1 :] for t in u.spec.task_ids if t not in sooner)

    def run(self, day: date, tasks: Collection[TaskId]) -> None:
        """``tasks`` are planned on ``day``: later days of the same run see them as used."""
        for task in tasks:
            self._days.setdefault(task, []).append(day)

    def fill(
        self,
        day: date,
        blocks: Sequence[PlanBlock],
        *,
        only_empty: bool,
        allow_repeats: bool,
        taken: Collection[TaskId] = (),
        near: Sequence[str] = (),
    ) -> tuple[tuple[PlanBlock, ...], tuple[str, ...]]:
        """The blocks with the day's tasks chosen (``only_empty``: only where none is)."""
        needs = day_needs(blocks, only_empty=only_empty, taken=taken)
        chosen = choose_day(self.pool(day, allow_repeats, near), day, needs)
        filled = with_day_tasks(blocks, chosen, only_empty=only_empty)
        self.run(day, {t for b in filled for t in b.task_ids})
        return filled, chosen.messages


def school_days(first: date, count: int, meeting_days: Sequence[Weekday]) -> list[date]:
    """``count`` days the period meets, from ``first`` on (``first`` itself if it meets)."""
    day = first if _meets(first, meeting_days) else next_school_day(first, meeting_days)
    days = [day]
    while len(days) < count:
        days.append(next_school_day(days[-1], meeting_days))
    return days


def _meets(day: date, meeting_days: Sequence[Weekday]) -> bool:
    return next_school_day(day - timedelta(days=1), meeting_days) == day


def first_unplanned_day(session: Session, period: Period, today: date) -> date:
    """Where "plan the next days" starts: the first day the period meets after today, or
    after its last planned lesson when that is later (so planning twice plans on; teacher
    time set ahead for a later day does not count)."""
    last = UnitRepository(session).last_planned(period.id)
    start = max(today, last) if last is not None else today
    return next_school_day(start, period.meeting_days)


def check_days(days: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ValidationError("days", f"plan 1 to {MAX_DAYS} school days at a time")


def draft_days(
    session: Session,
    period: Period,
    days: Sequence[date],
    *,
    allow_repeats: bool,
) -> list[DayDraft]:
    """The period's days, each shaped like its most recent lesson before them (a day that is
    not a project day; the first built-in template when there is none), with the unit's
    next tasks, pulls from the evidence of that lesson for students not pulled earlier in
    the run, and whatever the teacher set ahead for the day (projects, pulls, conferences)
    kept."""
    plans = PlanRepository(session)
    existing = {p.plan_date: p for p in plans.plans(period.id, days[0], days[-1])}
    shape, evidence_day = lesson_shape(session, period, days[0])
    tasks = UnitTasks(session, period.id, days)
    near = tuple(
        dict.fromkeys(
            c
            for t in (tasks.task(task) for b in shape for task in b.task_ids)
            if t is not None
            for c in t.spec.skill_codes
        )
    )
    pulled: set[StudentId] = set()
    drafts: list[DayDraft] = []
    said: set[str] = set()  # a note the same every day (practice from its sheets) is said once
    for number, day in enumerate(days):
        needs = read_needs(session, period.id, day)
        needs = replace(needs, present=needs.present - pulled)
        blocks = tuned_for_next_day(shape, needs, evidence_day)
        old = existing.get(day)
        kept = set_ahead(old.blocks) if old else ()
        blocks = keep_set_ahead(blocks, old.blocks if old else (), period.minutes)
        taken = {t for b in kept for t in b.task_ids}
        blocks, messages = tasks.fill(
            day, blocks, only_empty=False, allow_repeats=allow_repeats, taken=taken, near=near
        )
        pulled.update(s for b in blocks if b.is_teacher_time for s in b.students)
        unit = tasks.unit(day)
        notes = [m for m in messages if m not in said]
        said.update(messages)
        if unit is None and number == 0:
            notes.insert(0, f"{period.name} has no unit: tasks come from the task bank")
        if kept:
            notes.append(_kept(kept, tasks))
        drafts.append(
            DayDraft(
                period.id,
                day,
                blocks,
                old.notes if old else "",
                unit.name if unit else None,
                tuple(notes),
            )
        )
    return drafts


def lesson_shape(
    session: Session, period: Period, first: date
) -> tuple[tuple[PlanBlock, ...], date]:
    """The blocks of the period's latest lesson before ``first`` and that lesson's day (its
    evidence sets the pulls); without one, the first built-in template fitted to the period
    and the day before ``first``."""
    days = UnitRepository(session).lesson_days(period.id, first)
    if days:
        plan = PlanRepository(session).plan(period.id, days[0])
        if plan is not None and plan.blocks:
            return plan.blocks, plan.plan_date
    template = BUILTIN_TEMPLATES[0]
    fitted = template.fitted(period.minutes) if period.minutes else template
    return fitted.to_blocks(), first - timedelta(days=1)


def _kept(kept: Sequence[PlanBlock], tasks: UnitTasks) -> str:
    parts: list[str] = []
    for block in kept:
        if block.kind is BlockKind.PROJECT:
            task = tasks.task(block.task_id) if block.task_id is not None else None
            parts.append(f"the project “{task.title if task else block.heading}”")
        else:
            parts.append(f"{block.heading} ({len(block.students)} students)")
    return "kept what was set ahead for this day: " + ", ".join(parts)
