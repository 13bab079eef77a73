"""Files the teacher names never replace Mathroom's data; a lock file in any bad state is
taken over (logged) unless a live Mathroom holds it; smaller messages say what is true."""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from mathroom.app import main
from mathroom.atomic_files import ProtectedFileError, write_bytes_atomically
from mathroom.clock import FixedClock
from mathroom.instance_lock import InstanceLock
from mathroom.paths import DataFolder
from mathroom.services.maintenance import MaintenanceService
from mathroom.store.backup import BackupReason, create_backup
from tests.faults.conftest import TAKEN_AT, quick_or_long

pytestmark = pytest.mark.any_date


def _protected_targets(folder: DataFolder) -> dict[str, Path]:
    backup = create_backup(folder.database, folder.backups, BackupReason.MANUAL, TAKEN_AT)
    copy_elsewhere = folder.root.parent / "usb" / "mathroom-copy.sqlite"
    copy_elsewhere.parent.mkdir()
    copy_elsewhere.write_bytes(backup.read_bytes())
    return {
        "database": folder.database,
        "backup": backup,
        "new file in backups": folder.backups / "packet.pdf",
        "a database elsewhere": copy_elsewhere,
    }


@pytest.mark.parametrize(
    "which",
    quick_or_long(["database", "backup"], ["new file in backups", "a database elsewhere"]),
)
def test_a_pdf_never_replaces_the_database_or_a_backup(demo_folder: DataFolder, which: str) -> None:
    target = _protected_targets(demo_folder)[which]
    before = target.read_bytes() if target.exists() else None
    with pytest.raises(ProtectedFileError) as info:
        write_bytes_atomically(target, b"%PDF-1.4")
    assert str(target) in str(info.value)  # the teacher's file, not a temp file
    assert (target.read_bytes() if target.exists() else None) == before


def test_packet_out_at_the_live_database_is_refused_by_the_verb(
    demo_folder: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo_folder.database.read_bytes()
    argv = ["packet", "--date", "2026-11-23", "--sections", "roster"]
    argv += ["--out", str(demo_folder.database), "--data-dir", str(demo_folder.root)]
    assert main(argv, FixedClock(TAKEN_AT)) == 1
    said = capsys.readouterr().err
    assert "Mathroom's data file" in said and "Traceback" not in said
    assert demo_folder.database.read_bytes()[:16] == before[:16] == b"SQLite format 3\0"


def test_backup_out_refuses_the_database_and_the_backups_folder(demo_folder: DataFolder) -> None:
    service = MaintenanceService(demo_folder, lambda: TAKEN_AT)
    for target in (demo_folder.database, demo_folder.backups / "mine.sqlite"):
        with pytest.raises(ProtectedFileError):
            service.backup_now(target)
    assert service.backup_now(demo_folder.root.parent / "copy.sqlite").exists()


def test_errors_name_the_teachers_file_not_the_temp_file(tmp_path: Path) -> None:
    chosen = tmp_path / "packet.pdf"
    chosen.mkdir()  # the final rename fails: a folder has the name
    with pytest.raises(IsADirectoryError) as info:
        write_bytes_atomically(chosen, b"%PDF")
    assert info.value.filename == str(chosen)
    assert not list(tmp_path.glob(".*.part"))


def _foreign_holder(path: Path, content: bytes) -> int:
    """Lock the file from another open file (as another program would) holding ``content``."""
    path.write_bytes(content)
    fd = os.open(path, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


@pytest.mark.parametrize(
    "state", quick_or_long(["empty", "garbage", "foreign"], ["dead", "unlocked-foreign"])
)
def test_a_bad_lock_file_is_taken_over_with_a_log_line(
    tmp_path: Path, state: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "mathroom.lock"
    other = subprocess.Popen(["sleep", "30"])  # a live process that is not Mathroom
    fd = None
    try:
        content = {
            "empty": b"",
            "garbage": b"\x00\xffnot a pid",
            "foreign": f"{other.pid}\n".encode(),
            "dead": b"999999999\n",
            "unlocked-foreign": f"{other.pid}\n".encode(),
        }[state]
        if state == "unlocked-foreign":
            path.write_bytes(content)
        else:
            fd = _foreign_holder(path, content)
        lock = InstanceLock(path)
        with caplog.at_level(logging.INFO):
            lock.acquire()
        assert lock.held and path.read_text().strip() == str(os.getpid())
        assert "lock file" in caplog.text
        lock.release()
    finally:
        if fd is not None:
            os.close(fd)
        other.kill()
        other.wait()


def test_newer_database_is_named_as_such_by_check(
    demo_folder: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(demo_folder.database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00d0099'")
    connection.close()
    assert main(["check", "--data-dir", str(demo_folder.root)], FixedClock(TAKEN_AT)) == 1
    said = capsys.readouterr().err
    assert "newer Mathroom" in said and "needs update" not in said
