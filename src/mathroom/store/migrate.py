"""Bring the database to the app's schema: back up, upgrade in one transaction, verify.

The schema is created and changed only here, by Alembic migrations; never ``create_all``.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mathroom import paths
from mathroom.domain.errors import MathroomError
from mathroom.store.backup import BackupReason, create_backup

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

# The newest migration's revision, so that opening an up-to-date database (every start but
# the first after an update) reads one row instead of importing Alembic (a third of a second).
# tests/store/test_migrations.py checks it against the migration scripts.
SCHEMA_HEAD = "0007"


class MigrationError(MathroomError):
    """The schema could not be brought up to date; the database was left as it was."""


class SchemaTooNewError(MigrationError):
    """The database was written by a newer Mathroom than this one."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            "This data folder was last used by a newer version of Mathroom "
            f"(schema {revision}). Install the newer version to open it; "
            "nothing was changed."
        )
        self.revision = revision


@dataclass(frozen=True, slots=True)
class MigrationOutcome:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config(script_location: Path | None = None) -> Config:
    from alembic.config import Config

    config = Config()  # no ini file at run time
    config.set_main_option("script_location", str(script_location or paths.migrations()))
    return config


def head_revision(script_location: Path | None = None) -> str:
    """The single head of the migration scripts; more than one is a packaging error."""
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config(script_location)).get_heads()
    if len(heads) != 1:
        raise MigrationError(f"The app's migrations have {len(heads)} heads; expected one.")
    return heads[0]


def is_known_revision(revision: str, script_location: Path | None = None) -> bool:
    """Whether this Mathroom's migrations know ``revision`` (an unknown one is newer)."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    scripts = ScriptDirectory.from_config(alembic_config(script_location))
    try:
        return scripts.get_revision(revision) is not None
    except CommandError:
        return False


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    if len(heads) > 1:
        raise MigrationError(f"The database records {len(heads)} schema versions; expected one.")
    return heads[0] if heads else None


def upgrade_to_head(
    engine: Engine,
    db_path: Path,
    *,
    backups_dir: Path | None,
    now: datetime,
    script_location: Path | None = None,
) -> MigrationOutcome:
    """Upgrade to the newest schema, all pending migrations in one transaction.

    An existing database is backed up first. If any migration fails, everything rolls back:
    schema, data and the recorded revision stay exactly as they were.
    """
    if script_location is None and _up_to_date(engine):
        return MigrationOutcome(SCHEMA_HEAD, SCHEMA_HEAD, None)
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from mathroom.store.engine import foreign_key_problems, set_foreign_keys

    config = alembic_config(script_location)
    scripts = ScriptDirectory.from_config(config)
    head = head_revision(script_location)
    current = current_revision(engine)
    if current is not None:
        try:
            known = scripts.get_revision(current)
        except CommandError:
            known = None
        if known is None:
            raise SchemaTooNewError(current)
    elif _has_foreign_tables(engine):
        raise MigrationError(
            f"{db_path.name} holds tables but no Mathroom schema version; "
            "it does not look like a Mathroom database. Nothing was changed."
        )
    if current == head:
        return MigrationOutcome(current, head, None)

    backup = None
    if current is not None and backups_dir is not None:
        backup = create_backup(db_path, backups_dir, BackupReason.BEFORE_MIGRATION, now)

    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        set_foreign_keys(raw, False)  # batch table rebuilds must not cascade
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                try:
                    command.upgrade(config, "head")
                except Exception as exc:
                    log.exception("migration failed; rolling back")
                    raise MigrationError(
                        f"Updating the database schema failed ({exc}); "
                        "the database was left exactly as it was."
                    ) from exc
                problems = foreign_key_problems(connection)
                if problems:
                    raise MigrationError(
                        f"The schema update broke {len(problems)} references; rolled back."
                    )
        finally:
            set_foreign_keys(raw, True)
    log.info("schema upgraded from %s to %s", current, head)
    return MigrationOutcome(current, head, backup)


def _up_to_date(engine: Engine) -> bool:
    """Whether the file already records the newest schema, read through the app's own engine
    (so the file is touched exactly as before) with one query instead of Alembic."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:  # no such table (a new or a foreign file): Alembic decides
        return False
    return len(rows) == 1 and rows[0][0] == SCHEMA_HEAD


def recorded_revision(database: Path) -> str | None:
    """The schema version a database file records (None if it records none), read with
    the sqlite3 module alone: ``mathroom check`` and every start need no Alembic for it."""
    uri = f"{database.resolve().as_uri()}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise MigrationError(f"{database.name} cannot be read ({exc}).") from exc
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError:  # no such table: a new or a foreign file
        return None
    except sqlite3.DatabaseError as exc:
        raise MigrationError(f"{database.name} cannot be read ({exc}).") from exc
    finally:
        connection.close()
    if len(rows) > 1:
        raise MigrationError(f"The database records {len(rows)} schema versions; expected one.")
    return str(rows[0][0]) if rows else None


def _has_foreign_tables(engine: Engine) -> bool:
    from sqlalchemy import inspect

    names = set(inspect(engine).get_table_names())
    return bool(names - {"alembic_version"})
