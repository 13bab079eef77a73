"""Readiness modes: each mode's intent shows in the groups it makes."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from mathroom.domain.grouping import GroupingMode, GroupingRequest, GroupingResult, SkillLevel
from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.skills import Level
from tests.unit.grouping.helpers import assert_valid, klass, solve

FRACTIONS = SkillId(1)
RATIOS = SkillId(2)
N, G, S, E = Level.NOT_YET, Level.GETTING_THERE, Level.GOT_IT, Level.EXTENDING


def _levels(table: Mapping[int, tuple[Level, ...]]) -> tuple[SkillLevel, ...]:
    skills = (FRACTIONS, RATIOS)
    return tuple(
        SkillLevel(StudentId(student), skills[j], level)
        for student, row in sorted(table.items())
        for j, level in enumerate(row)
    )


def _level_sets(
    result: GroupingResult, table: Mapping[int, tuple[Level, ...]]
) -> list[list[Level]]:
    return [sorted(table[m][0] for m in group.members) for group in result.rounds[0].groups]


@pytest.mark.parametrize("seed", range(4))
def test_mixed_readiness_spans_levels_without_extremes_together(seed: int) -> None:
    table = {i: (level,) for i, level in enumerate([N, N, G, G, S, S, E, E], start=1)}
    request = GroupingRequest(
        klass(8), 4, mode=GroupingMode.MIXED_READINESS, levels=_levels(table), seed=seed
    )
    result = solve(request)
    assert_valid(request, result)
    for levels in _level_sets(result, table):
        assert not (N in levels and E in levels)
        assert min(levels) <= G and max(levels) >= S
    # Balanced means: Not yet pairs with Got it, Extending with Getting there.
    assert sorted(_level_sets(result, table)) == [[N, N, S, S], [G, G, E, E]]


@pytest.mark.parametrize("seed", range(4))
def test_mixed_readiness_varies_partners_second(seed: int) -> None:
    # In pairs, Not yet (1, 2) must go with Got it (3, 4) and Getting there (5, 6) with
    # Extending (7, 8); of the four such plans, the two rounds use different ones.
    levels = [N, N, S, S, G, G, E, E]
    table = {i: (level,) for i, level in enumerate(levels, start=1)}
    request = GroupingRequest(
        klass(8),
        2,
        rounds=2,
        mode=GroupingMode.MIXED_READINESS,
        levels=_levels(table),
        seed=seed,
    )
    result = solve(request)
    assert_valid(request, result)
    for planned in result.rounds:
        for group in planned.groups:
            found = sorted(table[m][0] for m in group.members)
            assert found in ([N, S], [G, E])
    assert result.repeats.within_plan == 0


@pytest.mark.parametrize("seed", range(4))
def test_same_need_groups_students_who_share_a_gap(seed: int) -> None:
    table: dict[int, tuple[Level, ...]] = {}
    table.update({i: (N, S) for i in (1, 5, 9, 12)})  # gap on fractions
    table.update({i: (S, G) for i in (2, 6, 7, 11)})  # gap on ratios
    table.update({i: (S, E) for i in (3, 4, 8, 10)})  # no gap
    request = GroupingRequest(
        klass(12), 4, mode=GroupingMode.SAME_NEED, levels=_levels(table), seed=seed
    )
    result = solve(request)
    assert_valid(request, result)
    found = sorted(sorted(g.members) for g in result.rounds[0].groups)
    assert found == [[1, 5, 9, 12], [2, 6, 7, 11], [3, 4, 8, 10]]


@pytest.mark.parametrize("seed", range(4))
def test_peer_pairs_join_a_secure_and_a_developing_student(seed: int) -> None:
    row = [E, N, S, G, S, N, E, G, S, G]
    table = {i: (level,) for i, level in enumerate(row, start=1)}
    request = GroupingRequest(
        klass(10), 2, mode=GroupingMode.PEER_PAIRS, levels=_levels(table), seed=seed
    )
    result = solve(request)
    assert_valid(request, result)
    for levels in _level_sets(result, table):
        assert levels[0] <= G < S <= levels[1]


def test_students_without_levels_still_get_groups() -> None:
    table = {1: (N,), 2: (E,), 3: (S,)}
    request = GroupingRequest(
        klass(9), 3, mode=GroupingMode.MIXED_READINESS, levels=_levels(table), seed=1
    )
    result = solve(request)
    assert_valid(request, result)
    assert not any({1, 2} <= set(g.members) for g in result.rounds[0].groups)
