"""Core schema: years, periods, students, skills, evidence, tasks, groups, plans.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 12:52:44.896212
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
    )
    op.create_table(
        "school_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_year")),
    )
    op.create_table(
        "skill",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("standard", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("domain", sa.String(length=10), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill")),
        sa.UniqueConstraint("code", name=op.f("uq_skill_code")),
    )
    op.create_table(
        "student",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_name", sa.String(length=120), nullable=False),
        sa.Column("family_name", sa.String(length=120), nullable=False),
        sa.Column("preferred_name", sa.String(length=120), nullable=True),
        sa.Column("student_number", sa.String(length=40), nullable=True),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student")),
        sa.UniqueConstraint("student_number", name=op.f("uq_student_student_number")),
    )
    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=True),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("start_text", sa.Text(), nullable=True),
        sa.Column("extensions", sa.JSON(), nullable=False),
        sa.Column("hints", sa.JSON(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("teacher_notes", sa.Text(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("materials", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
        sa.UniqueConstraint("slug", name=op.f("uq_task_slug")),
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 4", name=op.f("ck_evidence_level_range")),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skill.id"], name=op.f("fk_evidence_skill_id_skill")
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["student.id"], name=op.f("fk_evidence_student_id_student")
        ),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], name=op.f("fk_evidence_task_id_task")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_skill_id"), ["skill_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_student_id"), ["student_id"], unique=False)

    op.create_table(
        "grouping_constraint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("student_a_id", sa.Integer(), nullable=False),
        sa.Column("student_b_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('keep_apart', 'keep_together')", name=op.f("ck_grouping_constraint_kind")
        ),
        sa.CheckConstraint(
            "student_a_id != student_b_id", name=op.f("ck_grouping_constraint_two_students")
        ),
        sa.ForeignKeyConstraint(
            ["student_a_id"],
            ["student.id"],
            name=op.f("fk_grouping_constraint_student_a_id_student"),
        ),
        sa.ForeignKeyConstraint(
            ["student_b_id"],
            ["student.id"],
            name=op.f("fk_grouping_constraint_student_b_id_student"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grouping_constraint")),
    )
    with op.batch_alter_table("grouping_constraint", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_grouping_constraint_student_a_id"), ["student_a_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_grouping_constraint_student_b_id"), ["student_b_id"], unique=False
        )

    op.create_table(
        "period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_year_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("course", sa.String(length=80), nullable=False),
        sa.Column("room", sa.String(length=40), nullable=False),
        sa.Column("meeting_days", sa.String(length=40), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=True),
        sa.Column("ends_at", sa.Time(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["school_year_id"],
            ["school_year.id"],
            name=op.f("fk_period_school_year_id_school_year"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period")),
    )
    with op.batch_alter_table("period", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_period_school_year_id"), ["school_year_id"], unique=False
        )

    op.create_table(
        "skill_prerequisite",
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("prerequisite_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "skill_id != prerequisite_id", name=op.f("ck_skill_prerequisite_not_self")
        ),
        sa.ForeignKeyConstraint(
            ["prerequisite_id"],
            ["skill.id"],
            name=op.f("fk_skill_prerequisite_prerequisite_id_skill"),
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skill.id"], name=op.f("fk_skill_prerequisite_skill_id_skill")
        ),
        sa.PrimaryKeyConstraint("skill_id", "prerequisite_id", name=op.f("pk_skill_prerequisite")),
    )
    op.create_table(
        "task_skill",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skill.id"], name=op.f("fk_task_skill_skill_id_skill")
        ),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], name=op.f("fk_task_skill_task_id_task")),
        sa.PrimaryKeyConstraint("task_id", "skill_id", name=op.f("pk_task_skill")),
    )
    op.create_table(
        "day_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("plan_date", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"], ["period.id"], name=op.f("fk_day_plan_period_id_period")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_plan")),
        sa.UniqueConstraint("period_id", "plan_date", name=op.f("uq_day_plan_period_id_plan_date")),
    )
    with op.batch_alter_table("day_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_day_plan_period_id"), ["period_id"], unique=False)

    op.create_table(
        "enrollment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("enrolled_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["period_id"], ["period.id"], name=op.f("fk_enrollment_period_id_period")
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["student.id"], name=op.f("fk_enrollment_student_id_student")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollment")),
    )
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrollment_period_id"), ["period_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrollment_student_id"), ["student_id"], unique=False)

    op.create_table(
        "group_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("group_size", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"], ["period.id"], name=op.f("fk_group_set_period_id_period")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_set")),
    )
    with op.batch_alter_table("group_set", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_set_period_id"), ["period_id"], unique=False)

    op.create_table(
        "plan_block",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day_plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("group_set_id", sa.Integer(), nullable=True),
        sa.Column("rotation_minutes", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.CheckConstraint("minutes >= 0", name=op.f("ck_plan_block_minutes_not_negative")),
        sa.ForeignKeyConstraint(
            ["day_plan_id"], ["day_plan.id"], name=op.f("fk_plan_block_day_plan_id_day_plan")
        ),
        sa.ForeignKeyConstraint(
            ["group_set_id"], ["group_set.id"], name=op.f("fk_plan_block_group_set_id_group_set")
        ),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], name=op.f("fk_plan_block_task_id_task")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_block")),
    )
    with op.batch_alter_table("plan_block", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_block_day_plan_id"), ["day_plan_id"], unique=False
        )

    op.create_table(
        "student_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_set_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_set_id"], ["group_set.id"], name=op.f("fk_student_group_group_set_id_group_set")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student_group")),
        sa.UniqueConstraint(
            "group_set_id", "number", name=op.f("uq_student_group_group_set_id_number")
        ),
    )
    with op.batch_alter_table("student_group", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_student_group_group_set_id"), ["group_set_id"], unique=False
        )

    op.create_table(
        "group_member",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["student_group.id"], name=op.f("fk_group_member_group_id_student_group")
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["student.id"], name=op.f("fk_group_member_student_id_student")
        ),
        sa.PrimaryKeyConstraint("group_id", "student_id", name=op.f("pk_group_member")),
    )
    op.create_table(
        "station",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("block_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["block_id"], ["plan_block.id"], name=op.f("fk_station_block_id_plan_block")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["student_group.id"], name=op.f("fk_station_group_id_student_group")
        ),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], name=op.f("fk_station_task_id_task")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station")),
        sa.UniqueConstraint("block_id", "number", name=op.f("uq_station_block_id_number")),
    )
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_station_block_id"), ["block_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_station_block_id"))

    op.drop_table("station")
    op.drop_table("group_member")
    with op.batch_alter_table("student_group", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_student_group_group_set_id"))

    op.drop_table("student_group")
    with op.batch_alter_table("plan_block", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_block_day_plan_id"))

    op.drop_table("plan_block")
    with op.batch_alter_table("group_set", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_set_period_id"))

    op.drop_table("group_set")
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollment_student_id"))
        batch_op.drop_index(batch_op.f("ix_enrollment_period_id"))

    op.drop_table("enrollment")
    with op.batch_alter_table("day_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_day_plan_period_id"))

    op.drop_table("day_plan")
    op.drop_table("task_skill")
    op.drop_table("skill_prerequisite")
    with op.batch_alter_table("period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_period_school_year_id"))

    op.drop_table("period")
    with op.batch_alter_table("grouping_constraint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grouping_constraint_student_b_id"))
        batch_op.drop_index(batch_op.f("ix_grouping_constraint_student_a_id"))

    op.drop_table("grouping_constraint")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_student_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_skill_id"))

    op.drop_table("evidence")
    op.drop_table("task")
    op.drop_table("student")
    op.drop_table("skill")
    op.drop_table("school_year")
    op.drop_table("app_setting")
