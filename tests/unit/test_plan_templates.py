"""Plan templates: the built-in day shapes, fitted to a period, and made from a plan."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import DayPlanId, GroupSetId, PeriodId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock, Station
from mathroom.domain.plan_templates import BUILTIN_TEMPLATES, PlanTemplate, template_from_plan

THINKING, STATIONS, WORKSHOP = BUILTIN_TEMPLATES


def plan_of(template: PlanTemplate) -> DayPlan:
    return DayPlan(DayPlanId(1), PeriodId(1), date(2026, 11, 23), template.to_blocks())


def test_the_built_in_shapes() -> None:
    assert [t.name for t in BUILTIN_TEMPLATES] == [
        "Thinking-classroom day",
        "Stations 3 × 15 min",
        "Workshop: mini-lesson + pulls",
    ]
    assert [b.minutes for b in THINKING.blocks] == [5, 25, 8, 5, 2]
    stations = THINKING.to_blocks()[1]
    assert [s.number for s in stations.stations] == [1, 2, 3, 4, 5, 6]
    assert all(s.group_number is None for s in stations.stations)
    assert STATIONS.total_minutes == 55 and STATIONS.blocks[1].rotation_minutes == 15
    assert WORKSHOP.total_minutes == 55  # the 12-minute pull runs inside practice
    assert WORKSHOP.blocks[1].title == "Mini-lesson"
    assert plan_of(WORKSHOP).concurrent_overrun() == 0


@pytest.mark.parametrize("template", BUILTIN_TEMPLATES, ids=lambda t: t.name)
@pytest.mark.parametrize("period", [40, 52, 55, 60, 90])
def test_built_ins_fit_any_ordinary_period(template: PlanTemplate, period: int) -> None:
    fitted = template.fitted(period)
    plan = plan_of(fitted)
    assert plan.total_minutes == period
    assert plan.fits(period)
    routine = {BlockKind.WARMUP, BlockKind.EXIT_TICKET, BlockKind.CLOSING}
    for before, after in zip(template.blocks, fitted.blocks, strict=True):
        if before.kind in routine:
            assert after.minutes == before.minutes  # routines keep their length


def test_a_squeezed_rotation_keeps_its_rounds() -> None:
    fitted = STATIONS.fitted(52)
    stations = fitted.blocks[1]
    assert (stations.minutes, stations.rotation_minutes) == (42, 14)


def test_unfitted_plans_show_how_far_they_run_over() -> None:
    plan = plan_of(STATIONS)
    assert plan.minutes_short(52) == -3
    assert not plan.fits(52)


@given(st.sampled_from(BUILTIN_TEMPLATES), st.integers(6, 200))
def test_fitting_fills_the_period_exactly(template: PlanTemplate, period: int) -> None:
    fitted = template.fitted(period)
    assert fitted.total_minutes == period
    assert all(b.minutes >= 1 for b in fitted.blocks if not b.concurrent)
    assert plan_of(fitted).concurrent_overrun() == 0


def test_a_period_too_short_for_the_blocks_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        THINKING.fitted(4)
    assert caught.value.field == "period_minutes"


def test_a_template_from_a_plan_keeps_tasks_and_drops_students_and_groups() -> None:
    blocks = (
        PlanBlock(BlockKind.WARMUP, 5, task_id=TaskId(3)),
        PlanBlock(
            BlockKind.STATIONS,
            30,
            group_set_id=GroupSetId(9),
            stations=(Station(1, TaskId(4), 1), Station(2, TaskId(5), 2)),
            rotation_minutes=15,
        ),
        PlanBlock(
            BlockKind.SMALL_GROUP,
            10,
            title="Pull: Add integers (7.NS.A.1b)",
            skill_code="7.NS.A.1b",
            students=(StudentId(1), StudentId(2)),
            concurrent=True,
        ),
    )
    template = template_from_plan(
        "Mine", DayPlan(DayPlanId(1), PeriodId(1), date(2026, 11, 23), blocks)
    )
    warmup, stations, pull = template.to_blocks()
    assert warmup.task_id == 3
    assert stations.group_set_id is None and stations.rotation_minutes == 15
    assert [(s.number, s.task_id, s.group_number) for s in stations.stations] == [
        (1, 4, None),
        (2, 5, None),
    ]
    assert pull.students == () and pull.skill_code is None and pull.title == ""
    assert pull.concurrent and pull.minutes == 10


def test_a_template_needs_a_name() -> None:
    with pytest.raises(ValidationError):
        PlanTemplate("  ", ())
