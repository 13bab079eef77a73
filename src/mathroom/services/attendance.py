"""Today's attendance for a period: everyone present unless the teacher marks otherwise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.roster import Student, display_names
from mathroom.store.repositories.attendance import AttendanceRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.unit_of_work import Store


@dataclass(frozen=True, slots=True)
class AttendanceEntry:
    student: Student
    display_name: str
    status: AttendanceStatus


class AttendanceService:
    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    def day(self, period: PeriodId, on: date) -> list[AttendanceEntry]:
        with self._store.unit_of_work() as session:
            students = RosterRepository(session).students(period)
            statuses = AttendanceRepository(session).statuses(period, on)
            style = SettingsRepository(session).display_name_style()
        names = display_names(students, style)
        return [
            AttendanceEntry(s, names[s.id], statuses.get(s.id, AttendanceStatus.PRESENT))
            for s in students
        ]

    def set_status(
        self, period: PeriodId, student: StudentId, on: date, status: AttendanceStatus
    ) -> None:
        with self._store.unit_of_work() as session:
            AttendanceRepository(session).record(period, student, on, status, self._now())
