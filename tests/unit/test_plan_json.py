"""The day's plan as JSON: students by number (or id:N), project milestones, no clock times
without a bell, conferences and empty pulls listed."""

from __future__ import annotations

from datetime import date, time

from mathroom.domain.groups import Group, GroupSet
from mathroom.domain.ids import DayPlanId, GroupSetId, PeriodId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock, Station
from mathroom.domain.roster import Period, Weekday
from mathroom.domain.tasks import Task, TaskKind, TaskSpec
from mathroom.services.plan_json import day_json, period_json

DAY = date(2026, 11, 24)
MURAL = Task(TaskId(7), TaskSpec("Number-line mural", TaskKind.MATH_ART, "Paint it."))
BOARD = Task(TaskId(3), TaskSpec("Integer elevator", TaskKind.WHITEBOARD, "Go up."))


def period(starts_at: time | None) -> Period:
    ends = time(9, 2) if starts_at else None
    return Period(PeriodId(1), "Period 1", "Math 7", "14", (Weekday.MON,), starts_at, ends)


def test_boards_pulls_conferences_and_a_project_day() -> None:
    plan = DayPlan(
        DayPlanId(1),
        PeriodId(1),
        DAY,
        (
            PlanBlock(BlockKind.PROJECT, 30, task_id=MURAL.id, milestone=1),
            PlanBlock(BlockKind.CONFERENCE, 12, students=(StudentId(5),), concurrent=True),
            PlanBlock(
                BlockKind.STATIONS,
                20,
                group_set_id=GroupSetId(9),
                stations=(Station(1, BOARD.id, 1), Station(2, None, 2)),
            ),
            PlanBlock(BlockKind.SMALL_GROUP, 10, concurrent=True),  # a slot, nobody yet
        ),
    )
    groups = GroupSet(
        GroupSetId(9),
        PeriodId(1),
        DAY,
        "fresh_mix",
        (Group(1, (StudentId(5), StudentId(6))), Group(2, (StudentId(8),))),
    )
    numbers = {StudentId(5): "0700123", StudentId(6): "", StudentId(8): "0711111"}
    sheet = period_json(
        period(None), plan, None, {MURAL.id: MURAL, BOARD.id: BOARD}, {groups.id: groups}, numbers
    )
    assert sheet["unit"] is None and sheet["exit_ticket"] is None
    project = sheet["blocks"][0]
    assert project["milestone"] == {"index": 1, "name": "Work day"}  # math art's default days
    assert (project["starts_at"], project["ends_at"]) == (None, None)  # no bell time
    assert "milestone" not in sheet["blocks"][2]
    assert sheet["boards"] == [
        {
            "board": 1,
            "task_id": 3,
            "title": "Integer elevator",
            "group": 1,
            "student_ids": ["0700123", "id:6"],
        },
        {"board": 2, "task_id": None, "title": None, "group": 2, "student_ids": ["0711111"]},
    ]
    assert sheet["conferences"] == [{"skill": None, "student_ids": ["0700123"], "minutes": 12}]
    assert sheet["pulls"] == [{"skill": None, "student_ids": [], "minutes": 10}]
    assert day_json(DAY, [sheet]) == {"format": 1, "date": "2026-11-24", "periods": [sheet]}


def test_clock_times_follow_the_bell_and_a_pull_runs_inside_its_block() -> None:
    plan = DayPlan(
        DayPlanId(1),
        PeriodId(1),
        DAY,
        (
            PlanBlock(BlockKind.WARMUP, 5, task_id=BOARD.id),
            PlanBlock(BlockKind.STATIONS, 25),
            PlanBlock(
                BlockKind.SMALL_GROUP,
                10,
                skill_code="7.NS.A.1b",
                students=(StudentId(5),),
                concurrent=True,
            ),
            PlanBlock(BlockKind.EXIT_TICKET, 5, task_id=MURAL.id),
        ),
    )
    sheet = period_json(period(time(8, 10)), plan, "Rationals", {BOARD.id: BOARD}, {}, {})
    times = [(b["starts_at"], b["ends_at"]) for b in sheet["blocks"]]
    assert times == [("08:10", "08:15"), ("08:15", "08:40"), ("08:15", "08:25"), ("08:40", "08:45")]
    assert sheet["blocks"][0]["task_title"] == "Integer elevator"
    assert sheet["pulls"] == [{"skill": "7.NS.A.1b", "student_ids": ["id:5"], "minutes": 10}]
    assert sheet["exit_ticket"] == {"task_id": 7, "title": None}  # a task no longer known
    assert sheet["boards"] == []  # a stations block without whiteboards
