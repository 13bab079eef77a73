"""Open a data folder's database at start-up: check it, back it up, migrate it.

Damage of every kind (a failed ``integrity_check``, a truncated, empty or garbage file, a
database that isn't Mathroom's) is caught by the one check here, which every verb and the
window go through: the file is moved aside, never deleted, and the newest good backup is
offered until the teacher restores it or says to start empty.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

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
    set_aside_files,
    thin_backups,
)
from mathroom.store.migrate import MigrationOutcome, upgrade_to_head

if TYPE_CHECKING:
    from mathroom.store.unit_of_work import Store

log = logging.getLogger(__name__)

RESTORE_LATEST = "mathroom restore --latest"
START_EMPTY = "mathroom restore --start-empty"


def describe_backup(backup: BackupInfo) -> str:
    """A backup as the teacher picks it: its file name and when it was taken."""
    when = f"{backup.taken_at:%A, %B} {backup.taken_at.day}, {backup.taken_at:%Y at %H:%M}"
    return f"{backup.path.name} (taken {when})"


class RecoveryNeededError(MathroomError):
    """The database is damaged or gone while the folder holds backups or a damaged file set
    aside: nothing opens until the teacher restores a backup or says to start empty."""

    def __init__(
        self,
        path: Path,
        detail: str,
        backup: BackupInfo | None,
        *,
        moved_to: Path | None = None,
        set_aside: Path | None = None,
    ) -> None:
        self.path = path
        self.detail = detail
        self.backup = backup
        self.moved_to = moved_to
        self.set_aside = moved_to or set_aside
        super().__init__(" ".join(self.lines()))

    def lines(self) -> list[str]:
        """The explanation, one sentence a line (the window shows them as paragraphs)."""
        lines = []
        if self.moved_to is not None:
            lines.append(
                f"The data file {self.path.name} is damaged: {self.detail}. It was moved "
                f"aside to {self.moved_to.name}; nothing was deleted."
            )
        else:
            aside = f" (a damaged copy is kept as {self.set_aside.name})" if self.set_aside else ""
            lines.append(f"The data file {self.path.name} is {self.detail}{aside}.")
        if self.backup is not None:
            lines.append(
                f"The newest good backup is {describe_backup(self.backup)}. "
                f"To restore it: {RESTORE_LATEST}"
            )
        else:
            lines.append(
                f"No backup passes its integrity check. To start with an empty classroom: "
                f"{START_EMPTY}"
            )
        return lines


class DatabaseDamagedError(RecoveryNeededError):
    """The database failed its check; it was moved aside, never deleted."""

    moved_to: Path

    def __init__(self, path: Path, moved_to: Path, detail: str, backup: BackupInfo | None) -> None:
        super().__init__(path, detail, backup, moved_to=moved_to)


@dataclass(frozen=True, slots=True)
class OpenedDatabase:
    store: Store
    migration: MigrationOutcome
    startup_backup: Path | None


def open_database(
    folder: DataFolder, now: datetime, *, script_location: Path | None = None
) -> OpenedDatabase:
    """Check, back up and migrate the folder's database, then hand back a Store.

    Raises RecoveryNeededError (after moving a bad file aside) or a MigrationError; in
    both cases the data on disk is left safe.
    """
    # Here, not at the top: `mathroom check` and `backup` use this module without SQLAlchemy.
    from mathroom.store.engine import make_engine
    from mathroom.store.unit_of_work import Store

    folder.ensure()
    remove_leftover_parts(folder)
    check_openable(folder, now)
    db = folder.database
    existed = db.exists() and db.stat().st_size > 0

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


def check_openable(folder: DataFolder, now: datetime, *, move_damaged: bool = True) -> None:
    """Raise RecoveryNeededError unless the database is sound or the folder is new.

    A damaged file is moved aside first, unless ``move_damaged`` is False: a backup taken
    without the folder's lock may run beside the open window, whose file must stay put.
    ``integrity_check``, not ``quick_check``: a file whose indexes lost rows passes the
    quick one and shows a class with students missing.
    """
    db = folder.database
    health, detail = check_health(db, thorough=True)
    if health is DatabaseHealth.OK:
        detail = _not_mathroom(db) or ""
        health = DatabaseHealth.DAMAGED if detail else health
    if health is DatabaseHealth.OK:
        return
    history = bool(list_backups(folder.backups) or set_aside_files(db))
    if health is DatabaseHealth.DAMAGED:
        if not history and db.stat().st_size == 0:
            return  # a start that stopped before its first table: a new folder still
        backup = newest_good_backup(folder.backups)
        if not move_damaged:
            raise RecoveryNeededError(db, f"damaged ({detail})", backup)
        moved = move_aside(db, now)
        raise DatabaseDamagedError(db, moved, detail, backup)
    if history:
        aside = set_aside_files(db)
        log.warning("data file missing while the folder holds backups or a damaged copy")
        raise RecoveryNeededError(
            db,
            "missing",
            newest_good_backup(folder.backups),
            set_aside=aside[0] if aside else None,
        )


def _not_mathroom(db: Path) -> str | None:
    """Why a sound SQLite file is not a Mathroom database (None when it is one or is new)."""
    try:
        with contextlib.closing(
            sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        ) as connection:
            names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if names and "alembic_version" not in names:
        return "it holds tables but is not a Mathroom database"
    return None


def start_empty(folder: DataFolder, now: datetime) -> None:
    """The teacher's choice to start over: a damaged file is moved aside (kept), then an
    empty database made. Backups stay; a sound database is never replaced."""
    folder.ensure()
    db = folder.database
    if db.exists():
        health, _detail = check_health(db, thorough=True)
        if health is DatabaseHealth.OK and not _not_mathroom(db):
            raise MathroomError(
                f"{db.name} is readable; there is nothing to start over from. "
                "To go back to a backup: mathroom restore FILE"
            )
        move_aside(db, now)
    from mathroom.store.engine import make_engine

    engine = make_engine(db)
    try:
        upgrade_to_head(engine, db, backups_dir=None, now=now)
    finally:
        engine.dispose()
    log.warning("started with an empty classroom at the teacher's choice; backups kept")


def remove_leftover_parts(folder: DataFolder) -> list[Path]:
    """Delete temp files a killed backup, restore or export left in the folders Mathroom
    owns (``.something.part``); each is logged. Call only while holding the folder's lock."""
    removed: list[Path] = []
    for place in (folder.root, folder.backups, folder.exports):
        if not place.is_dir():
            continue
        found = [*place.glob(".*.part"), *place.glob(".*.part-wal"), *place.glob(".*.part-shm")]
        for leftover in [*found, *place.glob(".*.part-journal")]:
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed.append(leftover)
                log.warning("removed %s, left by an interrupted write", leftover)
    return removed


def _needs_startup_backup(folder: DataFolder) -> bool:
    backups = list_backups(folder.backups)
    return not backups or changed_since(folder.database, backups[0].path)
