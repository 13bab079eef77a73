"""Known zero-repeat rotations (resolvable designs), built rather than searched for.

A design holds rounds that each split its points into groups of one size, no two points
sharing a group twice. Three families cover the class sizes where such a rotation is known:

- pairs: the circle method gives every even class n - 1 rounds of pairs;
- affine spaces AG(m, q) over the fields of 2, 3, 4 and 5 elements: q^m points in lines of
  q, one round per direction ((q^m - 1) / (q - 1) rounds), e.g. 9 in threes over 4 rounds,
  16 in fours over 5, 25 in fives over 6, 27 in threes over 13;
- 1-rotational designs: points are Z_m x rows plus one fixed point, and one base round
  turned through Z_m gives m rounds (each pair difference occurs once in the base round).
  Listed below: Kirkman's 15 schoolgirls (threes, 7 rounds) and 28 in fours over 9 rounds
  (a resolvable 2-(28,4,1) design);
- 32 in fours over 10 rounds (the social golfer instance 8-4-10, where each student misses
  just one classmate), lifted from AG(4, 2): see ``_lifted_32``.
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
    """A base round over Z_modulus x rows; each block lists (x, row) points, and the fixed
    point (the same in every round) is written (0, -1)."""

    modulus: int
    rows: int
    base: tuple[tuple[tuple[int, int], ...], ...]


# Found by a difference-method search and checked by the tests (every pair at most once).
_ROTATIONAL: dict[tuple[int, int], _Rotational] = {
    (15, 3): _Rotational(
        7,
        2,
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
    if (points, size) == (32, 4):
        return _lifted_32()
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
    """Turn the base round through Z_modulus; the fixed point stays where it is."""
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


# Two spreads of PG(3, 2) with no line in common: each splits the 15 nonzero vectors of
# GF(2)^4 (written as integers) into 5 two-dimensional subspaces {a, b, a ^ b}.
_SPREADS = (
    ((1, 6, 7), (2, 8, 10), (3, 12, 15), (4, 9, 13), (5, 11, 14)),
    ((1, 8, 9), (2, 4, 6), (3, 13, 14), (5, 10, 15), (7, 11, 12)),
)


def _lifted_32() -> Design:
    """32 in fours over 10 rounds, each student missing only their "twin".

    The 10 subspaces of both spreads give 10 rounds on the 16 vectors, each a split into the
    4 cosets of the subspace; every pair of vectors x, y shares a coset twice (once per
    spread, in the subspaces holding x ^ y). Each vector becomes two students (x, 0) and
    (x, 1), and each coset two groups {(x, s(x))} and {(x, 1 - s(x))} for a sign s chosen
    per round and vector, so that the two rounds where x and y meet disagree on whether
    their signs are equal: then (x, b) meets (y, c) exactly once for every b and c. The
    signs solve a linear system over GF(2), one equation per pair of vectors.
    """
    subspaces = [frozenset(w) for spread in _SPREADS for w in spread]
    first = {v: r for r, w in enumerate(subspaces[:5]) for v in w}
    second = {v: r + 5 for r, w in enumerate(subspaces[5:]) for v in w}
    # Unknown s(r, x) is bit 16 * r + x; each pair (x, y) asks
    # s(i, x) + s(i, y) + s(j, x) + s(j, y) = 1 for its rounds i and j.
    equations = []
    for x in range(16):
        for y in range(x + 1, 16):
            i, j = first[x ^ y], second[x ^ y]
            mask = 0
            for bit in (16 * i + x, 16 * i + y, 16 * j + x, 16 * j + y):
                mask ^= 1 << bit
            equations.append((mask, 1))
    sign = _solve_gf2(equations, 160)
    rounds = []
    for r, subspace in enumerate(subspaces):
        seen: set[int] = set()
        groups = []
        for start in range(16):
            if start in seen:
                continue
            coset = [start, *(start ^ v for v in sorted(subspace))]
            seen.update(coset)
            for flip in (0, 1):
                groups.append(tuple(sorted(2 * x + (sign[16 * r + x] ^ flip) for x in coset)))
        rounds.append(tuple(groups))
    return Design(32, 4, tuple(rounds))


def _solve_gf2(equations: list[tuple[int, int]], unknowns: int) -> list[int]:
    """One solution (free unknowns 0) of equations (bit mask of unknowns, right side)."""
    pivots: dict[int, tuple[int, int]] = {}
    for mask, side in equations:
        for bit, (row, value) in pivots.items():
            if mask >> bit & 1:
                mask ^= row
                side ^= value
        if not mask:
            if side:
                raise AssertionError("the sign equations have no solution")
            continue
        bit = mask.bit_length() - 1
        for other, (row, value) in list(pivots.items()):
            if row >> bit & 1:
                pivots[other] = (row ^ mask, value ^ side)
        pivots[bit] = (mask, side)
    solution = [0] * unknowns
    for bit, (_, side) in pivots.items():
        solution[bit] = side
    return solution
