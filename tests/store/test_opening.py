"""Start-up: quick_check, damaged files moved aside, backups when the data changed."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta

import pytest

from mathroom.paths import DataFolder
from mathroom.store.backup import BackupReason, create_backup, list_backups
from mathroom.store.opening import DatabaseDamagedError, open_database

# Backup mechanics only: when the copy was taken is a name, not a calendar decision.
TAKEN_AT = datetime(2026, 11, 23, 7, 0, 0)


def test_new_folder_gets_a_migrated_database_and_no_backup(folder: DataFolder) -> None:
    opened = open_database(folder, TAKEN_AT)
    opened.store.close()
    assert folder.database.exists()
    assert opened.migration.from_revision is None
    assert list_backups(folder.backups) == []


def test_garbage_file_is_moved_aside_and_the_newest_good_backup_offered(
    demo_folder: DataFolder,
) -> None:
    older = create_backup(
        demo_folder.database,
        demo_folder.backups,
        BackupReason.STARTUP,
        TAKEN_AT - timedelta(days=2),
    )
    newest = create_backup(
        demo_folder.database,
        demo_folder.backups,
        BackupReason.STARTUP,
        TAKEN_AT - timedelta(days=1),
    )
    newest_bad = demo_folder.backups / "mathroom-20261123-060000-manual.sqlite"
    newest_bad.write_bytes(b"\x00" * 4096)  # a damaged backup is skipped, not offered
    garbage = os.urandom(8192)
    demo_folder.database.write_bytes(garbage)

    with pytest.raises(DatabaseDamagedError) as info:
        open_database(demo_folder, TAKEN_AT)
    damaged = info.value
    assert not demo_folder.database.exists()
    assert damaged.moved_to.name == "mathroom.sqlite.corrupt-20261123-070000"
    assert damaged.moved_to.read_bytes() == garbage  # kept, never deleted
    assert damaged.backup is not None and damaged.backup.path == newest
    assert older.exists()
    assert "moved aside" in str(damaged)


def test_startup_backup_only_when_data_changed(demo_folder: DataFolder) -> None:
    opened = open_database(demo_folder, TAKEN_AT)
    opened.store.close()
    assert opened.startup_backup is not None  # no backup yet: take one

    again = open_database(demo_folder, TAKEN_AT + timedelta(hours=1))
    again.store.close()
    assert again.startup_backup is None  # nothing written since that backup

    with sqlite3.connect(demo_folder.database) as connection:  # a change, as the app makes
        connection.execute("UPDATE period SET name = name || ' ' WHERE id = 1")
    third = open_database(demo_folder, TAKEN_AT + timedelta(hours=3))
    third.store.close()
    assert third.startup_backup is not None


def test_the_apps_day_does_not_decide_whether_the_data_changed(demo_folder: DataFolder) -> None:
    """The app's clock may be years away from the files' (MATHROOM_TODAY, tests): an unchanged
    database takes no new backup, whatever day the app thinks it is."""
    first = open_database(demo_folder, TAKEN_AT)
    first.store.close()
    assert first.startup_backup is not None
    for moment in (TAKEN_AT - timedelta(days=900), TAKEN_AT + timedelta(days=900)):
        reopened = open_database(demo_folder, moment)
        reopened.store.close()
        assert reopened.startup_backup is None
