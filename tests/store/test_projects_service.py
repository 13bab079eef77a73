"""Projects over several days against a real database: start, refuse, replace, remove, undo."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock, school_week
from mathroom.domain.roster import Period
from mathroom.domain.tasks import Task
from mathroom.services.classroom import ClassroomService
from mathroom.services.plans import PlanService
from mathroom.services.projects import ProjectConflictError, ProjectService
from mathroom.store.unit_of_work import Store
from tests.store.transactions import counted_transactions


@pytest.fixture
def thursday(school_day: date) -> date:
    """Thursday of the demo's planned week: Thursday and Friday have plans, the next
    Monday and Tuesday do not."""
    return school_week(school_day)[3]


def task(store: Store, slug: str) -> Task:
    return next(t for t in ClassroomService(store).tasks() if t.spec.slug == slug)


def first_period(store: Store) -> Period:
    return ClassroomService(store).overview().periods[0]


def plan_of(store: Store, period: PeriodId, on: date) -> DayPlan | None:
    return PlanService(store, datetime.now).plan(period, on)


def project_of(plan: DayPlan) -> list[tuple[int | None, str]]:
    return [(b.milestone, b.title) for b in plan.blocks if b.kind is BlockKind.PROJECT]


def test_a_project_goes_onto_its_days_in_one_transaction(
    demo_store: Store, thursday: date, now: datetime
) -> None:
    projects = ProjectService(demo_store, lambda: now)
    scale = task(demo_store, "classroom-scale-drawing")
    period = first_period(demo_store)
    assert period.minutes == 52
    before = plan_of(demo_store, period.id, thursday)
    assert before is not None and before.total_minutes == 52
    preview = projects.preview(scale.id, [period.id], thursday, minutes=20)
    assert preview[0].fits and preview[0].effect.startswith("Whiteboard stations 25→")
    assert (preview[2].had_plan, preview[2].effect) == (False, "")
    with counted_transactions(demo_store) as begun:
        days = projects.start_project(scale.id, [period.id], thursday)
    assert len(begun) == 1
    monday = thursday + timedelta(days=4)
    assert [d.on for d in days] == [
        thursday,
        thursday + timedelta(days=1),
        monday,
        monday + timedelta(days=1),
    ]
    assert [d.had_plan for d in days] == [True, True, False, False]
    assert [d.name for d in days] == list(scale.spec.milestones)

    launch = plan_of(demo_store, period.id, thursday)
    assert launch is not None and launch.fits(52) and launch.total_minutes == 52
    assert project_of(launch) == [
        (0, "Scale Drawing of Our Classroom — Day 1 of 4: Launch: measure the room")
    ]
    kinds = [b.kind for b in launch.blocks]
    assert kinds.index(BlockKind.PROJECT) == kinds.index(BlockKind.EXIT_TICKET) - 1
    assert len(launch.blocks) == len(before.blocks) + 1
    assert launch.notes == before.notes
    # The stations keep their groups and tasks; only their minutes gave way.
    old = next(b for b in before.blocks if b.kind is BlockKind.STATIONS)
    new = next(b for b in launch.blocks if b.kind is BlockKind.STATIONS)
    assert new.stations == old.stations and new.group_set_id == old.group_set_id
    assert new.minutes < old.minutes

    fresh = plan_of(demo_store, period.id, monday + timedelta(days=1))
    assert fresh is not None and fresh.total_minutes == 52
    assert [b.kind for b in fresh.blocks] == [
        BlockKind.WARMUP,
        BlockKind.PROJECT,
        BlockKind.CLOSING,
    ]
    assert project_of(fresh)[0][0] == 3
    assert fresh.blocks[0].task_id is not None, "the unit's next warm-up, not an empty slot"
    others = ClassroomService(demo_store).overview().periods[1:]
    assert all(project_of(plan_of(demo_store, p.id, thursday) or before) == [] for p in others)


def test_a_day_that_has_a_project_is_refused_by_name_unless_replaced(
    demo_store: Store, thursday: date, now: datetime
) -> None:
    projects = ProjectService(demo_store, lambda: now)
    scale = task(demo_store, "classroom-scale-drawing")
    quilt = task(demo_store, "fraction-quilt")
    period = first_period(demo_store)
    projects.start_project(scale.id, [period.id], thursday)
    friday = thursday + timedelta(days=1)
    with pytest.raises(ProjectConflictError) as caught:
        projects.start_project(quilt.id, [period.id], friday)
    message = str(caught.value)
    assert (
        f"{period.name} on Friday, {friday:%B} {friday.day} already has “Scale Drawing" in message
    )
    assert "Nothing was changed" in message and len(caught.value.days) == 3
    assert project_of(plan_of(demo_store, period.id, friday) or _empty())[0][0] == 1
    preview = projects.preview(quilt.id, [period.id], friday)
    assert [bool(d.conflict) for d in preview] == [True, True, True]

    with pytest.raises(ProjectConflictError, match="already has “Scale Drawing"):
        projects.start_project(scale.id, [period.id], thursday)

    projects.start_project(quilt.id, [period.id], friday, replace=True)
    replaced = plan_of(demo_store, period.id, friday)
    assert replaced is not None and replaced.total_minutes == 52
    assert [t for _m, t in project_of(replaced)] == [
        "Fraction Quilt Blocks — Day 1 of 3: Launch: design the block"
    ]


def test_removing_a_project_takes_it_off_every_day_and_gives_the_time_back(
    demo_store: Store, thursday: date, now: datetime
) -> None:
    projects = ProjectService(demo_store, lambda: now)
    scale = task(demo_store, "classroom-scale-drawing")
    period = first_period(demo_store)
    before = plan_of(demo_store, period.id, thursday)
    days = projects.start_project(scale.id, [period.id], thursday, minutes=20)
    assert projects.project_run(period.id, scale.id, thursday + timedelta(days=5)) == tuple(
        d.on for d in days
    )
    with counted_transactions(demo_store) as begun:
        removed = projects.remove_project(period.id, scale.id, thursday + timedelta(days=1))
    assert len(begun) == 1 and removed == tuple(d.on for d in days)
    after = plan_of(demo_store, period.id, thursday)
    assert before is not None and after is not None
    assert [b.kind for b in after.blocks] == [b.kind for b in before.blocks]
    assert after.total_minutes == 52 and after.fits(52)
    for day in days[2:]:
        assert plan_of(demo_store, period.id, day.on) is None  # planned by the project only
    with pytest.raises(ValidationError, match="has no block of that project"):
        projects.remove_project(period.id, scale.id, thursday)


def test_undo_puts_every_day_back_in_one_transaction(
    demo_store: Store, thursday: date, now: datetime
) -> None:
    projects = ProjectService(demo_store, lambda: now)
    scale = task(demo_store, "classroom-scale-drawing")
    period = first_period(demo_store)
    wanted = [(d.period_id, d.on) for d in projects.preview(scale.id, [period.id], thursday)]
    snapshot = projects.plans(wanted)
    projects.start_project(scale.id, [period.id], thursday)
    with counted_transactions(demo_store) as begun:
        projects.restore(snapshot)
    assert len(begun) == 1
    restored = projects.plans(wanted)
    assert [p is None for p in restored.values()] == [p is None for p in snapshot.values()]
    for key, old in snapshot.items():
        new = restored[key]
        if old is not None:  # ids and times differ; the content is the old one
            assert new is not None and (new.blocks, new.notes) == (old.blocks, old.notes)


def _empty() -> DayPlan:
    raise AssertionError("the day should have a plan")


def test_a_day_without_room_is_named_and_nothing_is_written(
    demo_store: Store, thursday: date, now: datetime
) -> None:
    projects = ProjectService(demo_store, lambda: now)
    scale = task(demo_store, "classroom-scale-drawing")
    period = first_period(demo_store)
    friday = thursday + timedelta(days=1)
    # Friday is one long routine block: nothing flexible can give way.
    PlanService(demo_store, lambda: now).save_plan(
        period.id, friday, [PlanBlock(BlockKind.WARMUP, 50)]
    )
    preview = projects.preview(scale.id, [period.id], thursday)
    assert [d.fits for d in preview] == [True, False, True, True]
    assert "no room for 10 minutes of project work" in preview[1].effect
    with pytest.raises(ValidationError, match=f"{period.name} on Friday.*no room"):
        projects.start_project(scale.id, [period.id], thursday)
    assert project_of(plan_of(demo_store, period.id, thursday) or _empty()) == []
    monday = friday + timedelta(days=3)
    assert plan_of(demo_store, period.id, monday) is None


def test_what_cannot_be_started_says_why(demo_store: Store, thursday: date, now: datetime) -> None:
    projects = ProjectService(demo_store, lambda: now)
    period = first_period(demo_store)
    board = next(t for t in ClassroomService(demo_store).tasks() if t.kind.value == "whiteboard")
    with pytest.raises(ValidationError, match="one-day task"):
        projects.start_project(board.id, [period.id], thursday)
    scale = task(demo_store, "classroom-scale-drawing")
    with pytest.raises(ValidationError, match="choose at least one period"):
        projects.start_project(scale.id, [], thursday)
    with pytest.raises(ValidationError, match="minutes"):
        projects.start_project(scale.id, [period.id], thursday, minutes=0)
    titles = {t.title for t in projects.project_tasks()}
    assert "Scale Drawing of Our Classroom" in titles and board.title not in titles
    assert len(titles) >= 14


def test_several_periods_start_together(demo_store: Store, thursday: date, now: datetime) -> None:
    projects = ProjectService(demo_store, lambda: now)
    quilt = task(demo_store, "fraction-quilt")
    ids = [p.id for p in ClassroomService(demo_store).overview().periods]
    days = projects.start_project(quilt.id, ids, thursday)
    assert len(days) == 3 * len(ids)
    for period in ids:
        friday = plan_of(demo_store, period, thursday + timedelta(days=1))
        assert friday is not None and project_of(friday)[0][0] == 1


def test_plan_next_school_day_from_a_project_day_moves_on_to_the_projects_next_day(
    demo_store: Store, thursday: date, now: datetime
) -> None:
    """Today's project block stays with today; tomorrow keeps the day the project placed
    there (day 2), once, beside a fresh lesson — never a second copy of today's day 1."""
    projects = ProjectService(demo_store, lambda: now)
    scale = task(demo_store, "classroom-scale-drawing")
    period = first_period(demo_store)
    projects.start_project(scale.id, [period.id], thursday, minutes=20)
    plans = PlanService(demo_store, lambda: now)
    friday = plans.tomorrow_from_today(period.id, thursday, replace=True, seed=3)
    assert [m for m, _ in project_of(friday)] == [1]
    assert friday.fits(52)
    assert any(b.kind is BlockKind.STATIONS for b in friday.blocks)

    # From a day that is all project (Monday, planned from nothing), Tuesday takes the shape
    # of the last lesson and keeps its own project day.
    monday = thursday + timedelta(days=4)
    tuesday = plans.tomorrow_from_today(period.id, monday, replace=True, seed=4)
    assert [m for m, _ in project_of(tuesday)] == [3]
    assert tuesday.fits(52)
