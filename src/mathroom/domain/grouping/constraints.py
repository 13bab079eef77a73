"""The teacher's hard rules, compiled per round, checked before any search and after it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from mathroom.domain.grouping.errors import InfeasibleError, Rule
from mathroom.domain.grouping.request import GroupingRequest
from mathroom.domain.grouping.sizes import GroupShape, group_shape
from mathroom.domain.ids import StudentId

ALL_RULES: frozenset[Rule] = frozenset(Rule)


@dataclass(frozen=True, slots=True)
class Unit:
    """Students that move as one: a keep-together chain, or a single student.

    ``station`` is the fixed group index (0-based) or -1; ``apart`` is everyone any member
    must be kept apart from, as a bit mask over student indexes.
    """

    members: tuple[int, ...]
    mask: int
    station: int
    apart: int


@dataclass(frozen=True, slots=True)
class RoundRules:
    """One round's students (as indexes into the request's student list) and rules."""

    index: int
    present: tuple[int, ...]
    present_mask: int
    shape: GroupShape
    units: tuple[Unit, ...]
    unit_of: tuple[int, ...]
    apart: tuple[int, ...]
    needs: tuple[tuple[int, int], ...]
    buddy_touch: int
    movable: tuple[int, ...]
    movable_units: tuple[int, ...]

    def constrained(self, unit: Unit) -> bool:
        """Whether placing the unit needs search rather than a greedy pick."""
        return (
            len(unit.members) > 1
            or unit.station >= 0
            or bool(unit.apart & self.present_mask)
            or bool(unit.mask & self.buddy_touch)
        )


class _Components:
    """Union-find over student indexes (for keep-together chains)."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def find(self, x: int) -> int:
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller index becomes the root so components come out in a fixed order.
            self._parent[max(ra, rb)] = min(ra, rb)


def compile_round(
    request: GroupingRequest,
    round_index: int,
    index_of: dict[StudentId, int],
    rules: Collection[Rule] = ALL_RULES,
) -> RoundRules:
    """The round's rules in index form; raises InfeasibleError for rules that cannot hold.

    ``rules`` limits which kinds apply (used to find which kind makes a round impossible).
    """
    students = request.students
    present = tuple(index_of[s] for s in request.present_in(round_index))
    present_mask = _mask(present)
    shape = group_shape(len(present), request.group_size, request.remainder)
    size = len(students)

    apart = [0] * size
    if Rule.KEEP_APART in rules:
        for a, b in request.keep_apart:
            ia, ib = index_of[a], index_of[b]
            if _has(present_mask, ia) and _has(present_mask, ib):
                apart[ia] |= 1 << ib
                apart[ib] |= 1 << ia

    components = _Components(size)
    if Rule.KEEP_TOGETHER in rules:
        for a, b in request.keep_together:
            ia, ib = index_of[a], index_of[b]
            if _has(present_mask, ia) and _has(present_mask, ib):
                components.union(ia, ib)
    station = [-1] * size
    if Rule.FIXED_STATION in rules:
        for fixed in request.fixed_stations:
            i = index_of[fixed.student]
            if _has(present_mask, i):
                if fixed.station > shape.count:
                    raise InfeasibleError(
                        Rule.FIXED_STATION,
                        f"student {{0}} is fixed to station {fixed.station}, but "
                        f"round {round_index + 1} has only {shape.count} groups",
                        (fixed.student,),
                        round_index,
                    )
                station[i] = fixed.station - 1

    groups_of: dict[int, list[int]] = {}
    for i in present:
        groups_of.setdefault(components.find(i), []).append(i)
    units: list[Unit] = []
    unit_of = [-1] * size
    for root in sorted(groups_of):
        members = tuple(groups_of[root])
        unit = _unit(members, apart, station, shape, students, round_index)
        for i in members:
            unit_of[i] = len(units)
        units.append(unit)
    _check_station_loads(units, shape, students, round_index)

    needs: list[tuple[int, int]] = []
    buddy_touch = 0
    if Rule.BUDDY in rules:
        for rule in request.buddies:
            i = index_of[rule.student]
            if not _has(present_mask, i):
                continue
            wanted = _mask(index_of[b] for b in rule.buddies) & present_mask
            if not wanted:
                raise InfeasibleError(
                    Rule.BUDDY,
                    f"every buddy of student {{0}} ({{others}}) is absent in round "
                    f"{round_index + 1}",
                    (rule.student, *sorted(rule.buddies)),
                    round_index,
                )
            if not wanted & ~units[unit_of[i]].apart:
                raise InfeasibleError(
                    Rule.BUDDY,
                    "student {0} must be kept apart from every present buddy ({others})",
                    (rule.student, *sorted(rule.buddies)),
                    round_index,
                )
            needs.append((i, wanted))
            buddy_touch |= (1 << i) | wanted

    movable = tuple(u.members[0] for u in units if len(u.members) == 1 and u.station < 0)
    movable_units = tuple(k for k, u in enumerate(units) if len(u.members) > 1 and u.station < 0)
    return RoundRules(
        index=round_index,
        present=present,
        present_mask=present_mask,
        shape=shape,
        units=tuple(units),
        unit_of=tuple(unit_of),
        apart=tuple(apart),
        needs=tuple(needs),
        buddy_touch=buddy_touch,
        movable=movable,
        movable_units=movable_units,
    )


def _unit(
    members: tuple[int, ...],
    apart: list[int],
    station: list[int],
    shape: GroupShape,
    students: Sequence[StudentId],
    round_index: int,
) -> Unit:
    mask = _mask(members)
    unit_apart = 0
    for i in members:
        unit_apart |= apart[i]
    if unit_apart & mask:
        a = next(i for i in members if apart[i] & mask)
        b = next(j for j in members if apart[a] >> j & 1)
        rest = [i for i in members if i not in (a, b)]
        raise InfeasibleError(
            Rule.KEEP_TOGETHER,
            "students {0} and {1} must be kept apart, but keep-together rules put them in "
            "one group ({students})",
            tuple(students[i] for i in (a, b, *rest)),
            round_index,
        )
    if len(members) > shape.largest:
        raise InfeasibleError(
            Rule.KEEP_TOGETHER,
            f"keep-together rules join {len(members)} students ({{students}}), "
            f"more than a group of {shape.largest} holds in round {round_index + 1}",
            tuple(students[i] for i in members),
            round_index,
        )
    stations = sorted({station[i] for i in members if station[i] >= 0})
    if len(stations) > 1:
        raise InfeasibleError(
            Rule.FIXED_STATION,
            "students {students} are kept together but fixed to stations "
            + ", ".join(str(s + 1) for s in stations),
            tuple(students[i] for i in members),
            round_index,
        )
    return Unit(members, mask, stations[0] if stations else -1, unit_apart)


def _check_station_loads(
    units: Sequence[Unit], shape: GroupShape, students: Sequence[StudentId], round_index: int
) -> None:
    loads: dict[int, list[int]] = {}
    for unit in units:
        if unit.station >= 0:
            loads.setdefault(unit.station, []).extend(unit.members)
    for station in sorted(loads):
        members = loads[station]
        if len(members) > shape.largest:
            raise InfeasibleError(
                Rule.FIXED_STATION,
                f"{len(members)} students ({{students}}) are fixed to station "
                f"{station + 1}, more than a group of {shape.largest} holds",
                tuple(students[i] for i in members),
                round_index,
            )
    big = sum(1 for members in loads.values() if len(members) > shape.base)
    if big > shape.big:
        raise InfeasibleError(
            Rule.FIXED_STATION,
            f"the students fixed to stations ({{students}}) fill {big} groups beyond "
            f"{shape.base}, but round {round_index + 1} has room for {shape.big}",
            tuple(students[i] for unit in units if unit.station >= 0 for i in unit.members),
            round_index,
        )


def broken_rules(
    request: GroupingRequest, round_index: int, groups: Sequence[Sequence[StudentId]]
) -> list[str]:
    """Every way ``groups`` (in station order) breaks the round's rules or sizes; empty if none.

    An independent check of a finished round, used after every search and by the tests.
    """
    problems: list[str] = []
    present = request.present_in(round_index)
    placed = [s for group in groups for s in group]
    if sorted(placed) != sorted(present):
        problems.append("not every present student is in exactly one group")
    shape = group_shape(len(present), request.group_size, request.remainder)
    if sorted((len(g) for g in groups), reverse=True) != list(shape.sizes):
        problems.append(f"group sizes {[len(g) for g in groups]} differ from {shape.sizes}")
    where = {s: number for number, group in enumerate(groups, start=1) for s in group}
    for a, b in request.keep_apart:
        if a in where and where.get(a) == where.get(b):
            problems.append(f"keep apart {a} & {b}")
    for a, b in request.keep_together:
        if a in where and b in where and where[a] != where[b]:
            problems.append(f"keep together {a} & {b}")
    for fixed in request.fixed_stations:
        if fixed.student in where and where[fixed.student] != fixed.station:
            problems.append(f"station {fixed.station} for {fixed.student}")
    for rule in request.buddies:
        if rule.student in where and not any(
            where.get(b) == where[rule.student] for b in rule.buddies
        ):
            problems.append(f"buddy for {rule.student}")
    return problems


def _mask(indexes: Iterable[int]) -> int:
    mask = 0
    for i in indexes:
        mask |= 1 << i
    return mask


def _has(mask: int, i: int) -> bool:
    return bool(mask >> i & 1)
