"""The CLI verbs, run as real processes: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from mathroom import __version__
from mathroom.app import main
from mathroom.clock import TODAY_ENV, FixedClock
from mathroom.domain.plan import school_week
from mathroom.store.backup import DatabaseHealth, check_health


def mathroom(
    *args: str, data: Path | None = None, today: date | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a verb as its own process; ``today`` runs it on that day (MATHROOM_TODAY)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("MATHROOM_DATA_DIR", None)
    env.pop(TODAY_ENV, None)
    if today is not None:
        env[TODAY_ENV] = today.isoformat()
    extra = ["--data-dir", str(data)] if data is not None else []
    return subprocess.run(
        [sys.executable, "-m", "mathroom", *args, *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_version() -> None:
    result = mathroom("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Mathroom {__version__}"


def test_demo_check_backup_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "classroom"
    created = mathroom("demo", data=data)
    assert created.returncode == 0, created.stderr
    assert "3 periods, 65 students" in created.stdout

    again = mathroom("demo", data=data)
    assert again.returncode == 1
    assert "already holds a classroom" in again.stderr
    assert "Traceback" not in again.stderr

    if_empty = mathroom("demo", "--if-empty", data=data)
    assert if_empty.returncode == 0 and "left as it is" in if_empty.stdout

    check = mathroom("check", data=data)
    assert check.returncode == 0, check.stderr
    assert "integrity: ok" in check.stdout

    out = tmp_path / "copy.sqlite"
    backup = mathroom("backup", "--out", str(out), data=data)
    assert backup.returncode == 0, backup.stderr
    assert check_health(out, thorough=True)[0] is DatabaseHealth.OK


def test_check_on_a_damaged_file_fails_plainly(tmp_path: Path) -> None:
    data = tmp_path / "broken"
    data.mkdir()
    (data / "mathroom.sqlite").write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    result = mathroom("check", data=data)
    assert result.returncode == 1
    assert "integrity:" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_without_a_database(tmp_path: Path) -> None:
    result = mathroom("check", data=tmp_path / "nothing-here")
    assert result.returncode == 1
    assert "no database file" in result.stderr
    # Nothing was read, so nothing "needs update": the line says why there is no schema.
    assert "schema: none (app: " in result.stderr and "needs update" not in result.stderr
    assert "not read: the file is missing or damaged" in result.stderr


@pytest.mark.parametrize("verb", ["backup"])
def test_backup_without_a_database_is_explained(tmp_path: Path, verb: str) -> None:
    result = mathroom(verb, data=tmp_path / "empty")
    assert result.returncode == 1
    assert "no readable database" in result.stderr.lower()
    assert "Traceback" not in result.stderr


def test_import_roster_never_prompts(tmp_path: Path) -> None:
    data = tmp_path / "classroom"
    assert mathroom("demo", data=data).returncode == 0
    file = tmp_path / "names.csv"
    file.write_text("First Name,Last Name,Student ID\nAda,Lovelace,0709001\n", encoding="utf-8")

    needs_period = mathroom("import-roster", str(file), data=data)
    assert needs_period.returncode == 1
    assert "names.csv" in needs_period.stderr and "--period" in needs_period.stderr
    assert "Traceback" not in needs_period.stderr

    dry = mathroom("import-roster", str(file), "--period", "Period 3", "--dry-run", data=data)
    assert dry.returncode == 0, dry.stderr
    assert "1 new" in dry.stdout and "Dry run" in dry.stdout

    done = mathroom("import-roster", str(file), "--period", "Period 3", data=data)
    assert done.returncode == 0, done.stderr
    assert "1 student added" in done.stdout and "Backup taken first" in done.stdout

    again = mathroom("import-roster", str(file), "--period", "Period 3", data=data)
    assert again.returncode == 0
    assert "already matches" in again.stdout


def test_import_roster_refuses_bad_files_with_the_line(tmp_path: Path) -> None:
    data = tmp_path / "classroom"
    assert mathroom("demo", data=data).returncode == 0
    conflict = tmp_path / "conflict.csv"
    conflict.write_text(
        "Student ID,Last Name,First Name,Period\n0700123,Nobody,Someone,Period 1\n",
        encoding="utf-8",
    )
    refused = mathroom("import-roster", str(conflict), data=data)
    assert refused.returncode == 1
    assert "line 2" in refused.stderr and "0700123" in refused.stderr
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = mathroom("import-roster", str(empty), data=data)
    assert result.returncode == 1
    assert "empty.csv" in result.stderr and "empty" in result.stderr


def test_import_roster_refuses_a_whole_school_file_until_told_which_part(tmp_path: Path) -> None:
    data = tmp_path / "classroom"
    assert mathroom("demo", data=data).returncode == 0
    school = tmp_path / "school.csv"
    lines = ["Student ID,Last Name,First Name,Course,Teacher,Section"]
    for n in range(40):
        teacher, course = ("Rivera, Ana", "Math 7") if n % 2 else ("Park, Min", "Math 8")
        lines.append(f'09{n:05d},Family{n},Given{n},{course},"{teacher}",{course} - Period 3')
    school.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused = mathroom("import-roster", str(school), "--dry-run", data=data)
    assert refused.returncode == 1
    assert "school.csv: This file holds 2 courses and 2 teachers" in refused.stderr
    assert "--teacher NAME" in refused.stderr and "to decide:" in refused.stdout
    unknown = mathroom("import-roster", str(school), "--teacher", "Nobody", data=data)
    assert unknown.returncode == 1
    assert (
        "no teacher named 'Nobody'" in unknown.stderr and "Rivera, Ana (20 rows)" in unknown.stderr
    )
    mine = mathroom(
        "import-roster", str(school), "--teacher", "rivera, ana", "--dry-run", data=data
    )
    assert mine.returncode == 0, mine.stderr
    assert "20 new" in mine.stdout and "→ Period 3" in mine.stdout


def test_import_roster_asks_about_a_period_name_with_a_typo(tmp_path: Path) -> None:
    data = tmp_path / "classroom"
    assert mathroom("demo", data=data).returncode == 0
    file = tmp_path / "names.csv"
    file.write_text("First Name,Last Name,Student ID\nAda,Lovelace,0709001\n", encoding="utf-8")
    typo = mathroom("import-roster", str(file), "--period", "Perod 1", data=data)
    assert typo.returncode == 1 and "did you mean 'Period 1'?" in typo.stderr
    new = mathroom(
        "import-roster", str(file), "--period", "Perod 1", "--new-period", "Perod 1", data=data
    )
    assert new.returncode == 0, new.stderr
    assert "1 new period" in new.stdout


def test_import_scores_verb(tmp_path: Path) -> None:
    data = tmp_path / "classroom"
    assert mathroom("demo", data=data).returncode == 0
    file = tmp_path / "quiz.csv"
    file.write_text(
        "Student ID,Skill,Score,Date\n0700123,7.NS.A.1b,17/20,2026-11-20\n"
        "0799999,7.NS.A.1b,10/20,2026-11-20\n",
        encoding="utf-8",
    )
    blocked = mathroom("import-scores", str(file), data=data)
    assert blocked.returncode == 1
    assert "line 3" in blocked.stderr and "--skip-unmatched" in blocked.stderr
    done = mathroom("import-scores", str(file), "--skip-unmatched", data=data)
    assert done.returncode == 0, done.stderr
    again = mathroom("import-scores", str(file), "--skip-unmatched", data=data)
    assert again.returncode == 0


def test_packet_writes_the_day_and_refuses_bad_dates(
    tmp_path: Path, today: date, school_day: date, clock: FixedClock
) -> None:
    data = tmp_path / "classroom"
    created = mathroom("demo", data=data, today=today)
    assert created.returncode == 0, created.stderr
    out = tmp_path / "day.pdf"
    # The demo plans the school week of the day it is made (the coming one on a weekend).
    day = school_day.isoformat()
    made = mathroom("packet", "--date", day, "--out", str(out), data=data)
    assert made.returncode == 0, made.stderr
    assert "pages" in made.stdout and out.read_bytes().startswith(b"%PDF")

    one = tmp_path / "one.pdf"
    single = mathroom(
        "packet",
        "--date",
        day,
        "--period",
        "1",
        "--sections",
        "roster,exit_tickets",
        "--out",
        str(one),
        data=data,
    )
    assert single.returncode == 0, single.stderr
    assert one.stat().st_size < out.stat().st_size

    bad = tmp_path / "bad.pdf"
    refused = mathroom("packet", "--date", "2026-02-30", "--out", str(bad), data=data)
    assert refused.returncode == 2 and "is not a date" in refused.stderr
    empty = mathroom("packet", "--date", "2001-01-01", "--out", str(bad), data=data)
    assert empty.returncode == 1 and "Nothing is planned" in empty.stderr
    assert "Traceback" not in empty.stderr and not bad.exists()
    # Every day of the planned week prints (in process, on the same clock: quicker).
    for planned in school_week(today):
        week_day = tmp_path / f"{planned}.pdf"
        argv = ["packet", "--date", planned.isoformat(), "--out", str(week_day)]
        assert main([*argv, "--sections", "roster", "--data-dir", str(data)], clock=clock) == 0
        assert week_day.read_bytes().startswith(b"%PDF")


def test_a_date_that_is_not_a_date_in_the_environment_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mathroom", "check", "--data-dir", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        env={**os.environ, TODAY_ENV: "next tuesday"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "MATHROOM_TODAY: 'next tuesday' is not a date" in result.stderr


# Runs verbs in one process, then lists the Qt modules they loaded (SystemExit from --version
# still reaches the finally).
VERBS_WITHOUT_QT = textwrap.dedent(
    """
    import json, sys
    from mathroom.app import main
    codes = []
    try:
        for argv in json.loads(sys.argv[1]):
            codes.append(main(argv))
    finally:
        qt = sorted(m for m in sys.modules if m.split(".")[0] == "PySide6"
                    or m == "mathroom.ui" or m.startswith("mathroom.ui."))
        print(json.dumps({"codes": codes, "qt": qt}), flush=True)
    """
)


def test_the_verbs_never_load_qt(tmp_path: Path) -> None:
    data, day = str(tmp_path / "classroom"), "2026-11-23"  # a Monday the demo plans
    roster = tmp_path / "names.csv"
    roster.write_text("First Name,Last Name,Period\nAda,Lovelace,Period 3\n", encoding="utf-8")
    scores = tmp_path / "quiz.csv"
    scores.write_text("Student ID,Skill,Score\n0700123,7.NS.A.1b,17/20\n", encoding="utf-8")
    request = tmp_path / "groups.json"
    request.write_text('{"students": ["a", "b", "c", "d"], "group_size": 2}', encoding="utf-8")
    verbs = [
        ["demo", "--data-dir", data],
        ["check", "--data-dir", data],
        ["backup", "--data-dir", data],
        ["import-roster", str(roster), "--dry-run", "--data-dir", data],
        ["import-scores", str(scores), "--dry-run", "--data-dir", data],
        ["packet", "--date", day, "--out", str(tmp_path / "day.pdf"), "--data-dir", data],
        ["grouping", str(request)],
        ["--version"],
    ]
    env = {**os.environ, TODAY_ENV: day}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-c", VERBS_WITHOUT_QT, json.dumps(verbs)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr  # --version's exit
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["codes"] == [0] * (len(verbs) - 1), result.stderr
    assert report["qt"] == []
