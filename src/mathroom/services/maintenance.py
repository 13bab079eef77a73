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
from mathroom.store.migrate import SCHEMA_HEAD, MigrationError, recorded_revision


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

    @property
    def ok(self) -> bool:
        return self.health == DatabaseHealth.OK.value and self.revision == self.head

    def lines(self) -> list[str]:
        state = "up to date" if self.revision == self.head else "needs update"
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
        """A verified copy of the live database, in the backups folder or at ``out``."""
        if check_health(self._folder.database)[0] is not DatabaseHealth.OK:
            raise MathroomError(f"There is no readable database at {self._folder.database}.")
        now = self._now()
        path = create_backup(
            self._folder.database, self._folder.backups, BackupReason.MANUAL, now, out=out
        )
        if out is None:
            thin_backups(self._folder.backups, now)
        return path

    def backups(self) -> list[BackupEntry]:
        return [_entry(info) for info in list_backups(self._folder.backups)]

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
        return CheckReport(db, health.value, detail, revision, SCHEMA_HEAD)
