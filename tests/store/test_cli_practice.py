"""`mathroom practice show`: each present student's sheet as the Practice page builds it,
as JSON a script can read (student numbers, focus codes, problems), and plain refusals."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from mathroom.app import main
from mathroom.clock import FixedClock
from mathroom.composition import Services
from mathroom.domain.attendance import AttendanceStatus
from mathroom.paths import DataFolder

# What a sheet holds and what is refused are the same on any calendar day.
pytestmark = pytest.mark.any_date


def run(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, folder: DataFolder, *argv: str
) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["practice", "show", *argv, "--data-dir", str(folder.root)], clock=clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_json_holds_each_present_students_sheet(
    services: Services,
    demo_folder: DataFolder,
    clock: FixedClock,
    school_day: date,
    capsys: pytest.CaptureFixture[str],
) -> None:
    period = services.classroom.overview().periods[1]
    roster = services.classroom.roster(period.id)
    away = roster[0].student
    services.attendance.set_status(period.id, away.id, school_day, AttendanceStatus.ABSENT)
    code, out, err = run(
        capsys,
        clock,
        demo_folder,
        "--date",
        school_day.isoformat(),
        "--period",
        period.name,
        "--json",
    )
    assert code == 0, err
    shown: dict[str, Any] = json.loads(out)
    assert shown["format"] == 1 and shown["date"] == school_day.isoformat()
    assert [p["period"] for p in shown["periods"]] == [period.name]
    sheets = shown["periods"][0]["sheets"]
    expected = services.practice.class_sheets(period.id, school_day)
    numbers = {e.student.id: e.student.student_number for e in roster}
    assert [s["student_number"] for s in sheets] == [numbers[p.student] for p in expected]
    assert away.student_number not in {s["student_number"] for s in sheets}
    for sheet, practice in zip(sheets, expected, strict=True):
        assert set(sheet) == {"student_number", "focus", "problems"}
        items = practice.sheet.items
        assert [(p["skill"], p["prompt"], p["answer"]) for p in sheet["problems"]] == [
            (i.problem.skill_code, i.problem.prompt, i.problem.answer_text) for i in items
        ]
        assert all(p["why"] and p["number"] == n for n, p in enumerate(sheet["problems"], 1))
        gap_codes = {i.problem.skill_code for i in items if i.role.value in ("focus", "today")}
        assert set(sheet["focus"]) == gap_codes and len(sheet["focus"]) == len(gap_codes)


def test_every_period_by_default_as_text_and_a_plain_refusal(
    services: Services,
    demo_folder: DataFolder,
    clock: FixedClock,
    school_day: date,
    capsys: pytest.CaptureFixture[str],
) -> None:
    periods = services.classroom.overview().periods
    code, out, err = run(capsys, clock, demo_folder, "--date", school_day.isoformat(), "--json")
    assert code == 0, err
    assert [p["period"] for p in json.loads(out)["periods"]] == [p.name for p in periods]
    code, out, err = run(capsys, clock, demo_folder, "--date", school_day.isoformat())
    assert code == 0, err
    assert all(f"{p.name}: " in out for p in periods) and "1. [" in out
    code, out, err = run(
        capsys, clock, demo_folder, "--date", school_day.isoformat(), "--period", "Perod 3"
    )
    assert code == 1 and out == ""
    assert "no period called 'Perod 3'; did you mean 'Period 3'?" in err
