"""Backups: verified copies, renamed into place; restore backs up first; thinning."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mathroom.paths import DataFolder
from mathroom.store.backup import (
    BackupError,
    BackupReason,
    DatabaseHealth,
    check_health,
    create_backup,
    list_backups,
    restore_backup,
    thin_backups,
)
from mathroom.store.backup_policy import RetentionPolicy
from tests.store.migration_fixtures import snapshot

# Backup mechanics only: when the copy was taken is a name, not a calendar decision.
TAKEN_AT = datetime(2026, 11, 23, 7, 0, 0)


def count_students(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return int(connection.execute("SELECT count(*) FROM student").fetchone()[0])
    finally:
        connection.close()


def test_backup_is_a_verified_standalone_copy(demo_folder: DataFolder) -> None:
    path = create_backup(demo_folder.database, demo_folder.backups, BackupReason.MANUAL, TAKEN_AT)
    assert path.name == "mathroom-20261123-070000-manual.sqlite"
    assert check_health(path, thorough=True)[0] is DatabaseHealth.OK
    assert snapshot(path) == snapshot(demo_folder.database)
    # No temp file left; beside the copy, only the note of what it was copied from.
    assert sorted(p.name for p in demo_folder.backups.iterdir()) == [
        path.name,
        f"{path.name}.source",
    ]


def test_two_backups_in_one_second_do_not_overwrite(demo_folder: DataFolder) -> None:
    first = create_backup(demo_folder.database, demo_folder.backups, BackupReason.MANUAL, TAKEN_AT)
    second = create_backup(demo_folder.database, demo_folder.backups, BackupReason.MANUAL, TAKEN_AT)
    assert first != second
    assert len(list_backups(demo_folder.backups)) == 2


def test_backup_of_a_damaged_file_fails_cleanly(folder: DataFolder) -> None:
    folder.database.write_bytes(b"this is not a database" * 100)
    with pytest.raises(BackupError):
        create_backup(folder.database, folder.backups, BackupReason.MANUAL, TAKEN_AT)
    assert list(folder.backups.iterdir()) == []


def test_restore_backs_up_the_current_file_first(demo_folder: DataFolder) -> None:
    db = demo_folder.database
    backup = create_backup(db, demo_folder.backups, BackupReason.MANUAL, TAKEN_AT)
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute("DELETE FROM student")
    connection.commit()
    connection.close()
    assert count_students(db) == 0

    later = TAKEN_AT + timedelta(minutes=5)
    safety = restore_backup(backup, db, demo_folder.backups, later)
    assert count_students(db) == 65
    assert safety is not None and count_students(safety) == 0  # the undo is kept
    assert {b.reason for b in list_backups(demo_folder.backups)} == {"manual", "before-restore"}


def test_restore_refuses_a_bad_backup(demo_folder: DataFolder) -> None:
    bad = demo_folder.backups / "mathroom-20261101-080000-manual.sqlite"
    bad.write_bytes(b"garbage" * 500)
    before = snapshot(demo_folder.database)
    with pytest.raises(BackupError, match="not a usable backup"):
        restore_backup(bad, demo_folder.database, demo_folder.backups, TAKEN_AT)
    assert snapshot(demo_folder.database) == before


def test_thinning_removes_old_duplicates_only(migrated_folder: DataFolder) -> None:
    db = migrated_folder.database
    days_ago = [0, 1, 1, 2, 40, 41, 200]
    for n, days in enumerate(days_ago):
        create_backup(
            db,
            migrated_folder.backups,
            BackupReason.STARTUP,
            TAKEN_AT - timedelta(days=days, minutes=n),
        )
    # Fewer than the newest ten are always kept: here the dates alone decide.
    removed = thin_backups(migrated_folder.backups, TAKEN_AT, RetentionPolicy(keep_newest=1))
    kept = [b.taken_at for b in list_backups(migrated_folder.backups)]
    assert len(removed) == 2  # a second one on day 1, and day 41 shares a month with day 40
    assert len(kept) == 5
    assert max(kept) == TAKEN_AT
