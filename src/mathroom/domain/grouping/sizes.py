"""How many groups a round has and how big they are."""

from __future__ import annotations

from dataclasses import dataclass

from mathroom.domain.grouping.request import Remainder


@dataclass(frozen=True, slots=True)
class GroupShape:
    """``count`` groups of ``base`` students, ``big`` of which take one more."""

    count: int
    base: int
    big: int

    @property
    def largest(self) -> int:
        return self.base + 1 if self.big else self.base

    @property
    def sizes(self) -> tuple[int, ...]:
        return (self.base + 1,) * self.big + (self.base,) * (self.count - self.big)


def group_shape(present: int, target: int, remainder: Remainder) -> GroupShape:
    """Sizes near ``target`` that differ by at most one and never leave a student alone.

    "larger" makes a few groups one larger than the target, "smaller" a few one smaller.
    Only a single present student gets a group of one, so pairs with an odd class get one
    trio either way.
    """
    if present <= 0:
        return GroupShape(0, 0, 0)
    if remainder is Remainder.LARGER:
        count = max(1, present // target)
    else:
        # Ceiling division, but never so many groups that one would hold a single student.
        count = max(1, min(-(-present // target), present // 2))
    base, big = divmod(present, count)
    return GroupShape(count, base, big)
