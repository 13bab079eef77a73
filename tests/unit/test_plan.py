"""Day plan timing."""

from __future__ import annotations

from datetime import date, time

from mathroom.domain.ids import DayPlanId, PeriodId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock
from mathroom.domain.roster import Period, Weekday


def plan(*minutes: int) -> DayPlan:
    blocks = tuple(PlanBlock(BlockKind.WARMUP, m) for m in minutes)
    return DayPlan(DayPlanId(1), PeriodId(1), date(2026, 11, 23), blocks)


def test_timeline_gives_clock_times_from_the_bell() -> None:
    timed = plan(8, 24, 20).timeline(time(8, 5))
    assert [(t.starts_at, t.ends_at) for t in timed] == [
        (time(8, 5), time(8, 13)),
        (time(8, 13), time(8, 37)),
        (time(8, 37), time(8, 57)),
    ]


def test_minutes_short_and_over() -> None:
    assert plan(10, 20).minutes_short(52) == 22
    assert plan(40, 20).minutes_short(52) == -8


def test_period_length_and_meeting_days() -> None:
    period = Period(
        PeriodId(1), "P1", "Math 7", "B214", (Weekday.MON, Weekday.WED), time(8, 5), time(8, 57)
    )
    assert period.minutes == 52
    assert period.meets_on(date(2026, 11, 23))  # Monday
    assert not period.meets_on(date(2026, 11, 24))


def test_a_concurrent_pull_runs_inside_its_host_and_adds_no_minutes() -> None:
    blocks = (
        PlanBlock(BlockKind.WARMUP, 8),
        PlanBlock(BlockKind.STATIONS, 24),
        PlanBlock(BlockKind.SMALL_GROUP, 10, concurrent=True),
        PlanBlock(BlockKind.SMALL_GROUP, 10, concurrent=True),
        PlanBlock(BlockKind.EXIT_TICKET, 7),
    )
    day = DayPlan(DayPlanId(1), PeriodId(1), date(2026, 11, 23), blocks)
    assert day.total_minutes == 39
    assert day.concurrent_overrun() == 0
    times = [(t.starts_at, t.ends_at) for t in day.timeline(time(8, 0))]
    assert times == [
        (time(8, 0), time(8, 8)),
        (time(8, 8), time(8, 32)),
        (time(8, 8), time(8, 18)),
        (time(8, 18), time(8, 28)),
        (time(8, 32), time(8, 39)),
    ]


def test_pulls_longer_than_their_host_block_are_flagged() -> None:
    blocks = (
        PlanBlock(BlockKind.STATIONS, 15),
        PlanBlock(BlockKind.SMALL_GROUP, 10, concurrent=True),
        PlanBlock(BlockKind.SMALL_GROUP, 10, concurrent=True),
    )
    day = DayPlan(DayPlanId(1), PeriodId(1), date(2026, 11, 23), blocks)
    assert day.concurrent_overrun() == 5
