"""Group sizes and the simple dealer used to seed the demo's history."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.errors import ValidationError
from mathroom.domain.groups import deal_groups, group_sizes
from mathroom.domain.ids import StudentId


@given(st.integers(0, 60), st.integers(2, 6))
def test_sizes_cover_everyone_and_differ_by_at_most_one(count: int, target: int) -> None:
    sizes = group_sizes(count, target)
    assert sum(sizes) == count
    if sizes:
        assert max(sizes) - min(sizes) <= 1
        assert min(sizes) >= min(count, target) or len(sizes) == 1


def test_group_of_one_is_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        group_sizes(10, 1)
    assert info.value.field == "group_size"


@given(st.integers(2, 40), st.integers(2, 6), st.integers(0, 10_000))
def test_deal_places_everyone_once_and_is_reproducible(count: int, size: int, seed: int) -> None:
    students = [StudentId(i) for i in range(1, count + 1)]
    first = deal_groups(students, size, random.Random(seed))
    again = deal_groups(students, size, random.Random(seed))
    assert first == again
    placed = [m for g in first for m in g.members]
    assert sorted(placed) == students


def test_keep_apart_pairs_are_respected() -> None:
    students = [StudentId(i) for i in range(1, 23)]
    apart = [(StudentId(1), StudentId(2)), (StudentId(3), StudentId(4))]
    for seed in range(50):
        for group in deal_groups(students, 3, random.Random(seed), apart):
            assert not {1, 2} <= set(group.members)
            assert not {3, 4} <= set(group.members)


def test_impossible_keep_apart_is_reported() -> None:
    students = [StudentId(1), StudentId(2)]
    with pytest.raises(ValidationError):
        deal_groups(students, 2, random.Random(1), [(StudentId(1), StudentId(2))])
