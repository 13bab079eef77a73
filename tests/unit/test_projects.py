"""Projects over several days: day names, dates, and how a day makes room for project work."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import DayPlanId, PeriodId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock, Station
from mathroom.domain.plan_templates import (
    BUILTIN_TEMPLATES,
    FLEXIBLE_KINDS,
    MIN_FLEXIBLE_MINUTES,
)
from mathroom.domain.projects import (
    MIN_PROJECT_MINUTES,
    ProjectRunDay,
    block_title,
    day_label,
    days_of,
    new_project_day,
    project_block,
    project_dates,
    project_line,
    role_of,
    run_around,
    shrink_note,
    with_project,
    without_project,
)
from mathroom.domain.roster import Weekday
from mathroom.domain.tasks import TaskKind, TaskSpec

MONDAY = date(2026, 11, 23)
SCALE = TaskSpec(
    "Scale Drawing of Our Classroom",
    TaskKind.PROJECT,
    "Draw the room.",
    milestones=("Launch: measure", "Work day", "Work day", "Gallery & critique"),
)
QUILT = TaskSpec("Fraction Quilt Blocks", TaskKind.MATH_ART, "Design a block.")
THINKING = BUILTIN_TEMPLATES[0]


def plan(blocks: tuple[PlanBlock, ...]) -> DayPlan:
    return DayPlan(DayPlanId(1), PeriodId(1), MONDAY, blocks)


def test_a_project_day_reads_the_same_everywhere() -> None:
    assert day_label(days_of(SCALE), 1) == "Day 2 of 4 — Work day"
    assert block_title(SCALE.title, days_of(SCALE), 1) == (
        "Scale Drawing of Our Classroom — Day 2 of 4: Work day"
    )
    assert (
        project_line(SCALE, 1) == "Project: Scale Drawing of Our Classroom · Day 2 of 4 — Work day"
    )
    assert project_line(QUILT, 0) == "Math art: Fraction Quilt Blocks · Day 1 of 3 — Launch"
    assert day_label(days_of(SCALE), 6) == "Day 7"  # the task lost days since it was planned
    block = project_block(TaskId(9), SCALE, 3)
    assert (block.kind, block.milestone, block.task_id, block.minutes) == (
        BlockKind.PROJECT,
        3,
        TaskId(9),
        30,
    )
    assert block.heading.endswith("Day 4 of 4: Gallery & critique")


def test_without_days_of_their_own_projects_and_math_art_take_the_default() -> None:
    assert days_of(QUILT) == ("Launch", "Work day", "Gallery & critique")
    assert len(days_of(TaskSpec("P", TaskKind.PROJECT, "p"))) == 4
    assert days_of(TaskSpec("W", TaskKind.WHITEBOARD, "w")) == ()
    assert [role_of(SCALE, i) for i in range(5)] == ["launch", "work", "work", "critique", "work"]


def test_project_days_skip_weekends_and_days_the_period_does_not_meet() -> None:
    thursday = MONDAY + timedelta(days=3)
    assert project_dates(thursday, (), 4) == (
        thursday,
        thursday + timedelta(days=1),
        thursday + timedelta(days=4),
        thursday + timedelta(days=5),
    )
    mwf = (Weekday.MON, Weekday.WED, Weekday.FRI)
    assert project_dates(MONDAY + timedelta(days=1), mwf, 3) == (
        MONDAY + timedelta(days=2),  # a Tuesday launch moves to Wednesday
        MONDAY + timedelta(days=4),
        MONDAY + timedelta(days=7),
    )
    with pytest.raises(ValidationError, match="milestones"):
        project_dates(MONDAY, (), 0)


def test_a_day_without_a_plan_gets_warm_up_project_and_closing_filling_the_period() -> None:
    blocks = new_project_day(project_block(TaskId(1), SCALE, 0), 52)
    assert [b.kind for b in blocks] == [BlockKind.WARMUP, BlockKind.PROJECT, BlockKind.CLOSING]
    assert plan(blocks).total_minutes == 52 and blocks[1].minutes == 42
    assert new_project_day(project_block(TaskId(1), SCALE, 0), None)[1].minutes == 30
    with pytest.raises(ValidationError, match="no time for project work"):
        new_project_day(project_block(TaskId(1), SCALE, 0), 18)


def test_the_project_goes_in_before_the_exit_ticket_and_the_stations_shrink() -> None:
    day = THINKING.fitted(55).to_blocks()  # warm-up, stations, gallery walk, exit, closing
    placed = with_project(day, project_block(TaskId(1), SCALE, 1), 55)
    kinds = [b.kind for b in placed]
    assert kinds == [
        BlockKind.WARMUP,
        BlockKind.STATIONS,
        BlockKind.GALLERY_WALK,
        BlockKind.PROJECT,
        BlockKind.EXIT_TICKET,
        BlockKind.CLOSING,
    ]
    assert plan(placed).total_minutes == 55
    assert placed[3].minutes == 30  # the project keeps its time; stations and walk give way
    assert placed[1].minutes + placed[2].minutes == 13
    note = shrink_note(day, placed, project_block(TaskId(1), SCALE, 1))
    assert note == (
        f"Whiteboard stations {day[1].minutes}→{placed[1].minutes} min · "
        f"Gallery walk {day[2].minutes}→{placed[2].minutes} min"
    )
    back = without_project(placed, TaskId(1), 55)
    assert back is not None and plan(back).total_minutes == 55
    assert [b.kind for b in back] == [b.kind for b in day]


def test_when_the_flexible_blocks_cannot_give_enough_the_project_takes_what_is_left() -> None:
    day = (
        PlanBlock(BlockKind.WARMUP, 10),
        PlanBlock(BlockKind.PRACTICE, 20),
        PlanBlock(BlockKind.SMALL_GROUP, 12, students=(StudentId(1),), concurrent=True),
        PlanBlock(BlockKind.EXIT_TICKET, 10),
    )
    placed = with_project(day, project_block(TaskId(1), SCALE, 1), 45)
    assert plan(placed).total_minutes == 45 and plan(placed).fits(45)
    practice, pull, project = placed[1], placed[2], placed[3]
    assert practice.minutes == MIN_FLEXIBLE_MINUTES and project.minutes == 22
    assert pull.minutes == MIN_FLEXIBLE_MINUTES  # a pull never outlasts its host
    assert shrink_note(day, placed, project_block(TaskId(1), SCALE, 1)) == (
        "Independent practice 20→3 min · project work 30→22 min"
    )
    with pytest.raises(ValidationError, match="no room for 10 minutes of project work"):
        with_project(day, project_block(TaskId(1), SCALE, 1), 30)


def test_an_unknown_period_length_adds_the_project_without_shrinking_anything() -> None:
    day = THINKING.to_blocks()
    placed = with_project(day, project_block(TaskId(1), SCALE, 1), None)
    assert plan(placed).total_minutes == THINKING.total_minutes + 30


def test_removing_a_project_from_a_day_it_made_leaves_no_plan() -> None:
    made = new_project_day(project_block(TaskId(1), SCALE, 0), 50)
    assert without_project(made, TaskId(1), 50) is None
    other = without_project(made, TaskId(2), 50)  # another project's removal keeps this one
    assert other is not None and len(other) == 3


_KINDS = [k for k in BlockKind if k not in (BlockKind.PROJECT, BlockKind.SMALL_GROUP)]


@st.composite
def days(draw: st.DrawFn) -> tuple[PlanBlock, ...]:
    blocks: list[PlanBlock] = []
    for kind in draw(st.lists(st.sampled_from(_KINDS), max_size=7)):
        minutes = draw(st.integers(1, 40))
        rotation = draw(st.sampled_from([None, 5, 8])) if kind is BlockKind.STATIONS else None
        stations = (Station(1, None, None),) if kind is BlockKind.STATIONS else ()
        blocks.append(PlanBlock(kind, minutes, rotation_minutes=rotation, stations=stations))
        if kind in (BlockKind.STATIONS, BlockKind.PRACTICE) and draw(st.booleans()):
            pull = draw(st.integers(1, minutes))  # a pull fits its host, as the page checks
            blocks.append(PlanBlock(BlockKind.SMALL_GROUP, pull, concurrent=True))
    return tuple(blocks)


@given(days(), st.integers(20, 100), st.integers(10, 60))
def test_a_placed_project_always_fits_the_period_or_is_refused(
    blocks: tuple[PlanBlock, ...], period: int, minutes: int
) -> None:
    project = project_block(TaskId(1), SCALE, 1, minutes)
    try:
        placed = with_project(blocks, project, period)
    except ValidationError:
        return
    day = plan(placed)
    assert [b for b in placed if b.kind is BlockKind.PROJECT] == [
        next(b for b in placed if b.kind is BlockKind.PROJECT)
    ]
    found = next(b for b in placed if b.kind is BlockKind.PROJECT)
    assert MIN_PROJECT_MINUTES <= found.minutes <= minutes
    assert day.concurrent_overrun() == 0
    total = sum(b.minutes for b in blocks if not b.concurrent) + minutes
    assert day.total_minutes == (period if total > period else total)
    others = [b for b in placed if b.kind is not BlockKind.PROJECT]
    assert [b.kind for b in others] == [b.kind for b in blocks]  # nothing lost or reordered
    for before, after in zip(blocks, others, strict=True):
        if before.kind in FLEXIBLE_KINDS and not before.concurrent:
            assert min(before.minutes, MIN_FLEXIBLE_MINUTES) <= after.minutes <= before.minutes
        elif not before.concurrent:
            assert after.minutes == before.minutes  # routines keep their length


def test_a_run_goes_from_its_launch_to_the_next_launch() -> None:
    def d(n: int) -> date:
        return MONDAY + timedelta(days=n)

    found = [
        ProjectRunDay(d(0), 0),
        ProjectRunDay(d(1), 1),
        ProjectRunDay(d(2), 2),
        ProjectRunDay(d(21), 0),  # the same project again, three weeks later
        ProjectRunDay(d(22), 1),
    ]
    assert [r.on for r in run_around(found, d(1))] == [d(0), d(1), d(2)]
    assert [r.on for r in run_around(found, d(22))] == [d(21), d(22)]
    assert run_around(found, d(5)) == ()
    assert [r.on for r in run_around(found[1:3], d(2))] == [d(1), d(2)]  # launch removed
