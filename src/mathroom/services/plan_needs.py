"""Where a period's students stand, and the pulls that follow, when a lesson is copied to
another period or rolled forward to the next school day (teacher-only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from mathroom.domain.gap_map import GapMap, build_gap_map
from mathroom.domain.ids import PeriodId, SkillId, StudentId
from mathroom.domain.plan import (
    BlockKind,
    PlanBlock,
    next_day_blocks,
    pull_block,
    skills_to_revisit,
)
from mathroom.domain.pulls import PullSuggestion, neediest_skills, suggest_pulls
from mathroom.domain.skills import Evidence
from mathroom.store.repositories.attendance import AttendanceRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.repositories.skills import SkillRepository

PULL_MINUTES = 10
PULL_SIZE = 4
PRACTICE_FOCUS = 3  # skills an independent-practice block concentrates on
NEEDIEST_FALLBACK = 5  # skills to look at for pulls when today's evidence shows no gap


@dataclass(frozen=True, slots=True)
class Needs:
    """Where a period's students stand on a day, for choosing pulls."""

    gap: GapMap
    present: frozenset[StudentId]
    evidence: tuple[Evidence, ...]


def read_needs(session: Session, period: PeriodId, on: date) -> Needs:
    students = RosterRepository(session).students(period)
    skills = SkillRepository(session)
    evidence = tuple(skills.evidence_of([s.id for s in students]))
    rule = SettingsRepository(session).level_rule()
    gap = build_gap_map(students, skills.skills(), evidence, rule, on)
    absent = AttendanceRepository(session).absent(period, on)
    here = frozenset(s.id for s in students if s.id not in absent)
    return Needs(gap, here, evidence)


def tuned_for_next_day(
    blocks: Sequence[PlanBlock], needs: Needs, today: date
) -> tuple[PlanBlock, ...]:
    """Today's blocks for the next school day, tuned by today's evidence.

    Pulls go to the skills that got Not yet or Getting there today (the neediest skills when
    there were none), for the students whose current level is lowest; practice blocks focus
    on the same skills.
    """
    visible = {s.id for s in needs.gap.skills}
    revisit = [s for s in skills_to_revisit(needs.evidence, today) if s in visible]
    slots = [b for b in blocks if b.kind is BlockKind.SMALL_GROUP]
    size = max((len(b.students) for b in slots), default=0) or PULL_SIZE
    pulls = _choose_pulls(needs, revisit, size, max(1, len(slots)))
    codes = {s.id: s.code for s in needs.gap.skills}
    focus = tuple(codes[s] for s in revisit[:PRACTICE_FOCUS])
    return next_day_blocks(blocks, pulls, focus, PULL_MINUTES)


def copied_blocks(blocks: Sequence[PlanBlock], needs: Needs) -> tuple[PlanBlock, ...]:
    """The lesson's blocks for another period: its own pulls on the same skills, no groups."""
    by_code = {s.code: s.id for s in needs.gap.skills}
    taken: set[StudentId] = set()
    copied: list[PlanBlock] = []
    for block in blocks:
        if block.is_pull:
            skill = by_code.get(block.skill_code or "")
            size = len(block.students)
            found = (
                suggest_pulls(needs.gap, [skill], needs.present, size, 1, already_pulled=taken)
                if skill is not None
                else []
            )
            if found:
                taken.update(found[0].students)
                copied.append(replace(pull_block(found[0], block.minutes), title=block.title))
            continue
        copied.append(block.without_groups())
    return tuple(copied)


def _choose_pulls(
    needs: Needs, preferred: Sequence[SkillId], size: int, count: int
) -> list[PullSuggestion]:
    """Pulls on the preferred skills first, then on the neediest ones to fill the count."""
    pulls = suggest_pulls(needs.gap, preferred, needs.present, size, count)
    if len(pulls) < count:
        taken = {s for p in pulls for s in p.students}
        fallback = [n.skill.id for n in neediest_skills(needs.gap, needs.present)]
        pulls += suggest_pulls(
            needs.gap,
            [s for s in fallback if s not in preferred][:NEEDIEST_FALLBACK],
            needs.present,
            size,
            count - len(pulls),
            already_pulled=taken,
        )
    return pulls
