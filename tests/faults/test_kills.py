"""kill -9 at watched phases of a backup, an import and a packet write: nothing is lost, no
import is half applied, no backup has a real name unless it is whole, and the temp files a
kill leaves are removed at the next start (or the next write of the same file), logged."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from mathroom.atomic_files import write_bytes_atomically
from mathroom.paths import DataFolder
from mathroom.store.backup import DatabaseHealth, check_health, list_backups
from mathroom.store.opening import open_database
from tests.faults.conftest import (
    TAKEN_AT,
    assert_killed,
    quick_or_long,
    run_killed_at,
    student_count,
)

pytestmark = pytest.mark.any_date

BACKUP = """
import sys
from datetime import datetime
from pathlib import Path
from mathroom.store.backup import BackupReason, create_backup
create_backup(Path(sys.argv[1]), Path(sys.argv[2]), BackupReason.MANUAL, datetime(2026, 11, 23, 9))
"""

CLI = "import sys; from mathroom.app import main; sys.exit(main(sys.argv[1:]))"


@pytest.mark.parametrize("phase", quick_or_long(["backup:copied"], ["backup:renamed"]))
def test_backup_killed(
    demo_folder: DataFolder, phase: str, caplog: pytest.LogCaptureFixture
) -> None:
    students = student_count(demo_folder.database)
    result = run_killed_at(phase, BACKUP, str(demo_folder.database), str(demo_folder.backups))
    assert_killed(result)
    assert student_count(demo_folder.database) == students
    for backup in list_backups(demo_folder.backups):  # a real name only for a whole copy
        assert check_health(backup.path, thorough=True)[0] is DatabaseHealth.OK
    left = list(demo_folder.backups.glob(".backup-*.part"))
    assert bool(left) == (phase == "backup:copied")
    with caplog.at_level(logging.WARNING):
        open_database(demo_folder, TAKEN_AT).store.close()
    assert not list(demo_folder.backups.glob(".*.part*"))
    if left:
        assert f"removed {left[0]}" in caplog.text


@pytest.mark.parametrize("phase", quick_or_long(["import:written"], ["import:backed-up"]))
def test_import_killed_is_all_or_nothing(
    demo_folder: DataFolder, tmp_path: Path, phase: str
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("Student Number,First Name,Last Name,Period\n900001,Zed,Killtest,1\n")
    students = student_count(demo_folder.database)
    result = run_killed_at(
        phase,
        CLI,
        "import-roster",
        str(roster),
        "--yes",
        "--data-dir",
        str(demo_folder.root),
    )
    assert_killed(result)
    assert check_health(demo_folder.database, thorough=True)[0] is DatabaseHealth.OK
    assert student_count(demo_folder.database) == students  # not one row of it
    with sqlite3.connect(demo_folder.database) as connection:
        found = connection.execute(
            "SELECT count(*) FROM student WHERE family_name = 'Killtest'"
        ).fetchone()[0]
    connection.close()
    assert found == 0
    open_database(demo_folder, TAKEN_AT).store.close()  # and the next start is a plain one


def test_packet_write_killed_keeps_the_old_pdf_and_names_no_temp_file(
    demo_folder: DataFolder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "printouts" / "monday.pdf"
    out.parent.mkdir()
    out.write_bytes(b"%PDF-1.4 last week's packet")
    result = run_killed_at(
        "write:temp-written",
        CLI,
        "packet",
        "--date",
        "2026-11-23",
        "--out",
        str(out),
        "--sections",
        "roster",
        "--data-dir",
        str(demo_folder.root),
    )
    assert_killed(result)
    assert out.read_bytes() == b"%PDF-1.4 last week's packet"  # the old file, whole
    left = list(out.parent.glob(".monday.pdf.*.part"))
    assert len(left) == 1
    with caplog.at_level(logging.WARNING):
        write_bytes_atomically(out, b"%PDF-1.4 this week")  # the next write of the file
    assert not list(out.parent.glob(".*.part")) and f"removed {left[0]}" in caplog.text
    assert check_health(demo_folder.database, thorough=True)[0] is DatabaseHealth.OK
