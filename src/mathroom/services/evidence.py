"""Evidence: record it fast, undo it, and turn it into the gap map and today's pulls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from mathroom.domain.attendance import present
from mathroom.domain.gap_map import GapMap, build_gap_map
from mathroom.domain.ids import PeriodId, SkillId, StudentId, TaskId
from mathroom.domain.levels import LevelRule
from mathroom.domain.pulls import PullSuggestion, SkillNeed, neediest_skills, suggest_pulls
from mathroom.domain.roster import display_names
from mathroom.domain.skills import Evidence, EvidenceSource, Level, Skill
from mathroom.store.repositories.attendance import AttendanceRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.unit_of_work import Store


@dataclass(frozen=True, slots=True)
class GapMapView:
    """The gap map plus the names the teacher's screen shows (full names: teacher-only)."""

    gap: GapMap
    names: dict[StudentId, str]
    rule: LevelRule


@dataclass(frozen=True, slots=True)
class NeedsToday:
    needs: tuple[SkillNeed, ...]
    suggestions: tuple[PullSuggestion, ...]
    names: dict[StudentId, str]
    absent: frozenset[StudentId]


class EvidenceService:
    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    def level_rule(self) -> LevelRule:
        with self._store.unit_of_work() as session:
            return SettingsRepository(session).level_rule()

    def set_level_rule(self, rule: LevelRule) -> None:
        with self._store.unit_of_work() as session:
            SettingsRepository(session).set_level_rule(rule)

    def skills(self) -> list[Skill]:
        with self._store.unit_of_work() as session:
            return SkillRepository(session).skills()

    def record(
        self,
        students: Sequence[StudentId],
        skills: Sequence[SkillId],
        level: Level,
        source: EvidenceSource,
        on: date,
        task: TaskId | None = None,
        note: str | None = None,
    ) -> tuple[int, ...]:
        """One observation per student and skill, in one action; returns ids for undo."""
        items = [
            Evidence(student, skill, level, on, source, note or None, task)
            for student in students
            for skill in skills
        ]
        with self._store.unit_of_work() as session:
            return tuple(SkillRepository(session).record_evidence(items, self._now()))

    def remove(self, ids: Sequence[int]) -> None:
        with self._store.unit_of_work() as session:
            SkillRepository(session).delete_evidence(ids)

    def history(self, student: StudentId, skill: SkillId) -> list[Evidence]:
        with self._store.unit_of_work() as session:
            return SkillRepository(session).history(student, skill)

    def gap_map(self, period: PeriodId, today: date) -> GapMapView:
        with self._store.unit_of_work() as session:
            students = RosterRepository(session).students(period)
            repository = SkillRepository(session)
            skills = repository.skills()
            evidence = repository.evidence_of([s.id for s in students])
            rule = SettingsRepository(session).level_rule()
        gap = build_gap_map(students, skills, evidence, rule, today)
        names = {s.id: s.full_name for s in students}
        return GapMapView(gap, names, rule)

    def needs_today(
        self,
        period: PeriodId,
        today: date,
        skills: Sequence[SkillId],
        group_size: int,
        pulls: int,
        already_pulled: Sequence[StudentId] = (),
    ) -> NeedsToday:
        """Neediest skills and suggested pulls among the students present today."""
        view = self.gap_map(period, today)
        with self._store.unit_of_work() as session:
            statuses = AttendanceRepository(session).statuses(period, today)
            style = SettingsRepository(session).display_name_style()
        ids = [s.id for s in view.gap.students]
        here = set(present(ids, statuses))
        chosen = skills or [n.skill.id for n in neediest_skills(view.gap, here)[:5]]
        suggestions = suggest_pulls(view.gap, chosen, here, group_size, pulls, already_pulled)
        return NeedsToday(
            needs=tuple(neediest_skills(view.gap, here)),
            suggestions=tuple(suggestions),
            names=display_names(list(view.gap.students), style),
            absent=frozenset(set(ids) - here),
        )
