"""Open a data folder's database at start-up: check it, back it up, migrate it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mathroom.domain.errors import MathroomError
from mathroom.paths import DataFolder
from mathroom.store.backup import (
    BackupInfo,
    BackupReason,
    DatabaseHealth,
    changed_since,
    check_health,
    create_backup,
    list_backups,
    move_aside,
    newest_good_backup,
    thin_backups,
)
from mathroom.store.engine import make_engine
from mathroom.store.migrate import MigrationOutcome, upgrade_to_head
from mathroom.store.unit_of_work import Store

log = logging.getLogger(__name__)


class DatabaseDamagedError(MathroomError):
    """The database failed its check; it was moved aside, never deleted."""

    def __init__(self, path: Path, moved_to: Path, detail: str, backup: BackupInfo | None) -> None:
        super().__init__(
            f"The data file {path.name} is damaged ({detail}). "
            f"It was moved aside to {moved_to.name}; nothing was deleted."
        )
        self.path = path
        self.moved_to = moved_to
        self.detail = detail
        self.backup = backup


@dataclass(frozen=True, slots=True)
class OpenedDatabase:
    store: Store
    migration: MigrationOutcome
    startup_backup: Path | None


def open_database(
    folder: DataFolder, now: datetime, *, script_location: Path | None = None
) -> OpenedDatabase:
    """Check, back up and migrate the folder's database, then hand back a Store.

    Raises DatabaseDamagedError (after moving the bad file aside) or a MigrationError; in
    both cases the data on disk is left safe.
    """
    folder.ensure()
    db = folder.database
    health, detail = check_health(db)
    if health is DatabaseHealth.DAMAGED:
        moved = move_aside(db, now)
        raise DatabaseDamagedError(db, moved, detail, newest_good_backup(folder.backups))
    existed = health is DatabaseHealth.OK and db.stat().st_size > 0

    engine = make_engine(db)
    try:
        migration = upgrade_to_head(
            engine, db, backups_dir=folder.backups, now=now, script_location=script_location
        )
    except BaseException:
        engine.dispose()
        raise
    startup_backup = None
    if existed and migration.backup is None and _needs_startup_backup(folder):
        startup_backup = create_backup(db, folder.backups, BackupReason.STARTUP, now)
    thin_backups(folder.backups, now)
    return OpenedDatabase(Store(engine), migration, startup_backup)


def _needs_startup_backup(folder: DataFolder) -> bool:
    backups = list_backups(folder.backups)
    return not backups or changed_since(folder.database, backups[0].path)
