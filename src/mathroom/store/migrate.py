"""Bring the database to the app's schema: back up, upgrade in one transaction, verify.

The schema is created and changed only here, by Alembic migrations; never ``create_all``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, inspect

from mathroom import paths
from mathroom.domain.errors import MathroomError
from mathroom.store.backup import BackupReason, create_backup
from mathroom.store.engine import foreign_key_problems, set_foreign_keys

log = logging.getLogger(__name__)


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
    config = Config()  # no ini file at run time
    config.set_main_option("script_location", str(script_location or paths.migrations()))
    return config


def head_revision(script_location: Path | None = None) -> str:
    """The single head of the migration scripts; more than one is a packaging error."""
    heads = ScriptDirectory.from_config(alembic_config(script_location)).get_heads()
    if len(heads) != 1:
        raise MigrationError(f"The app's migrations have {len(heads)} heads; expected one.")
    return heads[0]


def is_known_revision(revision: str, script_location: Path | None = None) -> bool:
    """Whether this Mathroom's migrations know ``revision`` (an unknown one is newer)."""
    scripts = ScriptDirectory.from_config(alembic_config(script_location))
    try:
        return scripts.get_revision(revision) is not None
    except CommandError:
        return False


def current_revision(engine: Engine) -> str | None:
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


def _has_foreign_tables(engine: Engine) -> bool:
    names = set(inspect(engine).get_table_names())
    return bool(names - {"alembic_version"})
