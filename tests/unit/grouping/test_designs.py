"""Known designs: built rounds are partitions with no pair twice, and the engine starts from
them (zero repeats at once, daily rounds that continue one design, valid after repair)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathroom.domain.grouping import GroupingRequest, PastRound, StopReason
from mathroom.domain.grouping.designs import design_for
from mathroom.domain.ids import StudentId
from tests.unit.grouping.helpers import assert_valid, klass, solve

pytestmark = pytest.mark.any_date

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# (students, group size, rounds) of every family: pairs, affine spaces, 1-rotational.
KNOWN = [
    (10, 2, 9),
    (36, 2, 35),
    (9, 3, 4),
    (27, 3, 13),
    (81, 3, 40),
    (16, 4, 5),
    (64, 4, 21),
    (25, 5, 6),
    (15, 3, 7),
    (28, 4, 9),
    (32, 4, 10),
]


@pytest.mark.parametrize(("points", "size", "rounds"), KNOWN)
def test_every_round_is_a_partition_and_no_pair_meets_twice(
    points: int, size: int, rounds: int
) -> None:
    design = design_for(points, size, rounds)
    assert design is not None
    assert len(design.rounds) == rounds
    met: set[tuple[int, int]] = set()
    for design_round in design.rounds:
        assert sorted(p for group in design_round for p in group) == list(range(points))
        assert {len(group) for group in design_round} == {size}
        for group in design_round:
            for pair in itertools.combinations(sorted(group), 2):
                assert pair not in met
                met.add(pair)


def test_no_design_where_none_is_known() -> None:
    assert design_for(30, 4, 2) is None  # 4 does not divide 30
    assert design_for(28, 4, 10) is None  # more rounds than the design holds
    assert design_for(121, 11, 2) is None  # beyond the class size limit


@pytest.mark.parametrize(
    ("count", "size", "rounds"), [(32, 4, 10), (28, 4, 9), (15, 3, 7), (16, 4, 5)]
)
def test_the_engine_builds_the_zero_repeat_rotation(count: int, size: int, rounds: int) -> None:
    request = GroupingRequest(klass(count), size, rounds=rounds, seed=3, time_limit_s=0.05)
    result = solve(request)
    assert_valid(request, result)
    assert result.repeats.total == 0
    assert result.stop_reason is StopReason.OPTIMAL


def test_seeds_relabel_the_design() -> None:
    first = solve(GroupingRequest(klass(28), 4, rounds=9, seed=1))
    second = solve(GroupingRequest(klass(28), 4, rounds=9, seed=2))
    assert first.rounds[0].groups != second.rounds[0].groups


@pytest.mark.parametrize(("count", "days"), [(28, 9), (32, 10)])
def test_one_round_a_day_walks_through_the_whole_design(count: int, days: int) -> None:
    students = klass(count)
    history: list[tuple[tuple[StudentId, ...], ...]] = []
    for day in range(days):
        past = tuple(PastRound(age, groups) for age, groups in enumerate(reversed(history), 1))
        result = solve(GroupingRequest(students, 4, history=past, seed=day, time_limit_s=0.2))
        assert result.repeats.total == 0, f"day {day + 1}"
        history.append(tuple(g.members for g in result.rounds[0].groups))


@FAST
@given(
    st.sampled_from([(9, 3, 4), (15, 3, 7), (16, 4, 5), (28, 4, 9), (32, 4, 10)]),
    st.data(),
)
def test_repaired_designs_keep_absences_and_rules(
    case: tuple[int, int, int], data: st.DataObject
) -> None:
    count, size, rounds = case
    students = klass(count)
    pairs = st.tuples(st.sampled_from(students), st.sampled_from(students)).filter(
        lambda p: p[0] != p[1]
    )
    apart = data.draw(st.lists(pairs, max_size=3, unique_by=lambda p: frozenset(p)))
    absent = data.draw(
        st.lists(st.frozensets(st.sampled_from(students), max_size=3), max_size=rounds)
    )
    request = GroupingRequest(
        students,
        size,
        rounds=rounds,
        absent=tuple(absent),
        keep_apart=tuple(apart),
        seed=data.draw(st.integers(0, 100)),
        time_limit_s=0.05,
    )
    result = solve(request)
    assert_valid(request, result)
    if not absent and not apart:
        assert result.repeats.total == 0


def test_rounds_beyond_the_design_are_built_after_it() -> None:
    request = GroupingRequest(klass(16), 4, rounds=7, seed=2, time_limit_s=0.05)
    result = solve(request)
    assert_valid(request, result)
    # Five rounds exhaust all 120 pairs; each later round's 24 meetings must all repeat.
    assert result.repeats.within_plan >= 48
