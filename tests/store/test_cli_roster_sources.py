"""`mathroom import-roster --dry-run` on each roster source beyond SIS tables: the plan it
prints lists the rows left out (with their lines and why) and the columns not imported."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from mathroom.app import main
from mathroom.clock import FixedClock
from mathroom.paths import DataFolder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"


def dry_run(
    capsys: pytest.CaptureFixture[str],
    clock: FixedClock,
    folder: DataFolder,
    file: Path,
    *extra: str,
) -> tuple[int, list[str], str]:
    code = main(
        ["import-roster", str(file), "--dry-run", *extra, "--data-dir", str(folder.root)],
        clock=clock,
    )
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_canvas_gradebook(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, migrated_folder: DataFolder
) -> None:
    code, lines, err = dry_run(capsys, clock, migrated_folder, FIXTURES / "canvas_gradebook.csv")
    assert code == 0, err
    assert lines[0].startswith("canvas_gradebook.csv: 3 new,")
    assert lines[0].endswith("2 rows skipped")
    assert "  new: line 3 Amara Okafor → Math 7 - Period 2" in lines
    assert (
        "  skipped: line 2: 'Points Possible' is the gradebook's points row, not a student, "
        "skipped" in lines
    )
    assert (
        "  skipped: line 6: 'Student, Test' is Canvas's test student (from Student View), not "
        "a real student, skipped" in lines
    )
    ignored = next(line for line in lines if line.startswith("  columns not imported: "))
    for column in ("ID", "SIS Login ID", "Integers Quiz (10234)", "Current Score", "Final Grade"):
        assert column in ignored.split(": ", 1)[1].split(", ")
    assert lines[-1] == "Dry run: nothing was changed."


def test_google_classroom_gradebook(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, migrated_folder: DataFolder
) -> None:
    file = FIXTURES / "google_classroom_grades.csv"
    code, lines, err = dry_run(capsys, clock, migrated_folder, file, "--period", "Period 2")
    assert code == 0, err
    assert lines[0].endswith("3 rows skipped")
    assert [line for line in lines if line.startswith("  skipped: ")] == [
        "  skipped: line 2: the gradebook's due-date row ('Sep 8, 2026', 'No due date', ...), "
        "not a student, skipped",
        "  skipped: line 3: the gradebook's points row ('20', '10', ...), not a student, skipped",
        "  skipped: line 4: 'Class average' is the gradebook's class average row, not a "
        "student, skipped",
    ]
    assert (
        "  columns not imported: Email Address, Integers Quiz, Ratios Homework, Unit 1 Test"
        in lines
    )


def test_clever_zip(
    capsys: pytest.CaptureFixture[str],
    clock: FixedClock,
    migrated_folder: DataFolder,
    tmp_path: Path,
) -> None:
    path = tmp_path / "sftp.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for child in sorted((FIXTURES / "clever").iterdir()):
            archive.write(child, child.name)
    # A district's set holds other teachers' sections: nothing is taken until one is chosen.
    code, lines, err = dry_run(capsys, clock, migrated_folder, path)
    assert code == 1
    assert "sftp.zip: This file holds 3 courses and 2 teachers" in err
    assert "--skip-conflicts" not in err  # it settles conflicts, not this choice
    everything = ("--course", "Math 7,Math 7 Honors,Science 7")
    # Without --yes the warnings stop it, after listing them.
    code, lines, err = dry_run(capsys, clock, migrated_folder, path, *everything)
    assert code == 1
    assert "sftp.zip: 3 warnings" in err
    assert (
        "  warning: enrollments.csv line 7: student 'S-991' is not in students.csv, skipped"
        in lines
    )
    code, lines, err = dry_run(capsys, clock, migrated_folder, path, *everything, "--yes")
    assert code == 0, err
    assert lines[0].startswith("sftp.zip: 4 new,") and lines[0].endswith("1 row skipped")
    assert "  skipped: enrollments.csv line 10: the same enrolment as line 2, skipped" in lines
    assert (
        "  warning: enrollments.csv line 8: section 'SEC-8' is not in sections.csv, skipped"
        in lines
    )
    ignored = next(line for line in lines if line.startswith("  columns not imported: "))
    assert "DOB" in ignored and "Student_email" in ignored and "First_name" not in ignored
    assert lines[-1] == "Dry run: nothing was changed."


def test_clever_folder_is_not_taken_for_oneroster(
    capsys: pytest.CaptureFixture[str],
    clock: FixedClock,
    migrated_folder: DataFolder,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "clever export"
    shutil.copytree(FIXTURES / "clever", folder)
    code, lines, err = dry_run(
        capsys,
        clock,
        migrated_folder,
        folder,
        "--course",
        "Math 7,Math 7 Honors,Science 7",
        "--yes",
    )
    assert code == 0, err
    assert "users.csv" not in err
    assert "  new: line 6 Layla Haddad → Math 7 Honors – Period 3" in lines


def test_the_report_says_how_the_file_was_read(
    capsys: pytest.CaptureFixture[str],
    clock: FixedClock,
    migrated_folder: DataFolder,
) -> None:
    path = FIXTURES / "mac_roman.csv"
    code, lines, err = dry_run(capsys, clock, migrated_folder, path, "--period", "Period 1")
    assert code == 0, err
    assert lines[1] == "  read as: Mac Roman, commas"
    assert "  new: line 3 Zoë Müller → Period 1" in lines  # the letters right, not garbled
