"""ORM tables. Classes end in Row and never leave the store package."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mathroom.store.base import Base


class SettingRow(Base):
    """Teacher-data settings (level rule, name format...): travel with backups."""

    __tablename__ = "app_setting"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class SchoolYearRow(Base):
    __tablename__ = "school_year"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)


class PeriodRow(Base):
    __tablename__ = "period"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    course: Mapped[str] = mapped_column(String(80), default="")
    room: Mapped[str] = mapped_column(String(40), default="")
    # Comma-separated weekday abbreviations ("Mon,Tue,Wed").
    meeting_days: Mapped[str] = mapped_column(String(40), default="Mon,Tue,Wed,Thu,Fri")
    starts_at: Mapped[time | None] = mapped_column(Time)
    ends_at: Mapped[time | None] = mapped_column(Time)
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)

    enrollments: Mapped[list[EnrollmentRow]] = relationship(back_populates="period")


class StudentRow(Base):
    __tablename__ = "student"
    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(120))
    family_name: Mapped[str] = mapped_column(String(120), default="")
    preferred_name: Mapped[str | None] = mapped_column(String(120))
    # Text, never a number: leading zeros are part of the id.
    student_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    grade: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)

    enrollments: Mapped[list[EnrollmentRow]] = relationship(back_populates="student")


class EnrollmentRow(Base):
    """A student's membership of a period; kept (with left_on) when they move or leave."""

    __tablename__ = "enrollment"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), index=True)
    enrolled_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)

    student: Mapped[StudentRow] = relationship(back_populates="enrollments")
    period: Mapped[PeriodRow] = relationship(back_populates="enrollments")


class AttendanceRow(Base):
    """Who was present, absent or late in a period on a date (all present unless recorded)."""

    __tablename__ = "attendance"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), index=True)
    on_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (
        UniqueConstraint("student_id", "period_id", "on_date"),
        CheckConstraint("status IN ('present', 'absent', 'late')", name="status"),
    )


class SkillRow(Base):
    __tablename__ = "skill"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    standard: Mapped[str] = mapped_column(String(20), default="")
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    domain: Mapped[str] = mapped_column(String(10))
    grade: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)


class SkillPrerequisiteRow(Base):
    __tablename__ = "skill_prerequisite"
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id"), primary_key=True)
    prerequisite_id: Mapped[int] = mapped_column(ForeignKey("skill.id"), primary_key=True)
    __table_args__ = (CheckConstraint("skill_id != prerequisite_id", name="not_self"),)


class EvidenceRow(Base):
    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    observed_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 4", name="level_range"),)


class TaskRow(Base):
    __tablename__ = "task"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str | None] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    prompt: Mapped[str] = mapped_column(Text)
    start_text: Mapped[str | None] = mapped_column(Text)
    extensions: Mapped[list[str]] = mapped_column(JSON, default=list)
    hints: Mapped[list[str]] = mapped_column(JSON, default=list)
    answer: Mapped[str | None] = mapped_column(Text)
    teacher_notes: Mapped[str | None] = mapped_column(Text)
    minutes: Mapped[int | None] = mapped_column(Integer)
    materials: Mapped[str | None] = mapped_column(Text)
    # An optional diagram kept in the database so a backup holds everything.
    image: Mapped[bytes | None] = mapped_column(LargeBinary)
    image_name: Mapped[str | None] = mapped_column(String(120))
    # A multi-day project's day names and its rubric rows (empty for one-day tasks).
    milestones: Mapped[list[str]] = mapped_column(JSON, default=list)
    rubric: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)


class TaskSkillRow(Base):
    __tablename__ = "task_skill"
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id"), primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id"), primary_key=True)


class GroupSetRow(Base):
    __tablename__ = "group_set"
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), index=True)
    made_on: Mapped[date] = mapped_column(Date)
    mode: Mapped[str] = mapped_column(String(20), default="fresh_mix")
    group_size: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    groups: Mapped[list[GroupRow]] = relationship(
        back_populates="group_set", order_by="GroupRow.number", cascade="all, delete-orphan"
    )


class GroupRow(Base):
    __tablename__ = "student_group"
    id: Mapped[int] = mapped_column(primary_key=True)
    group_set_id: Mapped[int] = mapped_column(ForeignKey("group_set.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(40))

    group_set: Mapped[GroupSetRow] = relationship(back_populates="groups")
    members: Mapped[list[GroupMemberRow]] = relationship(cascade="all, delete-orphan")
    __table_args__ = (UniqueConstraint("group_set_id", "number"),)


class GroupMemberRow(Base):
    __tablename__ = "group_member"
    group_id: Mapped[int] = mapped_column(ForeignKey("student_group.id"), primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), primary_key=True)
    role: Mapped[str | None] = mapped_column(String(30))


class GroupingConstraintRow(Base):
    __tablename__ = "grouping_constraint"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    student_a_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    student_b_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)
    __table_args__ = (
        CheckConstraint("kind IN ('keep_apart', 'keep_together', 'buddy')", name="kind"),
        CheckConstraint("student_a_id != student_b_id", name="two_students"),
    )


class DayPlanRow(Base):
    __tablename__ = "day_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), index=True)
    plan_date: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    blocks: Mapped[list[PlanBlockRow]] = relationship(
        back_populates="day_plan", order_by="PlanBlockRow.position", cascade="all, delete-orphan"
    )
    __table_args__ = (UniqueConstraint("period_id", "plan_date"),)


class PlanBlockRow(Base):
    __tablename__ = "plan_block"
    id: Mapped[int] = mapped_column(primary_key=True)
    day_plan_id: Mapped[int] = mapped_column(ForeignKey("day_plan.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(120), default="")
    minutes: Mapped[int] = mapped_column(Integer)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id"))
    group_set_id: Mapped[int | None] = mapped_column(ForeignKey("group_set.id"))
    rotation_minutes: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    day_plan: Mapped[DayPlanRow] = relationship(back_populates="blocks")
    stations: Mapped[list[StationRow]] = relationship(
        order_by="StationRow.number", cascade="all, delete-orphan"
    )
    __table_args__ = (CheckConstraint("minutes >= 0", name="minutes_not_negative"),)


class StationRow(Base):
    __tablename__ = "station"
    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("plan_block.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("student_group.id"))
    __table_args__ = (UniqueConstraint("block_id", "number"),)


class PlanTemplateRow(Base):
    """A reusable day shape: blocks with minutes and tasks, no students or groups."""

    __tablename__ = "plan_template"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    blocks: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class PracticeChoiceRow(Base):
    """The teacher's hand-set practice focus, or a re-made version, for one student's day."""

    __tablename__ = "practice_choice"
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"))
    on_date: Mapped[date] = mapped_column(Date)
    focus: Mapped[list[str]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("period_id", "student_id", "on_date"),)


class UnitRow(Base):
    """A unit: an ordered run of skills and tasks over a few weeks."""

    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str | None] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    summary: Mapped[str] = mapped_column(Text, default="")
    weeks: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)
    __table_args__ = (CheckConstraint("weeks BETWEEN 1 AND 12", name="weeks_range"),)


class UnitSkillRow(Base):
    __tablename__ = "unit_skill"
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class UnitTaskRow(Base):
    __tablename__ = "unit_task"
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class PeriodUnitRow(Base):
    """From ``starts_on`` the period works on the unit (until its next row)."""

    __tablename__ = "period_unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    __table_args__ = (UniqueConstraint("period_id", "starts_on"),)


class DepartmentLinkRow(Base):
    """Which local task, unit or plan template is which department library item, and the
    version, content fingerprint and local change time both sides last agreed on."""

    __tablename__ = "department_link"
    id: Mapped[int] = mapped_column(primary_key=True)
    server: Mapped[str] = mapped_column(String(300))  # host:port/database
    kind: Mapped[str] = mapped_column(String(20))
    local_id: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    local_updated_at: Mapped[datetime] = mapped_column(DateTime)
    synced_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (
        UniqueConstraint("server", "kind", "local_id"),
        UniqueConstraint("server", "item_id"),
        CheckConstraint("kind IN ('task', 'unit', 'plan_template')", name="kind"),
    )
