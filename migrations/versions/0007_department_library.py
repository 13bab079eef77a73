"""The laptop's note of which local task, unit or plan template is which department library
item, at which version (the library itself lives on the department's server).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 19:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "department_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("local_updated_at", sa.DateTime(), nullable=False),
        sa.Column("synced_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('task', 'unit', 'plan_template')", name=op.f("ck_department_link_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department_link")),
        sa.UniqueConstraint(
            "server", "kind", "local_id", name=op.f("uq_department_link_server_kind_local_id")
        ),
        sa.UniqueConstraint("server", "item_id", name=op.f("uq_department_link_server_item_id")),
    )


def downgrade() -> None:
    op.drop_table("department_link")
