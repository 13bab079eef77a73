"""The SQLite engine: every PRAGMA and the pysqlite transaction workaround, in one place."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import NullPool


def database_url(path: Path) -> URL:
    """The file as a URL object, never a string: a folder named "Period #3?" would
    otherwise be read as a URL's fragment or query and open the wrong file."""
    return URL.create("sqlite+pysqlite", database=str(path))


def make_engine(path: Path) -> Engine:
    """An engine for the database file at ``path`` with the app's connection settings.

    Python's sqlite3 module would otherwise run DDL outside any transaction, so a migration
    that fails half-way could leave a half-migrated schema. Following SQLAlchemy's documented
    workaround, the driver's own transaction handling is switched off and ``BEGIN`` is
    emitted by us, so DDL and DML share one real transaction.
    """
    # NullPool: a desktop app has one user; closing really closes the file (no -wal left).
    engine = create_engine(database_url(path), poolclass=NullPool)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver stops emitting BEGIN itself
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def set_foreign_keys(dbapi_connection: Any, enabled: bool) -> None:
    """Switch FK enforcement; only effective outside a transaction (SQLite's rule).

    Migrations rebuild tables in batch mode, which must not cascade through foreign keys;
    they run with enforcement off and check the keys with ``PRAGMA foreign_key_check``.
    """
    dbapi_connection.execute(f"PRAGMA foreign_keys={'ON' if enabled else 'OFF'}")


def foreign_key_problems(connection: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in connection.exec_driver_sql("PRAGMA foreign_key_check")]
