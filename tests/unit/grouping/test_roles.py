"""Rotating roles: everyone takes each role in turn."""

from __future__ import annotations

import random

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.domain.grouping.roles import RoleCounts, assign_roles, tally_roles
from mathroom.domain.groups import Group, deal_groups
from mathroom.domain.ids import StudentId
from tests.unit.grouping.helpers import ids, klass

ROLES = ("marker", "checker", "reporter")


def _spread(counts: RoleCounts, roles: tuple[str, ...] = ROLES) -> int:
    return max(
        max(mine.get(r, 0) for r in roles) - min(mine.get(r, 0) for r in roles)
        for mine in counts.values()
    )


def test_a_fixed_trio_takes_every_role_once_every_three_sets() -> None:
    group = Group(1, ids(4, 5, 6))
    counts: RoleCounts = {}
    seen: list[tuple[tuple[str, StudentId], ...]] = []
    for _ in range(6):
        (assignment,) = assign_roles([group], ROLES, counts)
        seen.append(assignment.roles)
        counts = tally_roles(counts, [assignment])
        assert sorted(s for _, s in assignment.roles) == list(ids(4, 5, 6))
    assert all(counts[s] == dict.fromkeys(ROLES, 2) for s in ids(4, 5, 6))
    assert seen[:3] == seen[3:]
    assert len({roles[0][1] for roles in seen[:3]}) == 3


def test_history_decides_who_goes_first() -> None:
    counts = {StudentId(1): {"marker": 3}, StudentId(2): {"marker": 1}, StudentId(3): {}}
    (assignment,) = assign_roles([Group(2, ids(1, 2, 3))], ROLES, counts)
    assert dict(assignment.roles)["marker"] == StudentId(3)
    assert assignment.role_of(StudentId(1)) in (("checker",), ("reporter",))


def test_in_bigger_groups_those_with_fewer_roles_get_one() -> None:
    counts = {StudentId(1): {"marker": 1, "checker": 1, "reporter": 1}}
    (assignment,) = assign_roles([Group(1, ids(1, 2, 3, 4))], ROLES, counts)
    assert assignment.role_of(StudentId(1)) == ()
    assert len(assignment.roles) == 3


def test_in_pairs_every_role_is_still_taken() -> None:
    (assignment,) = assign_roles([Group(1, ids(7, 8))], ROLES, {})
    assert [role for role, _ in assignment.roles] == list(ROLES)
    assert {s for _, s in assignment.roles} == set(ids(7, 8))


@pytest.mark.parametrize(("size", "worst"), [(3, 2), (4, 1)])
def test_roles_stay_fair_when_groups_change_every_day(size: int, worst: int) -> None:
    for seed in range(5):
        rng = random.Random(seed)
        students = klass(12)
        counts: RoleCounts = {}
        for _ in range(30):
            groups = deal_groups(students, size, rng)
            counts = tally_roles(counts, assign_roles(groups, ROLES, counts))
        assert _spread(counts) <= worst
        assert sum(sum(mine.values()) for mine in counts.values()) == 30 * 3 * (12 // size)


def test_roles_must_be_distinct() -> None:
    with pytest.raises(ValidationError) as caught:
        assign_roles([Group(1, ids(1, 2))], ("marker", "marker"), {})
    assert caught.value.field == "roles"
