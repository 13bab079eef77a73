"""Day plans against a real database: pulls, saving, templates, station groups, copying to
other periods and rolling today's lesson forward."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event, select

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.errors import ValidationError
from mathroom.domain.groups import GroupSet, pair_counts
from mathroom.domain.ids import GroupSetId, PeriodId, StudentId, TaskId
from mathroom.domain.plan import (
    BlockKind,
    DayPlan,
    PlanBlock,
    Station,
    next_school_day,
    school_week,
)
from mathroom.domain.plan_templates import BUILTIN_TEMPLATES, TemplateExistsError
from mathroom.domain.roster import Period
from mathroom.domain.skills import EvidenceSource, Level
from mathroom.services.attendance import AttendanceService
from mathroom.services.classroom import ClassroomService
from mathroom.services.evidence import EvidenceService
from mathroom.services.plans import PlanExistsError, PlanService
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.tables import DayPlanRow
from mathroom.store.unit_of_work import Store
from tests.store.transactions import counted_transactions


@pytest.fixture
def next_day(school_day: date) -> date:
    """The school day after the demo's: planned by the demo too (Tuesday on a Monday)."""
    return next_school_day(school_day)


@pytest.fixture
def next_week(school_day: date) -> date:
    """Monday of the week after the demo's planned week: nothing planned yet."""
    return school_week(school_day)[0] + timedelta(days=7)


def periods(store: Store) -> tuple[Period, ...]:
    return ClassroomService(store).overview().periods


def roster(store: Store, period: PeriodId) -> set[StudentId]:
    return {e.student.id for e in ClassroomService(store).roster(period)}


def group_set(store: Store, period: PeriodId, set_id: GroupSetId | None) -> GroupSet:
    with store.unit_of_work() as session:
        sets = GroupRepository(session).group_sets(period, 100)
    return next(s for s in sets if s.id == set_id)


def stations_of(plan: DayPlan) -> PlanBlock:
    return next(b for b in plan.blocks if b.kind is BlockKind.STATIONS)


def test_two_pulls_join_today_without_overrunning_the_period(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    plans = PlanService(demo_store, lambda: now)
    demo_pull = {StudentId(s) for s in plans.pulled_today(period.id, school_day)}
    assert demo_pull  # the demo plans a pull of its own
    with counted_transactions(demo_store) as begun:
        needs = EvidenceService(demo_store, lambda: now).needs_today(
            period.id, school_day, [], group_size=4, pulls=2, already_pulled=list(demo_pull)
        )
    assert len(begun) == 1  # the gap map and today's attendance come from one snapshot
    assert len(needs.suggestions) == 2
    titles = [plans.add_pull(period.id, school_day, s) for s in needs.suggestions]
    plan = classroom.plans(period.id, school_day, school_day)[0]
    kinds = [b.kind for b in plan.blocks]
    assert kinds[1:5] == [BlockKind.STATIONS, *[BlockKind.SMALL_GROUP] * 3]
    assert plan.total_minutes == period.minutes  # pulls run during the stations
    pulled = {StudentId(s) for s in plans.pulled_today(period.id, school_day)}
    assert pulled == demo_pull | {s for x in needs.suggestions for s in x.students}
    again = EvidenceService(demo_store, lambda: now).needs_today(
        period.id, school_day, [], 4, 2, already_pulled=list(pulled)
    )
    assert not pulled & {s for x in again.suggestions for s in x.students}
    plans.remove_block(period.id, school_day, titles[0])
    plan = classroom.plans(period.id, school_day, school_day)[0]
    assert [b.title for b in plan.blocks].count(titles[0]) == 0


def test_save_plan_replaces_the_day_and_keeps_when_it_was_created(
    demo_store: Store, now: datetime, next_week: date
) -> None:
    period = periods(demo_store)[0]
    clock = [now]
    plans = PlanService(demo_store, lambda: clock[0])
    first = plans.save_plan(period.id, next_week, [PlanBlock(BlockKind.WARMUP, 10)], "first")
    clock[0] = now + timedelta(hours=2)
    blocks = [PlanBlock(BlockKind.PRACTICE, 30, practice_skills=("7.NS.A.1b",))]
    second = plans.save_plan(period.id, next_week, blocks, "second")
    assert second.id == first.id and second.notes == "second"
    assert second.blocks == (PlanBlock(BlockKind.PRACTICE, 30, practice_skills=("7.NS.A.1b",)),)
    with demo_store.unit_of_work() as session:
        row = session.scalars(select(DayPlanRow).where(DayPlanRow.id == first.id)).one()
        assert (row.created_at, row.updated_at) == (now, clock[0])


@pytest.mark.parametrize(
    "bad",
    [
        PlanBlock(BlockKind.WARMUP, -5),
        PlanBlock(BlockKind.STATIONS, 20, rotation_minutes=0),
        PlanBlock(BlockKind.STATIONS, 20, stations=(Station(1, None, 1),)),  # no group set
        PlanBlock(BlockKind.STATIONS, 20, stations=(Station(1, None, None),) * 2),
        PlanBlock(BlockKind.PRACTICE, 10, practice_skills=("7.NS.A.1b", "7.NS.A.1bb")),
    ],
)
def test_a_failing_block_leaves_the_old_plan(
    demo_store: Store, bad: PlanBlock, school_day: date, now: datetime
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    before = plans.plan(period.id, school_day)
    assert before is not None
    with pytest.raises(ValidationError):
        plans.save_plan(period.id, school_day, [PlanBlock(BlockKind.WARMUP, 5), bad])
    assert plans.plan(period.id, school_day) == before


def test_a_mistyped_practice_focus_names_the_code(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    block = PlanBlock(BlockKind.PRACTICE, 10, practice_skills=("7.ns.a.1b",))
    with pytest.raises(ValidationError, match=r"7\.ns\.a\.1b is not a skill code"):
        plans.save_plan(period.id, school_day, [block])


def test_another_periods_groups_and_unknown_group_numbers_are_refused(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    first, other = periods(demo_store)[:2]
    plans = PlanService(demo_store, lambda: now)
    theirs = stations_of(plans.plan(other.id, school_day) or pytest.fail("no plan"))
    mine = stations_of(plans.plan(first.id, school_day) or pytest.fail("no plan"))
    before = plans.plan(first.id, school_day)
    with pytest.raises(ValidationError, match="another period"):
        plans.save_plan(first.id, school_day, [theirs])
    unknown = PlanBlock(
        BlockKind.STATIONS, 20, group_set_id=mine.group_set_id, stations=(Station(1, None, 99),)
    )
    with pytest.raises(ValidationError, match="group 99"):
        plans.save_plan(first.id, school_day, [unknown])
    assert plans.plan(first.id, school_day) == before


def test_a_plan_longer_than_the_period_shows_the_overrun(
    demo_store: Store, now: datetime, next_week: date
) -> None:
    period = periods(demo_store)[0]
    assert period.minutes == 52
    plans = PlanService(demo_store, lambda: now)
    blocks = [PlanBlock(BlockKind.WARMUP, 10), PlanBlock(BlockKind.STATIONS, 50)]
    plan = plans.save_plan(period.id, next_week, blocks)
    assert plan.minutes_short(52) == -8
    assert not plan.fits(52)


def test_the_week_view_reads_every_period_in_a_few_queries(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    ids = [p.id for p in periods(demo_store)]
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(demo_store.engine, "before_cursor_execute", count)
    try:
        week = PlanService(demo_store, lambda: now).week(school_week(school_day)[0], ids)
    finally:
        event.remove(demo_store.engine, "before_cursor_execute", count)
    days = list(school_week(school_day))
    assert set(week) == {(p, d) for p in ids for d in days}
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 5
    summary = week[(ids[0], school_day)].summary()
    assert summary.startswith("Stations · 6 boards · 1 pull")


def test_templates_round_trip(
    demo_store: Store, school_day: date, now: datetime, next_week: date
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    today = plans.plan(period.id, school_day)
    assert today is not None
    saved = plans.save_as_template("My stations day", today)
    names = [t.name for t in plans.templates()]
    assert names == [*(t.name for t in BUILTIN_TEMPLATES), "My stations day"]
    with pytest.raises(TemplateExistsError):
        plans.save_as_template("My stations day", today)
    plans.save_as_template("My stations day", today, overwrite=True)
    with pytest.raises(ValidationError):
        plans.save_as_template("Thinking-classroom day", today)

    loaded = plans.templates()[-1]
    assert [(b.kind, b.minutes, b.task_id, b.station_tasks) for b in loaded.blocks] == [
        (b.kind, b.minutes, b.task_id, b.station_tasks) for b in saved.blocks
    ]
    started = plans.start_from_template(period.id, next_week, loaded)
    assert [(b.kind, b.minutes, b.task_id) for b in started.blocks] == [
        (b.kind, b.minutes, b.task_id) for b in today.blocks
    ]
    today_boards = [s.task_id for s in stations_of(today).stations]
    assert [s.task_id for s in stations_of(started).stations] == today_boards
    assert stations_of(started).group_set_id is None
    assert all(not b.students for b in started.blocks)  # nobody is pulled from a template
    with pytest.raises(PlanExistsError):
        plans.start_from_template(period.id, next_week, BUILTIN_TEMPLATES[1])

    rotating = plans.start_from_template(period.id, next_week, BUILTIN_TEMPLATES[1], replace=True)
    assert rotating.total_minutes == period.minutes == 52
    assert stations_of(rotating).rotation_minutes == 14 and len(stations_of(rotating).stations) == 3

    assert plans.delete_template("My stations day")
    assert [t.name for t in plans.templates()] == [t.name for t in BUILTIN_TEMPLATES]
    with pytest.raises(ValidationError):
        plans.delete_template("Workshop: mini-lesson + pulls")


def test_station_groups_leave_out_absent_students(
    demo_store: Store, now: datetime, next_week: date
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    plans.start_from_template(period.id, next_week, BUILTIN_TEMPLATES[0])
    everyone = sorted(roster(demo_store, period.id))
    AttendanceService(demo_store, lambda: now).set_status(
        period.id, everyone[0], next_week, AttendanceStatus.ABSENT
    )
    plan = plans.make_station_groups(period.id, next_week, 1, seed=4)
    block = stations_of(plan)
    assert [s.number for s in block.stations] == [1, 2, 3, 4, 5, 6]
    assert [s.group_number for s in block.stations] == [1, 2, 3, 4, 5, 6]
    made = group_set(demo_store, period.id, block.group_set_id)
    assert made.made_on == next_week
    placed = sorted(m for g in made.groups for m in g.members)
    assert placed == everyone[1:]
    with pytest.raises(ValidationError):
        plans.make_station_groups(period.id, next_week, 0)  # the warm-up has no stations
    again = stations_of(plans.make_station_groups(period.id, next_week, 1, group_size=3, seed=5))
    assert len(again.stations) == 7  # 21 present in groups of three
    with demo_store.unit_of_work() as session:
        sets = GroupRepository(session).group_sets(period.id, 100)
    assert [s.id for s in sets if s.made_on == next_week] == [again.group_set_id]


def test_copy_to_periods_makes_groups_from_each_target_roster(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    source, *targets = periods(demo_store)
    plans = PlanService(demo_store, lambda: now)
    before = {t.id: plans.plan(t.id, school_day) for t in targets}
    with pytest.raises(PlanExistsError, match="Period 3, Period 5"):
        plans.copy_to_periods(source.id, school_day, [t.id for t in targets])
    assert {t.id: plans.plan(t.id, school_day) for t in targets} == before

    original = plans.plan(source.id, school_day)
    assert original is not None
    copies = plans.copy_to_periods(source.id, school_day, [t.id for t in targets], replace=True)
    assert set(copies) == {t.id for t in targets}
    for target in targets:
        copy = copies[target.id]
        assert copy == plans.plan(target.id, school_day)
        mine = roster(demo_store, target.id)
        assert [(b.kind, b.minutes, b.task_id) for b in copy.blocks] == [
            (b.kind, b.minutes, b.task_id) for b in original.blocks
        ]
        block = stations_of(copy)
        assert [s.task_id for s in block.stations] == [
            s.task_id for s in stations_of(original).stations
        ]
        made = group_set(demo_store, target.id, block.group_set_id)
        members = {m for g in made.groups for m in g.members}
        assert members == mine  # every student of the target, and only theirs
        assert len(made.groups) == len(block.stations) == 6
        pulled = {s for b in copy.blocks for s in b.students}
        assert pulled and pulled <= mine  # the pull is the target's own students


def test_tomorrow_from_today_pulls_on_todays_not_yet_and_mixes_partners(
    demo_store: Store,
    school_day: date,
    now: datetime,
    next_day: date,
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    evidence = EvidenceService(demo_store, lambda: now)
    gap = evidence.gap_map(period.id, school_day).gap
    unseen = next(s for s in gap.skills if s.grade == 7 and not gap.count(s.id, *Level))
    struggling = sorted(roster(demo_store, period.id))[:3]
    evidence.record(struggling, [unseen.id], Level.NOT_YET, EvidenceSource.EXIT_TICKET, school_day)

    if plans.plan(period.id, next_day) is None:  # a Friday: the demo planned only this week
        plans.save_plan(period.id, next_day, [PlanBlock(BlockKind.WARMUP, 5)])
    with pytest.raises(PlanExistsError):
        plans.tomorrow_from_today(period.id, school_day)  # the next day is planned already
    today = plans.plan(period.id, school_day)
    tomorrow = plans.tomorrow_from_today(period.id, school_day, replace=True, seed=11)
    assert today is not None
    assert tomorrow.plan_date == next_day
    assert [(b.kind, b.minutes) for b in tomorrow.blocks] == [
        (b.kind, b.minutes) for b in today.blocks
    ]
    # The period has a unit: tomorrow takes its next tasks, none the period had this week.
    others = [
        p
        for p in ClassroomService(demo_store).plans(
            period.id, school_day - timedelta(days=28), next_day + timedelta(days=28)
        )
        if p.plan_date != next_day
    ]
    had = {t for p in others for b in p.blocks for t in b.task_ids}
    taken = {t for b in tomorrow.blocks for t in b.task_ids}
    assert taken and not taken & had
    pull = next(b for b in tomorrow.blocks if b.kind is BlockKind.SMALL_GROUP)
    assert pull.skill_code == unseen.code
    assert set(pull.students) == set(struggling)
    practice = next(b for b in tomorrow.blocks if b.kind is BlockKind.PRACTICE)
    assert practice.practice_skills[0] == unseen.code

    todays = group_set(demo_store, period.id, stations_of(today).group_set_id)
    fresh = group_set(demo_store, period.id, stations_of(tomorrow).group_set_id)
    assert fresh.made_on == next_day
    with demo_store.unit_of_work() as session:
        sets = GroupRepository(session).group_sets(period.id, 100)
    assert [s.id for s in sets if s.made_on == next_day] == [fresh.id]  # the replaced set went
    met_today = pair_counts([todays])
    repeats = sum(1 for pair in pair_counts([fresh]) if pair in met_today)
    assert repeats < len(met_today)  # a copy of today's groups would repeat every pair
    assert repeats <= 2, repeats


def test_tomorrow_after_friday_is_monday(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    period = periods(demo_store)[1]
    friday = school_week(school_day)[-1]
    plans = PlanService(demo_store, lambda: now)
    monday = plans.tomorrow_from_today(period.id, friday, seed=2)
    assert monday.plan_date == friday + timedelta(days=3)
    with pytest.raises(ValidationError):
        plans.tomorrow_from_today(period.id, friday + timedelta(days=1))  # nothing on Saturday


def test_copying_a_lesson_onto_itself_is_refused(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    with pytest.raises(ValidationError):
        plans.copy_to_periods(period.id, school_day, [period.id])


def test_a_template_block_refers_to_tasks_by_slug_too(
    demo_store: Store, now: datetime, next_week: date
) -> None:
    period = periods(demo_store)[0]
    plans = PlanService(demo_store, lambda: now)
    task = next(t for t in ClassroomService(demo_store).tasks() if t.spec.slug)
    plan = plans.save_plan(period.id, next_week, [PlanBlock(BlockKind.WARMUP, 5, task_id=task.id)])
    saved = plans.save_as_template("Slugged", plan)
    assert saved.blocks[0].task_id == TaskId(task.id)
    loaded = next(t for t in plans.templates() if t.name == "Slugged")
    assert loaded.blocks[0].task_slug == task.spec.slug
