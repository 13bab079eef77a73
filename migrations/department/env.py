"""Alembic environment of the department library (PostgreSQL), apart from the laptop's.

Runs only on a connection handed in by mathroom.store.department.schema; its version table
lives in the library's own schema, so nothing else in the server's database is touched.
"""

from __future__ import annotations

from alembic import context

from mathroom.store.department.server_tables import LIBRARY_SCHEMA, metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise SystemExit("The department library migrates through `mathroom library init`.")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table="alembic_version",
        version_table_schema=LIBRARY_SCHEMA,
        include_schemas=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("The department library's migrations run online only.")
run_migrations_online()
