"""Alembic environment: runs on a connection handed in by mathroom.store.migrate.

No logging.config.fileConfig here: there is no ini file at run time, and it would reset the
app's logging. The alembic CLI (alembic.ini at the repository root) also works.
"""

from __future__ import annotations

from pathlib import Path

from alembic import context
from sqlalchemy.engine import Connection

from mathroom.store import tables  # noqa: F401  (registers every table on Base.metadata)
from mathroom.store.base import Base
from mathroom.store.engine import make_engine

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only ALTER by rebuilding tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or ""
    engine = make_engine(Path(url.removeprefix("sqlite+pysqlite:///").removeprefix("sqlite:///")))
    try:
        with engine.connect() as new_connection:
            _run(new_connection)
            new_connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Mathroom migrations run online only (on a live SQLite file).")
run_migrations_online()
