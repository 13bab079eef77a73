"""`mathroom plan next` and `mathroom plan show`: plan the next school days from a period's
unit the way the Plan page does, and print a day's plan (as text, or JSON for scripts)."""

from __future__ import annotations

import argparse
import difflib
import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from mathroom.cli.common import EXIT_OK, locked_services, out
from mathroom.clock import Clock
from mathroom.composition import Services
from mathroom.domain.errors import MathroomError, ValidationError
from mathroom.domain.groups import GroupSet
from mathroom.domain.ids import GroupSetId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan
from mathroom.domain.roster import Period
from mathroom.domain.tasks import Task
from mathroom.paths import DataFolder
from mathroom.services.plan_days import PlannedDay
from mathroom.services.plan_json import day_json, period_json
from mathroom.services.plans import PlanExistsError


def run_plan(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    with locked_services(folder, clock) as services:
        if args.plan_command == "next":
            plan_next(services, args)
        else:
            show_day(services, args)
    return EXIT_OK


def find_period(periods: Sequence[Period], wanted: str) -> Period:
    """The period called ``wanted`` (any case), or whose name ends in it ("3" for
    "Period 3"); ValidationError naming the close ones and every period otherwise."""
    key = " ".join(wanted.split()).casefold()
    for period in periods:
        name = period.name.casefold()
        if name == key or name.split()[-1:] == [key]:
            return period
    names = [p.name for p in periods]
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    listed = ", ".join(names) or "none yet"
    raise ValidationError("period", f"no period called {wanted!r}{hint} (periods: {listed})")


def plan_next(services: Services, args: argparse.Namespace) -> None:
    period = find_period(services.classroom.overview().periods, args.period)
    try:
        days = services.plans.plan_days(
            period.id,
            args.first,
            args.days,
            replace=args.replace,
            allow_repeats=args.allow_repeats,
        )
    except PlanExistsError as exc:
        raise MathroomError(
            f"{period.name} already has a plan for {exc.on:%A, %B} {exc.on.day}, {exc.on.year}."
            " Nothing was changed; add --replace to plan over it (projects, pulls and "
            "conferences set ahead for a day are kept)."
        ) from exc
    titles = {t.id: t.title for t in services.tasks.tasks(include_archived=True)}
    for day in days:
        out(day_line(period, day, titles))
        for message in day.messages:
            out(f"    ! {message}")


def day_line(period: Period, day: PlannedDay, titles: Mapping[TaskId, str]) -> str:
    """ "Mon 2026-11-30  Period 1  (Unit name): warm-up “…”; boards “…”, “…”; …" """
    plan = day.plan
    parts: list[str] = []

    def named(task: TaskId | None) -> str:
        return f"“{titles.get(task, f'task {task}')}”" if task is not None else "(no task)"

    for block in plan.blocks:
        if block.kind is BlockKind.WARMUP:
            parts.append(f"warm-up {named(block.task_id)}")
        elif block.kind is BlockKind.STATIONS:
            boards = list(dict.fromkeys(s.task_id for s in block.stations))
            parts.append(
                f"{len(block.stations)} boards " + ", ".join(named(t) for t in boards)
                if block.stations
                else "stations"
            )
        elif block.kind is BlockKind.PROJECT:
            parts.append(f"project {named(block.task_id)}")
        elif block.kind is BlockKind.EXIT_TICKET:
            parts.append(f"exit ticket {named(block.task_id)}")
        elif block.is_teacher_time:
            what = "pull" if block.kind is BlockKind.SMALL_GROUP else "conferences"
            on = f" on {block.skill_code}" if block.skill_code else ""
            parts.append(f"{what}{on} ({len(block.students)} students)")
    unit = f"  {day.unit}" if day.unit else "  (no unit)"
    return f"{plan.plan_date:%a %Y-%m-%d}  {period.name}{unit}: " + "; ".join(parts)


def show_day(services: Services, args: argparse.Namespace) -> None:
    on: date = args.date
    every = services.classroom.overview().periods
    chosen = [find_period(every, args.period)] if args.period else list(every)
    planned = [(p, plan) for p in chosen if (plan := services.plans.plan(p.id, on)) is not None]
    if not planned:
        when = f"{on:%A, %B} {on.day}, {on.year}"
        if args.period:
            raise MathroomError(f"{chosen[0].name} has nothing planned on {when}.")
        raise MathroomError(f"Nothing is planned on {when}.")
    tasks = {t.id: t for t in services.tasks.tasks(include_archived=True)}
    sheets: list[dict[str, Any]] = []
    texts: list[str] = []
    for period, plan in planned:
        found = services.units.current_unit(period.id, on)
        unit = found.name if found else None
        roster = services.classroom.roster(period.id, include_archived=True)
        group_sets = _group_sets(services, plan)
        if args.json:
            numbers = {e.student.id: e.student.student_number or "" for e in roster}
            sheets.append(period_json(period, plan, unit, tasks, group_sets, numbers))
        else:
            names = {e.student.id: e.display_name for e in roster}
            texts.append(_text(period, plan, unit, tasks, group_sets, names))
    if args.json:
        out(json.dumps(day_json(on, sheets), indent=2, ensure_ascii=False))
    else:
        out(f"{on:%A, %B} {on.day}, {on.year}\n\n" + "\n\n".join(texts))


def _group_sets(services: Services, plan: DayPlan) -> dict[GroupSetId, GroupSet]:
    found = {}
    for block in plan.blocks:
        if block.group_set_id is not None:
            group_set = services.classroom.group_set(block.group_set_id)
            if group_set is not None:
                found[block.group_set_id] = group_set
    return found


def _text(
    period: Period,
    plan: DayPlan,
    unit: str | None,
    tasks: Mapping[TaskId, Task],
    group_sets: Mapping[GroupSetId, GroupSet],
    names: Mapping[StudentId, str],
) -> str:
    """The day as the teacher reads it: one line per block, boards with their groups."""
    lines = [f"{period.name} · " + (f"Unit: {unit}" if unit else "no unit")]
    timeline = plan.timeline(period.starts_at) if period.starts_at else None

    def title(task: TaskId | None) -> str:
        found = tasks.get(task) if task is not None else None
        return found.title if found else "(no task)"

    def who(students: Sequence[StudentId]) -> str:
        return ", ".join(names.get(s, "(left the class)") for s in students)

    for index, block in enumerate(plan.blocks):
        when = ""
        if timeline is not None:
            timed = timeline[index]
            when = f"{timed.starts_at:%H:%M}–{timed.ends_at:%H:%M}  "
        lead = "    ↳ " if block.concurrent else "  "
        line = f"{lead}{when}{block.heading} · {block.minutes} min"
        if block.task_id is not None:
            line += f" · {title(block.task_id)}"
        if block.students:
            line += f" · {who(block.students)}"
        lines.append(line)
        if block.kind is BlockKind.STATIONS:
            found = group_sets.get(block.group_set_id) if block.group_set_id else None
            members = {g.number: g.members for g in found.groups} if found else {}
            for station in block.stations:
                group = members.get(station.group_number or -1, ())
                lines.append(
                    f"      board {station.number}: {title(station.task_id)}"
                    + (f" — {who(group)}" if group else "")
                )
    return "\n".join(lines)
