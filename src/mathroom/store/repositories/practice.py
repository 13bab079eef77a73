"""The teacher's hand-set practice focus and re-made versions, per student and day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mathroom.domain.ids import PeriodId, StudentId
from mathroom.store.tables import PracticeChoiceRow


class PracticeChoiceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def choices(self, period: PeriodId, on: date) -> dict[StudentId, tuple[tuple[str, ...], int]]:
        """Each student's (hand-set focus, version) for the period's day, when one was set."""
        rows = self._session.scalars(
            select(PracticeChoiceRow).where(
                PracticeChoiceRow.period_id == period, PracticeChoiceRow.on_date == on
            )
        )
        return {StudentId(row.student_id): (tuple(row.focus), row.version) for row in rows}

    def set_focus(
        self,
        period: PeriodId,
        student: StudentId,
        on: date,
        codes: Sequence[str],
        now: datetime,
    ) -> None:
        row = self._row(period, student, on, now)
        row.focus = list(codes)
        row.updated_at = now

    def next_version(self, period: PeriodId, student: StudentId, on: date, now: datetime) -> int:
        """Count one more re-made sheet for the student's day; returns the new version."""
        row = self._row(period, student, on, now)
        row.version += 1
        row.updated_at = now
        return row.version

    def _row(
        self, period: PeriodId, student: StudentId, on: date, now: datetime
    ) -> PracticeChoiceRow:
        row = self._session.scalar(
            select(PracticeChoiceRow).where(
                PracticeChoiceRow.period_id == period,
                PracticeChoiceRow.student_id == student,
                PracticeChoiceRow.on_date == on,
            )
        )
        if row is None:
            row = PracticeChoiceRow(
                period_id=period,
                student_id=student,
                on_date=on,
                focus=[],
                version=0,
                updated_at=now,
            )
            self._session.add(row)
        return row
