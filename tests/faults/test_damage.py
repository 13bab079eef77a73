"""Damage of every kind is caught the same way: by the start-up check, the backup verb and
`mathroom check` alike; the file is moved aside and kept; the newest good backup is offered
by name on every start until the teacher restores it or starts empty; nothing makes a demo
or an empty classroom over it unasked."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from mathroom.app import main
from mathroom.clock import FixedClock
from mathroom.paths import DataFolder
from mathroom.services.maintenance import MaintenanceService
from mathroom.store.backup import BackupReason, create_backup, list_backups, set_aside_files
from mathroom.store.opening import RecoveryNeededError, open_database
from tests.faults.conftest import DAMAGE, TAKEN_AT, quick_or_long, student_count

pytestmark = pytest.mark.any_date

LATER = TAKEN_AT + timedelta(hours=2)
KINDS = quick_or_long(["index-only", "zero-bytes", "wrong-file"], ["truncated", "garbage"])


def _backed_up_then_damaged(folder: DataFolder, kind: str) -> tuple[str, int]:
    good = create_backup(folder.database, folder.backups, BackupReason.STARTUP, TAKEN_AT)
    # A newer backup that is itself damaged is never the one offered.
    bad = folder.backups / "mathroom-20261123-080000-manual.sqlite"
    bad.write_bytes(b"\x00" * 4096)
    students = student_count(folder.database)
    DAMAGE[kind](folder.database)
    return good.name, students


@pytest.mark.parametrize("kind", KINDS)
def test_each_damage_is_moved_aside_and_the_newest_good_backup_offered_until_restored(
    demo_folder: DataFolder, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    good, students = _backed_up_then_damaged(demo_folder, kind)
    damaged_bytes = demo_folder.database.read_bytes()

    # The backup verb's check is the start-up check: same refusal, same offer. It leaves the
    # file where it is (the window may have it open); the next start moves it aside.
    with pytest.raises(RecoveryNeededError) as by_backup:
        MaintenanceService(demo_folder, lambda: TAKEN_AT).backup_now()
    assert good in str(by_backup.value) and "mathroom restore --latest" in str(by_backup.value)
    assert demo_folder.database.read_bytes() == damaged_bytes
    moved = None
    for attempt in range(2):  # every start (after Quit, too) asks again
        with pytest.raises(RecoveryNeededError) as at_start:
            open_database(demo_folder, LATER + timedelta(minutes=attempt))
        message = str(at_start.value)
        assert good in message and "mathroom restore --latest" in message
        moved = moved or at_start.value.moved_to
        assert at_start.value.set_aside == moved
    assert moved is not None and moved.read_bytes() == damaged_bytes  # kept, byte for byte
    assert not demo_folder.database.exists()

    # `make run`'s first step says so and leaves it; no demo over the damaged classroom.
    clock = FixedClock(LATER)
    assert main(["demo", "--if-empty", "--data-dir", str(demo_folder.root)], clock) == 0
    said = capsys.readouterr().out
    assert "mathroom restore --latest" in said and "no demo was made" in said
    assert not demo_folder.database.exists()
    # Every verb that needs the data says how to restore, in one plain line.
    assert (
        main(["plan", "show", "--date", "2026-11-23", "--data-dir", str(demo_folder.root)], clock)
        == 1
    )
    refused = capsys.readouterr().err
    assert refused.count("\n") == 1 and "mathroom restore --latest" in refused
    assert "Traceback" not in refused

    assert main(["restore", "--latest", "--data-dir", str(demo_folder.root)], clock) == 0
    assert good in capsys.readouterr().out
    assert student_count(demo_folder.database) == students
    open_database(demo_folder, LATER).store.close()
    assert set_aside_files(demo_folder.database) == [moved]


def test_check_agrees_with_the_start_and_names_the_backup(
    demo_folder: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    good, _students = _backed_up_then_damaged(demo_folder, "index-only")
    clock = FixedClock(LATER)
    assert main(["check", "--data-dir", str(demo_folder.root)], clock) == 1
    said = capsys.readouterr().err
    assert "missing from index" in said and good in said and "restore --latest" in said
    with pytest.raises(RecoveryNeededError):
        open_database(demo_folder, LATER)


def test_starting_empty_is_the_teachers_choice_and_keeps_everything(
    demo_folder: DataFolder, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    good, _students = _backed_up_then_damaged(demo_folder, "garbage")
    with pytest.raises(RecoveryNeededError):
        open_database(demo_folder, LATER)
    clock = FixedClock(LATER)
    with caplog.at_level(logging.WARNING):
        assert main(["restore", "--start-empty", "--data-dir", str(demo_folder.root)], clock) == 0
    assert "empty classroom" in capsys.readouterr().out
    assert "teacher's choice" in caplog.text
    opened = open_database(demo_folder, LATER)
    opened.store.close()
    assert student_count(demo_folder.database) == 0
    assert good in {b.path.name for b in list_backups(demo_folder.backups)}
    assert set_aside_files(demo_folder.database)
    # An empty classroom beside backups: `make run` still does not fill it with the demo.
    assert main(["demo", "--if-empty", "--data-dir", str(demo_folder.root)], clock) == 0
    assert "left as it is" in capsys.readouterr().out
    assert student_count(demo_folder.database) == 0


def test_a_zero_byte_file_in_a_new_folder_is_still_a_new_folder(folder: DataFolder) -> None:
    folder.database.write_bytes(b"")  # a first start that stopped before its first table
    open_database(folder, TAKEN_AT).store.close()
    assert student_count(folder.database) == 0
    assert not set_aside_files(folder.database)


def test_restoring_a_named_backup_over_a_file_that_lost_index_rows(
    demo_folder: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    good, students = _backed_up_then_damaged(demo_folder, "index-only")
    argv = ["restore", str(demo_folder.backups / good), "--data-dir", str(demo_folder.root)]
    assert main(argv, FixedClock(LATER)) == 0
    assert f"Restored {good}" in capsys.readouterr().out
    assert student_count(demo_folder.database) == students
    assert len(set_aside_files(demo_folder.database)) == 1  # the damaged file, kept


def test_restore_latest_after_starting_empty_brings_back_the_classroom_not_the_empty_one(
    demo_folder: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    good, students = _backed_up_then_damaged(demo_folder, "garbage")
    clock = FixedClock(LATER)
    assert main(["restore", "--start-empty", "--data-dir", str(demo_folder.root)], clock) == 0
    open_database(demo_folder, LATER).store.close()
    # The empty classroom's own backup is the newest one now.
    later = LATER + timedelta(hours=1)
    empty = create_backup(demo_folder.database, demo_folder.backups, BackupReason.MANUAL, later)
    assert list_backups(demo_folder.backups)[0].path == empty
    capsys.readouterr()
    assert main(["restore", "--latest", "--data-dir", str(demo_folder.root)], clock) == 0
    assert good in capsys.readouterr().out
    assert student_count(demo_folder.database) == students > 0
