"""Readiness modes: what makes a group good when levels matter, as a cost per group.

Levels are the students' current levels on the skills the teacher picked. A student without
a level on a skill is left out of that skill's terms. Costs are in the same units as repeats
(a repeat within the plan costs 10), and set high enough that the mode's wish comes first and
fresh partners second.
"""

from __future__ import annotations

from collections.abc import Sequence

from mathroom.domain.grouping.request import GroupingMode, GroupingRequest
from mathroom.domain.grouping.scoring import GroupCost
from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.skills import Level

EXTREMES_COST = 100.0
"""Mixed readiness: per "Not yet" and "Extending" pair sharing a group on a skill."""

ONE_SIDED_COST = 30.0
"""Mixed readiness: a group whose members are all developing or all secure on a skill."""

MEAN_GAP_COST = 20.0
"""Mixed readiness: per member, per squared level of distance from the class's mean."""

NEED_MISMATCH_COST = 25.0
"""Same need: per pair and per skill where one of the two has a gap and the other has not."""

PEER_IMBALANCE_COST = 25.0
"""Peer pairs: per skill, per secure student without a developing partner (or vice versa)."""


def levels_by_student(
    request: GroupingRequest, index_of: dict[StudentId, int]
) -> list[tuple[int, ...]]:
    """Each student's level per chosen skill (0 where unknown), skills in id order."""
    skills: list[SkillId] = sorted({item.skill for item in request.levels})
    column = {skill: j for j, skill in enumerate(skills)}
    table = [[0] * len(skills) for _ in request.students]
    for item in request.levels:
        table[index_of[item.student]][column[item.skill]] = int(item.level)
    return [tuple(row) for row in table]


def mode_cost(request: GroupingRequest, index_of: dict[StudentId, int]) -> GroupCost | None:
    """The group cost for the request's mode, or None when only fresh partners matter."""
    if request.mode is GroupingMode.FRESH_MIX or not request.levels:
        return None
    levels = levels_by_student(request, index_of)
    if request.mode is GroupingMode.MIXED_READINESS:
        return _mixed_readiness(levels)
    if request.mode is GroupingMode.SAME_NEED:
        return _same_need(levels)
    return _peer_pairs(levels)


def _mean(row: Sequence[int]) -> float | None:
    known = [level for level in row if level]
    return sum(known) / len(known) if known else None


def _mixed_readiness(levels: list[tuple[int, ...]]) -> GroupCost:
    means = [_mean(row) for row in levels]
    known = [m for m in means if m is not None]
    class_mean = sum(known) / len(known) if known else 0.0
    skills = range(len(levels[0]) if levels else 0)
    not_yet, getting, got_it, extending = (int(level) for level in Level)

    def cost(group: Sequence[int]) -> float:
        total = 0.0
        for j in skills:
            low = high = bottom = top = 0
            for x in group:
                level = levels[x][j]
                if level == not_yet:
                    bottom += 1
                    low += 1
                elif level == getting:
                    low += 1
                elif level == got_it:
                    high += 1
                elif level == extending:
                    top += 1
                    high += 1
            total += EXTREMES_COST * bottom * top
            if low + high >= 2 and not (low and high):
                total += ONE_SIDED_COST
        member_means = [m for m in (means[x] for x in group) if m is not None]
        if member_means:
            gap = sum(member_means) / len(member_means) - class_mean
            total += MEAN_GAP_COST * len(member_means) * gap * gap
        return total

    return cost


def _same_need(levels: list[tuple[int, ...]]) -> GroupCost:
    gaps = [
        sum(1 << j for j, level in enumerate(row) if level and level <= Level.GETTING_THERE)
        for row in levels
    ]

    def cost(group: Sequence[int]) -> float:
        mismatches = 0
        for i, a in enumerate(group):
            gap_a = gaps[a]
            for b in group[i + 1 :]:
                mismatches += (gap_a ^ gaps[b]).bit_count()
        return NEED_MISMATCH_COST * mismatches

    return cost


def _peer_pairs(levels: list[tuple[int, ...]]) -> GroupCost:
    skills = range(len(levels[0]) if levels else 0)
    secure = int(Level.GOT_IT)

    def cost(group: Sequence[int]) -> float:
        imbalance = 0
        for j in skills:
            balance = 0
            for x in group:
                level = levels[x][j]
                if level:
                    balance += 1 if level >= secure else -1
            imbalance += abs(balance)
        return PEER_IMBALANCE_COST * imbalance

    return cost
