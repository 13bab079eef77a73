"""Day plan timing."""

from __future__ import annotations

from datetime import date, time

from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.ids import DayPlanId, GroupSetId, PeriodId, SkillId, StudentId, TaskId
from mathroom.domain.plan import (
    BlockKind,
    DayPlan,
    PlanBlock,
    Station,
    next_day_blocks,
    next_school_day,
    school_week,
    skills_to_revisit,
    teaching_day,
)
from mathroom.domain.pulls import PullSuggestion
from mathroom.domain.roster import Period, Weekday
from mathroom.domain.skills import Evidence, EvidenceSource, Level, Skill

MONDAY = date(2026, 11, 23)


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


def test_period_length() -> None:
    period = Period(
        PeriodId(1), "P1", "Math 7", "B214", (Weekday.MON, Weekday.WED), time(8, 5), time(8, 57)
    )
    assert period.minutes == 52


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


def stations(count: int) -> PlanBlock:
    return PlanBlock(
        BlockKind.STATIONS,
        25,
        group_set_id=GroupSetId(4),
        stations=tuple(Station(n, TaskId(10 + n), n) for n in range(1, count + 1)),
    )


def test_a_one_line_summary_for_the_week_view() -> None:
    blocks = (
        PlanBlock(BlockKind.WARMUP, 5),
        stations(6),
        PlanBlock(BlockKind.SMALL_GROUP, 10, students=(StudentId(1),), concurrent=True),
        PlanBlock(BlockKind.EXIT_TICKET, 5),
        PlanBlock(BlockKind.CLOSING, 2),
    )
    day = DayPlan(DayPlanId(1), PeriodId(1), MONDAY, blocks)
    assert day.summary() == "Stations · 6 boards · 1 pull · exit ticket"
    assert DayPlan(DayPlanId(1), PeriodId(1), MONDAY, ()).summary() == "No blocks"
    assert day.fits(37) and not day.fits(36)


def test_the_next_school_day_skips_the_weekend_and_days_without_class() -> None:
    friday = date(2026, 11, 27)
    assert next_school_day(MONDAY) == date(2026, 11, 24)
    assert next_school_day(friday) == date(2026, 11, 30)
    assert next_school_day(date(2026, 11, 28)) == date(2026, 11, 30)  # from a Saturday
    assert next_school_day(MONDAY, (Weekday.MON, Weekday.THU)) == date(2026, 11, 26)


def test_on_a_weekend_the_school_week_is_the_coming_one() -> None:
    assert school_week(date(2026, 11, 25)) == tuple(date(2026, 11, d) for d in range(23, 28))
    coming = (date(2026, 11, 30), *(date(2026, 12, d) for d in range(1, 5)))
    assert school_week(date(2026, 11, 28)) == coming  # Saturday
    assert school_week(date(2026, 11, 29)) == coming  # Sunday
    new_year = (*(date(2026, 12, d) for d in range(28, 32)), date(2027, 1, 1))
    assert school_week(date(2026, 12, 31)) == new_year


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_the_teaching_day_is_the_next_weekday_on_or_after(day: date) -> None:
    taught = teaching_day(day)
    assert taught.weekday() < 5
    assert 0 <= (taught - day).days <= 2
    assert taught == day or day.weekday() >= 5
    assert taught in school_week(day)


def test_stations_take_new_groups_and_keep_their_tasks() -> None:
    block = stations(3).with_groups(GroupSetId(8), [1, 2, 3, 4])
    assert block.group_set_id == 8
    assert [(s.number, s.task_id, s.group_number) for s in block.stations] == [
        (1, 11, 1),
        (2, 12, 2),
        (3, 13, 3),
        (4, 11, 4),
    ]


ADD = Skill(SkillId(1), "7.NS.A.1b", "7.NS.A.1b", "Add integers", "", "NS", 7)
SUB = Skill(SkillId(2), "7.NS.A.1c", "7.NS.A.1c", "Subtract integers", "", "NS", 7)


def seen(skill: SkillId, level: Level, on: date, source: EvidenceSource) -> Evidence:
    return Evidence(StudentId(1), skill, level, on, source)


def test_skills_to_revisit_come_from_todays_lesson_evidence() -> None:
    evidence = [
        seen(ADD.id, Level.GETTING_THERE, MONDAY, EvidenceSource.WHITEBOARD),
        seen(SUB.id, Level.NOT_YET, MONDAY, EvidenceSource.EXIT_TICKET),
        seen(SkillId(3), Level.NOT_YET, MONDAY, EvidenceSource.QUIZ),  # not from the lesson
        seen(SkillId(4), Level.NOT_YET, date(2026, 11, 20), EvidenceSource.EXIT_TICKET),
        seen(SkillId(5), Level.GOT_IT, MONDAY, EvidenceSource.EXIT_TICKET),
    ]
    assert skills_to_revisit(evidence, MONDAY) == [SUB.id, ADD.id]


def test_the_next_days_blocks_keep_the_shape_with_new_pulls_and_no_groups() -> None:
    today = (
        PlanBlock(BlockKind.WARMUP, 5, task_id=TaskId(1)),
        stations(6),
        PlanBlock(
            BlockKind.SMALL_GROUP, 12, skill_code="x", students=(StudentId(9),), concurrent=True
        ),
        PlanBlock(BlockKind.PRACTICE, 8, practice_skills=("old",)),
    )
    pull = PullSuggestion(SUB, (StudentId(2), StudentId(3)), (Level.NOT_YET, Level.NOT_YET))
    blocks = next_day_blocks(today, [pull], ("7.NS.A.1c",), 10)
    assert [b.kind for b in blocks] == [b.kind for b in today]
    assert [b.minutes for b in blocks] == [5, 25, 12, 8]
    assert blocks[0].task_id == 1
    assert blocks[1].group_set_id is None and all(
        s.group_number is None for s in blocks[1].stations
    )
    assert [s.task_id for s in blocks[1].stations] == [s.task_id for s in today[1].stations]
    assert blocks[2].students == (2, 3) and blocks[2].skill_code == "7.NS.A.1c"
    assert blocks[3].practice_skills == ("7.NS.A.1c",)
    without_pull = next_day_blocks((today[0], today[1], today[3]), [pull], (), 10)
    assert [b.kind for b in without_pull][:3] == [
        BlockKind.WARMUP,
        BlockKind.STATIONS,
        BlockKind.SMALL_GROUP,
    ]
    assert without_pull[2].concurrent and without_pull[-1].practice_skills == ("old",)
    assert BlockKind.SMALL_GROUP not in [b.kind for b in next_day_blocks(today, [], (), 10)]
