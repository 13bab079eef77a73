"""Planning the next school days from a period's unit, against the demo classroom: new tasks
every day, fresh groups, pulls for different students, nothing the teacher set ahead lost,
and all or nothing."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.domain.groups import pair_counts
from mathroom.domain.ids import PeriodId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock, school_week
from mathroom.domain.plan_templates import BUILTIN_TEMPLATES
from mathroom.domain.roster import Period
from mathroom.domain.tasks import TaskKind
from mathroom.domain.unit_planning import BOARD_KINDS
from mathroom.services.classroom import ClassroomService
from mathroom.services.plan_days import PlannedDay
from mathroom.services.plans import PlanExistsError, PlanService
from mathroom.services.projects import ProjectService
from mathroom.services.units import UnitService
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.unit_of_work import Store


@pytest.fixture
def next_week(school_day: date) -> date:
    """Monday of the week after the demo's planned week: nothing planned yet."""
    return school_week(school_day)[0] + timedelta(days=7)


def periods(store: Store) -> tuple[Period, ...]:
    return ClassroomService(store).overview().periods


def block(plan: DayPlan, kind: BlockKind) -> PlanBlock:
    return next(b for b in plan.blocks if b.kind is kind)


def slot_tasks(plan: DayPlan) -> dict[str, set[TaskId]]:
    stations = block(plan, BlockKind.STATIONS)
    return {
        "warm-up": {t for t in block(plan, BlockKind.WARMUP).task_ids},
        "board task": {s.task_id for s in stations.stations if s.task_id},
        "exit ticket": {t for t in block(plan, BlockKind.EXIT_TICKET).task_ids},
    }


def test_a_week_from_the_unit_takes_new_tasks_every_day_and_fresh_groups(
    demo_store: Store, now: datetime, school_day: date, next_week: date
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    demo_friday = plans.plan(period.id, school_week(school_day)[-1])
    assert demo_friday is not None
    demo_week = ClassroomService(demo_store).plans(period.id, school_week(school_day)[0], next_week)
    had = {t for p in demo_week for b in p.blocks for t in b.task_ids}
    tasks = {t.id: t for t in ClassroomService(demo_store).tasks()}
    unit = UnitService(demo_store, lambda: now).current_unit(period.id, next_week)
    assert unit is not None

    week = plans.plan_days(period.id, next_week, 5, seed=3)

    assert [d.plan.plan_date for d in week] == list(school_week(next_week))
    assert all(isinstance(d, PlannedDay) and d.unit == unit.name for d in week)
    seen: set[TaskId] = set()
    said: list[str] = []  # a note the same every day is said once, on its first day
    for day in week:
        plan = day.plan
        said.extend(day.messages)
        # Shaped like the demo's Friday: same blocks and minutes, a pull inside the stations.
        assert [(b.kind, b.minutes) for b in plan.blocks] == [
            (b.kind, b.minutes) for b in demo_friday.blocks
        ]
        for slot, ids in slot_tasks(plan).items():
            # Every slot has a task, or the day says why not.
            assert ids or any(f"no fresh {slot}" in m for m in said), (slot, day)
            assert not ids & had and not ids & seen  # nothing the period did lately
        boards = [s.task_id for s in block(plan, BlockKind.STATIONS).stations]
        if all(boards):
            assert len(set(boards)) == 2 and all(
                tasks[TaskId(b)].kind in BOARD_KINDS for b in boards if b
            )
            assert boards[: len(set(boards))] == boards[len(set(boards)) : 2 * len(set(boards))]
        seen |= {t for ids in slot_tasks(plan).values() for t in ids}
    unit_boards = {t for t in unit.spec.task_ids if tasks[t].kind in BOARD_KINDS} - had
    first_boards = slot_tasks(week[0].plan)["board task"]
    if len(unit_boards) >= 3:
        assert first_boards <= unit_boards  # the unit's own tasks first

    pulled = [
        set(b.students) for d in week for b in d.plan.blocks if b.kind is BlockKind.SMALL_GROUP
    ]
    assert len(pulled) == 5 and all(pulled)
    assert sum(len(p) for p in pulled) == len(set().union(*pulled))  # a different few each day
    with demo_store.unit_of_work() as session:
        sets = {s.id: s for s in GroupRepository(session).group_sets(period.id, 200) if s.made_on}
    set_ids = [block(d.plan, BlockKind.STATIONS).group_set_id for d in week]
    made = [sets[s] for s in set_ids if s is not None]
    assert [s.made_on for s in made] == [d.plan.plan_date for d in week]
    for before, after in itertools.pairwise(made):
        repeats = sum(1 for pair in pair_counts([after]) if pair in pair_counts([before]))
        assert repeats <= 2, repeats  # the day before is history, though not saved yet


def test_days_with_a_plan_are_refused_and_nothing_changes(
    demo_store: Store, now: datetime, school_day: date, next_week: date
) -> None:
    first, second = periods(demo_store)[:2]
    plans = PlanService(demo_store, lambda: now)
    tuesday = next_week + timedelta(days=1)
    plans.save_plan(second.id, tuesday, [PlanBlock(BlockKind.WARMUP, 5)])
    with demo_store.unit_of_work() as session:
        sets_before = len(GroupRepository(session).group_sets(first.id, 500))
    with pytest.raises(PlanExistsError, match="Period 3 already has a plan for Tuesday"):
        plans.plan_days_for([first.id, second.id], next_week, 3)
    assert plans.plan(first.id, next_week) is None  # all or nothing, across periods too
    with demo_store.unit_of_work() as session:
        assert len(GroupRepository(session).group_sets(first.id, 500)) == sets_before
    with pytest.raises(PlanExistsError):
        plans.plan_days(first.id, school_week(school_day)[0], 2)
    with pytest.raises(ValidationError) as info:
        plans.plan_days(first.id, next_week, 0)
    assert info.value.field == "days"
    with pytest.raises(ValidationError) as info:
        plans.plan_days(PeriodId(999), next_week)
    assert info.value.field == "period"


def test_replacing_a_day_keeps_its_project_and_the_teacher_time_set_ahead(
    demo_store: Store, now: datetime, next_week: date
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    classroom = ClassroomService(demo_store)
    project = next(t for t in classroom.tasks() if t.kind is TaskKind.PROJECT)
    students = tuple(sorted(e.student.id for e in classroom.roster(period.id)))
    tuesday = next_week + timedelta(days=1)
    set_ahead = [
        PlanBlock(BlockKind.WARMUP, 5),
        PlanBlock(BlockKind.PROJECT, 35, task_id=project.id, milestone=1),
        PlanBlock(
            BlockKind.SMALL_GROUP,
            10,
            title="Pull: fractions",
            skill_code="7.NS.A.1b",
            students=students[:3],
            concurrent=True,
        ),
        PlanBlock(BlockKind.CONFERENCE, 12, students=(students[5],), concurrent=True),
        PlanBlock(BlockKind.EXIT_TICKET, 5),
    ]
    plans.save_plan(period.id, tuesday, set_ahead, "Bring the posters")

    days = plans.plan_days(period.id, next_week, 3, replace=True, seed=5)

    tue = days[1].plan
    assert tue.notes == "Bring the posters"
    kinds = [b.kind for b in tue.blocks]
    assert BlockKind.STATIONS not in kinds and BlockKind.GALLERY_WALK not in kinds
    kept_project = block(tue, BlockKind.PROJECT)
    assert (kept_project.task_id, kept_project.milestone) == (project.id, 1)
    teacher = [b for b in tue.blocks if b.is_teacher_time]
    assert [(b.kind, b.students) for b in teacher] == [
        (BlockKind.SMALL_GROUP, students[:3]),
        (BlockKind.CONFERENCE, (students[5],)),
    ]
    assert kinds.index(BlockKind.PROJECT) < kinds.index(BlockKind.SMALL_GROUP)
    assert any("kept what was set ahead" in m and project.title in m for m in days[1].messages)
    # The other days are lessons from the unit, and nobody kept on Tuesday is pulled again.
    for other in (days[0].plan, days[2].plan):
        assert BlockKind.STATIONS in [b.kind for b in other.blocks]
    wednesday_pull = block(days[2].plan, BlockKind.SMALL_GROUP)
    assert not set(wednesday_pull.students) & {*students[:3], students[5]}


def test_without_a_date_the_next_days_follow_the_last_planned_one(
    demo_store: Store, now: datetime, school_day: date, next_week: date
) -> None:
    period = periods(demo_store)[2]
    plans = PlanService(demo_store, lambda: now)
    assert plans.school_days(period.id, None, 2) == [next_week, next_week + timedelta(days=1)]
    first = plans.plan_days(period.id, days=2, seed=1)
    assert [d.plan.plan_date for d in first] == [next_week, next_week + timedelta(days=1)]
    then = plans.plan_days(period.id, seed=2)
    assert [d.plan.plan_date for d in then] == [next_week + timedelta(days=2)]


def test_without_a_unit_the_tasks_come_from_the_bank_and_the_day_says_so(
    demo_store: Store, now: datetime, next_week: date
) -> None:
    period = periods(demo_store)[1]
    units = UnitService(demo_store, lambda: now)
    for assignment in units.assignments(period.id):
        units.unassign(period.id, assignment.starts_on)
    plans = PlanService(demo_store, lambda: now)
    (day,) = plans.plan_days(period.id, next_week, seed=4)
    assert day.unit is None
    assert day.messages[0] == "Period 3 has no unit: tasks come from the task bank"
    assert slot_tasks(day.plan)["board task"]


def test_repeats_fill_every_slot_when_the_teacher_allows_them(
    demo_store: Store, now: datetime, next_week: date
) -> None:
    period = periods(demo_store)[0]
    units = UnitService(demo_store, lambda: now)
    units.set_repeat_weeks(26)  # everything planned lately is stale
    plans = PlanService(demo_store, lambda: now)
    week = plans.plan_days(period.id, next_week, 5, allow_repeats=True, seed=9)
    for day in week:
        assert all(slot_tasks(day.plan).values()), day.messages


def test_a_template_fills_its_boards_warm_up_and_exit_ticket_from_the_unit(
    demo_store: Store, now: datetime, next_week: date
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    plan = plans.start_from_template(period.id, next_week, BUILTIN_TEMPLATES[0])
    assert plan.plan_date == next_week
    boards = [s.task_id for s in block(plan, BlockKind.STATIONS).stations]
    assert len(boards) == 6 and all(boards) and len(set(boards)) == 2
    assert block(plan, BlockKind.WARMUP).task_id is not None
    week = ClassroomService(demo_store).plans(period.id, next_week - timedelta(days=28), next_week)
    had = {t for p in week if p.plan_date != next_week for b in p.blocks for t in b.task_ids}
    assert not set(boards) & had  # fresh tasks, never "(no task)"


def test_rolling_a_day_forward_takes_the_units_next_tasks(
    demo_store: Store, now: datetime, school_day: date
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    friday = school_week(school_day)[-1]
    monday = plans.tomorrow_from_today(period.id, friday, seed=2)
    week = ClassroomService(demo_store).plans(period.id, school_week(school_day)[0], friday)
    had = {t for p in week for b in p.blocks for t in b.task_ids}
    assert not {t for b in monday.blocks for t in b.task_ids} & had
    pulled: set[StudentId] = {s for b in monday.blocks for s in b.students}
    assert pulled  # pulls still come from the evidence


def test_a_day_with_only_a_pull_set_ahead_is_planned_around_it(
    demo_store: Store, now: datetime, next_week: date
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    students = tuple(sorted(e.student.id for e in ClassroomService(demo_store).roster(period.id)))
    pull = PlanBlock(
        BlockKind.SMALL_GROUP, 10, skill_code="7.NS.A.1b", students=students[:2], concurrent=True
    )
    tuesday, later = next_week + timedelta(days=1), next_week + timedelta(days=21)
    plans.save_plan(period.id, tuesday, [pull])
    plans.save_plan(period.id, later, [pull])  # weeks ahead: not where planning starts

    days = plans.plan_days(period.id, None, 2, seed=8)  # no --replace needed

    assert [d.plan.plan_date for d in days] == [next_week, tuesday]
    kinds = [b.kind for b in days[1].plan.blocks]
    assert kinds[:2] == [BlockKind.WARMUP, BlockKind.STATIONS]  # a lesson, not a pull's shape
    kept = [b for b in days[1].plan.blocks if b.is_teacher_time]
    assert [b.students for b in kept] == [students[:2]]


def test_a_template_or_the_next_school_day_keeps_a_pull_set_ahead_without_asking(
    demo_store: Store, now: datetime, school_day: date, next_week: date
) -> None:
    period = periods(demo_store)[2]
    plans = PlanService(demo_store, lambda: now)
    students = tuple(sorted(e.student.id for e in ClassroomService(demo_store).roster(period.id)))
    conference = PlanBlock(BlockKind.CONFERENCE, 12, students=(students[1],), concurrent=True)
    plans.save_plan(period.id, next_week, [conference])
    friday = school_week(school_day)[-1]
    monday = plans.tomorrow_from_today(period.id, friday, seed=3)  # no PlanExistsError
    assert monday.plan_date == next_week
    conferences = [b.students for b in monday.blocks if b.kind is BlockKind.CONFERENCE]
    assert conferences == [(students[1],)]  # kept once
    pulls = [b for b in monday.blocks if b.kind is BlockKind.SMALL_GROUP]
    assert pulls and students[1] not in pulls[0].students  # a pull beside it, for others

    tuesday = next_week + timedelta(days=1)
    plans.save_plan(period.id, tuesday, [conference])
    laid_out = plans.start_from_template(period.id, tuesday, BUILTIN_TEMPLATES[0])
    kinds = [b.kind for b in laid_out.blocks]
    assert kinds.index(BlockKind.CONFERENCE) == kinds.index(BlockKind.STATIONS) + 1
    with pytest.raises(PlanExistsError):  # a full lesson is only replaced when asked
        plans.start_from_template(period.id, tuesday, BUILTIN_TEMPLATES[1])


def test_planning_again_keeps_a_project_started_over_the_days(
    demo_store: Store, now: datetime, next_week: date
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    projects = ProjectService(demo_store, lambda: now)
    art = next(t for t in projects.project_tasks() if t.kind is TaskKind.MATH_ART)
    plans.plan_days(period.id, next_week, 2, seed=1)  # Monday and Tuesday have lessons
    run = projects.start_project(art.id, [period.id], next_week)  # ... and Wednesday not
    assert len(run) >= 3 and run[2].had_plan is False

    again = plans.plan_days(period.id, next_week, 3, replace=True, seed=2)

    for day, milestone in zip(again, range(3), strict=True):
        plan = day.plan
        project = block(plan, BlockKind.PROJECT)
        assert (project.task_id, project.milestone) == (art.id, milestone)
        assert plan.fits(period.minutes or 0), plan.plan_date
    kinds = [b.kind for b in again[0].plan.blocks]
    assert BlockKind.STATIONS in kinds  # the project shared Monday with the lesson: it still does
    wednesday = [b.kind for b in again[2].plan.blocks]
    assert BlockKind.STATIONS not in wednesday  # the project was Wednesday's lesson: it still is
    assert wednesday[0] is BlockKind.WARMUP and BlockKind.EXIT_TICKET in wednesday


def test_a_note_that_is_the_same_every_day_is_said_once_per_run(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    """Practice works from its sheets when no practice task is fresh: true every day, so it
    is said on the first day of the run, and the days after stay readable."""
    period = ClassroomService(demo_store).overview().periods[0]
    next_week = school_week(school_day)[0] + timedelta(days=7)
    week = PlanService(demo_store, lambda: now).plan_days(period.id, next_week, 5, seed=5)
    notes = [m for d in week for m in d.messages]
    assert notes and len(notes) == len(set(notes))
