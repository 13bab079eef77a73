"""Shared builders and checks for the grouping tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from mathroom.domain.grouping import GroupingRequest, GroupingResult, form_groups, group_shape
from mathroom.domain.grouping.constraints import broken_rules
from mathroom.domain.ids import StudentId


def still_clock() -> float:
    """A clock that never moves: only the work budget ends a search, so runs repeat exactly."""
    return 0.0


def ids(*numbers: int) -> tuple[StudentId, ...]:
    return tuple(StudentId(n) for n in numbers)


def klass(count: int) -> tuple[StudentId, ...]:
    return tuple(StudentId(n) for n in range(1, count + 1))


def solve(request: GroupingRequest) -> GroupingResult:
    return form_groups(request, clock=still_clock)


def groups_of(result: GroupingResult, round_index: int = 0) -> list[set[StudentId]]:
    return [set(g.members) for g in result.rounds[round_index].groups]


def together(result: GroupingResult, a: int, b: int, round_index: int = 0) -> bool:
    return any({a, b} <= group for group in groups_of(result, round_index))


def assert_valid(request: GroupingRequest, result: GroupingResult) -> None:
    """Every round places each present student once, in allowed sizes, keeping every rule."""
    assert len(result.rounds) == request.rounds
    for planned in result.rounds:
        groups = [g.members for g in planned.groups]
        assert broken_rules(request, planned.index, groups) == []
        assert [g.number for g in planned.groups] == list(range(1, len(groups) + 1))
        sizes = [len(g) for g in groups]
        if sizes:
            assert max(sizes) - min(sizes) <= 1
            assert min(sizes) >= 2 or len(request.present_in(planned.index)) == 1


def arrangements(
    students: Sequence[StudentId], sizes: Sequence[int]
) -> Iterator[list[tuple[StudentId, ...]]]:
    """Every way to deal ``students`` into numbered groups of the given sizes (any order)."""
    for order in sorted(set(itertools.permutations(sizes))):
        yield from _deal(list(students), list(order))


def _deal(students: list[StudentId], sizes: list[int]) -> Iterator[list[tuple[StudentId, ...]]]:
    if not sizes:
        yield []
        return
    for group in itertools.combinations(students, sizes[0]):
        rest = [s for s in students if s not in group]
        for tail in _deal(rest, sizes[1:]):
            yield [group, *tail]


def round_is_possible(request: GroupingRequest, round_index: int) -> bool:
    """Brute force: does any arrangement of the round keep every rule? (small classes only)"""
    present = request.present_in(round_index)
    shape = group_shape(len(present), request.group_size, request.remainder)
    return any(
        not broken_rules(request, round_index, groups)
        for groups in arrangements(present, shape.sizes)
    )
