"""Property tests: every round is a valid grouping, or the rule that cannot hold is named."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathroom.domain.grouping import (
    BuddyRule,
    FixedStation,
    GroupingRequest,
    GroupingResult,
    InfeasibleError,
    Remainder,
    Rule,
    group_shape,
)
from mathroom.domain.ids import StudentId
from tests.unit.grouping.helpers import assert_valid, klass, round_is_possible, solve

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BUDGET_S = 0.05


@dataclass(frozen=True)
class Planted:
    """A request built around a hidden valid grouping, so it is feasible by construction."""

    request: GroupingRequest
    hidden: tuple[tuple[StudentId, ...], ...]


@st.composite
def planted_requests(draw: st.DrawFn) -> Planted:
    count = draw(st.integers(2, 40))
    size = draw(st.integers(2, 6))
    remainder = draw(st.sampled_from(list(Remainder)))
    students = klass(count)
    shape = group_shape(count, size, remainder)
    order = draw(st.permutations(students))
    sizes = draw(st.permutations(shape.sizes))
    hidden: list[tuple[StudentId, ...]] = []
    start = 0
    for n in sizes:
        hidden.append(tuple(order[start : start + n]))
        start += n
    number = {s: g for g, group in enumerate(hidden, start=1) for s in group}

    pairs = st.tuples(st.sampled_from(students), st.sampled_from(students))
    apart = [(a, b) for a, b in draw(st.lists(pairs, max_size=6)) if number[a] != number[b]]
    together = [
        (a, b) for a, b in draw(st.lists(pairs, max_size=8)) if a != b and number[a] == number[b]
    ][:3]
    fixed_students = draw(st.lists(st.sampled_from(students), max_size=3, unique=True))
    fixed = tuple(FixedStation(s, number[s]) for s in fixed_students)
    buddies = []
    for needy in draw(st.lists(st.sampled_from(students), max_size=2, unique=True)):
        mates = [s for s in hidden[number[needy] - 1] if s != needy]
        if not mates:
            continue
        extra = draw(st.lists(st.sampled_from(students), max_size=2))
        wanted = frozenset({draw(st.sampled_from(mates)), *extra}) - {needy}
        buddies.append(BuddyRule(needy, wanted))
    request = GroupingRequest(
        students,
        size,
        remainder,
        rounds=draw(st.integers(1, 3)),
        keep_apart=tuple(apart),
        keep_together=tuple(together),
        fixed_stations=fixed,
        buddies=tuple(buddies),
        seed=draw(st.integers(0, 2**32)),
        time_limit_s=BUDGET_S,
    )
    return Planted(request, tuple(hidden))


@FAST
@given(planted_requests())
def test_feasible_rules_always_hold_and_the_seed_repeats(planted: Planted) -> None:
    request = planted.request
    first = solve(request)
    assert_valid(request, first)
    assert solve(request).rounds == first.rounds


@st.composite
def random_requests(draw: st.DrawFn, max_students: int) -> GroupingRequest:
    count = draw(st.integers(2, max_students))
    students = klass(count)
    rounds = draw(st.integers(1, 3))
    pairs = st.tuples(st.sampled_from(students), st.sampled_from(students)).filter(
        lambda p: p[0] != p[1]
    )
    absent = tuple(
        frozenset(draw(st.lists(st.sampled_from(students), max_size=3))) for _ in range(rounds)
    )
    return GroupingRequest(
        students,
        draw(st.integers(2, 6)),
        draw(st.sampled_from(list(Remainder))),
        rounds=rounds,
        absent=absent,
        keep_apart=tuple(draw(st.lists(pairs, max_size=8))),
        keep_together=tuple(draw(st.lists(pairs, max_size=3))),
        fixed_stations=tuple(
            FixedStation(s, draw(st.integers(1, 4)))
            for s in draw(st.lists(st.sampled_from(students), max_size=2, unique=True))
        ),
        buddies=tuple(
            BuddyRule(
                s,
                frozenset(
                    draw(st.lists(st.sampled_from([o for o in students if o != s]), min_size=1))
                ),
            )
            for s in draw(st.lists(st.sampled_from(students), max_size=2, unique=True))
        ),
        seed=draw(st.integers(0, 1000)),
        time_limit_s=BUDGET_S,
    )


def _used_rules(request: GroupingRequest) -> set[Rule]:
    used = set()
    if request.keep_apart:
        used.add(Rule.KEEP_APART)
    if request.keep_together:
        used.add(Rule.KEEP_TOGETHER)
    if request.fixed_stations:
        used.add(Rule.FIXED_STATION)
    if request.buddies:
        used.add(Rule.BUDDY)
    return used


def _attempt(request: GroupingRequest) -> GroupingResult | InfeasibleError:
    try:
        return solve(request)
    except InfeasibleError as error:
        return error


@FAST
@given(random_requests(max_students=8))
def test_small_classes_are_grouped_or_proven_impossible(request: GroupingRequest) -> None:
    outcome = _attempt(request)
    if isinstance(outcome, InfeasibleError):
        assert outcome.round_index is not None
        assert outcome.rule in _used_rules(request)
        assert outcome.message
        assert not round_is_possible(request, outcome.round_index)
    else:
        assert_valid(request, outcome)
        # Every round that the brute force can settle was possible, as the engine found.
        assert all(round_is_possible(request, r) for r in range(request.rounds))


@FAST
@given(random_requests(max_students=40))
def test_any_class_is_grouped_or_a_used_rule_is_named(request: GroupingRequest) -> None:
    outcome = _attempt(request)
    if isinstance(outcome, InfeasibleError):
        assert outcome.rule in _used_rules(request)
        assert outcome.round_index is not None and 0 <= outcome.round_index < request.rounds
    else:
        assert_valid(request, outcome)


@FAST
@given(st.integers(0, 60), st.integers(2, 6), st.sampled_from(list(Remainder)))
def test_sizes_differ_by_at_most_one_and_never_leave_one_alone(
    present: int, target: int, remainder: Remainder
) -> None:
    shape = group_shape(present, target, remainder)
    assert sum(shape.sizes) == present
    assert len(shape.sizes) == shape.count
    if present:
        assert max(shape.sizes) - min(shape.sizes) <= 1
        assert min(shape.sizes) >= 2 or present == 1
        if remainder is Remainder.LARGER:
            assert min(shape.sizes) >= target or shape.count == 1
        else:
            # Pairs cannot shrink without leaving someone alone: an odd class gets a trio.
            largest = target + 1 if target == 2 else target
            assert max(shape.sizes) <= largest or shape.count == 1
