"""Group sets: who worked with whom on a given day."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import GroupSetId, PeriodId, StudentId


class ConstraintKind(StrEnum):
    KEEP_APART = "keep_apart"
    KEEP_TOGETHER = "keep_together"
    BUDDY = "buddy"  # a: needs at least one of their buddies (all b of a's buddy rules) nearby


@dataclass(frozen=True, slots=True)
class PairConstraint:
    kind: ConstraintKind
    a: StudentId
    b: StudentId
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Group:
    number: int
    members: tuple[StudentId, ...]
    roles: tuple[tuple[StudentId, str], ...] = ()  # rotating roles, e.g. (id, "marker")

    def role_of(self, student: StudentId) -> str | None:
        return next((role for holder, role in self.roles if holder == student), None)


@dataclass(frozen=True, slots=True)
class GroupSet:
    id: GroupSetId
    period_id: PeriodId
    made_on: date
    mode: str
    groups: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class RuleEntry:
    """A grouping rule as the teacher sees it (the reason is private: never projected)."""

    id: int
    constraint: PairConstraint


def pair_counts(group_sets: Sequence[GroupSet]) -> dict[frozenset[StudentId], int]:
    """How many times each pair of students has been in the same group."""
    counts: dict[frozenset[StudentId], int] = {}
    for group_set in group_sets:
        for group in group_set.groups:
            members = group.members
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    key = frozenset((a, b))
                    counts[key] = counts.get(key, 0) + 1
    return counts


def group_sizes(count: int, target: int) -> list[int]:
    """Sizes that cover ``count`` students with groups near ``target``, differing by at most 1.

    Remainders make a few groups one larger (never a lonely group of one).
    """
    if target < 2:
        raise ValidationError("group_size", "a group needs at least 2 students")
    if count <= 0:
        return []
    groups = max(1, count // target)
    base, extra = divmod(count, groups)
    return [base + 1] * extra + [base] * (groups - extra)


def deal_groups(
    students: Sequence[StudentId],
    target: int,
    rng: random.Random,
    keep_apart: Sequence[tuple[StudentId, StudentId]] = (),
    attempts: int = 200,
) -> tuple[Group, ...]:
    """A shuffled deal into near-equal groups that respects keep-apart pairs.

    A simple dealer for seeding history; the full engine (fresh partners, modes) lives in
    the grouping issue's engine and replaces this for the Groups page.
    """
    apart = {frozenset(pair) for pair in keep_apart}
    sizes = group_sizes(len(students), target)
    for _ in range(attempts):
        order = list(students)
        rng.shuffle(order)
        groups: list[Group] = []
        start = 0
        for number, size in enumerate(sizes, start=1):
            groups.append(Group(number, tuple(order[start : start + size])))
            start += size
        if not any(_breaks(group, apart) for group in groups):
            return tuple(groups)
    raise ValidationError("keep_apart", "no arrangement keeps every keep-apart pair apart")


def _breaks(group: Group, apart: set[frozenset[StudentId]]) -> bool:
    members = group.members
    return any(frozenset((a, b)) in apart for i, a in enumerate(members) for b in members[i + 1 :])
