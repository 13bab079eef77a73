"""Station rotations and gallery walks: every group somewhere, never two at one board."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.errors import ValidationError
from mathroom.domain.grouping import Remainder, group_shape
from mathroom.domain.plan_schedule import gallery_walk, rotation_schedule, station_grouping


@given(
    groups=st.integers(1, 12),
    extra=st.integers(0, 4),
    rotation=st.integers(1, 20),
    rounds=st.integers(1, 8),
    spare=st.integers(0, 19),
)
def test_a_rotation_moves_every_group_to_the_next_station(
    groups: int, extra: int, rotation: int, rounds: int, spare: int
) -> None:
    stations = groups + extra
    block = rotation * rounds + min(spare, rotation - 1)
    schedule = rotation_schedule(groups, stations, block, rotation)
    assert len(schedule) == rounds
    for number, current in enumerate(schedule, start=1):
        assert current.number == number
        assert current.ends_at_minute - current.starts_at_minute == rotation
        assert current.ends_at_minute <= block
        assert len(set(current.places)) == groups  # one group per station
        assert all(1 <= place <= stations for place in current.places)
    for before, after in pairwise(schedule):
        assert after.starts_at_minute == before.ends_at_minute
        for group in range(1, groups + 1):
            assert after.place_of(group) == before.place_of(group) % stations + 1
    assert [schedule[0].place_of(g) for g in range(1, groups + 1)] == list(range(1, groups + 1))


def test_three_stations_of_fifteen_minutes() -> None:
    schedule = rotation_schedule(3, 3, 45, 15)
    assert [(r.starts_at_minute, r.ends_at_minute, r.places) for r in schedule] == [
        (0, 15, (1, 2, 3)),
        (15, 30, (2, 3, 1)),
        (30, 45, (3, 1, 2)),
    ]


@pytest.mark.parametrize(
    ("groups", "stations", "block", "rotation", "field"),
    [
        (3, 3, 45, 0, "rotation_minutes"),
        (3, 3, 45, -5, "rotation_minutes"),
        (4, 3, 45, 15, "stations"),
        (3, 3, 10, 15, "block_minutes"),
        (0, 3, 45, 15, "groups"),
    ],
)
def test_impossible_rotations_name_the_field(
    groups: int, stations: int, block: int, rotation: int, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        rotation_schedule(groups, stations, block, rotation)
    assert caught.value.field == field


@st.composite
def walks(draw: st.DrawFn) -> tuple[int, int]:
    groups = draw(st.integers(2, 14))
    return groups, draw(st.integers(1, groups - 1))


@given(walks())
def test_a_gallery_walk_never_visits_its_own_board_or_one_board_twice(
    walk: tuple[int, int],
) -> None:
    groups, stops = walk
    rounds = gallery_walk(groups, stops)
    assert len(rounds) == stops
    seen: dict[int, set[int]] = {g: set() for g in range(1, groups + 1)}
    for current in rounds:
        assert sorted(current.places) == list(range(1, groups + 1))  # a permutation
        for group in range(1, groups + 1):
            board = current.place_of(group)
            assert board != group
            assert board not in seen[group]
            seen[group].add(board)


def test_a_full_gallery_walk_shows_every_group_every_other_board() -> None:
    rounds = gallery_walk(4, 3, block_minutes=9)
    assert [(r.starts_at_minute, r.ends_at_minute) for r in rounds] == [(0, 3), (3, 6), (6, 9)]
    for group in range(1, 5):
        assert {r.place_of(group) for r in rounds} == set(range(1, 5)) - {group}


@pytest.mark.parametrize(("groups", "stops", "field"), [(1, 1, "groups"), (3, 3, "stops")])
def test_impossible_gallery_walks_name_the_field(groups: int, stops: int, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        gallery_walk(groups, stops)
    assert caught.value.field == field


@given(present=st.integers(2, 60), stations=st.integers(1, 12))
def test_station_grouping_never_makes_more_groups_than_stations(
    present: int, stations: int
) -> None:
    shape = station_grouping(present, stations)
    made = group_shape(present, shape.group_size, shape.remainder)
    assert made.count == shape.groups
    possible = {
        group_shape(present, size, remainder).count
        for size in range(2, 7)
        for remainder in Remainder
    }
    fitting = [count for count in possible if count <= stations]
    if fitting:
        assert made.count == max(fitting)  # as many groups as the engine can make, no more
    else:
        assert shape.group_size == 6  # more than six a station: the biggest groups allowed


def test_a_class_of_22_or_21_fills_six_stations() -> None:
    for present in (21, 22):
        shape = station_grouping(present, 6)
        assert group_shape(present, shape.group_size, shape.remainder).count == 6
