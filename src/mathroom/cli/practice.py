"""`mathroom practice show`: each present student's practice sheet for a day, as text or as
JSON for scripts (a public format: README.md, "Practice sheets as JSON").

Students are named by their student number, never by name (``id:N`` without one), as in
`mathroom plan show --json`.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from mathroom.cli.common import EXIT_OK, locked_services, out
from mathroom.cli.plans import find_period
from mathroom.clock import Clock
from mathroom.composition import Services
from mathroom.domain.ids import StudentId
from mathroom.domain.practice.sheet import PracticeSheet, Role
from mathroom.paths import DataFolder
from mathroom.services.plan_json import student_key

FORMAT = 1


def run_practice(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    with locked_services(folder, clock) as services:
        show_sheets(services, args)
    return EXIT_OK


def sheet_focus(sheet: PracticeSheet) -> list[str]:
    """The skills a sheet is for: the student's weakest (or hand-set) skills, then the day's
    planned focus where it has places of its own; each code once, in sheet order."""
    codes = [i.problem.skill_code for i in sheet.items if i.role is Role.FOCUS]
    codes += [i.problem.skill_code for i in sheet.items if i.role is Role.TODAY]
    return list(dict.fromkeys(codes))


def sheet_json(sheet: PracticeSheet, numbers: Mapping[StudentId, str]) -> dict[str, Any]:
    return {
        "student_number": student_key(sheet.student_id, numbers),
        "focus": sheet_focus(sheet),
        "problems": [
            {
                "number": item.number,
                "skill": item.problem.skill_code,
                "prompt": item.problem.prompt,
                "answer": item.problem.answer_text,
                "role": item.role.value,
                "why": item.reason,
            }
            for item in sheet.items
        ],
    }


def show_sheets(services: Services, args: argparse.Namespace) -> None:
    on: date = args.date
    every = services.classroom.overview().periods
    chosen = [find_period(every, args.period)] if args.period else list(every)
    periods: list[dict[str, Any]] = []
    texts: list[str] = []
    for period in chosen:
        roster = services.classroom.roster(period.id)
        numbers = {e.student.id: e.student.student_number or "" for e in roster}
        sheets = [p.sheet for p in services.practice.class_sheets(period.id, on)]
        if args.json:
            sheet_list = [sheet_json(sheet, numbers) for sheet in sheets]
            periods.append({"period": period.name, "sheets": sheet_list})
            continue
        lines = [f"{period.name}: {len(sheets)} sheet{'s' if len(sheets) != 1 else ''}"]
        for sheet in sheets:
            lines.append(
                f"  {student_key(sheet.student_id, numbers)}  focus "
                + (", ".join(sheet_focus(sheet)) or "review")
            )
            for item in sheet.items:
                lines.append(
                    f"    {item.number}. [{item.problem.skill_code}] {item.problem.prompt}"
                )
                lines.append(f"       = {item.problem.answer_text}  ({item.reason})")
        texts.append("\n".join(lines))
    if args.json:
        out(json.dumps({"format": FORMAT, "date": on.isoformat(), "periods": periods}, indent=2))
    else:
        out(f"{on:%A, %B} {on.day}, {on.year}\n\n" + "\n\n".join(texts))
