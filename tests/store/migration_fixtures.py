"""Throwaway migration scripts for tests: a copy of the real ones plus an extra revision."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from mathroom import paths

FAILING = '''"""Test fixture: changes schema and data, then fails half-way."""
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    with op.batch_alter_table("student") as batch:
        batch.add_column(sa.Column("shoe_size", sa.Integer, nullable=True))
    op.execute("UPDATE student SET given_name = 'CHANGED'")
    raise RuntimeError("boom, half-way through a migration")


def downgrade() -> None:
    pass
'''

WORKING = '''"""Test fixture: a later schema version that adds a column."""
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("student") as batch:
        batch.add_column(sa.Column("shoe_size", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("student") as batch:
        batch.drop_column("shoe_size")
'''


def scripts_with_extra(tmp_path: Path, body: str, head: str) -> Path:
    """A copy of migrations/ with one more revision on top of ``head``."""
    target = tmp_path / "migrations"
    shutil.copytree(paths.migrations(), target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "versions" / "0099_fixture.py").write_text(body.replace("{head}", head))
    return target


def snapshot(db: Path) -> tuple[list[tuple[object, ...]], list[str]]:
    """Schema (sqlite_master) and every row of every table, for before/after comparisons."""
    connection = sqlite3.connect(db)
    try:
        schema = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
        ).fetchall()
        rows = [line for line in connection.iterdump() if line.startswith("INSERT")]
    finally:
        connection.close()
    return schema, rows


def revision_of(db: Path) -> str | None:
    connection = sqlite3.connect(db)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return row[0] if row else None
