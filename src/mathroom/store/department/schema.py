"""Create or upgrade the department library on its server: schema, policies, grants.

Run by the department lead (a role that owns the database and may create roles), once and
after every Mathroom upgrade. Safe to run again: migrations already applied are skipped and
memberships already granted stay as they are. All of it is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from mathroom import paths
from mathroom.domain.errors import MathroomError
from mathroom.store.department.server import ServerAddress, connect
from mathroom.store.department.server_tables import LIBRARY_SCHEMA


class LibrarySetupError(MathroomError):
    """The library could not be created or upgraded; the server was left as it was."""


@dataclass(frozen=True, slots=True)
class LibrarySetup:
    from_revision: str | None
    to_revision: str
    teachers_added: tuple[str, ...]
    leads_added: tuple[str, ...]


def migrations_folder() -> Path:
    return paths.migrations() / "department"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    return config


def head_revision() -> str:
    heads = ScriptDirectory.from_config(_config()).get_heads()
    if len(heads) != 1:
        raise LibrarySetupError(f"The library's migrations have {len(heads)} heads; expected one.")
    return heads[0]


def schema_revision(connection: Connection) -> str | None:
    """The library's schema version on the server, or None before `library init`."""
    context = MigrationContext.configure(connection, opts={"version_table_schema": LIBRARY_SCHEMA})
    heads = context.get_current_heads()
    return heads[0] if heads else None


def init_library(
    address: ServerAddress, *, teachers: Iterable[str] = (), leads: Iterable[str] = ()
) -> LibrarySetup:
    """Bring the library's schema to head and make ``teachers``/``leads`` (existing login
    roles) members of the department's group roles, in one transaction."""
    with connect(address) as connection:
        try:
            with connection.begin():
                connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {LIBRARY_SCHEMA}"))
                before = schema_revision(connection)
                config = _config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                added_teachers = _grant(connection, address.teacher_role, teachers)
                added_leads = _grant(connection, address.lead_role, leads)
        except DBAPIError as exc:
            detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise LibrarySetupError(
                f"Setting up the library failed ({detail}); the server was left as it was."
            ) from exc
    return LibrarySetup(before, head_revision(), added_teachers, added_leads)


def _grant(connection: Connection, group: str, members: Iterable[str]) -> tuple[str, ...]:
    added = []
    for member in members:
        already = connection.execute(
            text("SELECT pg_has_role(:member, :group, 'MEMBER')"),
            {"member": member, "group": group},
        ).scalar_one()
        if not already:
            quoted = connection.dialect.identifier_preparer.quote
            connection.execute(text(f"GRANT {quoted(group)} TO {quoted(member)}"))
            added.append(member)
    return tuple(added)
