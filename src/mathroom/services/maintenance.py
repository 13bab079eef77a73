"""Backups, restore and health checks for one data folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mathroom.domain.errors import MathroomError
from mathroom.paths import DataFolder
from mathroom.store.backup import (
    BackupInfo,
    BackupReason,
    DatabaseHealth,
    check_health,
    create_backup,
    list_backups,
    restore_backup,
    thin_backups,
)
from mathroom.store.backup import newest_good_backup as _newest_good_backup
from mathroom.store.migrate import SCHEMA_HEAD, MigrationError, is_known_revision, recorded_revision
from mathroom.store.opening import check_openable, start_empty


@dataclass(frozen=True, slots=True)
class BackupEntry:
    path: Path
    taken_at: datetime
    reason: str
    size_bytes: int

    @property
    def reason_label(self) -> str:
        return self.reason.replace("-", " ").capitalize()


@dataclass(frozen=True, slots=True)
class CheckReport:
    database: Path
    health: str
    detail: str
    revision: str | None
    head: str
    newer: bool = False  # written by a newer Mathroom than this one

    @property
    def ok(self) -> bool:
        return self.health == DatabaseHealth.OK.value and self.revision == self.head

    def lines(self) -> list[str]:
        if self.revision == self.head:
            state = "up to date"
        elif self.newer:
            state = "written by a newer Mathroom; install that version to open it"
        elif self.health != DatabaseHealth.OK.value:
            state = "not read: the file is missing or damaged"
        else:
            state = "needs update"
        return [
            f"database: {self.database}",
            f"integrity: {self.detail}",
            f"schema: {self.revision or 'none'} (app: {self.head}, {state})",
        ]


def _entry(info: BackupInfo) -> BackupEntry:
    return BackupEntry(info.path, info.taken_at, info.reason, info.size_bytes)


class MaintenanceService:
    def __init__(self, folder: DataFolder, now: Callable[[], datetime]) -> None:
        self._folder = folder
        self._now = now

    @property
    def folder(self) -> DataFolder:
        return self._folder

    def backup_now(self, out: Path | None = None) -> Path:
        """A verified copy of the live database, in the backups folder or at ``out``.

        A damaged or missing database raises the same RecoveryNeededError as a start, with
        the same offer; the file itself is moved aside by the next start (the window may
        have it open now)."""
        now = self._now()
        check_openable(self._folder, now, move_damaged=False)
        if not self._folder.database.exists():
            raise MathroomError(f"There is no readable database at {self._folder.database} yet.")
        path = create_backup(
            self._folder.database, self._folder.backups, BackupReason.MANUAL, now, out=out
        )
        if out is None:
            thin_backups(self._folder.backups, now)
        return path

    def backups(self) -> list[BackupEntry]:
        return [_entry(info) for info in list_backups(self._folder.backups)]

    def newest_good_backup(self) -> BackupEntry | None:
        """The newest backup that passes ``integrity_check``: what ``--latest`` restores."""
        info = _newest_good_backup(self._folder.backups)
        return None if info is None else _entry(info)

    def start_empty(self) -> None:
        """Start over with an empty database; a damaged one is kept aside, backups stay."""
        start_empty(self._folder, self._now())

    def restore(self, backup: Path) -> Path | None:
        """Replace the database with a backup (every connection must be closed first)."""
        return restore_backup(backup, self._folder.database, self._folder.backups, self._now())

    def check(self) -> CheckReport:
        """Integrity and schema version, without changing anything."""
        db = self._folder.database
        health, detail = check_health(db, thorough=True)
        revision = None
        if health is DatabaseHealth.OK and db.stat().st_size > 0:
            try:
                revision = recorded_revision(db)
            except MigrationError as exc:
                detail = str(exc)
        # Alembic is asked only about a revision this Mathroom does not record as its own.
        newer = revision not in (None, SCHEMA_HEAD) and not is_known_revision(revision)
        return CheckReport(db, health.value, detail, revision, SCHEMA_HEAD, newer)
