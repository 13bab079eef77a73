"""Evidence: record it fast, undo it, and turn it into the gap map and today's pulls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from mathroom.domain.attendance import present
from mathroom.domain.errors import ValidationError
from mathroom.domain.gap_map import GapMap, build_gap_map
from mathroom.domain.ids import PeriodId, SkillId, StudentId, TaskId
from mathroom.domain.levels import LevelRule
from mathroom.domain.profile import DomainStanding, GroupMemory, SkillStanding, StudentProfile
from mathroom.domain.pulls import PullSuggestion, SkillNeed, neediest_skills, suggest_pulls
from mathroom.domain.roster import display_names
from mathroom.domain.skills import DOMAIN_NAMES, Evidence, EvidenceSource, Level, Skill
from mathroom.services.time_record import read_record
from mathroom.services.undo_journal import UndoJournalService
from mathroom.store.repositories.attendance import AttendanceRepository
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.repositories.roster import RosterEditor, RosterRepository
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.unit_of_work import Store

# A note is a line or two about what was seen (README, "Limits").
MAX_NOTE = 2_000


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

    @property
    def journal(self) -> UndoJournalService:
        """Records what an action writes, for exact undo (see services/undo_journal.py)."""
        return UndoJournalService(self._store)

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
        if note is not None and len(note) > MAX_NOTE:
            raise ValidationError("note", f"notes are limited to {MAX_NOTE:,} characters")
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
            return _gap_map(session, period, today)

    def needs_today(
        self,
        period: PeriodId,
        today: date,
        skills: Sequence[SkillId],
        group_size: int,
        pulls: int,
        already_pulled: Sequence[StudentId] = (),
    ) -> NeedsToday:
        """Neediest skills and suggested pulls among the students present today; among
        students with the same need, those who have waited longest for the teacher's own
        time (a pull or a conference) come first."""
        with self._store.unit_of_work() as session:
            view = _gap_map(session, period, today)
            statuses = AttendanceRepository(session).statuses(period, today)
            style = SettingsRepository(session).display_name_style()
            waiting = read_record(session, period).waiting(today) if view.gap.students else {}
        ids = [s.id for s in view.gap.students]
        here = set(present(ids, statuses))
        chosen = skills or [n.skill.id for n in neediest_skills(view.gap, here)[:5]]
        suggestions = suggest_pulls(
            view.gap, chosen, here, group_size, pulls, already_pulled, waiting=waiting
        )
        return NeedsToday(
            needs=tuple(neediest_skills(view.gap, here)),
            suggestions=tuple(suggestions),
            names=display_names(list(view.gap.students), style),
            absent=frozenset(set(ids) - here),
        )

    def profile(self, student: StudentId, today: date) -> StudentProfile:
        """Everything a parent conference needs about one student (teacher-only)."""
        with self._store.unit_of_work() as session:
            editor = RosterEditor(session)
            record = editor.student(student)
            periods = RosterRepository(session).periods()
            period_names = tuple(
                p.name for p in periods if p.id in editor.current_period_ids(student)
            )
            repository = SkillRepository(session)
            skills = repository.skills()
            evidence = repository.evidence_of([student])
            rule = SettingsRepository(session).level_rule()
            # Only groups that have met: sets made ahead for later days are plans, not history.
            group_sets = [
                gs
                for gs in GroupRepository(session).sets_with_student(student)
                if gs.made_on <= today
            ]
            style = SettingsRepository(session).display_name_style()
            everyone = {s.id: s for s in editor.all_students()}
        gap = build_gap_map([record], skills, evidence, rule, today)
        by_skill = {s.id: s for s in skills}
        domains = []
        for code, name in DOMAIN_NAMES.items():
            standings = tuple(
                SkillStanding(
                    s, gap.level(student, s.id), gap.evidence_counts.get((student, s.id), 0)
                )
                for s in skills
                if s.domain == code
            )
            if any(st.observations for st in standings):
                domains.append(DomainStanding(code, name, standings))
        timeline = tuple(
            (item, by_skill[item.skill_id])
            for item in sorted(evidence, key=lambda e: e.observed_on, reverse=True)
            if item.skill_id in by_skill
        )
        memories = []
        for group_set in group_sets:
            for group in group_set.groups:
                if student in group.members:
                    partners = [
                        everyone[m] for m in group.members if m != student and m in everyone
                    ]
                    names = display_names(partners, style)
                    memories.append(
                        GroupMemory(
                            group_set.made_on,
                            group.number,
                            tuple(sorted(names[p.id] for p in partners)),
                        )
                    )
        return StudentProfile(
            student=record,
            periods=period_names,
            today=today,
            rule_label=rule.label,
            domains=tuple(domains),
            timeline=timeline,
            groups=tuple(sorted(memories, key=lambda m: m.on, reverse=True)),
        )


def _gap_map(session: Session, period: PeriodId, today: date) -> GapMapView:
    students = RosterRepository(session).students(period)
    repository = SkillRepository(session)
    skills = repository.skills()
    evidence = repository.evidence_of([s.id for s in students])
    rule = SettingsRepository(session).level_rule()
    gap = build_gap_map(students, skills, evidence, rule, today)
    names = {s.id: s.full_name for s in students}
    return GapMapView(gap, names, rule)
