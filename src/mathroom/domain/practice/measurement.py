"""Measurement: rectangles, adding angle measures, areas of triangles and quadrilaterals,
volume with fractional edges, scale drawings and surface area.

``numbers`` per skill: rectangles ``(length, width)`` with operation ``area`` or
``perimeter``, or ``(total, known)`` for the missing side from the area (``side_from_area``)
or the perimeter (``side_from_perimeter``); angles ``(part, part)`` (``sum``) or ``(whole,
part)`` (``missing``); polygon areas ``(base, height)`` (``triangle``, ``parallelogram``)
or ``(base1, base2, height)`` (``trapezoid``); fractional volume ``(l, w, h)``; scale
``(drawn, actual)`` for one unit, then the drawing length (``actual``), the actual length
(``drawing``) or the drawing's two sides (``area``); surface area ``(l, w, h)`` (``box``),
``(edge,)`` (``cube``) or ``(leg, leg, hypotenuse, length)`` (``tri_prism``).
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice import contexts, draws
from mathroom.domain.practice.notation import m, num
from mathroom.domain.practice.problem import Bounds, Draft, Generator, Number

# 4.MD.A.3 -------------------------------------------------------------------------------


def _rectangle(rng: random.Random, difficulty: int) -> Draft:
    length, width = rng.randint(2, 12 * difficulty), rng.randint(2, 9 * difficulty)
    operation = rng.choice(
        ("area", "perimeter") if difficulty == 1 else ("side_from_area", "side_from_perimeter")
    )
    if difficulty == 2 and rng.random() < 0.4:
        operation = rng.choice(("area", "perimeter"))
    thing = rng.choice(("garden", "rug", "poster", "playground", "tabletop"))
    units = rng.choice(("feet", "meters", "inches", "yards"))
    if operation == "area":
        answer = length * width
        prompt = (
            f"A rectangular {thing} is {length} {units} long and {width} {units} wide. "
            f"What is its area?"
        )
        step = m(rf"{length} \times {width} = {answer}") + f" square {units}"
        return Draft(prompt, answer, m(str(answer)), step, (length, width), operation)
    if operation == "perimeter":
        answer = 2 * (length + width)
        prompt = (
            f"A rectangular {thing} is {length} {units} long and {width} {units} wide. "
            f"What is its perimeter?"
        )
        step = m(f"2({length} + {width}) = {answer}") + f" {units}"
        return Draft(prompt, answer, m(str(answer)), step, (length, width), operation)
    if operation == "side_from_area":
        area = length * width
        prompt = (
            f"A rectangular {thing} has an area of {area} square {units}. "
            f"It is {length} {units} long. How wide is it?"
        )
        step = m(rf"{area} \div {length} = {width}") + f" {units}"
        return Draft(prompt, width, m(str(width)), step, (area, length), operation)
    perimeter = 2 * (length + width)
    prompt = (
        f"A rectangular {thing} has a perimeter of {perimeter} {units}. "
        f"It is {length} {units} long. How wide is it?"
    )
    step = (
        "Two lengths make "
        + m(rf"2 \times {length} = {2 * length}")
        + ". "
        + m(rf"({perimeter} - {2 * length}) \div 2 = {width}")
    )
    return Draft(prompt, width, m(str(width)), step, (perimeter, length), operation)


RECTANGLE = Generator(
    "4.MD.A.3",
    "Area and perimeter of rectangles",
    (Bounds(2, 252), Bounds(2, 504), Bounds(2, 1161)),
    _rectangle,
)

# 4.MD.C.7 -------------------------------------------------------------------------------


def _add_angles(rng: random.Random, difficulty: int) -> Draft:
    top = {1: 90}.get(difficulty, 180)
    step_size = 5 if difficulty == 1 else 1
    whole = step_size * rng.randint(20 // step_size, top // step_size)
    part = step_size * rng.randint(1, whole // step_size - 1)
    name = rng.choice(("ABC", "PQR", "DEF", "XYZ", "JKL"))
    if difficulty == 3:
        # Two rays make three angles: the third is what the two known ones leave.
        part = min(part, whole - 2)
        second = rng.randint(1, whole - part - 1)
        third = whole - part - second
        prompt = (
            f"Angle {name} measures {m(_deg(whole))}. Two rays split it into three angles. "
            f"Two of them measure {m(_deg(part))} and {m(_deg(second))}. What does the third "
            "measure?"
        )
        step = m(f"{whole} - {part} - {second} = {_deg(third)}")
        return Draft(prompt, third, m(_deg(third)), step, (whole, part, second), "third")
    operation = rng.choice(("sum", "missing"))
    if operation == "sum":
        other = whole - part
        prompt = (
            f"A ray splits angle {name} into two angles. They measure {m(_deg(part))} and "
            f"{m(_deg(other))}. What is the measure of angle {name}?"
        )
        step = m(f"{part} + {other} = {_deg(whole)}")
        return Draft(prompt, whole, m(_deg(whole)), step, (part, other), operation)
    other = whole - part
    prompt = (
        f"Angle {name} measures {m(_deg(whole))}. A ray splits it into two angles. One of "
        f"them measures {m(_deg(part))}. What does the other measure?"
    )
    step = m(f"{whole} - {part} = {_deg(other)}")
    return Draft(prompt, other, m(_deg(other)), step, (whole, part), operation)


def _deg(value: int) -> str:
    return rf"{value}^\circ"


ADD_ANGLES = Generator(
    "4.MD.C.7",
    "Add angle measures",
    (Bounds(5, 90), Bounds(1, 180), Bounds(1, 180)),
    _add_angles,
)

# 6.G.A.1 --------------------------------------------------------------------------------


def _polygon_area(rng: random.Random, difficulty: int) -> Draft:
    units = rng.choice(("centimeters", "inches", "feet", "meters"))
    shapes = {1: ("triangle", "parallelogram"), 2: ("triangle", "trapezoid")}.get(
        difficulty, ("triangle", "parallelogram", "trapezoid")
    )
    operation = rng.choice(shapes)

    def side() -> Number:
        if difficulty == 3:
            return draws.decimal(rng, 2, 20, 1)
        return rng.randint(2, 12 if difficulty == 1 else 25)

    if operation == "trapezoid":
        b1, b2, h = side(), side(), side()
        answer = _tidy((Fraction(b1) + Fraction(b2)) / 2 * Fraction(h), b1)
        prompt = (
            f"A trapezoid has parallel sides of {num(b1)} and {num(b2)} {units}. Its height "
            f"is {num(h)} {units}. What is its area?"
        )
        step = m(rf"\frac{{1}}{{2}}({num(b1)} + {num(b2)}) \times {num(h)} = {num(answer)}")
        return Draft(prompt, answer, m(num(answer)), step, (b1, b2, h), operation)
    base, height = side(), side()
    half = Fraction(1, 2) if operation == "triangle" else Fraction(1)
    answer = _tidy(half * Fraction(base) * Fraction(height), base)
    prompt = (
        f"A {operation} has a base of {num(base)} {units} and a height of {num(height)} "
        f"{units}. What is its area?"
    )
    lead = r"\frac{1}{2} \times " if operation == "triangle" else ""
    step = m(rf"{lead}{num(base)} \times {num(height)} = {num(answer)}") + f" square {units}"
    return Draft(prompt, answer, m(num(answer)), step, (base, height), operation)


def _tidy(value: Fraction, like: Number) -> Number:
    """A decimal answer for decimal sides; else a whole number or a fraction."""
    if isinstance(like, Decimal):
        return Decimal(value.numerator) / value.denominator
    return value.numerator if value.denominator == 1 else value


POLYGON_AREA = Generator(
    "6.G.A.1",
    "Area of triangles and polygons",
    (Bounds(2, 12), Bounds(2, 25), Bounds(2, 20, max_places=1)),
    _polygon_area,
)

# 6.G.A.2 --------------------------------------------------------------------------------


def _fraction_volume(rng: random.Random, difficulty: int) -> Draft:
    def edge() -> Fraction:
        if difficulty == 1:
            return (
                Fraction(rng.randint(1, 6))
                if rng.random() < 0.6
                else Fraction(rng.randint(1, 5), 2)
            )
        denominators = (2, 4) if difficulty == 2 else (2, 3, 4)
        return draws.mixed_number(rng, (0, 4), denominators)

    while True:
        sides = (edge(), edge(), edge())
        if any(s.denominator > 1 for s in sides):
            break
    length, width, height = sides
    volume = length * width * height
    units = rng.choice(("feet", "inches", "meters", "centimeters"))
    prompt = (
        f"A box is {m(num(length))} {units} long, {m(num(width))} {units} wide and "
        f"{m(num(height))} {units} tall. What is its volume?"
    )
    answer: int | Fraction = volume.numerator if volume.denominator == 1 else volume
    step = m(rf"{num(length)} \times {num(width)} \times {num(height)} = {num(answer)}") + (
        f" cubic {units}"
    )
    return Draft(prompt, answer, m(num(answer)), step, sides, "rect_prism")


FRACTION_VOLUME = Generator(
    "6.G.A.2",
    "Volume with fractional edges",
    (
        Bounds(Fraction(1, 2), 6, max_denominator=2),
        Bounds(Fraction(1, 4), 5, max_denominator=4),
        Bounds(Fraction(1, 4), 5, max_denominator=4),
    ),
    _fraction_volume,
)

# 7.G.A.1 --------------------------------------------------------------------------------


def _scale(rng: random.Random, difficulty: int) -> Draft:
    drawn, actual = 1, rng.choice((2, 4, 5, 10, 20, 25, 50))
    unit, real = rng.choice(
        (("inch", "feet"), ("centimeter", "meters"), ("centimeter", "kilometers"))
    )
    plural_unit = "inches" if unit == "inch" else f"{unit}s"
    scale = f"On a map, 1 {unit} stands for {actual} {real}."
    if difficulty == 1:
        length: Number = rng.randint(2, 12)
        answer: Number = length * actual
        prompt = (
            f"{scale} Two places are {length} {plural_unit} apart on the map. "
            f"How far apart are they really, in {real}?"
        )
        step = m(rf"{length} \times {actual} = {answer}") + f" {real}"
        return Draft(prompt, answer, m(num(answer)), step, (drawn, actual, length), "actual")
    if difficulty == 2:
        length = Decimal(rng.randint(2, 30)) / 2
        total = length * actual
        prompt = (
            f"{scale} A trail is {num(total)} {real} long. "
            f"How long is it on the map, in {plural_unit}?"
        )
        step = m(rf"{num(total)} \div {actual} = {num(length)}") + f" {plural_unit}"
        return Draft(prompt, length, m(num(length)), step, (drawn, actual, total), "drawing")
    # A room's floor plan: inches for feet, so the real area is a room's.
    actual, unit, real, plural_unit = rng.choice((2, 3, 4, 5, 8)), "inch", "feet", "inches"
    side_a, side_b = rng.randint(2, 9), rng.randint(2, 9)
    area = side_a * actual * side_b * actual
    prompt = (
        f"A floor plan uses 1 {unit} for {actual} {real}. A room on the plan is {side_a} by "
        f"{side_b} {plural_unit}. What is the room's real area, in square {real}?"
    )
    step = (
        "Real sides: "
        + m(rf"{side_a} \times {actual} = {side_a * actual}")
        + " and "
        + m(rf"{side_b} \times {actual} = {side_b * actual}")
        + ". Area: "
        + m(rf"{side_a * actual} \times {side_b * actual} = {area}")
    )
    return Draft(prompt, area, m(str(area)), step, (drawn, actual, side_a, side_b), "area")


SCALE = Generator(
    "7.G.A.1",
    "Scale drawings",
    (Bounds(1, 600), Bounds(1, 750, max_places=1), Bounds(1, 9)),
    _scale,
)

# 7.G.B.6-sa -----------------------------------------------------------------------------

_TRIPLES = ((3, 4, 5), (6, 8, 10), (5, 12, 13), (8, 15, 17), (9, 12, 15))


def _surface_area(rng: random.Random, difficulty: int) -> Draft:
    units = rng.choice(("centimeters", "inches", "feet"))
    name = contexts.name(rng)
    if (difficulty == 1 or (difficulty == 2 and rng.random() < 0.3)) and rng.random() < 0.5:
        edge = rng.randint(2, 12)
        answer = 6 * edge * edge
        prompt = f"{name} wraps a cube with edges of {edge} {units}. What is its surface area?"
        step = m(rf"6 \times {edge} \times {edge} = {answer}") + f" square {units}"
        return Draft(prompt, answer, m(str(answer)), step, (edge,), "cube")
    if difficulty < 3:
        x, y, z = (rng.randint(2, 6 * difficulty + 4) for _ in range(3))
        answer = 2 * (x * y + x * z + y * z)
        prompt = (
            f"{name} paints every face of a box {x} {units} long, {y} {units} wide and "
            f"{z} {units} tall. What is the surface area?"
        )
        faces = rf"2({x} \times {y} + {x} \times {z} + {y} \times {z})"
        products = f"2({x * y} + {x * z} + {y * z}) = {answer}"
        step = f"Add the six faces: {m(faces)}, which is {m(products)}"
        return Draft(prompt, answer, m(str(answer)), step, (x, y, z), "box")
    a, b, c = rng.choice(_TRIPLES)
    length = rng.randint(3, 20)
    bases = a * b  # two right triangles make one a-by-b rectangle
    sides = (a + b + c) * length
    answer = bases + sides
    prompt = (
        f"A prism has right triangles for bases, with legs {a} and {b} {units} and longest "
        f"side {c} {units}. It is {length} {units} long. What is its surface area?"
    )
    step = (
        "Two triangles: "
        + m(rf"2 \times \frac{{1}}{{2}} \times {a} \times {b} = {bases}")
        + ". Three rectangles: "
        + m(rf"({a} + {b} + {c}) \times {length} = {sides}")
        + ". Total: "
        + m(f"{bases} + {sides} = {answer}")
    )
    return Draft(prompt, answer, m(str(answer)), step, (a, b, c, length), "tri_prism")


SURFACE_AREA = Generator(
    "7.G.B.6-sa",
    "Surface area of prisms",
    (Bounds(2, 12), Bounds(2, 16), Bounds(3, 20)),
    _surface_area,
)
