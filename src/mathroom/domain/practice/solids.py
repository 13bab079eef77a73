"""Shapes from conditions and solids in words: which measures make a triangle, the area of a
cross section, and surface area from a net.

``numbers`` per skill: triangles ``(a, b, c)``: three side lengths (operation ``sides``, the
answer ``yes`` or ``no`` at difficulty 1, else ``one`` or ``none``) or three angles
(``angles``, the answer ``many`` or ``none``); cross sections ``(l, w, h)`` of a box cut
parallel to its base (``box_base``) or to a side face (``box_side``), or ``(s, h)`` of a
square pyramid cut through its top parallel to a base edge (``pyramid_vertical``) or
halfway up parallel to its base (``pyramid_half``); nets ``(s,)`` of a cube (``cube``),
``(l, w, h)`` of a box (``box``) or ``(s, t)`` of a square pyramid with triangles of height
t (``pyramid``).
"""

from __future__ import annotations

import random
from fractions import Fraction

from mathroom.domain.practice.notation import m, num
from mathroom.domain.practice.problem import Bounds, Draft, Generator

# 7.G.A.2 --------------------------------------------------------------------------------


def _deg(value: int) -> str:
    return rf"{value}^\circ"


def _triangles(rng: random.Random, difficulty: int) -> Draft:
    operation = "sides" if difficulty == 1 else rng.choice(("sides", "angles"))
    if operation == "sides":
        a, b = rng.randint(2, 12), rng.randint(2, 12)
        # Near the limit half the time: the longest side just under, at, or over the sum.
        c = rng.choice(
            (a + b - 1, a + b, a + b + rng.randint(1, 4), rng.randint(abs(a - b) + 1, a + b - 1))
        )
        sides = [a, b, c]
        rng.shuffle(sides)
        x, y, z = sorted(sides)
        fits = x + y > z
        shown = ", ".join(str(s) for s in sides)
        check = m(f"{x} + {y} = {x + y}")
        verdict = "longer than" if fits else ("equal to" if x + y == z else "shorter than")
        step = f"The two shorter sides add to {check}, {verdict} the longest side, {z}"
        if difficulty == 1:
            answer = "yes" if fits else "no"
            prompt = f"Can sides of {shown} centimeters make a triangle? Answer yes or no."
            step += f": {answer}"
        else:
            answer = "one" if fits else "none"
            prompt = (
                f"How many different triangles have sides of {shown} centimeters: none, one "
                "or many?"
            )
            step += ". " + (
                "Three sides fix the triangle, so there is one"
                if fits
                else "The sides can't meet, so there are none"
            )
        return Draft(prompt, answer, _count_text(answer), step, tuple(sides), operation)
    first, second = rng.randint(20, 100), rng.randint(20, 100)
    third = 180 - first - second if rng.random() < 0.5 else rng.randint(10, 120)
    third = max(third, 5)
    total = first + second + third
    answer = "many" if total == 180 else "none"
    prompt = (
        f"How many different triangles have angles of {m(_deg(first))}, {m(_deg(second))} and "
        f"{m(_deg(third))}: none, one or many?"
    )
    if answer == "many":
        why = "so they fit, and a triangle of any size has them: many"
    else:
        why = f"not {m(_deg(180))}, so none"
    step = f"The angles add to {m(f'{first} + {second} + {third} = {_deg(total)}')}, {why}"
    return Draft(prompt, answer, _count_text(answer), step, (first, second, third), operation)


def _count_text(answer: str) -> str:
    """The answer as the key prints it: "Yes", "One triangle", "No triangle"."""
    return {"one": "One triangle", "many": "Many triangles", "none": "No triangle"}.get(
        answer, answer.capitalize()
    )


TRIANGLES = Generator(
    "7.G.A.2",
    "Draw triangles from conditions",
    (Bounds(1, 28), Bounds(1, 140), Bounds(1, 140)),
    _triangles,
)

# 7.G.A.3 --------------------------------------------------------------------------------


def _cross_section(rng: random.Random, difficulty: int) -> Draft:
    units = rng.choice(("centimeters", "inches", "feet"))
    if difficulty < 3:
        length, width, height = rng.randint(3, 12), rng.randint(2, 10), rng.randint(2, 10)
        operation = "box_base" if difficulty == 1 else rng.choice(("box_base", "box_side"))
        solid = f"A box is {length} {units} long, {width} {units} wide and {height} {units} tall."
        if operation == "box_base":
            cut, sides = "parallel to its base", (length, width)
        else:
            cut, sides = "straight down, parallel to its front face", (length, height)
        answer = sides[0] * sides[1]
        prompt = f"{solid} A flat cut slices it {cut}. What is the area of the cross section?"
        step = (
            f"The cross section is a rectangle, {sides[0]} by {sides[1]}: "
            + m(rf"{sides[0]} \times {sides[1]} = {answer}")
            + f" square {units}"
        )
        return Draft(prompt, answer, m(str(answer)), step, (length, width, height), operation)
    side, height = 2 * rng.randint(2, 8), rng.randint(3, 15)
    solid = (
        f"A pyramid has a square base with sides of {side} {units}. It is {height} {units} tall."
    )
    if rng.random() < 0.5:
        area = Fraction(side * height, 2)
        prompt = (
            f"{solid} A flat cut goes straight down through its top, parallel to a base edge. "
            "What is the area of the cross section?"
        )
        step = f"The cross section is a triangle with base {side} and height {height}: " + m(
            rf"\frac{{1}}{{2}} \times {side} \times {height} = {num(area)}"
        )
        value = area.numerator if area.denominator == 1 else area
        return Draft(prompt, value, m(num(value)), step, (side, height), "pyramid_vertical")
    half = side // 2
    answer = half * half
    prompt = (
        f"{solid} A flat cut goes halfway up, parallel to the base. What is the area of the "
        "cross section?"
    )
    step = (
        "Halfway up, the square's sides are half as long: "
        + m(rf"{side} \div 2 = {half}")
        + ". "
        + m(rf"{half} \times {half} = {answer}")
    )
    return Draft(prompt, answer, m(str(answer)), step, (side, height), "pyramid_half")


CROSS_SECTION = Generator(
    "7.G.A.3",
    "Cross sections of solids",
    (Bounds(2, 12), Bounds(2, 12), Bounds(3, 16)),
    _cross_section,
)

# 6.G.A.4 --------------------------------------------------------------------------------


def _net(rng: random.Random, difficulty: int) -> Draft:
    units = rng.choice(("centimeters", "inches", "feet"))
    if difficulty == 1:
        side = rng.randint(2, 12)
        answer = 6 * side * side
        prompt = (
            f"A net of a cube is six squares with sides of {side} {units}. What is the "
            "surface area of the cube?"
        )
        step = m(rf"6 \times {side} \times {side} = {answer}") + f" square {units}"
        return Draft(prompt, answer, m(str(answer)), step, (side,), "cube")
    if difficulty == 2:
        length, width, height = rng.randint(2, 12), rng.randint(2, 10), rng.randint(2, 10)
        faces = (length * width, length * height, width * height)
        answer = 2 * sum(faces)
        prompt = (
            f"A net of a box has two {length} by {width} rectangles, two {length} by {height} "
            f"rectangles and two {width} by {height} rectangles, in {units}. What is the "
            "surface area?"
        )
        step = f"The pairs have areas {', '.join(map(str, faces))}: " + m(
            f"2({faces[0]} + {faces[1]} + {faces[2]}) = {answer}"
        )
        return Draft(prompt, answer, m(str(answer)), step, (length, width, height), "box")
    side, slant = rng.randint(2, 12), rng.randint(3, 15)
    triangles = 2 * side * slant  # four halves of side x slant
    answer = side * side + triangles
    prompt = (
        f"A net of a pyramid is a square with sides of {side} {units} and four triangles. "
        f"Each triangle has a base of {side} and a height of {slant} {units}. What is the "
        "surface area?"
    )
    step = (
        "Square: "
        + m(rf"{side} \times {side} = {side * side}")
        + ". Triangles: "
        + m(rf"4 \times \frac{{1}}{{2}} \times {side} \times {slant} = {triangles}")
        + ". Total: "
        + m(f"{side * side} + {triangles} = {answer}")
    )
    return Draft(prompt, answer, m(str(answer)), step, (side, slant), "pyramid")


NET = Generator(
    "6.G.A.4",
    "Nets and surface area",
    (Bounds(2, 12), Bounds(2, 12), Bounds(2, 15)),
    _net,
)
