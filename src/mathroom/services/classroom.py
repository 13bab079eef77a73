"""Read-only views of the classroom for the pages: periods, students, skills, groups, plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from mathroom.domain.groups import GroupSet
from mathroom.domain.ids import GroupSetId, PeriodId, StudentId
from mathroom.domain.plan import DayPlan
from mathroom.domain.roster import Period, SchoolYear, Student, display_names
from mathroom.domain.skills import Level, Skill
from mathroom.domain.tasks import Task
from mathroom.store.repositories.attendance import AttendanceRepository
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.unit_of_work import Store


@dataclass(frozen=True, slots=True)
class ClassroomOverview:
    year: SchoolYear | None
    periods: tuple[Period, ...]
    students: int
    skills: int
    tasks: int
    evidence: int

    @property
    def is_empty(self) -> bool:
        return not self.periods and self.students == 0


@dataclass(frozen=True, slots=True)
class RosterEntry:
    student: Student
    display_name: str


@dataclass(frozen=True, slots=True)
class SkillLevels:
    """How many of a period's students stand at each level on one skill."""

    skill: Skill
    counts: dict[Level, int] = field(default_factory=dict)
    unassessed: int = 0

    @property
    def needing_support(self) -> int:
        return self.counts.get(Level.NOT_YET, 0) + self.counts.get(Level.GETTING_THERE, 0)


@dataclass(frozen=True, slots=True)
class GroupSetView:
    group_set: GroupSet
    names: tuple[tuple[int, tuple[str, ...]], ...]  # (group number, display names)


class ClassroomService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def overview(self) -> ClassroomOverview:
        with self._store.unit_of_work() as session:
            roster = RosterRepository(session)
            skills = SkillRepository(session)
            return ClassroomOverview(
                year=roster.current_year(),
                periods=tuple(roster.periods()),
                students=roster.student_count(),
                skills=skills.count(),
                tasks=TaskRepository(session).count(),
                evidence=skills.evidence_count(),
            )

    def roster(self, period: PeriodId, *, include_archived: bool = False) -> list[RosterEntry]:
        with self._store.unit_of_work() as session:
            return roster_entries(session, period, include_archived=include_archived)

    def skill_levels(self, period: PeriodId) -> list[SkillLevels]:
        """Per visible skill, the count of enrolled students at each current level."""
        with self._store.unit_of_work() as session:
            students = RosterRepository(session).students(period)
            skills = SkillRepository(session)
            latest = skills.latest_levels(period)
            all_skills = skills.skills()
        enrolled = {s.id for s in students}
        result = []
        for skill in all_skills:
            counts: dict[Level, int] = {}
            for student in enrolled:
                level = latest.get((student, skill.id))
                if level is not None:
                    counts[level] = counts.get(level, 0) + 1
            result.append(SkillLevels(skill, counts, len(enrolled) - sum(counts.values())))
        return result

    def tasks(self) -> list[Task]:
        with self._store.unit_of_work() as session:
            return TaskRepository(session).tasks()

    def group_sets(
        self, period: PeriodId, limit: int = 30, *, until: date | None = None
    ) -> list[GroupSetView]:
        """Newest first; with ``until``, only sets made for that day or before."""
        with self._store.unit_of_work() as session:
            students = RosterRepository(session).students(period)
            sets = GroupRepository(session).group_sets(period, limit, until=until)
            style = SettingsRepository(session).display_name_style()
        names = display_names(students, style)
        return [
            GroupSetView(gs, tuple((g.number, _names(g.members, names)) for g in gs.groups))
            for gs in sets
        ]

    def group_set(self, group_set: GroupSetId) -> GroupSet | None:
        """One group set by id (a plan's stations point at it)."""
        with self._store.unit_of_work() as session:
            return GroupRepository(session).group_set(group_set)

    def plans(self, period: PeriodId, first: date, last: date) -> list[DayPlan]:
        with self._store.unit_of_work() as session:
            return PlanRepository(session).plans(period, first, last)


# Queries for a service that reads several things in one user action: each runs in the
# caller's session, so together they see one consistent state of the database.


def current_period(session: Session, period: PeriodId) -> Period:
    """One of the current year's active periods (LookupError for any other)."""
    found = next((p for p in RosterRepository(session).periods() if p.id == period), None)
    if found is None:
        raise LookupError(f"period {period} is not a current period")
    return found


def roster_entries(
    session: Session, period: PeriodId, *, include_archived: bool = False
) -> list[RosterEntry]:
    """The period's students with their display names, in roster order."""
    students = RosterRepository(session).students(period, include_archived=include_archived)
    names = display_names(students, SettingsRepository(session).display_name_style())
    return [RosterEntry(s, names[s.id]) for s in students]


def present_names(session: Session, period: PeriodId, on: date) -> dict[StudentId, str]:
    """Display names of the students in the room on ``on``, in roster order."""
    absent = AttendanceRepository(session).absent(period, on)
    return {
        entry.student.id: entry.display_name
        for entry in roster_entries(session, period)
        if entry.student.id not in absent
    }


def _names(members: tuple[StudentId, ...], names: dict[StudentId, str]) -> tuple[str, ...]:
    # A student who has since left the period still appears in old groups, unnamed.
    return tuple(sorted(names.get(m, "(left the class)") for m in members))
