"""Quick looks into a database file with the sqlite3 module alone, for what every start and
``mathroom check`` need before (or without) the ORM: no SQLAlchemy import, read-only."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def student_numbers_present(database: Path, numbers: list[str]) -> int:
    """How many of ``numbers`` the database's students have (0 when it cannot be read)."""
    if not numbers or not database.is_file() or database.stat().st_size == 0:
        return 0
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    try:
        marks = ",".join("?" * len(numbers))
        query = f"SELECT count(*) FROM student WHERE student_number IN ({marks})"
        return int(connection.execute(query, numbers).fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        connection.close()


def has_rows(database: Path, table: str) -> bool:
    """Whether ``table`` holds any row (False when the file or the table cannot be read)."""
    if not table.isidentifier() or not database.is_file():
        return False
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        connection.close()
