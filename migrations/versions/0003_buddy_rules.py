"""Buddy rules: a student who needs at least one named classmate in their group.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 14:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("grouping_constraint") as batch:
        batch.drop_constraint(op.f("ck_grouping_constraint_kind"), type_="check")
        batch.create_check_constraint("kind", "kind IN ('keep_apart', 'keep_together', 'buddy')")


def downgrade() -> None:
    op.execute("DELETE FROM grouping_constraint WHERE kind = 'buddy'")
    with op.batch_alter_table("grouping_constraint") as batch:
        batch.drop_constraint(op.f("ck_grouping_constraint_kind"), type_="check")
        batch.create_check_constraint("kind", "kind IN ('keep_apart', 'keep_together')")
