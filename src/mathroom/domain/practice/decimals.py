"""Decimals: add and subtract, multiply, divide.

``numbers`` are ``(a, b)`` with operation ``+``, ``-``, ``×`` or ``÷``; answers are exact.
"""

from __future__ import annotations

import random
from decimal import Decimal

from mathroom.domain.practice import contexts, draws
from mathroom.domain.practice.notation import dec, m, plural
from mathroom.domain.practice.problem import Bounds, Draft, Generator

# 6.NS.B.3 -------------------------------------------------------------------------------


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite decimals only
    return max(0, -exponent)


def _lined_up(value: Decimal, places: int) -> str:
    return dec(value) if places == 0 else format(value.quantize(Decimal(1).scaleb(-places)), "f")


_DATA_STORIES = (
    "{name} used {a} GB of phone data last week and {b} GB this week. ",
    "{name} rode a bike {a} km on Saturday and {b} km on Sunday. ",
    "A rain gauge showed {a} cm of rain in May and {b} cm in June. ",
)


def _add_decimals(rng: random.Random, difficulty: int) -> Draft:
    if difficulty == 1:
        a, b, op = draws.decimal(rng, 1, 20, 1), draws.decimal(rng, 1, 20, 1), "+"
    elif difficulty == 2:
        a = draws.decimal(rng, 1, 100, rng.choice((1, 2)))
        b = draws.decimal(rng, 1, 100, rng.choice((1, 2)))
        op = rng.choice("+-")
    else:
        a = draws.decimal(rng, 1, 1000, rng.choice((1, 2, 3)))
        b = draws.decimal(rng, 1, 1000, rng.choice((0, 1, 2, 3)))
        op = rng.choice("+--")
    if op == "-" and a < b:
        a, b = b, a
    if op == "-" and a == b:
        op = "+"
    answer = a + b if op == "+" else a - b
    places = max(_places(a), _places(b))
    shown = f"{_lined_up(a, places)} {op} {_lined_up(b, places)} = {_lined_up(answer, places)}"
    step = "Line up the decimal points: " + m(shown)
    if difficulty < 3 and rng.random() < 0.4:
        story = rng.choice(_DATA_STORIES).format(name=contexts.name(rng), a=dec(a), b=dec(b))
        if op == "+":
            prompt = story + "What is the total?"
        else:
            prompt = story + "How much more was the first amount than the second?"
    else:
        prompt = ("Add. " if op == "+" else "Subtract. ") + m(f"{dec(a)} {op} {dec(b)}")
    return Draft(prompt, answer, m(dec(answer)), step, (a, b), op)


ADD_DECIMALS = Generator(
    "6.NS.B.3-add",
    "Add and subtract decimals",
    (
        Bounds(1, 20, max_places=1),
        Bounds(1, 100, max_places=2),
        Bounds(0, 1000, max_places=3),
    ),
    _add_decimals,
)


def _multiply_decimals(rng: random.Random, difficulty: int) -> Draft:
    if difficulty == 1:
        a, b = draws.decimal(rng, 1, 20, 1), Decimal(rng.randint(2, 9))
    elif difficulty == 2:
        a, b = draws.decimal(rng, 1, 50, 1), draws.decimal(rng, 0, 9, 1)
    else:
        a, b = draws.decimal(rng, 1, 100, 2), draws.decimal(rng, 0, 20, rng.choice((1, 2)))
    answer = a * b
    places = _places(a) + _places(b)
    whole_a, whole_b = int(a.scaleb(_places(a))), int(b.scaleb(_places(b)))
    as_whole = m(rf"{whole_a} \times {whole_b} = {whole_a * whole_b}")
    step = (
        f"Multiply {as_whole}, then count {places} decimal "
        f"{plural(places, 'place', 'places')}: {m(dec(answer))}"
    )
    if difficulty == 1 and rng.random() < 0.5:
        prompt = (
            f"Each lap of a trail is {dec(a)} km. "
            f"{contexts.name(rng)} bikes {b} laps. How far is that?"
        )
    else:
        prompt = "Multiply. " + m(rf"{dec(a)} \times {dec(b)}")
    return Draft(prompt, answer, m(dec(answer)), step, (a, b), "×")


MULTIPLY_DECIMALS = Generator(
    "6.NS.B.3-mul",
    "Multiply decimals",
    (
        Bounds(1, 20, max_places=1),
        Bounds(Decimal("0.1"), 50, max_places=1),
        Bounds(Decimal("0.01"), 100, max_places=2),
    ),
    _multiply_decimals,
)


def _divide_decimals(rng: random.Random, difficulty: int) -> Draft:
    if difficulty == 1:
        divisor, quotient = Decimal(rng.randint(2, 9)), draws.decimal(rng, 1, 9, 1)
    elif difficulty == 2:
        divisor = draws.decimal(rng, 0, 4, 1)
        quotient = draws.decimal(rng, 2, 40, rng.choice((0, 1)))
    else:
        divisor = draws.decimal(rng, 0, 9, 2)
        quotient = draws.decimal(rng, 1, 99, 1)
    dividend = quotient * divisor
    shift = _places(divisor)
    moved_a, moved_b = dividend.scaleb(shift), divisor.scaleb(shift)
    if shift:
        step = f"Move both decimal points {shift} {plural(shift, 'place', 'places')}: "
        step += m(rf"{dec(moved_a)} \div {dec(moved_b)} = {dec(quotient)}")
    else:
        step = "Divide, and keep the decimal point in place: " + m(
            rf"{dec(dividend)} \div {dec(divisor)} = {dec(quotient)}"
        )
    if difficulty == 1 and rng.random() < 0.5:
        prompt = (
            f"A rope is {dec(dividend)} meters long. {contexts.name(rng)} cuts it into "
            f"{divisor} equal pieces. How long is each piece?"
        )
    else:
        prompt = "Divide. " + m(rf"{dec(dividend)} \div {dec(divisor)}")
    return Draft(prompt, quotient, m(dec(quotient)), step, (dividend, divisor), "÷")


DIVIDE_DECIMALS = Generator(
    "6.NS.B.3-div",
    "Divide decimals",
    (
        Bounds(2, 90, max_places=1),
        Bounds(Decimal("0.1"), 200, max_places=2),
        Bounds(Decimal("0.01"), 1000, max_places=3),
    ),
    _divide_decimals,
)
