"""Archived school years as they were: their periods and every student enrolled in them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from mathroom.domain.ids import PeriodId, SchoolYearId, StudentId
from mathroom.domain.roster import SchoolYear, Student
from mathroom.store.tables import EnrollmentRow, PeriodRow, SchoolYearRow, StudentRow


class PastYearsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def years(self) -> list[SchoolYear]:
        """Archived school years, newest first."""
        rows = self._session.scalars(
            select(SchoolYearRow)
            .where(SchoolYearRow.archived_at.is_not(None))
            .order_by(SchoolYearRow.starts_on.desc(), SchoolYearRow.id.desc())
        )
        return [SchoolYear(SchoolYearId(r.id), r.name, r.starts_on, r.ends_on) for r in rows]

    def periods(self, year: SchoolYearId) -> list[tuple[PeriodId, str, str]]:
        """The year's periods (archived during the year too): id, name, course, in order."""
        rows = self._session.scalars(
            select(PeriodRow)
            .where(PeriodRow.school_year_id == year)
            .order_by(PeriodRow.position, PeriodRow.id)
        )
        return [(PeriodId(r.id), r.name, r.course) for r in rows]

    def year_of(self, period: PeriodId) -> SchoolYearId | None:
        """The period's school year, when that year is archived."""
        found = self._session.scalar(
            select(PeriodRow.school_year_id)
            .join(SchoolYearRow)
            .where(PeriodRow.id == period, SchoolYearRow.archived_at.is_not(None))
        )
        return SchoolYearId(found) if found is not None else None

    def students(self, period: PeriodId) -> list[tuple[Student, date, date | None]]:
        """Everyone ever enrolled in the period, with the enrolment's first and last day."""
        rows = self._session.execute(
            select(StudentRow, EnrollmentRow.enrolled_on, EnrollmentRow.left_on)
            .join(EnrollmentRow, EnrollmentRow.student_id == StudentRow.id)
            .where(EnrollmentRow.period_id == period)
        ).all()
        out = [
            (
                Student(
                    id=StudentId(row.id),
                    given_name=row.given_name,
                    family_name=row.family_name,
                    preferred_name=row.preferred_name,
                    student_number=row.student_number,
                    archived=row.archived_at is not None,
                ),
                enrolled_on,
                left_on,
            )
            for row, enrolled_on, left_on in rows
        ]
        return sorted(out, key=lambda item: item[0].sort_key)
