"""SQLite backups: online copy, verified, then renamed into place; listing, thinning, restore."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from mathroom.atomic_files import fault_point, fsync_folder, refuse_protected
from mathroom.domain.errors import MathroomError
from mathroom.store.backup_policy import RetentionPolicy, backups_to_keep
from mathroom.store.peek import has_rows

log = logging.getLogger(__name__)

_STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^mathroom-(\d{8}-\d{6})(?:-\d+)?-([a-z-]+)\.sqlite$")


class BackupReason(StrEnum):
    MANUAL = "manual"
    STARTUP = "startup"
    BEFORE_MIGRATION = "before-migration"
    BEFORE_IMPORT = "before-import"
    BEFORE_CHANGE = "before-change"
    BEFORE_RESTORE = "before-restore"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


class BackupError(MathroomError):
    """A backup could not be written or verified; the database itself is untouched."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size_bytes: int


class DatabaseHealth(StrEnum):
    OK = "ok"
    MISSING = "missing"
    DAMAGED = "damaged"


def sidecar_files(db_path: Path) -> list[Path]:
    """SQLite's companions of a database file (WAL and shared memory)."""
    return [db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def check_health(db_path: Path, *, thorough: bool = False) -> tuple[DatabaseHealth, str]:
    """Run ``quick_check`` (or ``integrity_check``) on a file; never raises for bad files."""
    if not db_path.exists():
        return DatabaseHealth.MISSING, "no database file"
    if db_path.stat().st_size == 0:
        # Never a database a teacher worked in: SQLite writes its header with the first table.
        return DatabaseHealth.DAMAGED, "the file is empty (0 bytes)"
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        connection = sqlite3.connect(db_path)
        try:
            rows = connection.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return DatabaseHealth.DAMAGED, str(exc)
    except OSError as exc:  # unreadable (permissions, a folder in its place)
        return DatabaseHealth.DAMAGED, exc.strerror or str(exc)
    verdict = "; ".join(str(row[0]) for row in rows[:5])
    if verdict == "ok":
        return DatabaseHealth.OK, "ok"
    return DatabaseHealth.DAMAGED, verdict


def database_fingerprint(db_path: Path) -> str:
    """A digest of the database file and its WAL as they are on disk: equal digests mean
    nothing was written in between. Content, not file times, so no clock is read."""
    digest = hashlib.sha256()
    for part in (db_path, *sidecar_files(db_path)[:1]):
        if part.exists():
            with open(part, "rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


def _source_note(backup: Path) -> Path:
    return backup.with_name(backup.name + ".source")


def create_backup(
    db_path: Path,
    backups_dir: Path,
    reason: BackupReason,
    now: datetime,
    *,
    out: Path | None = None,
) -> Path:
    """Copy the live database with SQLite's backup API, verify the copy, then rename it in.

    Safe while the app has the database open. The copy is checked with ``integrity_check``
    before it gets its final name, so a backup under a real name is always a good one.
    """
    if out is not None:
        refuse_protected(out, database_copy=True)  # never over the live file or its backups
    target = out if out is not None else _unused_backup_path(backups_dir, now, reason)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".backup-", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise BackupError(f"Could not write {target}: {exc.strerror or exc}.") from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        source = sqlite3.connect(db_path)
        try:
            copy = sqlite3.connect(temp)
            try:
                source.backup(copy)
                verdict = copy.execute("PRAGMA integrity_check").fetchone()
                copy.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            finally:
                copy.close()
        finally:
            source.close()
        if verdict is None or verdict[0] != "ok":
            raise BackupError(f"The backup copy failed its integrity check ({verdict}).")
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        # What the live database looked like when copied: the start-up check compares with it.
        # Noted after the rename: a backup without its note only costs one extra backup.
        fingerprint = database_fingerprint(db_path)
        fault_point("backup:copied")
        os.replace(temp, target)
        fault_point("backup:renamed")
        _source_note(target).write_text(fingerprint, encoding="ascii")
        fsync_folder(target.parent)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Could not back up {db_path.name} to {target}: {exc}") from exc
    except OSError as exc:  # the disk, not the database: about the file the copy was for
        raise BackupError(f"Could not write {target}: {exc.strerror or exc}.") from exc
    finally:
        for leftover in (temp, *sidecar_files(temp)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    log.info("backup written: %s", target.name)
    return target


def _unused_backup_path(backups_dir: Path, now: datetime, reason: BackupReason) -> Path:
    """Two backups in the same second get -1, -2... instead of overwriting each other."""
    stamp = now.strftime(_STAMP_FORMAT)
    for n in range(1000):
        counter = f"-{n}" if n else ""
        candidate = backups_dir / f"mathroom-{stamp}{counter}-{reason.value}.sqlite"
        if not candidate.exists():
            return candidate
    raise BackupError(f"Too many backups taken at {stamp}.")


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """Backups in the folder, newest first. Files not named by us are ignored."""
    if not backups_dir.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in backups_dir.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        taken_at = datetime.strptime(match.group(1), _STAMP_FORMAT)
        found.append(BackupInfo(path, taken_at, match.group(2), path.stat().st_size))
    found.sort(key=lambda info: (info.taken_at, info.path.name), reverse=True)
    return found


def thin_backups(
    backups_dir: Path, now: datetime, policy: RetentionPolicy | None = None
) -> list[Path]:
    """Delete backups the retention policy no longer keeps; returns what was removed.

    A clock earlier than the newest backup is wrong now or was wrong then: nothing is
    deleted until it is past that backup again (logged), so a clock mistake costs disk
    space, never the restore history.
    """
    backups = list_backups(backups_dir)
    if backups and now < backups[0].taken_at:
        log.warning(
            "backup thinning suspended: the clock (%s) is earlier than the newest backup %s",
            now.isoformat(" ", "seconds"),
            backups[0].path.name,
        )
        return []
    keep = backups_to_keep([b.taken_at for b in backups], now, policy)
    removed: list[Path] = []
    for info in backups:
        if info.taken_at not in keep:
            info.path.unlink(missing_ok=True)
            _source_note(info.path).unlink(missing_ok=True)
            removed.append(info.path)
    if removed:
        log.info("thinned %d old backups, kept %d", len(removed), len(backups) - len(removed))
    return removed


def newest_good_backup(backups_dir: Path) -> BackupInfo | None:
    """The newest backup that passes ``integrity_check`` (the check a restore makes) and
    holds students; the newest good one when none does.

    After "start empty" the empty classroom is backed up too; the teacher who then asks for
    the latest backup wants the classroom they lost, not that empty one.
    """
    first_good: BackupInfo | None = None
    for info in list_backups(backups_dir):
        if check_health(info.path, thorough=True)[0] is not DatabaseHealth.OK:
            continue
        if has_rows(info.path, "student"):
            return info
        first_good = first_good or info
    return first_good


def set_aside_files(db_path: Path) -> list[Path]:
    """Damaged databases moved aside earlier (``*.corrupt-<time>``), newest name first."""
    if not db_path.parent.is_dir():
        return []
    found = db_path.parent.glob(f"{db_path.name}.corrupt-*")
    return sorted((p for p in found if _ASIDE.match(p.name)), reverse=True)


_ASIDE = re.compile(r"^.+\.corrupt-\d{8}-\d{6}(?:-\d+)?$")


def move_aside(db_path: Path, now: datetime) -> Path:
    """Rename a damaged database (and its WAL files) to ``*.corrupt-<time>``; never delete."""
    stamp = now.strftime(_STAMP_FORMAT)
    moved = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    for n in range(1, 1000):  # a second damage in the same second keeps the first file
        if not moved.exists():
            break
        stamp = f"{now.strftime(_STAMP_FORMAT)}-{n}"
        moved = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    os.replace(db_path, moved)
    for sidecar in sidecar_files(db_path):
        if sidecar.exists():
            os.replace(sidecar, sidecar.with_name(f"{sidecar.name}.corrupt-{stamp}"))
    fsync_folder(db_path.parent)
    log.warning("damaged database moved aside to %s", moved.name)
    return moved


def restore_backup(backup: Path, db_path: Path, backups_dir: Path, now: datetime) -> Path | None:
    """Put a backup in place of the database, backing up the current file first.

    The caller must have closed every connection. Returns the safety backup of the file
    that was replaced (None when there was no healthy file to keep).
    """
    health, detail = check_health(backup, thorough=True)
    if health is not DatabaseHealth.OK:
        raise BackupError(f"{backup.name} is not a usable backup ({detail}).")
    safety: Path | None = None
    # The full check: a file that lost index rows passes the quick one, and its safety backup
    # would then fail verification and stop the restore that would mend it.
    if check_health(db_path, thorough=True)[0] is DatabaseHealth.OK:
        safety = create_backup(db_path, backups_dir, BackupReason.BEFORE_RESTORE, now)
    elif db_path.exists():
        move_aside(db_path, now)
    fd, temp_name = tempfile.mkstemp(prefix=".restore-", suffix=".part", dir=db_path.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        shutil.copyfile(backup, temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        # A WAL left beside the old file would be replayed into the restored one.
        fault_point("restore:copied")
        for sidecar in sidecar_files(db_path):
            sidecar.unlink(missing_ok=True)
        os.replace(temp, db_path)
        fsync_folder(db_path.parent)
    finally:
        temp.unlink(missing_ok=True)
    log.info("restored %s", backup.name)
    return safety


def changed_since(db_path: Path, backup: Path) -> bool:
    """Whether the database (or its WAL) differs from what it was when ``backup`` was taken.

    Compared by content (see ``database_fingerprint``), never by clock or file times: the
    app's clock may be set to another day (tests, ``MATHROOM_TODAY``). A backup without its
    note (made by an older Mathroom) counts as changed, so a fresh backup is taken.
    """
    if not db_path.exists():
        return False
    note = _source_note(backup)
    if not backup.exists() or not note.exists():
        return True
    return note.read_text(encoding="ascii").strip() != database_fingerprint(db_path)
