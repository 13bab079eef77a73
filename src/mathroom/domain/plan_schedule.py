"""Who goes where, and when, during whiteboard stations and a gallery walk."""

from __future__ import annotations

from dataclasses import dataclass

from mathroom.domain.errors import ValidationError
from mathroom.domain.grouping.request import MAX_GROUP_SIZE, MIN_GROUP_SIZE, Remainder
from mathroom.domain.grouping.sizes import group_shape


@dataclass(frozen=True, slots=True)
class ScheduleRound:
    """One round: minutes from the block's start, and where each group is.

    ``places[g - 1]`` is the station (or board) of group ``g``.
    """

    number: int
    starts_at_minute: int
    ends_at_minute: int
    places: tuple[int, ...]

    def place_of(self, group: int) -> int:
        return self.places[group - 1]


@dataclass(frozen=True, slots=True)
class StationGrouping:
    """How to ask the grouping engine for exactly ``groups`` groups of the present students."""

    group_size: int
    remainder: Remainder
    groups: int


def rotation_schedule(
    groups: int, stations: int, block_minutes: int, rotation_minutes: int
) -> list[ScheduleRound]:
    """Rounds of ``rotation_minutes``: each round every group moves on to the next station.

    Group g starts at station g. Minutes left after the last full round are for tidying up
    and consolidation, so no round is cut short.
    """
    if groups < 1:
        raise ValidationError("groups", "a rotation needs at least one group")
    if stations < groups:
        raise ValidationError(
            "stations", f"{groups} groups need at least {groups} stations, not {stations}"
        )
    if rotation_minutes <= 0:
        raise ValidationError(
            "rotation_minutes", "groups must stay at a station for a minute or more"
        )
    if block_minutes < rotation_minutes:
        raise ValidationError(
            "block_minutes",
            f"a {block_minutes}-minute block has no room for one {rotation_minutes}-minute round",
        )
    rounds = block_minutes // rotation_minutes
    return [
        ScheduleRound(
            number=r + 1,
            starts_at_minute=r * rotation_minutes,
            ends_at_minute=(r + 1) * rotation_minutes,
            places=tuple((g + r) % stations + 1 for g in range(groups)),
        )
        for r in range(rounds)
    ]


def gallery_walk(groups: int, stops: int, block_minutes: int = 0) -> list[ScheduleRound]:
    """Rounds in which each group visits another group's board, never its own.

    Round r sends group g to board g + r (wrapping round): a cyclic Latin square, so each
    round every board has exactly one visiting group and no group sees a board twice.
    ``block_minutes``, when given, is shared equally between the stops.
    """
    if groups < 2:
        raise ValidationError("groups", "a gallery walk needs at least 2 groups")
    if not 1 <= stops <= groups - 1:
        raise ValidationError(
            "stops", f"with {groups} groups each can visit 1 to {groups - 1} other boards"
        )
    if block_minutes < 0:
        raise ValidationError("block_minutes", "cannot be negative")
    each = block_minutes // stops
    return [
        ScheduleRound(
            number=r,
            starts_at_minute=(r - 1) * each,
            ends_at_minute=r * each,
            places=tuple((g + r) % groups + 1 for g in range(groups)),
        )
        for r in range(1, stops + 1)
    ]


def station_grouping(present: int, stations: int) -> StationGrouping:
    """A group size and remainder that give one group per station, or as near as can be.

    When there are too few students for every station, fewer groups (never more) are made.
    """
    if stations < 1:
        raise ValidationError("stations", "plan at least one station")
    if present < MIN_GROUP_SIZE:
        raise ValidationError("students", f"groups need at least {MIN_GROUP_SIZE} students")
    best: StationGrouping | None = None
    for remainder in (Remainder.SMALLER, Remainder.LARGER):
        for size in range(MIN_GROUP_SIZE, MAX_GROUP_SIZE + 1):
            count = group_shape(present, size, remainder).count
            if count > stations:
                continue
            if best is None or count > best.groups:
                best = StationGrouping(size, remainder, count)
    if best is None:
        # More students than six per station: the largest groups the engine makes.
        count = group_shape(present, MAX_GROUP_SIZE, Remainder.LARGER).count
        return StationGrouping(MAX_GROUP_SIZE, Remainder.LARGER, count)
    return best
