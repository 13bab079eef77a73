"""Create the demo classroom in an empty data folder."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from mathroom.domain.demo_evidence import SkillToObserve, simulate_evidence
from mathroom.domain.errors import MathroomError
from mathroom.domain.groups import ConstraintKind, Group, PairConstraint, deal_groups
from mathroom.domain.ids import GroupSetId, PeriodId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, PlanBlock, Station
from mathroom.domain.roster import Period, Student
from mathroom.domain.skills import Skill
from mathroom.domain.tasks import Task, TaskKind
from mathroom.importers.demo_classroom import DemoClassroom, load_demo_classroom
from mathroom.services.content import ContentFiles
from mathroom.services.library import seed_library
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.unit_of_work import Store

DEMO_SEED = 7  # same demo every time, so screenshots and tests are repeatable
GROUP_SIZE = 3
HISTORY_DAYS = 8
UNIT_DOMAIN = "NS"  # November's unit: integers and rational numbers


class DemoRefusedError(MathroomError):
    """The data folder already holds a classroom; the demo would mix with real data."""

    def __init__(self, periods: int, students: int) -> None:
        super().__init__(
            "This data folder already holds a classroom "
            f"({periods} periods, {students} students). The demo is only created in an "
            "empty folder; nothing was changed. Use --data-dir to choose another folder."
        )


@dataclass(frozen=True, slots=True)
class DemoSummary:
    periods: int
    students: int
    skills: int
    tasks: int
    evidence: int
    group_sets: int
    plans: int


class DemoService:
    def __init__(self, store: Store, content: ContentFiles, now: Callable[[], datetime]) -> None:
        self._store = store
        self._content = content
        self._now = now

    def is_empty(self) -> bool:
        with self._store.unit_of_work() as session:
            return RosterRepository(session).is_empty()

    def create(self, today: date, seed: int = DEMO_SEED) -> DemoSummary:
        """Write the whole demo in one transaction, or nothing at all."""
        demo = load_demo_classroom(self._content.demo_classroom)
        rng = random.Random(seed)
        now = self._now()
        with self._store.unit_of_work() as session:
            roster = RosterRepository(session)
            if not roster.is_empty():
                existing = roster.periods()
                raise DemoRefusedError(len(existing), sum(p.student_count for p in existing))
            library = seed_library(session, self._content, now)
            periods = _add_roster(session, demo, now)
            evidence = _add_evidence(session, periods, today, rng, now)
            group_sets, plans = _add_groups_and_plans(session, periods, today, rng, now)
            return DemoSummary(
                periods=len(periods),
                students=sum(len(students) for _, students in periods),
                skills=library.skills_added,
                tasks=library.tasks_added,
                evidence=evidence,
                group_sets=group_sets,
                plans=plans,
            )


def _add_roster(
    session: Session, demo: DemoClassroom, now: datetime
) -> list[tuple[PeriodId, list[StudentId]]]:
    roster = RosterRepository(session)
    year = roster.add_year(demo.year_name, demo.starts_on, demo.ends_on)
    by_number: dict[str, StudentId] = {}
    result: list[tuple[PeriodId, list[StudentId]]] = []
    for position, spec in enumerate(demo.periods):
        period = Period(
            PeriodId(0),
            spec.name,
            spec.course,
            spec.room,
            spec.meeting_days,
            spec.starts_at,
            spec.ends_at,
        )
        period_id = roster.add_period(year, period, position)
        ids: list[StudentId] = []
        for s in spec.students:
            student = Student(StudentId(0), s.given, s.family, s.preferred, s.number)
            student_id = roster.add_student(student, now)
            roster.enroll(student_id, period_id, demo.starts_on)
            by_number[s.number] = student_id
            ids.append(student_id)
        result.append((period_id, ids))
    groups = GroupRepository(session)
    for pair in demo.pairs:
        groups.add_constraint(
            PairConstraint(pair.kind, by_number[pair.a], by_number[pair.b], pair.reason), now
        )
    return result


def _school_days_before(today: date, count: int) -> list[date]:
    days: list[date] = []
    day = today
    while len(days) < count:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return sorted(days)


def _add_evidence(
    session: Session,
    periods: Sequence[tuple[PeriodId, list[StudentId]]],
    today: date,
    rng: random.Random,
    now: datetime,
) -> int:
    skills = SkillRepository(session)
    all_skills = skills.skills()
    diagnostic = [SkillToObserve(s.id, s.grade) for s in all_skills if s.grade < 7]
    unit = [SkillToObserve(s.id, s.grade) for s in _unit_skills(all_skills)]
    lesson_days = _school_days_before(today, 15)
    diagnostic_on = lesson_days[0] - timedelta(days=40)
    total = 0
    for _, students in periods:
        items = simulate_evidence(students, diagnostic, unit, diagnostic_on, lesson_days, rng)
        total += skills.add_evidence(items, now)
    return total


def _unit_skills(skills: Sequence[Skill]) -> list[Skill]:
    return [s for s in skills if s.grade == 7 and s.domain == UNIT_DOMAIN][:6]


def _add_groups_and_plans(
    session: Session,
    periods: Sequence[tuple[PeriodId, list[StudentId]]],
    today: date,
    rng: random.Random,
    now: datetime,
) -> tuple[int, int]:
    groups = GroupRepository(session)
    plans = PlanRepository(session)
    tasks = TaskRepository(session).tasks()
    by_kind = {kind: [t for t in tasks if t.kind is kind] for kind in TaskKind}
    group_sets = plan_count = 0
    for period_id, students in periods:
        apart = [
            (c.a, c.b) for c in groups.constraints(period_id) if c.kind is ConstraintKind.KEEP_APART
        ]
        for day in [*_school_days_before(today, HISTORY_DAYS), today]:
            dealt = deal_groups(students, GROUP_SIZE, rng, apart)
            set_id = groups.add_group_set(
                period_id, day, dealt, mode="fresh_mix", group_size=GROUP_SIZE, seed=None, now=now
            )
            group_sets += 1
            if day == today:
                blocks = _demo_day(by_kind, dealt, set_id, rng)
                plans.add_plan(period_id, today, blocks, now, group_ids=groups.group_ids(set_id))
                plan_count += 1
    return group_sets, plan_count


def _demo_day(
    by_kind: dict[TaskKind, list[Task]],
    dealt: Sequence[Group],
    set_id: GroupSetId,
    rng: random.Random,
) -> tuple[PlanBlock, ...]:
    """A thinking-classroom day: warm-up, stations, gallery walk, exit ticket, closing."""

    def pick(kind: TaskKind) -> Task | None:
        options = by_kind.get(kind) or []
        return rng.choice(options) if options else None

    warmup, exit_ticket = pick(TaskKind.WARMUP), pick(TaskKind.EXIT_TICKET)
    boards = by_kind.get(TaskKind.WHITEBOARD) or []
    station_tasks = rng.sample(boards, min(2, len(boards)))
    stations = tuple(
        Station(
            number=group.number,
            task_id=station_tasks[i % len(station_tasks)].id if station_tasks else None,
            group_number=group.number,
        )
        for i, group in enumerate(dealt)
    )

    def task_block(kind: BlockKind, minutes: int, task: Task | None) -> PlanBlock:
        return PlanBlock(kind, minutes, task_id=TaskId(task.id) if task else None)

    return (
        task_block(BlockKind.WARMUP, 8, warmup),
        PlanBlock(BlockKind.STATIONS, 24, group_set_id=set_id, stations=stations),
        PlanBlock(BlockKind.GALLERY_WALK, 8),
        task_block(BlockKind.EXIT_TICKET, 7, exit_ticket),
        PlanBlock(BlockKind.CLOSING, 5, title="Closing circle: one idea you heard today"),
    )
