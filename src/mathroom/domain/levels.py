"""A student's current level on a skill, from the evidence, by the rule the teacher picks.

Two documented rules:

- **Most recent**: the level of the newest observation (same day: the one recorded last).
- **Decaying average**: every observation counts, weighted by how recent it is; an observation
  ``HALF_LIFE_DAYS`` old counts half as much as one from today. The weighted mean is rounded to
  the nearest level (halves round up), so it always lies between the lowest and highest level
  observed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from mathroom.domain.skills import Evidence, Level

HALF_LIFE_DAYS = 14


class LevelRule(StrEnum):
    MOST_RECENT = "most_recent"
    DECAYING_AVERAGE = "decaying_average"

    @property
    def label(self) -> str:
        return {
            LevelRule.MOST_RECENT: "Most recent evidence",
            LevelRule.DECAYING_AVERAGE: "Average, recent evidence counts more",
        }[self]


def current_level(evidence: Sequence[Evidence], rule: LevelRule, today: date) -> Level | None:
    """The level now, or None without evidence. ``evidence`` is in recording order."""
    if not evidence:
        return None
    if rule is LevelRule.MOST_RECENT:
        return most_recent(evidence)
    return decaying_average(evidence, today)


def most_recent(evidence: Sequence[Evidence]) -> Level:
    newest = evidence[0]
    for item in evidence[1:]:
        if item.observed_on >= newest.observed_on:  # ties: the later-recorded one wins
            newest = item
    return newest.level


def decaying_average(evidence: Sequence[Evidence], today: date) -> Level:
    total = weights = 0.0
    for item in evidence:
        age = max(0, (today - item.observed_on).days)
        weight = 0.5 ** (age / HALF_LIFE_DAYS)
        total += weight * int(item.level)
        weights += weight
    mean = total / weights
    rounded = math.floor(mean + 0.5)
    low = min(int(e.level) for e in evidence)
    high = max(int(e.level) for e in evidence)
    return Level(min(high, max(low, rounded)))
