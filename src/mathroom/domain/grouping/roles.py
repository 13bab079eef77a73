"""Rotating roles within groups (e.g. marker, checker, reporter), fairly over time."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mathroom.domain.errors import ValidationError
from mathroom.domain.groups import Group
from mathroom.domain.ids import StudentId

RoleCounts = Mapping[StudentId, Mapping[str, int]]
"""How many times each student has held each role in earlier group sets."""

MAX_ROLES = 6


@dataclass(frozen=True, slots=True)
class RoleAssignment:
    """Who holds each role in one group, in the order the roles were given."""

    group_number: int
    roles: tuple[tuple[str, StudentId], ...]

    def role_of(self, student: StudentId) -> tuple[str, ...]:
        return tuple(role for role, holder in self.roles if holder == student)


def assign_roles(
    groups: Sequence[Group], roles: Sequence[str], history: RoleCounts
) -> tuple[RoleAssignment, ...]:
    """Give each group's roles to the members who have held them least.

    With at least as many members as roles, each role goes to a different member, and when
    not everyone gets one, those with fewer roles so far go first. With fewer members than
    roles, every member takes one or two roles (as evenly as possible). Ties go to the order
    of ``members``, so the result is deterministic.
    """
    if len(set(roles)) != len(roles) or any(not role for role in roles):
        raise ValidationError("roles", "roles must be distinct, non-empty names")
    if len(roles) > MAX_ROLES:
        raise ValidationError("roles", f"at most {MAX_ROLES} roles")
    return tuple(_assign(group, tuple(roles), history) for group in groups)


def _assign(group: Group, roles: tuple[str, ...], history: RoleCounts) -> RoleAssignment:
    members = group.members
    if not roles or not members:
        return RoleAssignment(group.number, ())

    def held(student: StudentId, role: str) -> int:
        return history.get(student, {}).get(role, 0)

    def total(student: StudentId) -> int:
        return sum(history.get(student, {}).values())

    choices: Iterable[tuple[int, ...]]
    if len(roles) <= len(members):
        choices = itertools.permutations(range(len(members)), len(roles))
    else:
        share = -(-len(roles) // len(members))
        choices = (
            choice
            for choice in itertools.product(range(len(members)), repeat=len(roles))
            if len(set(choice)) == len(members)
            and max(choice.count(i) for i in range(len(members))) <= share
        )
    best = min(
        choices,
        key=lambda choice: (
            sum(held(members[i], role) for i, role in zip(choice, roles, strict=True)),
            sum(total(members[i]) for i in choice),
            choice,
        ),
    )
    return RoleAssignment(
        group.number, tuple((role, members[i]) for i, role in zip(best, roles, strict=True))
    )


def tally_roles(
    history: RoleCounts, assignments: Iterable[RoleAssignment]
) -> dict[StudentId, dict[str, int]]:
    """The role counts after ``assignments``: what to pass as history next time."""
    counts = {student: dict(roles) for student, roles in history.items()}
    for assignment in assignments:
        for role, student in assignment.roles:
            mine = counts.setdefault(student, {})
            mine[role] = mine.get(role, 0) + 1
    return counts
