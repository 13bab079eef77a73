"""School years, periods, students and enrollments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from mathroom.domain.ids import PeriodId, SchoolYearId, StudentId
from mathroom.domain.roster import Period, SchoolYear, Student, Weekday
from mathroom.store.tables import EnrollmentRow, PeriodRow, SchoolYearRow, StudentRow

# The tables themselves: a Core insert of many rows is one executemany, without the ORM's
# per-row bookkeeping (the rows are never used as objects in that session).
STUDENTS = StudentRow.metadata.tables[StudentRow.__tablename__]
ENROLLMENTS = EnrollmentRow.metadata.tables[EnrollmentRow.__tablename__]
PERIODS = PeriodRow.metadata.tables[PeriodRow.__tablename__]


def _to_period(row: PeriodRow, student_count: int = 0) -> Period:
    days = tuple(Weekday(d) for d in row.meeting_days.split(",") if d)
    return Period(
        id=PeriodId(row.id),
        name=row.name,
        course=row.course,
        room=row.room,
        meeting_days=days,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        student_count=student_count,
    )


def _to_student(row: StudentRow) -> Student:
    return Student(
        id=StudentId(row.id),
        given_name=row.given_name,
        family_name=row.family_name,
        preferred_name=row.preferred_name,
        student_number=row.student_number,
        archived=row.archived_at is not None,
    )


class RosterRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def is_empty(self) -> bool:
        """True when no period and no student exists yet (a fresh data folder)."""
        has_period = self._session.scalar(select(func.count()).select_from(PeriodRow))
        has_student = self._session.scalar(select(func.count()).select_from(StudentRow))
        return not has_period and not has_student

    def current_year(self) -> SchoolYear | None:
        row = self._session.scalars(
            select(SchoolYearRow)
            .where(SchoolYearRow.archived_at.is_(None))
            .order_by(SchoolYearRow.starts_on.desc())
        ).first()
        if row is None:
            return None
        return SchoolYear(SchoolYearId(row.id), row.name, row.starts_on, row.ends_on)

    def add_year(self, name: str, starts_on: date, ends_on: date) -> SchoolYearId:
        row = SchoolYearRow(name=name, starts_on=starts_on, ends_on=ends_on)
        self._session.add(row)
        self._session.flush()
        return SchoolYearId(row.id)

    def add_period(self, year: SchoolYearId, period: Period, position: int) -> PeriodId:
        row = PeriodRow(
            school_year_id=year,
            name=period.name,
            course=period.course,
            room=period.room,
            meeting_days=",".join(day.value for day in period.meeting_days),
            starts_at=period.starts_at,
            ends_at=period.ends_at,
            position=position,
        )
        self._session.add(row)
        self._session.flush()
        return PeriodId(row.id)

    def add_periods(
        self, year: SchoolYearId, names: Sequence[str], first_position: int
    ) -> list[PeriodId]:
        """New periods with only a name (an import's sections), in one executemany; their ids
        in order (given, not read back: see RosterEditor.add_students)."""
        if not names:
            return []
        first = (self._session.scalar(select(func.max(PeriodRow.id))) or 0) + 1
        ids = [PeriodId(first + n) for n in range(len(names))]
        values = [
            {
                "id": period_id,
                "school_year_id": year,
                "name": name,
                "course": "",
                "room": "",
                "meeting_days": "",
                "position": first_position + n,
            }
            for n, (period_id, name) in enumerate(zip(ids, names, strict=True))
        ]
        self._session.execute(insert(PERIODS), values)
        return ids

    def add_student(self, student: Student, now: datetime) -> StudentId:
        row = StudentRow(
            given_name=student.given_name,
            family_name=student.family_name,
            preferred_name=student.preferred_name,
            student_number=student.student_number,
            created_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return StudentId(row.id)

    def enroll(self, student: StudentId, period: PeriodId, on: date) -> None:
        self._session.add(EnrollmentRow(student_id=student, period_id=period, enrolled_on=on))

    def periods(self, *, archived: bool = False) -> list[Period]:
        """The current year's periods (or its archived ones), in order, with head counts."""
        counted = self._session.execute(
            select(EnrollmentRow.period_id, func.count())
            .join(StudentRow, StudentRow.id == EnrollmentRow.student_id)
            .where(EnrollmentRow.left_on.is_(None), StudentRow.archived_at.is_(None))
            .group_by(EnrollmentRow.period_id)
        )
        counts = {period_id: count for period_id, count in counted}
        rows = self._session.scalars(
            select(PeriodRow)
            .join(SchoolYearRow)
            .where(
                PeriodRow.archived_at.is_not(None) if archived else PeriodRow.archived_at.is_(None),
                SchoolYearRow.archived_at.is_(None),
            )
            .order_by(PeriodRow.position, PeriodRow.id)
        )
        return [_to_period(row, counts.get(row.id, 0)) for row in rows]

    def students(self, period: PeriodId, *, include_archived: bool = False) -> list[Student]:
        """Students currently enrolled in the period, sorted by family then first name."""
        conditions = [EnrollmentRow.period_id == period, EnrollmentRow.left_on.is_(None)]
        if not include_archived:
            conditions.append(StudentRow.archived_at.is_(None))
        rows = self._session.scalars(select(StudentRow).join(EnrollmentRow).where(*conditions))
        return sorted((_to_student(row) for row in rows), key=lambda s: s.sort_key)

    def student_count(self) -> int:
        """Active students enrolled in the current year's active periods."""
        current = (
            select(PeriodRow.id)
            .join(SchoolYearRow)
            .where(PeriodRow.archived_at.is_(None), SchoolYearRow.archived_at.is_(None))
        )
        return (
            self._session.scalar(
                select(func.count(func.distinct(EnrollmentRow.student_id)))
                .join(StudentRow, StudentRow.id == EnrollmentRow.student_id)
                .where(
                    EnrollmentRow.left_on.is_(None),
                    EnrollmentRow.period_id.in_(current),
                    StudentRow.archived_at.is_(None),
                )
            )
            or 0
        )


class RosterEditor:
    """Writes to periods, students and enrollments (kept apart from the read queries)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def update_period(self, period: Period) -> None:
        """Write the period's name, course, room, bell times and meeting days."""
        row = self._period_row(period.id)
        row.name = period.name
        row.course = period.course
        row.room = period.room
        row.starts_at = period.starts_at
        row.ends_at = period.ends_at
        row.meeting_days = ",".join(day.value for day in period.meeting_days)

    def set_period_order(self, periods: Sequence[PeriodId]) -> None:
        """List the periods in this order (positions 0, 1, …)."""
        for position, period in enumerate(periods):
            self._period_row(period).position = position

    def set_period_archived(self, period: PeriodId, archived_at: datetime | None) -> None:
        """Archive the period at ``archived_at``, or bring it back with None."""
        self._period_row(period).archived_at = archived_at

    def update_student(self, student: Student) -> None:
        """Write the student's names and number (archiving is set_students_archived)."""
        row = self._student_row(student.id)
        row.given_name, row.family_name = student.given_name, student.family_name
        row.preferred_name, row.student_number = student.preferred_name, student.student_number

    def set_students_archived(
        self, students: Iterable[StudentId], archived_at: datetime | None
    ) -> None:
        """Take the students off the roster at ``archived_at``, or restore them with None."""
        for student in students:
            self._student_row(student).archived_at = archived_at

    def next_position(self) -> int:
        current = self._session.scalar(select(func.max(PeriodRow.position)))
        return (current or 0) + 1

    def leave_all(self, student: StudentId, on: date) -> list[PeriodId]:
        """End the student's current enrollments (history stays); returns the periods left."""
        left = []
        for enrollment in self._active_enrollments(student):
            enrollment.left_on = on
            left.append(PeriodId(enrollment.period_id))
        return left

    def add_students(self, students: Sequence[Student], now: datetime) -> list[StudentId]:
        """Insert many students in one executemany (an import of thousands takes
        milliseconds); returns their ids, in order.

        The ids are given rather than read back (RETURNING row by row is ten times slower);
        the import holds the data folder's lock, and a clash would fail the whole
        transaction, never mix rows up."""
        if not students:
            return []
        first = (self._session.scalar(select(func.max(StudentRow.id))) or 0) + 1
        ids = [StudentId(first + n) for n in range(len(students))]
        values = [
            {
                "id": student_id,
                "given_name": s.given_name,
                "family_name": s.family_name,
                "preferred_name": s.preferred_name,
                "student_number": s.student_number,
                "created_at": now,
            }
            for student_id, s in zip(ids, students, strict=True)
        ]
        self._session.execute(insert(STUDENTS), values)
        return ids

    def enroll_many(self, enrollments: Iterable[tuple[StudentId, PeriodId]], on: date) -> None:
        """Insert new enrollments in one statement (for students who have none in them yet)."""
        values = [
            {"student_id": student, "period_id": period, "enrolled_on": on}
            for student, period in enrollments
        ]
        if values:
            self._session.execute(insert(ENROLLMENTS), values)

    def enroll_if_needed(self, student: StudentId, period: PeriodId, on: date) -> None:
        if not any(e.period_id == period for e in self._active_enrollments(student)):
            self._session.add(EnrollmentRow(student_id=student, period_id=period, enrolled_on=on))

    def students_with_periods(self) -> list[tuple[Student, frozenset[PeriodId]]]:
        """Every student (archived and earlier years too) with their current-year periods.

        All of them, so a returning student is matched by number instead of duplicated.
        """
        current_periods = (
            select(PeriodRow.id).join(SchoolYearRow).where(SchoolYearRow.archived_at.is_(None))
        )
        enrolled: dict[int, set[PeriodId]] = {}
        for student_id, period_id in self._session.execute(
            select(EnrollmentRow.student_id, EnrollmentRow.period_id).where(
                EnrollmentRow.left_on.is_(None), EnrollmentRow.period_id.in_(current_periods)
            )
        ):
            enrolled.setdefault(student_id, set()).add(PeriodId(period_id))
        rows = self._session.scalars(select(StudentRow))
        return [(_to_student(row), frozenset(enrolled.get(row.id, set()))) for row in rows]

    def student_with_number(self, number: str) -> Student | None:
        row = self._session.scalars(
            select(StudentRow).where(StudentRow.student_number == number)
        ).first()
        return _to_student(row) if row is not None else None

    def archive_year(self, year: SchoolYearId, now: datetime) -> None:
        row = self._session.get(SchoolYearRow, year)
        if row is not None:
            row.archived_at = now

    def student(self, student: StudentId) -> Student:
        return _to_student(self._student_row(student))

    def current_period_ids(self, student: StudentId) -> set[PeriodId]:
        return {PeriodId(e.period_id) for e in self._active_enrollments(student)}

    def all_students(self) -> list[Student]:
        return [_to_student(row) for row in self._session.scalars(select(StudentRow))]

    def _period_row(self, period: PeriodId) -> PeriodRow:
        row = self._session.get(PeriodRow, period)
        if row is None:
            raise LookupError(f"period {period} not found")
        return row

    def _student_row(self, student: StudentId) -> StudentRow:
        row = self._session.get(StudentRow, student)
        if row is None:
            raise LookupError(f"student {student} not found")
        return row

    def _active_enrollments(self, student: StudentId) -> list[EnrollmentRow]:
        return list(
            self._session.scalars(
                select(EnrollmentRow).where(
                    EnrollmentRow.student_id == student, EnrollmentRow.left_on.is_(None)
                )
            )
        )
