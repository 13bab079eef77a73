"""A day's plan as JSON for `mathroom plan show --json` (a public format: README.md).

Students are named by their student number from the roster, never by name: the output is
for scripts and other tools. A student without a number is written ``id:N`` (Mathroom's own
id), so every member can still be told apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

from mathroom.domain.groups import GroupSet
from mathroom.domain.ids import GroupSetId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock
from mathroom.domain.roster import Period
from mathroom.domain.tasks import DEFAULT_MILESTONES, Task

FORMAT = 1


def student_key(student: StudentId, numbers: Mapping[StudentId, str]) -> str:
    return numbers.get(student) or f"id:{student}"


def day_json(on: date, periods: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": FORMAT, "date": on.isoformat(), "periods": periods}


def period_json(
    period: Period,
    plan: DayPlan,
    unit: str | None,
    tasks: Mapping[TaskId, Task],
    group_sets: Mapping[GroupSetId, GroupSet],
    numbers: Mapping[StudentId, str],
) -> dict[str, Any]:
    """One period's day: blocks with minutes and clock times, each board's task and its
    group's students, pulls and conferences with their students and skill, the exit ticket."""
    timeline = plan.timeline(period.starts_at) if period.starts_at else None

    def students(ids: tuple[StudentId, ...]) -> list[str]:
        return [student_key(s, numbers) for s in ids]

    def title(task: TaskId | None) -> str | None:
        found = tasks.get(task) if task is not None else None
        return found.title if found else None

    blocks = []
    for index, block in enumerate(plan.blocks):
        entry: dict[str, Any] = {
            "kind": block.kind.value,
            "title": block.heading,
            "minutes": block.minutes,
            "starts_at": _clock(timeline[index].starts_at) if timeline else None,
            "ends_at": _clock(timeline[index].ends_at) if timeline else None,
            "task_id": block.task_id,
            "task_title": title(block.task_id) or block.task_title,
        }
        if block.milestone is not None:
            entry["milestone"] = _milestone(block, tasks)
        blocks.append(entry)
    boards = []
    for block in plan.blocks:
        if block.kind is not BlockKind.STATIONS:
            continue
        found = group_sets.get(block.group_set_id) if block.group_set_id else None
        members = {g.number: g.members for g in found.groups} if found else {}
        for station in block.stations:
            number = station.group_number
            boards.append(
                {
                    "board": station.number,
                    "task_id": station.task_id,
                    "title": title(station.task_id),
                    "group": number,
                    "student_ids": students(members.get(number, ())) if number else [],
                }
            )
    pulls = [
        {"skill": b.skill_code, "student_ids": students(b.students), "minutes": b.minutes}
        for b in plan.blocks
        if b.kind is BlockKind.SMALL_GROUP
    ]
    conferences = [
        {"skill": b.skill_code, "student_ids": students(b.students), "minutes": b.minutes}
        for b in plan.blocks
        if b.kind is BlockKind.CONFERENCE
    ]
    exit_ticket = next(
        (
            {"task_id": b.task_id, "title": title(b.task_id) or b.task_title}
            for b in plan.blocks
            if b.kind is BlockKind.EXIT_TICKET and b.task_id is not None
        ),
        None,
    )
    return {
        "period": period.name,
        "unit": unit,
        "blocks": blocks,
        "boards": boards,
        "pulls": pulls,
        "conferences": conferences,
        "exit_ticket": exit_ticket,
    }


def _clock(moment: time) -> str:
    return f"{moment:%H:%M}"


def _milestone(block: PlanBlock, tasks: Mapping[TaskId, Task]) -> dict[str, Any]:
    """Which day of a project the block is: its index (0 = launch) and the day's name."""
    index = block.milestone or 0
    task = tasks.get(block.task_id) if block.task_id is not None else None
    names = (task.spec.milestones or DEFAULT_MILESTONES.get(task.kind, ())) if task else ()
    return {"index": index, "name": names[index] if index < len(names) else None}
