"""Number sense: comparing decimals, factors, negative numbers in context, multiplying and
dividing signed rationals, and rational-number word problems.

``numbers`` per skill: compare decimals ``(a, b)``, answer ``<``, ``>`` or ``=``; factors
``(n,)`` with operation ``count`` (how many factors) or ``prime`` (answer ``prime`` or
``composite``); negatives in context ``(value,)`` (``write``), ``(start, change)``
(``change``) or ``(low, high)`` (``distance``); multiply and divide ``(a, b)`` with operation
``multiply`` or ``divide``; word problems ``(start, change, times)``, the answer
start + change x times.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice import contexts, draws
from mathroom.domain.practice.notation import RELATIONS, m, num, same_kind, term
from mathroom.domain.practice.problem import Bounds, Draft, Generator, Number

# 5.NBT.A.3 ------------------------------------------------------------------------------


def _compare_decimals(rng: random.Random, difficulty: int) -> Draft:
    places = {1: 1, 2: 2}.get(difficulty, 3)
    a = draws.decimal(rng, 0, 9, rng.randint(1, places))
    way = rng.random()
    if way < 0.15:
        b = Decimal(f"{a}0")  # the same value with a trailing zero
    elif way < 0.6 and difficulty > 1:
        # The longer decimal looks bigger but isn't: 0.5 against 0.45.
        shift = -int(a.as_tuple().exponent)
        b = a - Decimal(1).scaleb(-shift) + rng.randint(1, 9) * Decimal(1).scaleb(-shift - 1)
    else:
        b = draws.decimal(rng, 0, 9, rng.randint(1, places))
    answer = "<" if a < b else ">" if a > b else "="
    shown_a, shown_b = format(a, "f"), format(b, "f")
    prompt = (
        f"Compare {m(shown_a)} and {m(shown_b)}. "
        f"Write {m('<')}, {m('>')}, or {m('=')} between them."
    )
    width = max(len(shown_a.split(".")[1]), len(shown_b.split(".")[1]))
    long_a = format(a.quantize(Decimal(1).scaleb(-width)), "f")
    long_b = format(b.quantize(Decimal(1).scaleb(-width)), "f")
    places_text = f"{width} decimal place{'s' if width > 1 else ''}"
    step = f"Write both with {places_text}: {m(long_a)} and {m(long_b)}. Compare digit by digit"
    return Draft(
        prompt,
        answer,
        m(f"{shown_a} {RELATIONS.get(answer, '=')} {shown_b}"),
        step,
        (a, b),
        "compare",
    )


COMPARE_DECIMALS = Generator(
    "5.NBT.A.3",
    "Read and compare decimals",
    (Bounds(0, 10, max_places=2), Bounds(0, 10, max_places=3), Bounds(0, 10, max_places=4)),
    _compare_decimals,
)

# 4.OA.B.4 -------------------------------------------------------------------------------


def _factor_pairs(n: int) -> list[tuple[int, int]]:
    return [(d, n // d) for d in range(1, n + 1) if n % d == 0 and d * d <= n]


def _factors(rng: random.Random, difficulty: int) -> Draft:
    n = rng.randint(4, {1: 30, 2: 60}.get(difficulty, 100))
    pairs = _factor_pairs(n)
    count = sum(1 if a == b else 2 for a, b in pairs)
    listed = ", ".join(m(rf"{a} \times {b}") for a, b in pairs)
    operation = "count" if difficulty == 1 else rng.choice(("count", "prime"))
    if operation == "count":
        prompt = f"List the factor pairs of {n}. How many factors does {n} have?"
        step = f"The factor pairs are {listed}, so {n} has {count} factors"
        return Draft(prompt, count, m(str(count)), step, (n,), operation)
    answer = "prime" if count == 2 else "composite"
    prompt = f"Is {n} prime or composite?"
    why = "only 1 and itself" if answer == "prime" else f"{count} factors"
    step = f"The factor pairs are {listed}: {why}, so {n} is {answer}"
    return Draft(prompt, answer, answer.capitalize(), step, (n,), operation)


FACTORS = Generator(
    "4.OA.B.4",
    "Factors and multiples",
    (Bounds(4, 30), Bounds(4, 60), Bounds(4, 100)),
    _factors,
)

# 6.NS.C.5 -------------------------------------------------------------------------------

_SIGNED = (
    ("The temperature is {n} degrees below zero.", -1),
    ("The temperature is {n} degrees above zero.", 1),
    ("A diver is {n} feet below sea level.", -1),
    ("A plane flies {n} feet above sea level.", 1),
    ("{name} takes {n} dollars out of the bank.", -1),
    ("{name} puts {n} dollars into the bank.", 1),
    ("The football team loses {n} yards on a play.", -1),
    ("The football team gains {n} yards on a play.", 1),
    ("{name} owes a friend {n} dollars.", -1),
)


def _negatives(rng: random.Random, difficulty: int) -> Draft:
    name = contexts.name(rng)
    if difficulty == 1:
        scene, sign = rng.choice(_SIGNED)
        value = sign * rng.randint(2, 99)
        prompt = f"{scene.format(n=abs(value), name=name)} Write this as an integer."
        way = "below, out, lost or owed" if sign < 0 else "above, in or gained"
        step = f"Amounts {way} are {'negative' if sign < 0 else 'positive'}: {m(str(value))}"
        return Draft(prompt, value, m(str(value)), step, (value,), "write")
    if difficulty == 2:
        town = rng.choice(contexts.TEMPERATURE_TOWNS)
        start, change = -rng.randint(1, 20), rng.choice((-1, 1)) * rng.randint(2, 30)
        way = "rises" if change > 0 else "falls"
        answer = start + change
        prompt = (
            f"At dawn in {town} it is {m(str(start))} degrees. By noon the temperature "
            f"{way} {abs(change)} degrees. What is the temperature at noon?"
        )
        step = m(f"{start} + {term(change)} = {answer}")
        return Draft(prompt, answer, m(str(answer)), step, (start, change), "change")
    low, high = -rng.randint(5, 200), rng.randint(5, 300)
    answer = high - low
    prompt = (
        f"A submarine is at {m(str(low))} feet. A helicopter above it is at {m(str(high))} "
        "feet. How many feet apart are they?"
    )
    step = f"The distance is the difference: {m(f'{high} - ({low}) = {answer}')}"
    return Draft(prompt, answer, m(str(answer)), step, (low, high), "distance")


NEGATIVES = Generator(
    "6.NS.C.5",
    "Negative numbers in real life",
    (Bounds(-99, 99), Bounds(-30, 30), Bounds(-200, 300)),
    _negatives,
)

# 7.NS.A.2c ------------------------------------------------------------------------------


def _signed_fraction(rng: random.Random, difficulty: int) -> Number:
    if difficulty == 3:
        if rng.random() < 0.5:
            return draws.sign(rng) * draws.decimal(rng, 0, 9, 1)
        return draws.sign(rng) * draws.mixed_number(rng, (1, 3), (2, 3, 4, 5))
    return draws.sign(rng) * draws.proper(rng, (2, 3, 4, 5, 6, 8, 9, 10, 12))


def _rational_product(rng: random.Random, difficulty: int) -> Draft:
    operation = "multiply" if difficulty == 1 else rng.choice(("multiply", "divide"))
    while True:
        a, b = _signed_fraction(rng, difficulty), _signed_fraction(rng, difficulty)
        if a != 0 and b != 0 and isinstance(a, Decimal) == isinstance(b, Decimal):
            break
    fa, fb = Fraction(a), Fraction(b)
    value = fa * fb if operation == "multiply" else fa / fb
    if isinstance(a, Decimal) and operation == "divide" and (value * 100).denominator != 1:
        operation = "multiply"  # a decimal quotient that doesn't end isn't asked
        value = fa * fb
    answer = same_kind(value, a, b)
    sign = r"\times" if operation == "multiply" else r"\div"
    tex = f"{num(a)} {sign} {term(b)}"
    signs = "the same, so the answer is positive" if value > 0 else "different, so it is negative"
    how = ""
    if operation == "divide" and not isinstance(a, Decimal):
        how = m(rf"{num(a)} \times {term(1 / fb)}") + " (multiply by the reciprocal), "
    step = f"The signs are {signs}. {how}" + m(f"{tex} = {num(answer)}")
    simplest = " Write the answer in simplest form." if isinstance(answer, Fraction) else ""
    verb = "Multiply" if operation == "multiply" else "Divide"
    return Draft(f"{verb}.{simplest} {m(tex)}", answer, m(num(answer)), step, (a, b), operation)


RATIONAL_PRODUCT = Generator(
    "7.NS.A.2c",
    "Multiply and divide rational numbers",
    (
        Bounds(-1, 1, max_denominator=12),
        Bounds(-1, 1, max_denominator=12),
        Bounds(-10, 10, max_denominator=5, max_places=1),
    ),
    _rational_product,
)

# 7.NS.A.3 -------------------------------------------------------------------------------


def _rational_story(rng: random.Random, difficulty: int) -> Draft:
    times = rng.randint(2, 6)
    start: Decimal
    change: Decimal
    if difficulty == 1:
        start, change = Decimal(rng.randint(-10, 10)), Decimal(-rng.randint(2, 9))
    elif difficulty == 2:
        start, change = draws.decimal(rng, -10, 10, 1), -draws.decimal(rng, 1, 5, 1)
    else:
        start = draws.sign(rng) * draws.decimal(rng, 1, 40, 2)
        change = draws.sign(rng) * draws.decimal(rng, 1, 9, 2)
    answer = start + change * times
    if difficulty < 3:
        town = rng.choice(contexts.TEMPERATURE_TOWNS)
        prompt = (
            f"In {town} it is {m(num(start))} degrees. The temperature drops "
            f"{num(abs(change))} degrees each hour for {times} hours. What is the "
            "temperature then?"
        )
        text = m(num(answer))
    else:
        name = contexts.name(rng)
        way = "goes up" if change > 0 else "goes down"
        prompt = (
            f"{name}'s account balance is {m(num(start))} dollars. It {way} "
            f"{num(abs(change))} dollars each day for {times} days. What is the balance then, "
            "in dollars?"
        )
        text = m(num(answer))
    product = change * times
    step = (
        m(rf"{term(change)} \times {times} = {num(product)}")
        + ", then "
        + m(f"{num(start)} + {term(product)} = {num(answer)}")
    )
    return Draft(prompt, answer, text, step, (start, change, times), "repeat")


RATIONAL_STORY = Generator(
    "7.NS.A.3",
    "Rational number word problems",
    (Bounds(-10, 10), Bounds(-10, 10, max_places=1), Bounds(-40, 40, max_places=2)),
    _rational_story,
)
