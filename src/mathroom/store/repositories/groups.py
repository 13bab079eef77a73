"""Group sets (history of who worked with whom) and grouping constraints."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from mathroom.domain.groups import ConstraintKind, Group, GroupSet, PairConstraint, RuleEntry
from mathroom.domain.ids import GroupSetId, PeriodId, StudentId
from mathroom.store.tables import (
    EnrollmentRow,
    GroupingConstraintRow,
    GroupMemberRow,
    GroupRow,
    GroupSetRow,
)


def _to_group_set(row: GroupSetRow) -> GroupSet:
    groups = tuple(
        Group(
            group.number,
            tuple(sorted(StudentId(m.student_id) for m in group.members)),
            tuple(sorted((StudentId(m.student_id), m.role) for m in group.members if m.role)),
        )
        for group in row.groups
    )
    return GroupSet(GroupSetId(row.id), PeriodId(row.period_id), row.made_on, row.mode, groups)


class GroupRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_group_set(
        self,
        period: PeriodId,
        made_on: date,
        groups: tuple[Group, ...],
        *,
        mode: str,
        group_size: int,
        seed: int | None,
        now: datetime,
    ) -> GroupSetId:
        row = GroupSetRow(
            period_id=period,
            made_on=made_on,
            mode=mode,
            group_size=group_size,
            seed=seed,
            created_at=now,
        )
        for group in groups:
            group_row = GroupRow(number=group.number)
            group_row.members = [
                GroupMemberRow(student_id=sid, role=group.role_of(sid)) for sid in group.members
            ]
            row.groups.append(group_row)
        self._session.add(row)
        self._session.flush()
        return GroupSetId(row.id)

    def group_ids(self, group_set: GroupSetId) -> dict[int, int]:
        """Database ids of a set's groups, by group number."""
        rows = self._session.execute(
            select(GroupRow.number, GroupRow.id).where(GroupRow.group_set_id == group_set)
        )
        return {number: group_id for number, group_id in rows}

    def group_sets(
        self, period: PeriodId, limit: int = 30, *, until: date | None = None
    ) -> list[GroupSet]:
        """The period's group sets, newest first; with ``until``, only those made by then.

        Sets made ahead for days still to come have not happened yet, so grouping history
        asks for sets ``until`` the day being planned.
        """
        query = select(GroupSetRow).where(GroupSetRow.period_id == period)
        if until is not None:
            query = query.where(GroupSetRow.made_on <= until)
        rows = self._session.scalars(
            query.options(selectinload(GroupSetRow.groups).selectinload(GroupRow.members))
            .order_by(GroupSetRow.made_on.desc(), GroupSetRow.id.desc())
            .limit(limit)
        )
        return [_to_group_set(row) for row in rows]

    def group_set(self, group_set: GroupSetId) -> GroupSet | None:
        row = self._session.scalar(
            select(GroupSetRow)
            .where(GroupSetRow.id == group_set)
            .options(selectinload(GroupSetRow.groups).selectinload(GroupRow.members))
        )
        return _to_group_set(row) if row is not None else None

    def add_constraint(self, constraint: PairConstraint, now: datetime) -> None:
        self._session.add(
            GroupingConstraintRow(
                kind=constraint.kind.value,
                student_a_id=constraint.a,
                student_b_id=constraint.b,
                reason=constraint.reason,
                created_at=now,
            )
        )

    def constraints(self, period: PeriodId) -> list[PairConstraint]:
        """Active constraints whose first student is enrolled in the period."""
        enrolled = select(EnrollmentRow.student_id).where(
            EnrollmentRow.period_id == period, EnrollmentRow.left_on.is_(None)
        )
        rows = self._session.scalars(
            select(GroupingConstraintRow).where(
                GroupingConstraintRow.archived_at.is_(None),
                GroupingConstraintRow.student_a_id.in_(enrolled),
            )
        )
        return [
            PairConstraint(
                ConstraintKind(row.kind),
                StudentId(row.student_a_id),
                StudentId(row.student_b_id),
                row.reason,
            )
            for row in rows
        ]

    def sets_with_student(self, student: StudentId) -> list[GroupSet]:
        """Every group set the student was part of, in any period, newest first."""
        ids = (
            select(GroupRow.group_set_id)
            .join(GroupMemberRow)
            .where(GroupMemberRow.student_id == student)
        )
        rows = self._session.scalars(
            select(GroupSetRow)
            .where(GroupSetRow.id.in_(ids))
            .options(selectinload(GroupSetRow.groups).selectinload(GroupRow.members))
            .order_by(GroupSetRow.made_on.desc(), GroupSetRow.id.desc())
        )
        return [_to_group_set(row) for row in rows]

    def rules(self, period: PeriodId) -> list[RuleEntry]:
        """Active rules whose first student is enrolled in the period, with their ids."""
        enrolled = select(EnrollmentRow.student_id).where(
            EnrollmentRow.period_id == period, EnrollmentRow.left_on.is_(None)
        )
        rows = self._session.scalars(
            select(GroupingConstraintRow)
            .where(
                GroupingConstraintRow.archived_at.is_(None),
                GroupingConstraintRow.student_a_id.in_(enrolled),
            )
            .order_by(GroupingConstraintRow.id)
        )
        return [
            RuleEntry(
                row.id,
                PairConstraint(
                    ConstraintKind(row.kind),
                    StudentId(row.student_a_id),
                    StudentId(row.student_b_id),
                    row.reason,
                ),
            )
            for row in rows
        ]

    def add_rule(self, constraint: PairConstraint, now: datetime) -> int:
        row = GroupingConstraintRow(
            kind=constraint.kind.value,
            student_a_id=constraint.a,
            student_b_id=constraint.b,
            reason=constraint.reason,
            created_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def set_rule_archived(self, rule: int, archived_at: datetime | None) -> None:
        row = self._session.get(GroupingConstraintRow, rule)
        if row is not None:
            row.archived_at = archived_at

    def role_counts(
        self, period: PeriodId, *, until: date | None = None
    ) -> dict[StudentId, dict[str, int]]:
        """How often each student has held each role in the period's saved group sets
        (with ``until``, only in sets made by that day)."""
        query = (
            select(GroupMemberRow.student_id, GroupMemberRow.role)
            .join(GroupRow, GroupRow.id == GroupMemberRow.group_id)
            .join(GroupSetRow, GroupSetRow.id == GroupRow.group_set_id)
            .where(GroupSetRow.period_id == period, GroupMemberRow.role.is_not(None))
        )
        if until is not None:
            query = query.where(GroupSetRow.made_on <= until)
        rows = self._session.execute(query)
        counts: dict[StudentId, dict[str, int]] = {}
        for student, label in rows:
            for role in str(label).split(", "):
                mine = counts.setdefault(StudentId(student), {})
                mine[role] = mine.get(role, 0) + 1
        return counts
