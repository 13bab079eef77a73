"""Geometry: circles, angle relationships, composite areas, and prism volumes.

``numbers`` per skill: circles ``(radius,)`` or ``(diameter,)``, operation
``area|circumference _ radius|diameter _ pi|3.14``; for ``_pi`` the answer is the coefficient
of pi, for ``_3.14`` the value with pi = 3.14. Angles ``(a,)`` for ``complement``,
``supplement`` and ``vertical``, ``(a, b)`` for ``around`` (360 - a - b), and ``(p, q, s, t)``
for ``complement_x``/``supplement_x``/``vertical_x``: (px + q) and (sx + t) make 90, make 180,
or are equal, and the answer is x. Composite areas: ``two_rects (l1, w1, l2, w2)``,
``rect_minus_rect (L, W, l, w)``, ``rect_plus_triangle (l, w, b, h)``,
``rect_plus_semicircle (l, w)`` with the semicircle on a side of length w, pi = 3.14.
Volumes: ``rect_prism (l, w, h)``, ``tri_prism (b, h, length)``, ``base_area (B, h)``,
``missing_height (V, l, w)``.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice import contexts, draws
from mathroom.domain.practice.notation import (
    dec,
    exact,
    first_term,
    frac,
    m,
    num,
    plural,
    signed_term,
)
from mathroom.domain.practice.problem import Bounds, Draft, Generator, Number

PI = Decimal("3.14")
USE_PI = "Use " + m(r"\pi \approx 3.14") + "."
SINGULAR = {"feet": "foot", "meters": "meter", "inches": "inch"}


def _deg(value: int | str) -> str:
    return m(rf"{value}^\circ")


_ROUND_THINGS = (
    ("a round pizza", "inches"),
    ("a round garden", "feet"),
    ("a trampoline", "feet"),
    ("a clock face", "centimeters"),
    ("a round rug", "feet"),
    ("a bike wheel", "inches"),
    ("a round table", "inches"),
    ("a circular pond", "meters"),
)

# 7.G.B.4 --------------------------------------------------------------------------------


def _circle_parts(rng: random.Random, difficulty: int) -> tuple[str, int | Decimal, bool]:
    """(radius or diameter, its length, answer in terms of pi?)."""
    if difficulty == 1:
        return "radius", rng.randint(1, 10), True
    if difficulty == 2:
        return rng.choice(("radius", "diameter")), rng.randint(2, 20), False
    if rng.random() < 0.5:
        return "diameter", 2 * rng.randint(1, 12) + 1, rng.random() < 0.5  # a half radius
    return "radius", draws.decimal(rng, 1, 15, 1), False


def _circle(rng: random.Random, difficulty: int, measure: str) -> Draft:
    given, length, in_pi = _circle_parts(rng, difficulty)
    radius = Fraction(length) / (2 if given == "diameter" else 1)
    thing, unit = rng.choice(_ROUND_THINGS)
    coefficient = radius * radius if measure == "area" else 2 * radius
    r = dec(Decimal(exact(radius)))  # radii here are whole, halves or tenths
    if measure == "area":
        ask = "area"
        formula = rf"A = \pi r^{{2}} = \pi \cdot {r}^{{2}}"
        unit_text = f"square {unit}"
    else:
        ask = "circumference"
        formula = rf"C = 2\pi r = 2 \cdot \pi \cdot {r}"
        unit_text = unit
    if in_pi:
        answer: Number = coefficient if coefficient.denominator > 1 else coefficient.numerator
        how = "Give the answer in terms of " + m(r"\pi") + "."
        shown = rf"{frac(coefficient) if coefficient != 1 else ''}\pi"
        text = f"{m(shown)} {unit_text}"
        operation = f"{measure}_{given}_pi"
    else:
        answer = Decimal(exact(coefficient)) * PI
        how = USE_PI
        text = m(rf"\approx {dec(answer)}") + f" {unit_text}"
        operation = f"{measure}_{given}_3.14"
    prompt = f"The {given} of {thing} is {num(length)} {unit}. What is its {ask}? {how}"
    radius_first = f"The radius is {m(r)}. " if given == "diameter" else ""
    step = f"{radius_first}{m(formula)}, so the {ask} is {text}"
    return Draft(prompt, answer, text, step, (length,), operation)


def _circle_area(rng: random.Random, difficulty: int) -> Draft:
    return _circle(rng, difficulty, "area")


def _circumference(rng: random.Random, difficulty: int) -> Draft:
    return _circle(rng, difficulty, "circumference")


_CIRCLE_BOUNDS = (Bounds(1, 10), Bounds(2, 20), Bounds(1, 25, max_places=1))

CIRCLE_AREA = Generator("7.G.B.4-area", "Area of a circle", _CIRCLE_BOUNDS, _circle_area)
CIRCUMFERENCE = Generator(
    "7.G.B.4-circum", "Circumference of a circle", _CIRCLE_BOUNDS, _circumference
)

# 7.G.B.5 --------------------------------------------------------------------------------

_TOTALS = {"complement": 90, "supplement": 180}


def _angles(rng: random.Random, difficulty: int) -> Draft:
    if difficulty == 3:
        return _angle_equation(rng)
    kinds = ("complement", "supplement", "vertical") + (("around",) if difficulty == 2 else ())
    kind = rng.choice(kinds)
    step_size = 5 if difficulty == 1 else 1
    if kind == "around":
        a, b = rng.randint(20, 170), rng.randint(20, 170)
        answer = 360 - a - b
        prompt = (
            "Three angles meet at a point and fill the space around it. Two of them are "
            f"{_deg(a)} and {_deg(b)}. What is the third angle?"
        )
        step = m(f"360 - {a} - {b} = {answer}")
        return Draft(prompt, answer, _deg(answer), step, (a, b), kind)
    top = 90 if kind == "complement" else 180
    a = step_size * rng.randint(1, (top - 1) // step_size)
    if kind == "vertical":
        answer = a
        prompt = (
            f"Two straight roads cross. One angle between them is {_deg(a)}. What "
            "is the angle across from it (its vertical angle)?"
        )
        step = "Vertical angles are equal."
    else:
        answer = top - a
        word = "complementary" if kind == "complement" else "supplementary"
        prompt = f"Two angles are {word}. One angle is {_deg(a)}. What is the other angle?"
        step = f"{word.capitalize()} angles add to {_deg(top)}: {m(f'{top} - {a} = {answer}')}"
    return Draft(prompt, answer, _deg(answer), step, (a,), kind)


def _angle_equation(rng: random.Random) -> Draft:
    kind = rng.choice(("complement_x", "supplement_x", "vertical_x"))
    v = rng.choice(("x", "y", "n"))
    while True:
        x, p, s = rng.randint(2, 30), rng.randint(1, 9), rng.randint(1, 9)
        if kind == "vertical_x":
            q = rng.randint(0, 40)
            t = (p - s) * x + q  # so the two angles are equal
            ok = p != s and 0 <= t <= 60 and p * x + q < 180
        else:
            t = rng.randint(0, 40)
            q = _TOTALS[kind.removesuffix("_x")] - (p + s) * x - t  # so they add up exactly
            ok = 0 <= q <= 60
        if ok:
            break
    left = f"({first_term(p, v)} {signed_term(q)})" if q else first_term(p, v)
    right = f"({first_term(s, v)} {signed_term(t)})" if t else first_term(s, v)
    if kind == "vertical_x":
        prompt = f"Two lines cross. A pair of vertical angles measure {_deg(left)} and "
        prompt += f"{_deg(right)}. Find {m(v)}."
        equation = f"{_bare(left)} = {_bare(right)}"
    else:
        total = _TOTALS[kind.removesuffix("_x")]
        word = "complementary" if kind == "complement_x" else "supplementary"
        prompt = f"Two angles are {word}. They measure {_deg(left)} and {_deg(right)}. "
        prompt += f"Find {m(v)}."
        equation = f"{_bare(left)} + {_bare(right)} = {total}"
    step = f"Write an equation: {m(equation)}, so {m(f'{v} = {x}')}"
    return Draft(prompt, x, m(f"{v} = {x}"), step, (p, q, s, t), kind)


def _bare(side: str) -> str:
    return side.removeprefix("(").removesuffix(")")


ANGLES = Generator(
    "7.G.B.5",
    "Angle relationships",
    (Bounds(5, 175), Bounds(1, 179), Bounds(0, 60)),
    _angles,
)

# 7.G.B.6-area ---------------------------------------------------------------------------

_BUILT = (("patio", "feet"), ("deck", "feet"), ("garden bed", "feet"), ("garden", "meters"))
"""L-shaped things a family builds, with their unit."""

_CUT_OUT = (
    ("patio", "feet", "a tree"),
    ("deck", "feet", "a hot tub"),
    ("lawn", "meters", "a flower bed"),
    ("garden", "meters", "a shed"),
)
"""A rectangle with a rectangle taken out: the place, its unit, and what the hole is for."""

_ROUNDED = (("patio", "feet"), ("stage", "feet"), ("garden", "meters"), ("classroom rug", "feet"))
"""A rectangle with a half circle on one end."""


def _composite_area(rng: random.Random, difficulty: int) -> Draft:
    place, unit = rng.choice(_BUILT if difficulty == 1 else _ROUNDED)
    answer: Number
    if difficulty == 1:
        l1, w1, l2, w2 = (rng.randint(2, 10) for _ in range(4))
        answer = l1 * w1 + l2 * w2
        prompt = (
            f"{contexts.name(rng)}'s family builds an L-shaped {place}. It is made of two "
            "rectangles that do not overlap. One is "
            f"{l1} {unit} by {w1} {unit}. The other is {l2} {unit} by {w2} {unit}. What is "
            "the total area?"
        )
        tex = rf"{l1} \times {w1} + {l2} \times {w2} = {l1 * w1} + {l2 * w2} = {answer}"
        numbers: tuple[Number, ...] = (l1, w1, l2, w2)
        operation = "two_rects"
    elif difficulty == 2 and rng.random() < 0.5:
        big_l, big_w = rng.randint(8, 20), rng.randint(8, 20)
        small_l, small_w = rng.randint(2, big_l - 2), rng.randint(2, big_w - 2)
        answer = big_l * big_w - small_l * small_w
        place, unit, hole = rng.choice(_CUT_OUT)
        prompt = (
            f"A rectangular {place} is {big_l} {unit} by {big_w} {unit}. A rectangle "
            f"{small_l} {unit} by {small_w} {unit} is left out of it for {hole}. "
            "What area is left?"
        )
        tex = (
            rf"{big_l} \times {big_w} - {small_l} \times {small_w} = "
            f"{big_l * big_w} - {small_l * small_w} = {answer}"
        )
        numbers, operation = (big_l, big_w, small_l, small_w), "rect_minus_rect"
    elif difficulty == 2:
        length, width, height = rng.randint(4, 20), rng.randint(3, 15), 2 * rng.randint(1, 10)
        answer = length * width + length * height // 2
        prompt = (
            f"A sign is shaped like a house: a rectangle {length} inches wide and {width} "
            f"inches tall, with a triangle on top. The triangle's base is {length} inches and "
            f"its height is {height} inches. What is the area of the sign in square inches?"
        )
        tex = (
            rf"{length} \times {width} + \frac{{1}}{{2}} \times {length} \times {height} = "
            f"{length * width} + {length * height // 2} = {answer}"
        )
        numbers, operation = (length, width, length, height), "rect_plus_triangle"
    else:
        length, width = rng.randint(6, 30), 2 * rng.randint(2, 10)
        half_circle = PI * (Decimal(width) / 2) ** 2 / 2
        answer = length * width + half_circle
        prompt = (
            f"A {place} is a rectangle {length} {unit} long and {width} {unit} wide, with a "
            f"half circle on one {width}-{SINGULAR[unit]} side. What is the total area? {USE_PI}"
        )
        tex = (
            rf"{length} \times {width} + \frac{{1}}{{2}} \times 3.14 \times {width // 2}^{{2}} "
            rf"= {length * width} + {dec(half_circle)} = {dec(answer)}"
        )
        numbers, operation = (length, width), "rect_plus_semicircle"
    square_unit = "square inches" if operation == "rect_plus_triangle" else f"square {unit}"
    text = f"{m(num(answer))} {square_unit}"
    return Draft(
        prompt, answer, text, f"Add (or take away) the parts: {m(tex)}", numbers, operation
    )


COMPOSITE_AREA = Generator(
    "7.G.B.6-area",
    "Area of composite figures",
    (Bounds(2, 10), Bounds(2, 20), Bounds(4, 30)),
    _composite_area,
)

# 7.G.B.6-vol, 5.MD.C.5b -----------------------------------------------------------------

_BOXES = ("fish tank", "cereal box", "planter box", "storage bin", "shipping box", "cake pan")


def _prism_volume(rng: random.Random, difficulty: int) -> Draft:
    answer: Number
    if difficulty == 1 or (difficulty == 3 and rng.random() < 0.5):
        sides: tuple[Number, ...]
        if difficulty == 1:
            sides = tuple(rng.randint(2, 10) for _ in range(3))
        else:
            sides = (draws.decimal(rng, 2, 20, 1), rng.randint(2, 12), draws.decimal(rng, 1, 10, 1))
        length, width, height = sides
        answer = exact(Fraction(length) * Fraction(width) * Fraction(height))
        box = rng.choice(_BOXES)
        prompt = (
            f"{contexts.name(rng)}'s {box} is a rectangular prism {num(length)} inches long, "
            f"{num(width)} inches "
            f"wide, and {num(height)} inches tall. What is its volume?"
        )
        product = rf"{num(length)} \times {num(width)} \times {num(height)}"
        tex = rf"V = l \times w \times h = {product} = {num(answer)}"
        return Draft(prompt, answer, f"{m(num(answer))} cubic inches", m(tex), sides, "rect_prism")
    if rng.random() < 0.5:
        base, height, length = 2 * rng.randint(1, 10), rng.randint(2, 12), rng.randint(3, 30)
        answer = base * height // 2 * length
        prompt = (
            f"A tent is a triangular prism. The triangle at each end has a base of {base} feet "
            f"and a height of {height} feet. The tent is {length} feet long. What is its volume?"
        )
        tex = (
            rf"V = \frac{{1}}{{2}} \times {base} \times {height} \times {length} = "
            rf"{base * height // 2} \times {length} = {answer}"
        )
        return Draft(
            prompt,
            answer,
            f"{m(str(answer))} cubic feet",
            m(tex),
            (base, height, length),
            "tri_prism",
        )
    area, height = rng.randint(6, 30), rng.randint(2, 20)
    answer = area * height
    prompt = (
        f"A prism has a base with an area of {area} square centimeters. Its height is "
        f"{height} centimeters. What is its volume?"
    )
    tex = rf"V = Bh = {area} \times {height} = {answer}"
    return Draft(
        prompt, answer, f"{m(str(answer))} cubic centimeters", m(tex), (area, height), "base_area"
    )


PRISM_VOLUME = Generator(
    "7.G.B.6-vol",
    "Volume of prisms",
    (Bounds(2, 10), Bounds(2, 30), Bounds(1, 30, max_places=1)),
    _prism_volume,
)


def _box_volume(rng: random.Random, difficulty: int) -> Draft:
    low, high = (1, 5) if difficulty == 1 else (2, 12)
    length, width, height = (rng.randint(low, high) for _ in range(3))
    volume = length * width * height
    if difficulty == 3:
        prompt = (
            f"A {rng.choice(_BOXES)} holds {volume} cubic inches. It is {length} inches long "
            f"and {width} inches wide. How tall is it?"
        )
        tex = rf"h = V \div (l \times w) = {volume} \div {length * width} = {height}"
        text = f"{m(str(height))} inches"
        return Draft(prompt, height, text, m(tex), (volume, length, width), "missing_height")
    what = "unit cubes fill" if difficulty == 1 else "cubic inches is the volume of"
    inches = [f"{n} {plural(n, 'inch', 'inches')}" for n in (length, width, height)]
    prompt = f"How many {what} a box {inches[0]} long, {inches[1]} wide, and {inches[2]} tall?"
    tex = rf"V = l \times w \times h = {length} \times {width} \times {height} = {volume}"
    unit = "unit cubes" if difficulty == 1 else "cubic inches"
    return Draft(
        prompt, volume, f"{m(str(volume))} {unit}", m(tex), (length, width, height), "rect_prism"
    )


BOX_VOLUME = Generator(
    "5.MD.C.5b",
    "Volume of rectangular prisms",
    (Bounds(1, 5), Bounds(2, 12), Bounds(2, 1728)),
    _box_volume,
)
