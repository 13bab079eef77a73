"""Create the demo classroom in an empty data folder."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from mathroom.domain.demo_evidence import SkillToObserve, simulate_evidence
from mathroom.domain.errors import MathroomError
from mathroom.domain.gap_map import build_gap_map
from mathroom.domain.grouping import GroupingRequest, PastRound, form_groups
from mathroom.domain.groups import ConstraintKind, Group, PairConstraint, deal_groups
from mathroom.domain.ids import GroupSetId, PeriodId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, PlanBlock, Station, pull_block, school_week
from mathroom.domain.plan_schedule import StationGrouping, station_grouping
from mathroom.domain.pulls import PullSuggestion, neediest_skills, suggest_pulls
from mathroom.domain.roster import Period, Student
from mathroom.domain.school_year import default_year_dates, school_year_name
from mathroom.domain.skills import Skill
from mathroom.domain.tasks import Task, TaskKind
from mathroom.domain.unit_planning import DayNeeds, TaskPool, choose_days
from mathroom.domain.units import Unit
from mathroom.importers.demo_classroom import DemoClassroom, load_demo_classroom
from mathroom.services.content import ContentFiles
from mathroom.services.library import seed_library
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.repositories.units import UnitRepository
from mathroom.store.unit_of_work import Store

DEMO_SEED = 7  # same demo every time, so screenshots and tests are repeatable
GROUP_SIZE = 3
HISTORY_DAYS = 8
UNIT_DOMAIN = "NS"  # November's unit: integers and rational numbers
STATIONS = 6
PULL_SIZE = 4
PULL_MINUTES = 10
ENGINE_SECONDS = 1.0
DEFAULT_PERIOD_MINUTES = 52
LESSON_DAYS = 15  # school days of evidence before today
DIAGNOSTIC_DAYS_BEFORE = 40  # the start-of-unit diagnostic, before the first lesson day
# How far back the demo's evidence and groups reach: 15 school days are at most 3 weeks
# and 4 days, then the diagnostic.
HISTORY_REACH_DAYS = 25 + DIAGNOSTIC_DAYS_BEFORE
# Minutes of every block but the stations, which fill the rest of the period.
DAY_MINUTES = {
    BlockKind.WARMUP: 5,
    BlockKind.GALLERY_WALK: 7,
    BlockKind.PRACTICE: 8,
    BlockKind.EXIT_TICKET: 5,
    BlockKind.CLOSING: 2,
}


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
            periods = _add_roster(session, demo, today, now)
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


def demo_year(today: date) -> tuple[date, date]:
    """The school year around ``today``, stretched to hold the demo's past evidence and the
    planned week, so the demo works in August or in the last week of June too."""
    starts, ends = default_year_dates(today)
    earliest = today - timedelta(days=HISTORY_REACH_DAYS)
    return min(starts, earliest), max(ends, school_week(today)[-1])


def _add_roster(
    session: Session, demo: DemoClassroom, today: date, now: datetime
) -> list[tuple[PeriodId, list[StudentId]]]:
    roster = RosterRepository(session)
    starts_on, ends_on = demo_year(today)
    year = roster.add_year(school_year_name(starts_on), starts_on, ends_on)
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
            roster.enroll(student_id, period_id, starts_on)
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
    lesson_days = _school_days_before(today, LESSON_DAYS)
    diagnostic_on = lesson_days[0] - timedelta(days=DIAGNOSTIC_DAYS_BEFORE)
    total = 0
    for _, students in periods:
        items = simulate_evidence(students, diagnostic, unit, diagnostic_on, lesson_days, rng)
        total += skills.add_evidence(items, now)
    return total


def _unit_skills(skills: Sequence[Skill]) -> list[Skill]:
    return [s for s in skills if s.grade == 7 and s.domain == UNIT_DOMAIN][:6]


@dataclass(frozen=True, slots=True)
class _Lesson:
    """One day's tasks, taught in every period that day."""

    warmup: Task | None
    boards: tuple[Task, ...]
    practice: Task | None
    exit_ticket: Task | None


def _week_lessons(
    by_kind: dict[TaskKind, list[Task]], days: int, rng: random.Random
) -> list[_Lesson]:
    """Different tasks each day: the lists are shuffled once and dealt out in turn."""
    decks = {kind: rng.sample(tasks, len(tasks)) for kind, tasks in by_kind.items()}

    def deal(kind: TaskKind, start: int, count: int) -> tuple[Task, ...]:
        deck = decks.get(kind) or []
        return tuple(deck[(start + i) % len(deck)] for i in range(count)) if deck else ()

    lessons = []
    for day in range(days):
        warmup = deal(TaskKind.WARMUP, day, 1)
        practice = deal(TaskKind.PRACTICE, day, 1)
        exit_ticket = deal(TaskKind.EXIT_TICKET, day, 1)
        lessons.append(
            _Lesson(
                warmup[0] if warmup else None,
                deal(TaskKind.WHITEBOARD, day * STATIONS, STATIONS),
                practice[0] if practice else None,
                exit_ticket[0] if exit_ticket else None,
            )
        )
    return lessons


def _demo_unit(session: Session) -> Unit | None:
    """The starter unit the demo's evidence is about: the one sharing most skills with it
    (operations with rational numbers)."""
    wanted = {s.code for s in _unit_skills(SkillRepository(session).skills())}
    units = UnitRepository(session).units()
    scored = [(len(wanted & set(u.spec.skill_codes)), -u.position, u) for u in units]
    best = max(scored, key=lambda found: found[:2], default=None)
    return best[2] if best is not None and best[0] > 0 else None


def _unit_lessons(unit: Unit, tasks: Sequence[Task], week: Sequence[date]) -> list[_Lesson]:
    """The week's lessons from the unit, as "Plan next days" would choose them."""
    by_id = {t.id: t for t in tasks}
    pool = TaskPool(
        unit_tasks=tuple(by_id[t] for t in unit.spec.task_ids if t in by_id),
        bank=tuple(sorted(tasks, key=lambda t: t.id)),
        unit_skills=unit.spec.skill_codes,
    )
    needs = DayNeeds(warmup=True, boards=STATIONS, practice=True, exit_ticket=True)
    chosen = choose_days(pool, [(day, needs) for day in week])

    def task(task_id: TaskId | None) -> Task | None:
        return by_id[task_id] if task_id is not None else None

    return [
        _Lesson(
            task(day.warmup),
            tuple(by_id[t] for t in day.boards),
            task(day.practice),
            task(day.exit_ticket),
        )
        for day in chosen
    ]


def _add_groups_and_plans(
    session: Session,
    periods: Sequence[tuple[PeriodId, list[StudentId]]],
    today: date,
    rng: random.Random,
    now: datetime,
) -> tuple[int, int]:
    """Dealt groups for past days, then a planned lesson for every day of today's week.

    The week's groups come from the grouping engine, each day's against the sets before
    it. Days still to come count as history only once they arrive (see GroupRepository).
    """
    groups = GroupRepository(session)
    plans = PlanRepository(session)
    tasks = TaskRepository(session).tasks()
    by_kind = {kind: [t for t in tasks if t.kind is kind] for kind in TaskKind}
    week = school_week(today)
    taught = _demo_unit(session)
    if taught is not None:
        # Every period is in week 2 of the unit the evidence is about; the week's tasks are
        # the unit's next ones, so no two days repeat a warm-up, a board or an exit ticket.
        for period_id, _students in periods:
            UnitRepository(session).assign(period_id, taught.id, week[0] - timedelta(days=7))
        lessons = _unit_lessons(taught, tasks, week)
    else:
        lessons = _week_lessons(by_kind, len(week), rng)
    history_days = [d for d in _school_days_before(today, HISTORY_DAYS) if d < week[0]]
    minutes = {p.id: p.minutes for p in RosterRepository(session).periods()}
    skills = SkillRepository(session)
    all_skills = skills.skills()
    unit = [s.id for s in _unit_skills(all_skills)]
    rule = SettingsRepository(session).level_rule()
    group_sets = plan_count = 0
    for period_id, students in periods:
        rules = groups.constraints(period_id)
        apart = [(c.a, c.b) for c in rules if c.kind is ConstraintKind.KEEP_APART]
        past: list[tuple[Group, ...]] = []
        for day in history_days:
            dealt = deal_groups(students, GROUP_SIZE, rng, apart)
            groups.add_group_set(
                period_id, day, dealt, mode="fresh_mix", group_size=GROUP_SIZE, seed=None, now=now
            )
            past.append(dealt)
            group_sets += 1
        roster = RosterRepository(session).students(period_id)
        evidence = skills.evidence_of(students)
        gap = build_gap_map(roster, all_skills, evidence, rule, today)
        focus = [n.skill.code for n in neediest_skills(gap, set(students)) if n.skill.id in unit]
        pulled: set[StudentId] = set()
        shape = station_grouping(len(students), STATIONS)
        for day, lesson in zip(week, lessons, strict=True):
            seed = rng.randrange(1, 2**31)
            made = _engine_groups(students, shape, rules, past, seed)
            set_id = groups.add_group_set(
                period_id,
                day,
                made,
                mode="fresh_mix",
                group_size=shape.group_size,
                seed=seed,
                now=now,
            )
            past.append(made)
            group_sets += 1
            # A different few each day: nobody is pulled twice in the week.
            pulls = suggest_pulls(gap, unit, set(students), PULL_SIZE, 1, already_pulled=pulled)
            pulled.update(s for pull in pulls for s in pull.students)
            pull = pulls[0] if pulls else None
            practice = list(dict.fromkeys([*([pull.skill.code] if pull else []), *focus]))[:2]
            blocks = _demo_day(lesson, made, set_id, pull, practice, minutes[period_id])
            plans.save_plan(period_id, day, blocks, now)
            plan_count += 1
    return group_sets, plan_count


def _engine_groups(
    students: Sequence[StudentId],
    shape: StationGrouping,
    rules: Sequence[PairConstraint],
    past: Sequence[tuple[Group, ...]],
    seed: int,
) -> tuple[Group, ...]:
    """One group per whiteboard, fresh partners against the sets before (``past``, oldest
    first)."""
    enrolled = set(students)

    def pairs(kind: ConstraintKind) -> tuple[tuple[StudentId, StudentId], ...]:
        return tuple((r.a, r.b) for r in rules if r.kind is kind and {r.a, r.b} <= enrolled)

    request = GroupingRequest(
        students=tuple(students),
        group_size=shape.group_size,
        remainder=shape.remainder,
        keep_apart=pairs(ConstraintKind.KEEP_APART),
        keep_together=pairs(ConstraintKind.KEEP_TOGETHER),
        history=tuple(
            PastRound(age, tuple(g.members for g in dealt))
            for age, dealt in enumerate(reversed(past), start=1)
        ),
        seed=seed,
        # Generous: the search settles long before, so the work budget, not the clock,
        # ends it and the demo is the same on every machine.
        time_limit_s=ENGINE_SECONDS,
    )
    return form_groups(request).rounds[0].groups


def _demo_day(
    lesson: _Lesson,
    made: Sequence[Group],
    set_id: GroupSetId,
    pull: PullSuggestion | None,
    focus: Sequence[str],
    period_minutes: int | None,
) -> tuple[PlanBlock, ...]:
    """A thinking-classroom day: warm-up, stations (with a pull), gallery walk, practice,
    exit ticket, closing; the stations take whatever the period has left."""
    routine = sum(DAY_MINUTES.values())
    station_minutes = max(10, (period_minutes or DEFAULT_PERIOD_MINUTES) - routine)
    boards = lesson.boards
    stations = tuple(
        Station(
            number=group.number,
            task_id=boards[(group.number - 1) % len(boards)].id if boards else None,
            group_number=group.number,
        )
        for group in made
    )

    def task_block(kind: BlockKind, task: Task | None, skills: Sequence[str] = ()) -> PlanBlock:
        task_id = TaskId(task.id) if task else None
        return PlanBlock(kind, DAY_MINUTES[kind], task_id=task_id, practice_skills=tuple(skills))

    blocks = [
        task_block(BlockKind.WARMUP, lesson.warmup),
        PlanBlock(BlockKind.STATIONS, station_minutes, group_set_id=set_id, stations=stations),
    ]
    if pull is not None:
        blocks.append(pull_block(pull, PULL_MINUTES))
    return (
        *blocks,
        PlanBlock(BlockKind.GALLERY_WALK, DAY_MINUTES[BlockKind.GALLERY_WALK]),
        # Practice follows up the pull's skill, then the class's neediest one.
        task_block(BlockKind.PRACTICE, lesson.practice, focus),
        task_block(BlockKind.EXIT_TICKET, lesson.exit_ticket),
        PlanBlock(
            BlockKind.CLOSING,
            DAY_MINUTES[BlockKind.CLOSING],
            title="Closing circle: one idea you heard today",
        ),
    )
