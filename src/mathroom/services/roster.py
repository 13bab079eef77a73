"""Roster actions: periods, students, moves, archiving, display names, a new school year."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy.orm import Session

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.names import clean_name
from mathroom.domain.roster import DisplayNameStyle, Period, SchoolYear, Student, Weekday
from mathroom.domain.school_year import default_year_dates, school_year_name
from mathroom.export.roster_csv import RosterCsvRow, write_roster_csv
from mathroom.services.past_years import PastYearsService
from mathroom.services.safety import SafetyNet
from mathroom.services.undo_journal import UndoJournalService
from mathroom.store.repositories.roster import RosterEditor, RosterRepository
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.unit_of_work import Store

WEEKDAYS = (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)


@dataclass(frozen=True, slots=True)
class StudentForm:
    """What the add/edit form sends; cleaned and validated by the service."""

    given_name: str
    family_name: str = ""
    preferred_name: str = ""
    student_number: str = ""


@dataclass(frozen=True, slots=True)
class PeriodForm:
    name: str
    course: str = ""
    room: str = ""
    starts_at: time | None = None
    ends_at: time | None = None
    meeting_days: tuple[Weekday, ...] = WEEKDAYS


class RosterService:
    def __init__(self, store: Store, safety: SafetyNet, now: Callable[[], datetime]) -> None:
        self._store = store
        self._safety = safety
        self._now = now

    # -- reading ----------------------------------------------------------------------
    @property
    def past_years(self) -> PastYearsService:
        """Archived years, read-only (see services/past_years.py)."""
        return PastYearsService(self._store, self._now)

    @property
    def journal(self) -> UndoJournalService:
        """Records what an action writes, for exact undo (see services/undo_journal.py)."""
        return UndoJournalService(self._store)

    def periods(self, *, archived: bool = False) -> list[Period]:
        with self._store.unit_of_work() as session:
            return RosterRepository(session).periods(archived=archived)

    def display_style(self) -> DisplayNameStyle:
        with self._store.unit_of_work() as session:
            return SettingsRepository(session).display_name_style()

    def set_display_style(self, style: DisplayNameStyle) -> None:
        with self._store.unit_of_work() as session:
            SettingsRepository(session).set_display_name_style(style)

    # -- periods ------------------------------------------------------------------------
    def add_period(self, form: PeriodForm) -> PeriodId:
        name = self._period_name(form.name)
        with self._store.unit_of_work() as session:
            roster = RosterRepository(session)
            self._check_unique_period(roster, name, None)
            year = roster.current_year()
            if year is None:
                starts, ends = default_year_dates(self._now().date())
                year_id = roster.add_year(school_year_name(starts), starts, ends)
            else:
                year_id = year.id
            period = _period(PeriodId(0), name, form)
            return roster.add_period(year_id, period, RosterEditor(session).next_position())

    def update_period(self, period: PeriodId, form: PeriodForm) -> None:
        name = self._period_name(form.name)
        if form.starts_at and form.ends_at and form.ends_at <= form.starts_at:
            raise ValidationError("ends_at", "the period must end after it starts")
        with self._store.unit_of_work() as session:
            self._check_unique_period(RosterRepository(session), name, period)
            RosterEditor(session).update_period(_period(period, name, form))

    def move_period(self, period: PeriodId, offset: int) -> None:
        """Move a period up (-1) or down (+1) in the list."""
        with self._store.unit_of_work() as session:
            ordered = [p.id for p in RosterRepository(session).periods()]
            index = ordered.index(period)
            target = max(0, min(len(ordered) - 1, index + offset))
            ordered.insert(target, ordered.pop(index))
            RosterEditor(session).set_period_order(ordered)

    def archive_period(self, period: PeriodId) -> None:
        self._safety.before_change()
        with self._store.unit_of_work() as session:
            RosterEditor(session).set_period_archived(period, self._now())

    def restore_period(self, period: PeriodId) -> None:
        with self._store.unit_of_work() as session:
            RosterEditor(session).set_period_archived(period, None)

    # -- students -----------------------------------------------------------------------
    def add_student(self, period: PeriodId, form: StudentForm) -> StudentId:
        given, family, preferred, number = _clean_form(form)
        with self._store.unit_of_work() as session:
            self._check_unique_number(session, number, None)
            roster = RosterRepository(session)
            student = Student(StudentId(0), given, family, preferred, number)
            student_id = roster.add_student(student, self._now())
            roster.enroll(student_id, period, self._now().date())
            return student_id

    def update_student(self, student: StudentId, form: StudentForm) -> None:
        given, family, preferred, number = _clean_form(form)
        with self._store.unit_of_work() as session:
            self._check_unique_number(session, number, student)
            RosterEditor(session).update_student(Student(student, given, family, preferred, number))

    def move_students(
        self, students: Sequence[StudentId], to: PeriodId
    ) -> dict[StudentId, list[PeriodId]]:
        """Move to another period; old enrollments end today, history stays.

        Returns each student's previous periods, so the move can be undone.
        """
        today = self._now().date()
        moved: dict[StudentId, list[PeriodId]] = {}
        with self._store.unit_of_work() as session:
            editor = RosterEditor(session)
            for student in students:
                moved[student] = editor.leave_all(student, today)
                editor.enroll_if_needed(student, to, today)
        return moved

    def archive_students(self, students: Sequence[StudentId]) -> None:
        """Take students off the roster; everything about them is kept and can be restored."""
        if len(students) > 1:
            self._safety.before_change()
        now = self._now()
        with self._store.unit_of_work() as session:
            RosterEditor(session).set_students_archived(students, now)

    def restore_students(self, students: Sequence[StudentId]) -> None:
        with self._store.unit_of_work() as session:
            RosterEditor(session).set_students_archived(students, None)

    # -- a new school year --------------------------------------------------------------
    def start_new_year(self, name: str, starts_on: date, ends_on: date) -> SchoolYear:
        """Archive this year's periods and students (kept, read-only) and start a fresh year.

        The skill map, the task bank and templates are shared across years and stay.
        """
        if not name.strip():
            raise ValidationError("name", "the school year needs a name")
        if ends_on <= starts_on:
            raise ValidationError("ends_on", "the year must end after it starts")
        self._safety.before_change()
        now = self._now()
        with self._store.unit_of_work() as session:
            roster = RosterRepository(session)
            old = roster.current_year()
            if old is not None:
                editor = RosterEditor(session)
                for period in roster.periods():
                    editor.set_students_archived((s.id for s in roster.students(period.id)), now)
                editor.archive_year(old.id, now)
            year_id = roster.add_year(name.strip(), starts_on, ends_on)
            return SchoolYear(year_id, name.strip(), starts_on, ends_on)

    # -- export -------------------------------------------------------------------------
    def export_csv(self, period: PeriodId, out: Path) -> int:
        """The period's roster as CSV for Excel (UTF-8 with BOM); returns the row count."""
        with self._store.unit_of_work() as session:
            roster = RosterRepository(session)
            info = next(p for p in roster.periods() if p.id == period)
            students = roster.students(period)
        rows = [
            RosterCsvRow(
                s.student_number or "",
                s.family_name,
                s.given_name,
                s.preferred_name or "",
                info.name,
                info.course,
            )
            for s in students
        ]
        write_roster_csv(rows, out)
        return len(rows)

    # -- checks -------------------------------------------------------------------------
    @staticmethod
    def _period_name(raw: str) -> str:
        name, _ = clean_name(raw)
        if not name:
            raise ValidationError("name", "the period needs a name")
        if len(name) > 60:
            raise ValidationError("name", "keep the period name under 60 characters")
        return name

    @staticmethod
    def _check_unique_period(roster: RosterRepository, name: str, period: PeriodId | None) -> None:
        for other in roster.periods():
            if other.id != period and other.name.casefold() == name.casefold():
                raise ValidationError("name", f"there is already a period called {other.name}")

    @staticmethod
    def _check_unique_number(
        session: Session, number: str | None, student: StudentId | None
    ) -> None:
        if number is None:
            return
        other = RosterEditor(session).student_with_number(number)
        if other is not None and other.id != student:
            raise ValidationError(
                "student_number",
                f"{number} already belongs to {other.given_name} {other.family_name}".strip(),
            )


def _period(period: PeriodId, name: str, form: PeriodForm) -> Period:
    """The period as the form describes it, under its cleaned ``name``."""
    return Period(
        period,
        name,
        form.course.strip(),
        form.room.strip(),
        form.meeting_days,
        form.starts_at,
        form.ends_at,
    )


def _clean_form(form: StudentForm) -> tuple[str, str, str | None, str | None]:
    given, _ = clean_name(form.given_name)
    family, _ = clean_name(form.family_name)
    preferred, _ = clean_name(form.preferred_name)
    number = form.student_number.strip()
    if not given and family:
        given, family = family, ""  # a single-name student: the one name is the given name
    if not given:
        raise ValidationError("given_name", "a student needs at least one name")
    for field, value in (
        ("given_name", given),
        ("family_name", family),
        ("preferred_name", preferred),
    ):
        if len(value) > 120:
            raise ValidationError(field, "names are limited to 120 characters")
    if len(number) > 40:
        raise ValidationError("student_number", "student numbers are limited to 40 characters")
    return given, family, preferred or None, number or None
