"""Planning several rounds at once, and the search's controls (budget, cancel, progress)."""

from __future__ import annotations

import itertools

import pytest

from mathroom.domain.grouping import GroupingRequest, StopReason, form_groups
from mathroom.domain.ids import StudentId
from tests.unit.grouping.helpers import assert_valid, klass, solve

S = StudentId


def test_kirkmans_schoolgirls_meet_every_classmate_exactly_once() -> None:
    request = GroupingRequest(klass(15), 3, rounds=7, seed=0, time_limit_s=10.0)
    result = form_groups(request)
    assert_valid(request, result)
    assert result.repeats.total == 0
    assert result.repeats.worst_pair_count == 1
    pairs = {
        frozenset(p)
        for planned in result.rounds
        for group in planned.groups
        for p in itertools.combinations(group.members, 2)
    }
    assert len(pairs) == 15 * 14 // 2
    assert result.stop_reason is StopReason.OPTIMAL


def test_a_rotation_has_no_repeats_while_that_is_possible() -> None:
    # 24 students in fours for five days with absences and keep-apart pairs: each student
    # needs 15 partners out of 23, so a fresh rotation exists and the plan should find one.
    absent = tuple(frozenset({S(d + 1), S(d + 10)}) for d in range(5))
    request = GroupingRequest(
        klass(24),
        4,
        rounds=5,
        absent=absent,
        keep_apart=((S(1), S(2)), (S(3), S(4)), (S(5), S(6))),
        seed=11,
        time_limit_s=5.0,
    )
    result = solve(request)
    assert_valid(request, result)
    assert result.repeats.within_plan == 0


def test_planning_ahead_beats_day_by_day_on_the_affine_plane() -> None:
    # 16 students in fours, five rounds: zero repeats exist (the affine plane of order 4).
    request = GroupingRequest(klass(16), 4, rounds=5, seed=2, time_limit_s=5.0)
    result = solve(request)
    assert result.repeats.total == 0


def test_same_seed_same_plan_and_another_seed_another_plan() -> None:
    request = GroupingRequest(klass(20), 4, rounds=3, seed=5, time_limit_s=0.2)
    first, again = solve(request), solve(request)
    assert first.rounds == again.rounds
    other = solve(GroupingRequest(klass(20), 4, rounds=3, seed=6, time_limit_s=0.2))
    assert other.rounds != first.rounds


def test_cancelling_returns_the_best_plan_so_far() -> None:
    request = GroupingRequest(klass(32), 4, rounds=10, seed=1, time_limit_s=30.0)
    result = form_groups(request, cancelled=lambda: True)
    assert result.stop_reason is StopReason.CANCELLED
    assert_valid(request, result)


def test_the_clock_ends_a_long_search() -> None:
    ticks = itertools.count()
    # 30 in fours: no known design, so the search runs (32 in fours is built at once).
    request = GroupingRequest(klass(30), 4, rounds=10, seed=1, time_limit_s=0.5)
    result = form_groups(request, clock=lambda: next(ticks) * 0.01)
    assert result.stop_reason is StopReason.TIME_UP
    assert_valid(request, result)


def test_progress_is_reported_up_to_the_whole() -> None:
    ticks = itertools.count()
    seen: list[tuple[int, int]] = []
    request = GroupingRequest(klass(32), 4, rounds=10, seed=1, time_limit_s=1.0)
    form_groups(
        request, clock=lambda: next(ticks) * 0.05, progress=lambda d, t: seen.append((d, t))
    )
    assert len(seen) >= 3
    assert all(total == 1000 for _, total in seen)
    done = [d for d, _ in seen]
    assert done == sorted(done)
    assert done[-1] == 1000


@pytest.mark.parametrize("count", [0, 1, 2, 3])
def test_tiny_classes(count: int) -> None:
    request = GroupingRequest(klass(count), 2, rounds=2)
    result = solve(request)
    assert_valid(request, result)
    expected = [] if count == 0 else [count]
    assert [len(g.members) for g in result.rounds[0].groups] == expected
