"""Who has worked with whom before, with recent meetings weighing most."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mathroom.domain.grouping.request import PastRound
from mathroom.domain.ids import StudentId

HALF_LIFE_ROUNDS = 10.0
"""The lasting part of a meeting halves every ten group sets (two weeks of daily stations)."""

RECENT_EXTRA = 2.0
"""A fading extra on top, halving every group set: yesterday's partners are avoided first."""

FORGET_AFTER_ROUNDS = 120
"""Meetings older than this no longer count at all (a school year of daily stations is ~180)."""

Pair = tuple[StudentId, StudentId]


def pair(a: StudentId, b: StudentId) -> Pair:
    """The pair's canonical key: smaller id first."""
    return (a, b) if a < b else (b, a)


def recency_weight(rounds_ago: int, half_life: float = HALF_LIFE_ROUNDS) -> float:
    """How much a meeting ``rounds_ago`` group sets back counts.

    3.0 for the latest group set, then 1.93, 1.37, 1.06, 0.88 ... 0.50 ten sets back: the
    sum of a lasting part that halves every ``half_life`` sets (so often-met pairs stay
    costly) and an extra that halves every set (so the last few days' partners come last).
    """
    if rounds_ago > FORGET_AFTER_ROUNDS:
        return 0.0
    lasting = 0.5 ** ((rounds_ago - 1) / half_life)
    return float(lasting + RECENT_EXTRA * 0.5 ** (rounds_ago - 1))


@dataclass(frozen=True, slots=True)
class PairHistory:
    """Meeting counts and recency-weighted meeting totals for every pair that has met."""

    counts: dict[Pair, int] = field(default_factory=dict)
    weights: dict[Pair, float] = field(default_factory=dict)

    @classmethod
    def from_rounds(
        cls,
        rounds: Iterable[PastRound],
        students: Iterable[StudentId] | None = None,
        half_life: float = HALF_LIFE_ROUNDS,
    ) -> PairHistory:
        """Tally past group sets; with ``students`` given, pairs outside them are dropped."""
        keep = set(students) if students is not None else None
        counts: dict[Pair, int] = {}
        weights: dict[Pair, float] = {}
        for past in rounds:
            weight = recency_weight(past.rounds_ago, half_life)
            for group in past.groups:
                members = sorted(set(group) if keep is None else set(group) & keep)
                for i, a in enumerate(members):
                    for b in members[i + 1 :]:
                        key = (a, b)
                        counts[key] = counts.get(key, 0) + 1
                        weights[key] = weights.get(key, 0.0) + weight
        return cls(counts, weights)

    def count(self, a: StudentId, b: StudentId) -> int:
        """How many times the two have shared a group."""
        return self.counts.get(pair(a, b), 0)

    def weight(self, a: StudentId, b: StudentId) -> float:
        """Their meetings added up by ``recency_weight``."""
        return self.weights.get(pair(a, b), 0.0)
