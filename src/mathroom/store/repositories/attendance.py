"""Attendance by period and date; a student with no record counts as present."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.ids import PeriodId, StudentId
from mathroom.store.tables import AttendanceRow


class AttendanceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def statuses(self, period: PeriodId, on: date) -> dict[StudentId, AttendanceStatus]:
        rows = self._session.execute(
            select(AttendanceRow.student_id, AttendanceRow.status).where(
                AttendanceRow.period_id == period, AttendanceRow.on_date == on
            )
        )
        return {StudentId(student): AttendanceStatus(status) for student, status in rows}

    def absent(self, period: PeriodId, on: date) -> frozenset[StudentId]:
        """The students marked absent from the period on ``on``."""
        rows = self._session.scalars(
            select(AttendanceRow.student_id).where(
                AttendanceRow.period_id == period,
                AttendanceRow.on_date == on,
                AttendanceRow.status == AttendanceStatus.ABSENT.value,
            )
        )
        return frozenset(StudentId(student) for student in rows)

    def absences(self, period: PeriodId) -> dict[date, frozenset[StudentId]]:
        """Every day someone was marked absent from the period, with who (one query)."""
        rows = self._session.execute(
            select(AttendanceRow.on_date, AttendanceRow.student_id).where(
                AttendanceRow.period_id == period,
                AttendanceRow.status == AttendanceStatus.ABSENT.value,
            )
        )
        found: dict[date, set[StudentId]] = {}
        for on, student in rows:
            found.setdefault(on, set()).add(StudentId(student))
        return {on: frozenset(students) for on, students in found.items()}

    def record(
        self,
        period: PeriodId,
        student: StudentId,
        on: date,
        status: AttendanceStatus,
        now: datetime,
    ) -> None:
        row = self._session.scalars(
            select(AttendanceRow).where(
                AttendanceRow.period_id == period,
                AttendanceRow.student_id == student,
                AttendanceRow.on_date == on,
            )
        ).first()
        if row is None:
            row = AttendanceRow(period_id=period, student_id=student, on_date=on)
            self._session.add(row)
        row.status = status.value
        row.recorded_at = now
