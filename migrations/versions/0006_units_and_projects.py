"""Units of skills and tasks, each period's unit, and multi-day projects' milestones and rubric.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 13:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("task") as batch:
        batch.add_column(sa.Column("milestones", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("rubric", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=True),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("weeks BETWEEN 1 AND 12", name=op.f("ck_unit_weeks_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("slug", name=op.f("uq_unit_slug")),
    )
    op.create_table(
        "unit_skill",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_unit_skill_unit_id_unit")),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skill.id"], name=op.f("fk_unit_skill_skill_id_skill")
        ),
        sa.PrimaryKeyConstraint("unit_id", "skill_id", name=op.f("pk_unit_skill")),
    )
    op.create_table(
        "unit_task",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_unit_task_unit_id_unit")),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], name=op.f("fk_unit_task_task_id_task")),
        sa.PrimaryKeyConstraint("unit_id", "task_id", name=op.f("pk_unit_task")),
    )
    op.create_table(
        "period_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"], ["period.id"], name=op.f("fk_period_unit_period_id_period")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_period_unit_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_unit")),
        sa.UniqueConstraint(
            "period_id", "starts_on", name=op.f("uq_period_unit_period_id_starts_on")
        ),
    )
    with op.batch_alter_table("period_unit") as batch:
        batch.create_index(batch.f("ix_period_unit_period_id"), ["period_id"], unique=False)
        batch.create_index(batch.f("ix_period_unit_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("period_unit") as batch:
        batch.drop_index(batch.f("ix_period_unit_unit_id"))
        batch.drop_index(batch.f("ix_period_unit_period_id"))
    op.drop_table("period_unit")
    op.drop_table("unit_task")
    op.drop_table("unit_skill")
    op.drop_table("unit")
    with op.batch_alter_table("task") as batch:
        batch.drop_column("rubric")
        batch.drop_column("milestones")
