"""Who needs what today: small groups of students who share a gap, for a teacher pull."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from mathroom.domain.errors import ValidationError
from mathroom.domain.gap_map import GapMap
from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.skills import Level, Skill

GAP_LEVELS = (Level.NOT_YET, Level.GETTING_THERE)


@dataclass(frozen=True, slots=True)
class SkillNeed:
    skill: Skill
    not_yet: int
    getting_there: int

    @property
    def total(self) -> int:
        return self.not_yet + self.getting_there


@dataclass(frozen=True, slots=True)
class PullSuggestion:
    skill: Skill
    students: tuple[StudentId, ...]
    levels: tuple[Level, ...]  # each student's level, same order

    @property
    def reason(self) -> str:
        """'all 4 are Not yet on 7.NS.A.1b — Add integers' or a mix, in plain words."""
        n = len(self.students)
        label = f"{self.skill.code} — {self.skill.name}"
        if len(set(self.levels)) == 1:
            who = "both are" if n == 2 else f"all {n} are" if n > 1 else "1 student is"
            return f"{who} {self.levels[0].label} on {label}"
        not_yet = sum(1 for level in self.levels if level is Level.NOT_YET)
        return f"{not_yet} Not yet and {n - not_yet} Getting there on {label}"


def neediest_skills(gap: GapMap, present: Collection[StudentId]) -> list[SkillNeed]:
    """Skills ordered by how many present students are not yet secure on them."""
    needs = []
    for skill in gap.skills:
        levels = [gap.level(s.id, skill.id) for s in gap.students if s.id in present]
        not_yet = levels.count(Level.NOT_YET)
        getting = levels.count(Level.GETTING_THERE)
        if not_yet or getting:
            needs.append(SkillNeed(skill, not_yet, getting))
    return sorted(needs, key=lambda n: (-n.not_yet, -n.total, n.skill.code))


def suggest_pulls(
    gap: GapMap,
    skills: Sequence[SkillId],
    present: Collection[StudentId],
    group_size: int,
    pulls: int,
    already_pulled: Collection[StudentId] = (),
    *,
    waiting: Mapping[StudentId, int] | None = None,
) -> list[PullSuggestion]:
    """Up to ``pulls`` groups of at most ``group_size`` students sharing a gap.

    Each student is pulled at most once a day; "Not yet" students come first; absent
    students are never suggested. Greedy: always the skill with the most students left.
    ``waiting`` (school days since each student last had the teacher's own time) is fair
    play: among students with the same need, those who have waited longest come first.
    """
    if group_size < 1:
        raise ValidationError("group_size", "a pull needs at least one student")
    if pulls < 0:
        raise ValidationError("pulls", "the number of pulls cannot be negative")
    by_id = {s.id: s for s in gap.skills}
    chosen = [by_id[s] for s in skills if s in by_id]
    taken = set(already_pulled)
    order = {s.id: n for n, s in enumerate(gap.students)}
    waited = waiting or {}
    suggestions: list[PullSuggestion] = []
    while len(suggestions) < pulls:
        best: tuple[tuple[int, int, str], Skill, list[StudentId]] | None = None
        for skill in chosen:
            candidates = [
                s.id
                for s in gap.students
                if s.id in present and s.id not in taken and gap.level(s.id, skill.id) in GAP_LEVELS
            ]
            if not candidates:
                continue
            candidates.sort(
                key=lambda sid: (gap.level(sid, skill.id) or 0, -waited.get(sid, 0), order[sid])
            )
            group = candidates[:group_size]
            not_yet = sum(1 for sid in group if gap.level(sid, skill.id) is Level.NOT_YET)
            key = (-not_yet, -len(group), skill.code)
            if best is None or key < best[0]:
                best = (key, skill, group)
        if best is None:
            break
        _, skill, group = best
        taken.update(group)
        levels = tuple(gap.level(sid, skill.id) or Level.NOT_YET for sid in group)
        suggestions.append(PullSuggestion(skill, tuple(group), levels))
    return suggestions
