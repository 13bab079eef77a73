"""Browse archived school years read-only: their periods, students and each student's
history (evidence, levels and groups), exactly as kept when the year was archived."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId, SchoolYearId, StudentId
from mathroom.domain.profile import StudentProfile
from mathroom.domain.roster import SchoolYear, Student
from mathroom.services.evidence import EvidenceService
from mathroom.store.repositories.past_years import PastYearsRepository
from mathroom.store.unit_of_work import Store


@dataclass(frozen=True, slots=True)
class PastPeriod:
    id: PeriodId
    name: str
    course: str


@dataclass(frozen=True, slots=True)
class PastYear:
    year: SchoolYear
    periods: tuple[PastPeriod, ...]


@dataclass(frozen=True, slots=True)
class PastStudent:
    student: Student
    enrolled_on: date
    left_on: date | None  # left the period before the year ended


class PastYearsService:
    """Read-only: nothing here writes."""

    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    def years(self) -> list[PastYear]:
        """Archived years, newest first, each with its periods."""
        with self._store.unit_of_work() as session:
            repository = PastYearsRepository(session)
            return [
                PastYear(year, tuple(PastPeriod(*p) for p in repository.periods(year.id)))
                for year in repository.years()
            ]

    def students(self, period: PeriodId) -> list[PastStudent]:
        """Everyone who was in an archived year's period (ValidationError for a current one)."""
        with self._store.unit_of_work() as session:
            repository = PastYearsRepository(session)
            if repository.year_of(period) is None:
                raise ValidationError("period", f"period {period} is not in an archived year")
            return [PastStudent(*row) for row in repository.students(period)]

    def history(self, student: StudentId, year: SchoolYearId | None = None) -> StudentProfile:
        """The student's profile (levels, every piece of evidence, groups), as of the end of
        ``year`` when given (the levels the year ended with), else as of today."""
        on = self._now().date()
        if year is not None:
            found = next((y.year for y in self.years() if y.year.id == year), None)
            if found is None:
                raise ValidationError("year", f"school year {year} is not archived")
            on = min(on, found.ends_on)
        return EvidenceService(self._store, self._now).profile(student, on)
