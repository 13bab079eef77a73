"""Plausible, seeded evidence for the demo classroom: a class 'all over the map'."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.skills import Evidence, EvidenceSource, Level


@dataclass(frozen=True, slots=True)
class SkillToObserve:
    skill_id: SkillId
    grade: int


def simulate_evidence(
    students: Sequence[StudentId],
    diagnostic_skills: Sequence[SkillToObserve],
    unit_skills: Sequence[SkillToObserve],
    diagnostic_on: date,
    lesson_days: Sequence[date],
    rng: random.Random,
) -> list[Evidence]:
    """A start-of-year diagnostic on foundation skills, then classroom evidence on the unit.

    Each student gets a hidden readiness; earlier-grade skills come easier; later observations
    drift upward, as practice would make them. Deterministic for a given ``rng`` seed.
    """
    evidence: list[Evidence] = []
    sources = (EvidenceSource.EXIT_TICKET, EvidenceSource.WHITEBOARD, EvidenceSource.QUIZ)
    for student in students:
        readiness = rng.gauss(0.0, 1.0)
        for skill in diagnostic_skills:
            score = readiness + 0.45 * (7 - skill.grade) + rng.gauss(0.0, 0.7)
            evidence.append(
                Evidence(
                    student,
                    skill.skill_id,
                    _level(score),
                    diagnostic_on,
                    EvidenceSource.IMPORT,
                    None,
                )
            )
        for index, skill in enumerate(unit_skills):
            # Later unit skills were taught later: fewer days to have been observed on.
            days = list(lesson_days[index * len(lesson_days) // max(1, len(unit_skills)) :])
            if not days:
                continue
            count = min(len(days), rng.randint(1, 3))
            for step, day in enumerate(sorted(rng.sample(days, count))):
                score = readiness - 0.3 + 0.35 * step + rng.gauss(0.0, 0.6)
                evidence.append(
                    Evidence(student, skill.skill_id, _level(score), day, rng.choice(sources))
                )
    return evidence


def _level(score: float) -> Level:
    if score < -0.6:
        return Level.NOT_YET
    if score < 0.4:
        return Level.GETTING_THERE
    if score < 1.6:
        return Level.GOT_IT
    return Level.EXTENDING
