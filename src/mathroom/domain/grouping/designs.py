"""Known zero-repeat rotations (resolvable designs), built rather than searched for.

A design holds rounds that each split its points into groups of one size, no two points
sharing a group twice. Three families cover the class sizes where such a rotation is known:

- pairs: the circle method gives every even class n - 1 rounds of pairs;
- affine spaces AG(m, q) over the fields of 2, 3, 4 and 5 elements: q^m points in lines of
  q, one round per direction ((q^m - 1) / (q - 1) rounds), e.g. 9 in threes over 4 rounds,
  16 in fours over 5, 25 in fives over 6, 27 in threes over 13;
- 1-rotational designs: points are Z_m x rows plus one or two fixed points, and one base
  round turned through Z_m gives m rounds (each pair difference occurs once in the base
  round). Listed below: Kirkman's 15 schoolgirls (threes, 7 rounds), 28 in fours over 9
  rounds (a resolvable 2-(28,4,1) design) and 32 in fours over 10 rounds (the social
  golfer instance 8-4-10, where each student misses just one classmate).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

Round = tuple[tuple[int, ...], ...]

MAX_DESIGN_POINTS = 120
"""Designs are only built up to this many points (the engine's class size limit)."""


@dataclass(frozen=True, slots=True)
class Design:
    """``rounds`` over points 0..points-1; each round a partition into groups of ``size``."""

    points: int
    size: int
    rounds: tuple[Round, ...]


@dataclass(frozen=True, slots=True)
class _Rotational:
    """A base round over Z_modulus x rows, fixed points written as -1, -2 in the row slot.

    Each base block lists (x, row) points; a fixed point is (0, -1) or (0, -2).
    """

    modulus: int
    rows: int
    fixed: int
    base: tuple[tuple[tuple[int, int], ...], ...]


# Found by a difference-method search and checked by the tests (every pair at most once).
_ROTATIONAL: dict[tuple[int, int], _Rotational] = {
    (15, 3): _Rotational(
        7,
        2,
        1,
        (
            ((0, -1), (4, 0), (6, 1)),
            ((0, 0), (5, 1), (1, 0)),
            ((2, 0), (6, 0), (2, 1)),
            ((3, 0), (5, 0), (4, 1)),
            ((0, 1), (1, 1), (3, 1)),
        ),
    ),
    (28, 4): _Rotational(
        9,
        3,
        1,
        (
            ((0, -1), (8, 0), (1, 2), (4, 1)),
            ((0, 0), (0, 1), (2, 0), (5, 0)),
            ((1, 0), (4, 2), (5, 2), (7, 2)),
            ((3, 0), (6, 1), (2, 2), (4, 0)),
            ((6, 0), (3, 1), (6, 2), (5, 1)),
            ((7, 0), (3, 2), (8, 1), (8, 2)),
            ((1, 1), (7, 1), (0, 2), (2, 1)),
        ),
    ),
}

# Addition and multiplication of the fields with 2, 3, 4 and 5 elements (4: 0, 1, a, a + 1
# written 0-3, with a * a = a + 1).
_GF4_MUL = ((0, 0, 0, 0), (0, 1, 2, 3), (0, 2, 3, 1), (0, 3, 1, 2))


def _add(q: int, a: int, b: int) -> int:
    return a ^ b if q in (2, 4) else (a + b) % q


def _mul(q: int, a: int, b: int) -> int:
    return _GF4_MUL[a][b] if q == 4 else (a * b) % q


def design_for(points: int, size: int, rounds: int) -> Design | None:
    """A design with ``points`` points in groups of ``size`` and at least ``rounds`` rounds."""
    if rounds < 1 or points > MAX_DESIGN_POINTS or points < 2 * size:
        return None
    design = _design(points, size)
    if design is None or len(design.rounds) < rounds:
        return None
    return design


@functools.cache
def _design(points: int, size: int) -> Design | None:
    if size == 2 and points % 2 == 0:
        return _round_robin(points)
    if size in (3, 4, 5):
        power = size
        dimension = 1
        while power < points:
            power *= size
            dimension += 1
        if power == points and dimension >= 2:
            return _affine(size, dimension)
    if (points, size) in _ROTATIONAL:
        return _rotational(points, size, _ROTATIONAL[points, size])
    return None


def _round_robin(points: int) -> Design:
    """The circle method: one point stays put, the others turn one place each round."""
    turning = points - 1
    rounds = []
    for r in range(turning):
        pairs = [(r, turning)]
        pairs += [((r + i) % turning, (r - i) % turning) for i in range(1, points // 2)]
        rounds.append(tuple(tuple(sorted(p)) for p in pairs))
    return Design(points, 2, tuple(rounds))


def _affine(q: int, dimension: int) -> Design:
    """The parallel classes of lines of AG(dimension, q): one round per direction."""
    points = q**dimension

    def vector(index: int) -> list[int]:
        return [index // q**i % q for i in range(dimension)]

    def index(vec: list[int]) -> int:
        return sum(v * q**i for i, v in enumerate(vec))

    # Directions: nonzero vectors whose last nonzero coordinate is 1 (one per line through 0).
    directions = []
    for i in range(1, points):
        vec = vector(i)
        if [v for v in vec if v][-1] == 1:
            directions.append(vec)
    rounds = []
    for direction in directions:
        seen = [False] * points
        groups = []
        for start in range(points):
            if seen[start]:
                continue
            base = vector(start)
            line = []
            for t in range(q):
                point = index(
                    [_add(q, b, _mul(q, t, d)) for b, d in zip(base, direction, strict=True)]
                )
                seen[point] = True
                line.append(point)
            groups.append(tuple(sorted(line)))
        rounds.append(tuple(groups))
    return Design(points, q, tuple(rounds))


def _rotational(points: int, size: int, spec: _Rotational) -> Design:
    """Turn the base round through Z_modulus; fixed points stay where they are."""
    m = spec.modulus

    def point(x: int, row: int, shift: int) -> int:
        if row < 0:
            return m * spec.rows - 1 - row
        return row * m + (x + shift) % m

    rounds = tuple(
        tuple(tuple(sorted(point(x, row, shift) for x, row in block)) for block in spec.base)
        for shift in range(m)
    )
    return Design(points, size, rounds)
