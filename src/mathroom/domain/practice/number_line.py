"""Number lines and the coordinate plane, in words: moving along a line, halfway points,
quadrants, reflections and distances along a grid line.

``numbers`` per skill: number line ``(start, units)`` with operation ``right`` or ``left``
(the answer start ± units) or ``(a, b)`` with operation ``midpoint``; coordinate plane
``(x, y)`` with operation ``quadrant`` (answer ``I`` to ``IV``), ``reflect_x`` or
``reflect_y`` (answer the point as ``(x, y)``), or ``(x1, y1, x2, y2)`` on one grid line
(``distance``).
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice import draws
from mathroom.domain.practice.notation import m, num, same_kind, term
from mathroom.domain.practice.problem import Bounds, Draft, Generator, Number

# 6.NS.C.6c-line -------------------------------------------------------------------------


def _value(rng: random.Random, difficulty: int) -> Number:
    if difficulty == 1:
        return rng.randint(-15, 15)
    if difficulty == 2:
        return Decimal(rng.randint(-150, 150)) / 10
    return Fraction(rng.randint(-36, 36), rng.choice((2, 4)))


def _number_line(rng: random.Random, difficulty: int) -> Draft:
    operation = rng.choice(("right", "left", "midpoint") if difficulty > 1 else ("right", "left"))
    if operation == "midpoint":
        while True:
            a, b = _value(rng, difficulty), _value(rng, difficulty)
            if a < 0 < b or b < 0 < a:
                break
        low, high = min(a, b), max(a, b)
        middle = same_kind((Fraction(a) + Fraction(b)) / 2, a, b)
        prompt = f"What number is halfway between {m(num(a))} and {m(num(b))} on a number line?"
        gap = same_kind(Fraction(high) - Fraction(low), a, b)
        half = same_kind(Fraction(gap) / 2, a, b)
        step = (
            f"They are {m(f'{num(high)} - {term(low)} = {num(gap)}')} apart. Half of that is "
            f"{m(num(half))}, and {m(f'{num(low)} + {num(half)} = {num(middle)}')}"
        )
        return Draft(prompt, middle, m(num(middle)), step, (a, b), operation)
    start = _value(rng, difficulty)
    units: Number = rng.randint(2, 12)
    if difficulty == 2:
        units = Decimal(rng.randint(11, 99)) / 10
    elif difficulty == 3:
        units = Fraction(rng.randint(3, 27), 4)
    end = same_kind(
        Fraction(start) + Fraction(units) * (1 if operation == "right" else -1), start, units
    )
    prompt = (
        f"A point is at {m(num(start))} on a number line. It moves {m(num(units))} units to the "
        f"{operation}. Where is it now?"
    )
    sign = "+" if operation == "right" else "-"
    why = "Right is adding" if operation == "right" else "Left is subtracting"
    step = f"{why}: {m(f'{num(start)} {sign} {num(units)} = {num(end)}')}"
    return Draft(prompt, end, m(num(end)), step, (start, units), operation)


NUMBER_LINE = Generator(
    "6.NS.C.6c-line",
    "Rational numbers on a number line",
    (
        Bounds(-15, 15),
        Bounds(-15, 15, max_places=1),
        Bounds(-18, 18, max_denominator=4),
    ),
    _number_line,
)

# 6.NS.C.6c-plane ------------------------------------------------------------------------

QUADRANTS = {(1, 1): "I", (-1, 1): "II", (-1, -1): "III", (1, -1): "IV"}


def _point(x: int, y: int) -> str:
    return f"({x}, {y})"


def _plane(rng: random.Random, difficulty: int) -> Draft:
    x, y = draws.nonzero(rng, -10, 10), draws.nonzero(rng, -10, 10)
    if difficulty == 1:
        quadrant = QUADRANTS[(1 if x > 0 else -1, 1 if y > 0 else -1)]
        prompt = f"In which quadrant is the point {m(_point(x, y))}?"
        sign_x, sign_y = ("positive" if v > 0 else "negative" for v in (x, y))
        step = (
            f"Here {m('x')} is {sign_x} and {m('y')} is {sign_y}, so it is in Quadrant {quadrant}"
        )
        return Draft(prompt, quadrant, f"Quadrant {quadrant}", step, (x, y), "quadrant")
    if difficulty == 2:
        axis = rng.choice(("x", "y"))
        image = (x, -y) if axis == "x" else (-x, y)
        answer = _point(*image)
        prompt = (
            f"Reflect the point {m(_point(x, y))} across the {axis}-axis. What are the new "
            "coordinates?"
        )
        changed = "y" if axis == "x" else "x"
        step = f"Across the {axis}-axis only the {changed}-coordinate changes sign: {m(answer)}"
        return Draft(prompt, answer, m(answer), step, (x, y), f"reflect_{axis}")
    other = draws.nonzero(rng, -10, 10)
    while (other > 0) == (x > 0):
        other = draws.nonzero(rng, -10, 10)
    first, second = ((x, y), (other, y)) if rng.random() < 0.5 else ((y, x), (y, other))
    distance = abs(x - other)
    prompt = (
        f"How far apart are the points {m(_point(*first))} and {m(_point(*second))} on the "
        "coordinate plane?"
    )
    step = (
        f"They are on opposite sides of an axis: add the distances to it, "
        f"{m(f'|{x}| + |{other}| = {distance}')}"
    )
    return Draft(prompt, distance, m(str(distance)), step, (*first, *second), "distance")


PLANE = Generator(
    "6.NS.C.6c-plane",
    "Plot points in four quadrants",
    (Bounds(-10, 10), Bounds(-10, 10), Bounds(-10, 10)),
    _plane,
)
