"""`mathroom packet` says what the packet will leave out before building it, and builds it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mathroom.app import main
from mathroom.clock import FixedClock
from mathroom.composition import open_services
from mathroom.paths import DataFolder
from tests.store.test_cli import mathroom
from tests.store.test_packet_gaps_service import template_day


def test_packet_warns_about_empty_sections_and_still_exits_0(
    demo_folder: DataFolder, clock: FixedClock, today: date, school_day: date, tmp_path: Path
) -> None:
    services = open_services(demo_folder, clock)
    try:
        template_day(services, school_day)  # Period 1: no tasks, no groups, an empty pull
        first = services.classroom.overview().periods[0].name
    finally:
        services.close()
    out = tmp_path / "day.pdf"
    day = school_day.isoformat()
    made = mathroom("packet", "--date", day, "--out", str(out), data=demo_folder.root, today=today)
    assert made.returncode == 0, made.stderr
    assert out.read_bytes().startswith(b"%PDF") and "written" in made.stdout
    warnings = made.stderr.splitlines()
    assert warnings and all(line.startswith("warning: ") for line in warnings)
    assert f"warning: {first} · Whiteboard stations: all 6 boards have no task" in made.stderr
    assert f"warning: {first} · Exit ticket: there is no task" in made.stderr
    assert f"warning: {first} · Small-group pull: no students are chosen" in made.stderr
    assert "Choose a task for each board on the Plan page." in made.stderr

    # Only the sections asked for are checked: the roster alone has nothing missing.
    roster = tmp_path / "roster.pdf"
    argv = ["packet", "--date", day, "--out", str(roster), "--sections", "roster"]
    assert main([*argv, "--data-dir", str(demo_folder.root)], clock=clock) == 0


def test_a_fully_planned_day_and_a_day_with_nothing_planned_print_no_warning(
    demo_folder: DataFolder,
    clock: FixedClock,
    school_day: date,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = ["--data-dir", str(demo_folder.root)]
    out = ["--out", str(tmp_path / "day.pdf"), "--sections", "run_sheet,exit_tickets"]
    assert main(["packet", "--date", school_day.isoformat(), *out, *data], clock=clock) == 0
    assert capsys.readouterr().err == ""
    assert main(["packet", "--date", "2001-01-01", *out, *data], clock=clock) == 1
    refused = capsys.readouterr().err
    assert "Nothing is planned" in refused and "warning:" not in refused
