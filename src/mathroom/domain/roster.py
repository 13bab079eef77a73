"""School years, periods and students as immutable snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from mathroom.domain.ids import PeriodId, SchoolYearId, StudentId


class Weekday(StrEnum):
    MON = "Mon"
    TUE = "Tue"
    WED = "Wed"
    THU = "Thu"
    FRI = "Fri"
    SAT = "Sat"
    SUN = "Sun"

    @classmethod
    def of(cls, day: date) -> Weekday:
        return list(cls)[day.weekday()]


@dataclass(frozen=True, slots=True)
class SchoolYear:
    id: SchoolYearId
    name: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True, slots=True)
class Period:
    id: PeriodId
    name: str
    course: str
    room: str
    meeting_days: tuple[Weekday, ...]
    starts_at: time | None
    ends_at: time | None
    student_count: int = 0

    @property
    def minutes(self) -> int | None:
        """Length of one class meeting, when both times are known."""
        if self.starts_at is None or self.ends_at is None:
            return None
        start = self.starts_at.hour * 60 + self.starts_at.minute
        end = self.ends_at.hour * 60 + self.ends_at.minute
        return end - start


@dataclass(frozen=True, slots=True)
class Student:
    id: StudentId
    given_name: str
    family_name: str
    preferred_name: str | None
    student_number: str | None
    archived: bool = False

    @property
    def first_name(self) -> str:
        """The name the student goes by."""
        return self.preferred_name or self.given_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.family_name) if part)

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.family_name.casefold(), self.first_name.casefold())


class DisplayNameStyle(StrEnum):
    """How names show on shared surfaces (projector, posters, cards)."""

    FIRST_INITIAL = "first_initial"  # Amara O.
    FIRST_ONLY = "first_only"  # Amara (Amara O. when two share a first name)
    FIRST_LAST = "first_last"  # Amara Okafor

    @property
    def label(self) -> str:
        return {
            DisplayNameStyle.FIRST_INITIAL: "First name and family initial (Amara O.)",
            DisplayNameStyle.FIRST_ONLY: "First name only (Amara)",
            DisplayNameStyle.FIRST_LAST: "First and family name (Amara Okafor)",
        }[self]


def display_names(
    students: list[Student] | tuple[Student, ...],
    style: DisplayNameStyle = DisplayNameStyle.FIRST_INITIAL,
) -> dict[StudentId, str]:
    """Names safe for shared surfaces, lengthened until no two students look the same.

    Two "Daniel R." in one period become "Daniel Re." and "Daniel Ro."; identical names fall
    back to the full family name and then a number, so no two students ever look the same.
    """
    result: dict[StudentId, str] = {}

    def short(student: Student, letters: int) -> str:
        family = student.family_name.strip()
        if not family or letters <= 0:
            return student.first_name
        if letters >= len(family):
            return f"{student.first_name} {family}"
        return f"{student.first_name} {family[:letters]}."

    def start(student: Student) -> int:
        if style is DisplayNameStyle.FIRST_ONLY:
            return 0
        if style is DisplayNameStyle.FIRST_LAST:
            return len(student.family_name.strip())
        return 1

    pending = {s.id: start(s) for s in students}
    by_id = {s.id: s for s in students}
    while pending:
        labels = {sid: short(by_id[sid], n) for sid, n in pending.items()}
        counts: dict[str, int] = {}
        for label in [*labels.values(), *result.values()]:
            counts[label.casefold()] = counts.get(label.casefold(), 0) + 1
        next_round: dict[StudentId, int] = {}
        for sid, label in labels.items():
            exhausted = pending[sid] >= len(by_id[sid].family_name.strip())
            if counts[label.casefold()] == 1 or exhausted:
                result[sid] = label  # identical full names are numbered below
            else:
                next_round[sid] = pending[sid] + 1
        pending = next_round
    seen: dict[str, list[StudentId]] = {}
    for sid in sorted(result):
        seen.setdefault(result[sid].casefold(), []).append(sid)
    for same in seen.values():
        if len(same) > 1:
            for n, sid in enumerate(same, start=1):
                result[sid] = f"{result[sid]} ({n})"
    return result
