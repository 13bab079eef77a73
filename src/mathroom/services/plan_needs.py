"""Where a period's students stand, and the pulls that follow, when a lesson is copied to
another period or rolled forward to the next school day (teacher-only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
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
from mathroom.domain.practice.registry import has_generator
from mathroom.domain.pulls import PullSuggestion, neediest_skills, suggest_pulls
from mathroom.domain.skills import Evidence
from mathroom.domain.teacher_time import with_teacher_time
from mathroom.services.time_record import read_record
from mathroom.store.repositories.attendance import AttendanceRepository
from mathroom.store.repositories.plans import PlanRepository
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
    # School days since each student last had the teacher's own time: fair play among equals.
    waiting: Mapping[StudentId, int] = field(default_factory=dict)
    # 1-1 conferences the teacher already set ahead for the day: they are kept. (Pulls are
    # not: replacing a day recomputes its pulls, and a kept pull would pile up on each run.)
    ahead: tuple[PlanBlock, ...] = ()

    @property
    def booked(self) -> frozenset[StudentId]:
        """Students who already have 1-1 conferences set ahead for the day."""
        return frozenset(s for block in self.ahead for s in block.students)


def read_needs(session: Session, period: PeriodId, on: date) -> Needs:
    students = RosterRepository(session).students(period)
    skills = SkillRepository(session)
    evidence = tuple(skills.evidence_of([s.id for s in students]))
    rule = SettingsRepository(session).level_rule()
    gap = build_gap_map(students, skills.skills(), evidence, rule, on)
    absent = AttendanceRepository(session).absent(period, on)
    here = frozenset(s.id for s in students if s.id not in absent)
    waiting = read_record(session, period).waiting(on) if students else {}
    planned = PlanRepository(session).plan(period, on)
    ahead = tuple(b for b in planned.blocks if _is_conference(b)) if planned else ()
    return Needs(gap, here, evidence, waiting, ahead)


def tuned_for_next_day(
    blocks: Sequence[PlanBlock], needs: Needs, today: date
) -> tuple[PlanBlock, ...]:
    """Today's blocks for the next school day, tuned by today's evidence.

    Pulls go to the skills that got Not yet or Getting there today (the neediest skills when
    there were none), for the students whose current level is lowest; practice blocks focus
    on the same skills. Among students with the same need, those who have waited longest
    for the teacher's time come first. Today's 1-1 conferences stay with today; 1-1
    conferences already set ahead for the next day are kept, and their students are not
    pulled twice.
    """
    visible = {s.id for s in needs.gap.skills}
    revisit = [s for s in skills_to_revisit(needs.evidence, today) if s in visible]
    slots = [b for b in blocks if b.kind is BlockKind.SMALL_GROUP]
    size = max((len(b.students) for b in slots), default=0) or PULL_SIZE
    pulls = _choose_pulls(needs, revisit, size, max(1, len(slots)))
    codes = {s.id: s.code for s in needs.gap.skills}
    # Only skills with practice problems can be a practice focus (others are refused).
    focus = tuple(c for c in (codes[s] for s in revisit) if has_generator(c))[:PRACTICE_FOCUS]
    own = [b for b in blocks if not _is_conference(b)]
    return with_teacher_time(next_day_blocks(own, pulls, focus, PULL_MINUTES), needs.ahead)


def copied_blocks(blocks: Sequence[PlanBlock], needs: Needs) -> tuple[PlanBlock, ...]:
    """The lesson's blocks for another period (or day): its own pulls on the same skills, no
    groups. The source's 1-1 conferences belong to its students and stay behind; 1-1
    conferences the target already had set ahead for the day are kept."""
    by_code = {s.code: s.id for s in needs.gap.skills}
    taken: set[StudentId] = set(needs.booked)
    copied: list[PlanBlock] = []
    for block in blocks:
        if block.is_pull:
            skill = by_code.get(block.skill_code or "")
            size = len(block.students)
            found = (
                suggest_pulls(
                    needs.gap,
                    [skill],
                    needs.present,
                    size,
                    1,
                    already_pulled=taken,
                    waiting=needs.waiting,
                )
                if skill is not None
                else []
            )
            if found:
                taken.update(found[0].students)
                copied.append(replace(pull_block(found[0], block.minutes), title=block.title))
            continue
        if _is_conference(block):
            continue
        copied.append(block.without_groups())
    return with_teacher_time(copied, needs.ahead)


def _choose_pulls(
    needs: Needs, preferred: Sequence[SkillId], size: int, count: int
) -> list[PullSuggestion]:
    """Pulls on the preferred skills first, then on the neediest ones to fill the count."""
    booked = needs.booked
    pulls = suggest_pulls(
        needs.gap, preferred, needs.present, size, count, booked, waiting=needs.waiting
    )
    if len(pulls) < count:
        taken = {s for p in pulls for s in p.students} | booked
        fallback = [n.skill.id for n in neediest_skills(needs.gap, needs.present)]
        pulls += suggest_pulls(
            needs.gap,
            [s for s in fallback if s not in preferred][:NEEDIEST_FALLBACK],
            needs.present,
            size,
            count - len(pulls),
            already_pulled=taken,
            waiting=needs.waiting,
        )
    return pulls


def _is_conference(block: PlanBlock) -> bool:
    """1-1 conferences with named students: they belong to those students and that day."""
    return block.kind is BlockKind.CONFERENCE and bool(block.students)
