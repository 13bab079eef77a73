"""Where each student stands on each skill: the data behind the gap map."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.levels import LevelRule, current_level
from mathroom.domain.roster import Student
from mathroom.domain.skills import Evidence, Level, Skill


@dataclass(frozen=True, slots=True)
class GapMap:
    students: tuple[Student, ...]
    skills: tuple[Skill, ...]
    levels: dict[tuple[StudentId, SkillId], Level]
    evidence_counts: dict[tuple[StudentId, SkillId], int]

    def level(self, student: StudentId, skill: SkillId) -> Level | None:
        return self.levels.get((student, skill))

    def count(self, skill: SkillId, *levels: Level) -> int:
        return sum(1 for s in self.students if self.levels.get((s.id, skill)) in levels)


def build_gap_map(
    students: Sequence[Student],
    skills: Sequence[Skill],
    evidence: Iterable[Evidence],
    rule: LevelRule,
    today: date,
) -> GapMap:
    """Current levels by the teacher's rule; ``evidence`` in recording order."""
    wanted_students = {s.id for s in students}
    wanted_skills = {s.id for s in skills}
    grouped: dict[tuple[StudentId, SkillId], list[Evidence]] = {}
    for item in evidence:
        if item.student_id in wanted_students and item.skill_id in wanted_skills:
            grouped.setdefault((item.student_id, item.skill_id), []).append(item)
    levels: dict[tuple[StudentId, SkillId], Level] = {}
    for key, items in grouped.items():
        level = current_level(items, rule, today)
        if level is not None:
            levels[key] = level
    counts = {key: len(items) for key, items in grouped.items()}
    return GapMap(tuple(students), tuple(skills), levels, counts)
