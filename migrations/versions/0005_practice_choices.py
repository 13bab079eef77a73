"""Practice choices: a student's hand-set focus and sheet version for a day.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 15:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "practice_choice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("focus", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"], ["period.id"], name=op.f("fk_practice_choice_period_id_period")
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["student.id"], name=op.f("fk_practice_choice_student_id_student")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_choice")),
        sa.UniqueConstraint(
            "period_id",
            "student_id",
            "on_date",
            name=op.f("uq_practice_choice_period_id_student_id_on_date"),
        ),
    )
    with op.batch_alter_table("practice_choice") as batch:
        batch.create_index(batch.f("ix_practice_choice_period_id"), ["period_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("practice_choice") as batch:
        batch.drop_index(batch.f("ix_practice_choice_period_id"))
    op.drop_table("practice_choice")
