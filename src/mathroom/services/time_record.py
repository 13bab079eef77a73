"""Who has had the teacher's own time in a period: its plans and absences, read in the
caller's session (plan_needs, the packet and the teacher-time service share it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.plan import DayPlan
from mathroom.domain.roster import Period, Student
from mathroom.domain.teacher_time import DEFAULT_FAIR_EVERY, MAX_FAIR_EVERY, Seen, seen_on
from mathroom.store.repositories.attendance import AttendanceRepository
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.settings import SettingsRepository

FAIR_EVERY = "fair_every"  # the setting: every student seen at least once every N school days


def fair_every(session: Session) -> int:
    """The teacher's N (default 5); an unreadable value falls back to the default."""
    value = SettingsRepository(session).get(FAIR_EVERY, DEFAULT_FAIR_EVERY)
    try:
        every = int(value)
    except (TypeError, ValueError):
        return DEFAULT_FAIR_EVERY
    return every if 1 <= every <= MAX_FAIR_EVERY else DEFAULT_FAIR_EVERY


@dataclass(frozen=True, slots=True)
class TimeRecord:
    """A period's roster, every plan and every absence: what teacher time is counted from."""

    period: Period
    students: tuple[Student, ...]
    plans: tuple[DayPlan, ...]
    absent: dict[date, frozenset[StudentId]]
    every: int

    @property
    def since(self) -> date | None:
        """The first planned day: where the record, and a never-seen student's wait, begin."""
        return self.plans[0].plan_date if self.plans else None

    def seen(self, on: date) -> tuple[Seen, ...]:
        """Each student's teacher time counted on ``on`` (that day's plan included)."""
        return seen_on(
            self.plans,
            [s.id for s in self.students],
            self.absent,
            on,
            self.period.meeting_days,
            self.since,
        )

    def waiting(self, on: date) -> dict[StudentId, int]:
        """School days each student has waited on ``on``, from the plans before that day
        (for planning ``on`` afresh: its own plan is about to be replaced)."""
        before = [p for p in self.plans if p.plan_date < on]
        found = seen_on(
            before,
            [s.id for s in self.students],
            self.absent,
            on,
            self.period.meeting_days,
            self.since,
        )
        return {s.student: s.days_since for s in found}


def read_record(session: Session, period: PeriodId) -> TimeRecord:
    """The period's record (ValidationError when it is not a current period)."""
    roster = RosterRepository(session)
    info = next((p for p in roster.periods() if p.id == period), None)
    if info is None:
        raise ValidationError("period", f"no current period has id {period}")
    plans = PlanRepository(session).plans(period, date.min, date.max)
    return TimeRecord(
        info,
        tuple(roster.students(period)),
        tuple(plans),
        AttendanceRepository(session).absences(period),
        fair_every(session),
    )
