"""Smaller messages that must say what is true."""

from __future__ import annotations

from pathlib import Path

import pytest

from mathroom.app import main
from mathroom.clock import FixedClock
from mathroom.paths import DataFolder
from tests.faults.conftest import TAKEN_AT

pytestmark = pytest.mark.any_date


def test_archive_leaving_says_archived_on_the_lines_it_archives(
    demo_folder: DataFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "period1.csv"
    roster.write_text("Student Number,First Name,Last Name,Period\n900001,Zed,Newcomer,1\n")
    argv = ["import-roster", str(roster), "--dry-run", "--data-dir", str(demo_folder.root)]
    for archiving in (True, False):
        options = ["--archive-leaving"] if archiving else []
        main([*argv, *options], FixedClock(TAKEN_AT))
        leaving = [line for line in capsys.readouterr().out.splitlines() if "leaving:" in line]
        assert leaving
        if archiving:
            assert all(line.endswith("will be archived") for line in leaving)
        else:
            assert all(line.endswith("(--archive-leaving to archive)") for line in leaving)
