"""`mathroom plan next` and `mathroom plan show`: the days planned from the unit, the JSON a
script reads, and plain refusals (unknown period, a bad date, a day already planned)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from mathroom.app import main
from mathroom.clock import TODAY_ENV, FixedClock
from mathroom.domain.plan import school_week
from mathroom.paths import DataFolder
from tests.store.test_cli import VERBS_WITHOUT_QT, mathroom

JSON_KEYS = {"period", "unit", "blocks", "boards", "pulls", "conferences", "exit_ticket"}


@pytest.fixture
def demo(demo_folder: DataFolder) -> Path:
    """A copy of the demo classroom made on the suite's day."""
    return demo_folder.root


def run(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, *argv: str, data: Path
) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*argv, "--data-dir", str(data)], clock=clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def shown(capsys: pytest.CaptureFixture[str], clock: FixedClock, data: Path, *extra: str) -> Any:
    code, out, err = run(capsys, clock, "plan", "show", *extra, "--json", data=data)
    assert code == 0, err
    return json.loads(out)


def test_plan_next_plans_the_days_after_the_last_planned_one(
    demo: Path, clock: FixedClock, school_day: date, capsys: pytest.CaptureFixture[str]
) -> None:
    monday = school_week(school_day)[0] + timedelta(days=7)  # the demo plans its own week
    code, out, err = run(
        capsys, clock, "plan", "next", "--period", "Period 1", "--days", "2", data=demo
    )
    assert code == 0, err
    days = [line for line in out.splitlines() if not line.startswith(" ")]
    assert [line.split()[1] for line in days] == [
        monday.isoformat(),
        (monday + timedelta(days=1)).isoformat(),
    ]
    assert all("Period 1" in line and "rational numbers" in line for line in days)
    assert all("warm-up" in line and "6 boards" in line for line in days)

    day = shown(capsys, clock, demo, "--date", monday.isoformat())
    assert day["date"] == monday.isoformat()
    assert [p["period"] for p in day["periods"]] == ["Period 1"]  # only it is planned
    sheet = day["periods"][0]
    assert set(sheet) == JSON_KEYS
    assert "rational numbers" in sheet["unit"]
    kinds = [b["kind"] for b in sheet["blocks"]]
    assert kinds[:3] == ["warmup", "stations", "small_group"]
    assert all(
        {"kind", "title", "minutes", "starts_at", "ends_at", "task_id"} <= set(b)
        for b in sheet["blocks"]
    )
    assert sum(b["minutes"] for b in sheet["blocks"] if b["kind"] != "small_group") == 52
    boards = sheet["boards"]
    assert [b["board"] for b in boards] == [1, 2, 3, 4, 5, 6]
    numbers = {s for b in boards for s in b["student_ids"]}
    assert len(numbers) > 15 and all(isinstance(n, str) and n.startswith("0") for n in numbers)
    assert all(b["task_id"] and b["title"] for b in boards) or any(
        "board task" in line for line in out.splitlines()
    )
    (pull,) = sheet["pulls"]
    assert pull["skill"] and set(pull["student_ids"]) <= numbers and pull["minutes"] == 10
    assert sheet["conferences"] == []
    ticket = sheet["exit_ticket"]
    assert ticket is None or set(ticket) == {"task_id", "title"}

    more = run(capsys, clock, "plan", "next", "--period", "1", data=demo)
    assert more[0] == 0 and (monday + timedelta(days=2)).isoformat() in more[1]


def test_plan_show_prints_every_period_or_one_as_text_or_json(
    demo: Path, clock: FixedClock, school_day: date, capsys: pytest.CaptureFixture[str]
) -> None:
    day = school_day.isoformat()
    every = shown(capsys, clock, demo, "--date", day)
    assert [p["period"] for p in every["periods"]] == ["Period 1", "Period 3", "Period 5"]
    one = shown(capsys, clock, demo, "--date", day, "--period", "Period 3")
    assert one["periods"] == [every["periods"][1]]  # the same shape, one period
    assert one["periods"][0]["exit_ticket"]["task_id"]
    code, text, _err = run(capsys, clock, "plan", "show", "--date", day, "--period", "5", data=demo)
    assert code == 0
    assert "Period 5 · Unit: Operations with rational numbers" in text
    assert "board 6:" in text and "Exit ticket · 5 min" in text
    code, _out, err = run(capsys, clock, "plan", "show", "--date", "2001-01-01", data=demo)
    assert code == 1 and "Nothing is planned on Monday, January 1, 2001" in err


def test_plan_next_refuses_plainly_and_changes_nothing(
    demo: Path, clock: FixedClock, school_day: date, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, clock, "plan", "next", "--period", "Perod 3", data=demo)
    assert code == 1
    assert "no period called 'Perod 3'; did you mean 'Period 3'?" in err
    assert "Period 1, Period 3, Period 5" in err
    planned = school_day.isoformat()
    before = shown(capsys, clock, demo, "--date", planned, "--period", "3")
    code, _out, err = run(
        capsys, clock, "plan", "next", "--period", "3", "--from", planned, data=demo
    )
    assert code == 1 and "already has a plan" in err and "--replace" in err
    assert shown(capsys, clock, demo, "--date", planned, "--period", "3") == before
    code, _out, err = run(capsys, clock, "plan", "next", "--period", "3", "--days", "21", data=demo)
    assert code == 1 and "days: plan 1 to 20 school days" in err
    code, _out, err = run(
        capsys,
        clock,
        "plan",
        "next",
        "--period",
        "3",
        "--from",
        planned,
        "--replace",
        "--allow-repeats",
        data=demo,
    )
    assert code == 0, err
    after = shown(capsys, clock, demo, "--date", planned, "--period", "3")
    assert after["periods"][0]["boards"] != before["periods"][0]["boards"]


@pytest.mark.any_date  # exit codes and imports, not dates
def test_the_plan_verbs_exit_plainly_as_processes_and_never_load_qt(
    demo: Path, today: date
) -> None:
    data = demo
    bad = mathroom("plan", "show", "--date", "2026-13-01", data=data, today=today)
    assert bad.returncode == 2 and "there is no month 13" in bad.stderr
    unknown = mathroom("plan", "next", "--period", "Period 9", data=data, today=today)
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
    verbs = [
        ["plan", "next", "--period", "1", "--data-dir", str(data)],
        ["plan", "show", "--date", today.isoformat(), "--json", "--data-dir", str(data)],
    ]
    env = {**os.environ, TODAY_ENV: today.isoformat()}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-c", VERBS_WITHOUT_QT, json.dumps(verbs)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["qt"] == [] and report["codes"][0] == 0, result.stderr
