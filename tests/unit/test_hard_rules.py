"""Hard grouping rules checked against groups as they stand, and where a late arrival goes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathroom.domain.groups import ConstraintKind, Group, PairConstraint
from mathroom.domain.hard_rules import broken_rules, late_arrival_group
from mathroom.domain.ids import StudentId

pytestmark = pytest.mark.any_date

S = [StudentId(i) for i in range(20)]
APART, TOGETHER, BUDDY = (
    ConstraintKind.KEEP_APART,
    ConstraintKind.KEEP_TOGETHER,
    ConstraintKind.BUDDY,
)


def test_each_kind_of_rule_is_found_broken() -> None:
    groups = (Group(1, (S[1], S[2], S[3])), Group(2, (S[4], S[5])))
    rules = [
        PairConstraint(APART, S[1], S[2]),
        PairConstraint(TOGETHER, S[3], S[4]),
        PairConstraint(BUDDY, S[5], S[1]),
        PairConstraint(APART, S[4], S[9]),  # S9 is in no group: nothing to break today
    ]
    found = {(b.kind, b.a, b.b, b.group) for b in broken_rules(groups, rules)}
    assert found == {(APART, S[1], S[2], 1), (TOGETHER, S[3], S[4], 1), (BUDDY, S[5], S[1], 2)}
    # An absent student's rules cannot be broken.
    assert {b.kind for b in broken_rules(groups, rules, absent={S[1]})} == {TOGETHER}


def test_a_late_arrival_skips_the_smallest_group_when_it_breaks_a_rule() -> None:
    groups = (Group(1, (S[1], S[2], S[3])), Group(2, (S[4], S[5])), Group(3, (S[6], S[7])))
    late = S[10]
    assert late_arrival_group(groups, [], late) == 2  # smallest, lowest number
    apart = [PairConstraint(APART, late, S[4])]
    assert late_arrival_group(groups, apart, late) == 3
    together = [PairConstraint(TOGETHER, late, S[2])]
    assert late_arrival_group(groups, together, late) == 1
    buddy = [PairConstraint(BUDDY, late, S[3])]
    assert late_arrival_group(groups, buddy, late) == 1
    everywhere = [PairConstraint(APART, late, s) for s in (S[1], S[4], S[6])]
    assert late_arrival_group(groups, everywhere, late) is None


@settings(max_examples=60)
@given(
    sizes=st.lists(st.integers(1, 4), min_size=1, max_size=5),
    pairs=st.lists(
        st.tuples(
            st.sampled_from([APART, TOGETHER, BUDDY]), st.integers(0, 15), st.integers(0, 15)
        ),
        max_size=8,
    ),
)
def test_a_late_arrival_never_breaks_a_rule_and_takes_the_smallest_fitting_group(
    sizes: list[int], pairs: list[tuple[ConstraintKind, int, int]]
) -> None:
    groups, start = [], 0
    for number, size in enumerate(sizes, start=1):
        groups.append(Group(number, tuple(S[start : start + size])))
        start += size
    late = S[19]
    rules = [PairConstraint(k, S[a], S[b]) for k, a, b in pairs if a != b]
    rules += [PairConstraint(APART, late, S[b]) for k, _a, b in pairs if k is APART]
    before = set(broken_rules(groups, rules))
    chosen = late_arrival_group(groups, rules, late)

    def fits(group: Group) -> bool:
        joined = [Group(g.number, (*g.members, late)) if g is group else g for g in groups]
        return set(broken_rules(joined, rules)) <= before

    fitting = [g for g in groups if fits(g)]
    if chosen is None:
        assert not fitting
    else:
        smallest = min((len(g.members), g.number) for g in fitting)
        assert (len(groups[chosen - 1].members), chosen) == smallest
