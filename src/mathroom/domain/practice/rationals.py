"""Rational numbers: absolute value, comparing, adding and subtracting, fractions as decimals.

``numbers`` per skill: absolute value ``(a,)`` (operation ``abs``) or ``(a, b)``
(``abs_sum`` |a| + |b|, ``abs_diff`` |a| - |b|, ``abs_of_diff`` |a - b|); compare ``(a, b)``
with the answer ``<``, ``>`` or ``=`` for "a ? b"; add/subtract ``(a, b)`` with operation
``+`` or ``-``; fraction to decimal ``(value,)``.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice import contexts, draws
from mathroom.domain.practice.notation import (
    RELATIONS,
    dec,
    exact,
    frac,
    m,
    mixed,
    num,
    same_kind,
    term,
)
from mathroom.domain.practice.problem import Bounds, Draft, Generator, Number

# 6.NS.C.7c ------------------------------------------------------------------------------


def _absolute_value(rng: random.Random, difficulty: int) -> Draft:
    if difficulty == 1:
        a = draws.nonzero(rng, -20, 20)
        answer: Number = abs(a)
        how = f"{m(str(a))} is {answer} units from 0"
        tex = f"|{a}|"
        if a < 0 and rng.random() < 0.5:
            town = rng.choice(contexts.TEMPERATURE_TOWNS)
            prompt = (
                f"At 6 a.m. it was {m(str(a))} degrees in {town}. How many degrees is that from 0?"
            )
        else:
            prompt = f"Find the value. {m(tex)}"
        return Draft(
            prompt, answer, m(str(answer)), f"{how}, so {m(f'{tex} = {answer}')}", (a,), "abs"
        )
    return _absolute_pair(rng, difficulty)


def _absolute_pair(rng: random.Random, difficulty: int) -> Draft:
    a: Number
    b: Number
    if difficulty == 2:
        a, b = draws.nonzero(rng, -50, 50), draws.nonzero(rng, -50, 50)
        operation = rng.choice(("abs_sum", "abs_diff", "abs_of_diff"))
    else:
        a, b = draws.decimal(rng, -100, 100, 1), draws.decimal(rng, -100, 100, 1)
        operation = rng.choice(("abs", "abs_of_diff"))
    if operation == "abs":
        size = same_kind(abs(Fraction(a)), a)
        tex, middle = f"|{num(a)}|", num(size)
        prompt = f"Find the value. {m(tex)}"
        return Draft(prompt, size, m(middle), m(f"{tex} = {middle}"), (a,), operation)
    story = operation == "abs_of_diff" and difficulty == 3 and rng.random() < 0.5
    if story and a < b:
        a, b = b, a  # the high minus the low
    fa, fb = Fraction(a), Fraction(b)
    size_a, size_b = num(same_kind(abs(fa), a)), num(same_kind(abs(fb), b))
    if operation == "abs_sum":
        answer = same_kind(abs(fa) + abs(fb), a, b)
        tex, middle = f"|{num(a)}| + |{num(b)}|", f"{size_a} + {size_b}"
    elif operation == "abs_diff":
        answer = same_kind(abs(fa) - abs(fb), a, b)
        tex, middle = f"|{num(a)}| - |{num(b)}|", f"{size_a} - {size_b}"
    else:
        answer = same_kind(abs(fa - fb), a, b)
        tex, middle = f"|{num(a)} - {term(b)}|", f"|{num(same_kind(fa - fb, a, b))}|"
    if story:
        prompt = (
            f"One winter day the low was {m(num(b))} degrees. The high was {m(num(a))} "
            "degrees. How many degrees apart are they?"
        )
    else:
        prompt = f"Find the value. {m(tex)}"
    step = m(f"{tex} = {middle} = {num(answer)}")
    return Draft(prompt, answer, m(num(answer)), step, (a, b), operation)


ABSOLUTE_VALUE = Generator(
    "6.NS.C.7c",
    "Absolute value",
    (Bounds(-20, 20), Bounds(-50, 50), Bounds(-100, 100, max_places=1)),
    _absolute_value,
)

# 6.NS.C.7a ------------------------------------------------------------------------------

_TERMINATING = (2, 4, 5, 8, 10)


def _compare(rng: random.Random, difficulty: int) -> Draft:
    a: Number
    b: Number
    if difficulty == 1:
        while True:
            a, b = rng.randint(-10, 10), rng.randint(-10, 10)
            if a != b and min(a, b) < 0:
                break
    elif difficulty == 2:
        a = draws.decimal(rng, -10, 10, 1)
        # Often the same whole-number part, which is where students slip.
        b = a + rng.choice((-1, 1)) * Decimal(rng.randint(1, 9)).scaleb(-2)
        if rng.random() < 0.4:
            b = draws.decimal(rng, -10, 10, rng.choice((1, 2)))
        if b == a:
            b = -a
    else:
        fraction = draws.proper(rng, (*_TERMINATING, 3, 6, 9)) + rng.randint(0, 4)
        if rng.random() < 0.7:
            fraction = -fraction
        exact = fraction.numerator / Decimal(fraction.denominator)
        if fraction.denominator in _TERMINATING and rng.random() < 0.3:
            decimal = exact
        else:
            offset = rng.choice((-1, 1)) * Decimal(rng.randint(1, 9)).scaleb(-2)
            decimal = (exact + offset).quantize(Decimal("0.01"))
        a, b = (fraction, decimal) if rng.random() < 0.5 else (decimal, fraction)
    answer = "<" if a < b else ">" if a > b else "="
    relation = RELATIONS.get(answer, "=")
    shown_a, shown_b = num(a, as_mixed=True), num(b, as_mixed=True)
    prompt = (
        f"Compare {m(shown_a)} and {m(shown_b)}. "
        f"Write {m('<')}, {m('>')}, or {m('=')} between them."
    )
    if answer == "=":
        step = "They are the same point on the number line."
    else:
        right = shown_a if a > b else shown_b
        step = f"On a number line, {m(right)} is farther to the right, so it is greater."
    return Draft(prompt, answer, m(f"{shown_a} {relation} {shown_b}"), step, (a, b), "compare")


COMPARE = Generator(
    "6.NS.C.7a",
    "Compare rational numbers",
    (
        Bounds(-10, 10),
        Bounds(-11, 11, max_places=2),
        Bounds(-6, 6, max_denominator=10, max_places=3),
    ),
    _compare,
)

# 7.NS.A.1-rat --------------------------------------------------------------------------


def _add_rationals(rng: random.Random, difficulty: int) -> Draft:
    a: Number
    b: Number
    while True:
        if difficulty == 1:
            a, b = draws.decimal(rng, -10, 10, 1), draws.decimal(rng, -10, 10, 1)
        elif difficulty == 2:
            a = draws.sign(rng) * draws.proper(rng, range(2, 9))
            b = draws.sign(rng) * draws.proper(rng, range(2, 9))
        else:
            a = draws.sign(rng) * draws.mixed_number(rng, (1, 5), range(2, 13))
            b = draws.sign(rng) * draws.mixed_number(rng, (1, 5), range(2, 13))
        if min(a, b) < 0 and a != b:
            break
    op = rng.choice("+-")
    total = Fraction(a) + Fraction(b) if op == "+" else Fraction(a) - Fraction(b)
    # Decimals in, a decimal out; fractions in, a fraction out.
    answer: Number = Decimal(exact(total)) if isinstance(a, Decimal) else total
    tex = f"{num(a)} {op} {term(b)}"
    if op == "-":
        opposite = -b
        step = f"Add the opposite: {m(f'{tex} = {num(a)} + {term(opposite)} = {num(answer)}')}"
    elif isinstance(a, Fraction) and isinstance(b, Fraction):
        lcd = math.lcm(a.denominator, b.denominator)
        over = [_raw(v.numerator * lcd // v.denominator, lcd) for v in (a, b)]
        if b < 0:
            over[1] = f"({over[1]})"
        step = f"Use a common denominator: {m(f'{over[0]} + {over[1]} = {mixed(total)}')}"
    else:
        step = m(f"{tex} = {num(answer)}")
    if difficulty == 1 and op == "+" and rng.random() < 0.4:
        prompt = (
            f"The water level in a pond changed by {m(num(a))} cm in May and by "
            f"{m(num(b))} cm in June. What was the total change?"
        )
    else:
        verb = "Add" if op == "+" else "Subtract"
        how = " Write the answer in simplest form." if isinstance(answer, Fraction) else ""
        prompt = f"{verb}.{how} {m(tex)}"
    return Draft(prompt, answer, m(num(answer)), step, (a, b), op)


ADD_RATIONALS = Generator(
    "7.NS.A.1-rat",
    "Add and subtract rational numbers",
    (
        Bounds(-10, 10, max_places=1),
        Bounds(-1, 1, max_denominator=8),
        Bounds(-6, 6, max_denominator=12),
    ),
    _add_rationals,
)

# 7.NS.A.2d ------------------------------------------------------------------------------


def _as_decimal(value: Fraction) -> Decimal:
    return Decimal(exact(value))


def _to_decimal(rng: random.Random, difficulty: int) -> Draft:
    if difficulty == 1:
        value = draws.proper(rng, (2, 4, 5, 10, 20, 25))
    elif difficulty == 2:
        value = draws.proper(rng, (8, 16, 20, 25, 40, 50)) + rng.choice((0, 0, 1, 2))
    else:
        value = draws.proper(rng, (8, 16, 32, 40, 80, 125)) + rng.randint(0, 9)
        if rng.random() < 0.5:
            value = -value
    answer = _as_decimal(value)
    part = abs(value) - int(abs(value))
    places = max(1, -int(_as_decimal(part).as_tuple().exponent))
    scale = 10**places // part.denominator
    power = _raw(part.numerator * scale, 10**places)
    chain = [frac(part), power, dec(_as_decimal(part))]
    if scale == 1:
        chain.pop(1)  # already over a power of 10
    step = f"Make the bottom a power of 10: {m(' = '.join(chain))}"
    if abs(value) > 1:
        step += f", so {m(f'{mixed(value)} = {dec(answer)}')}"
    prompt = f"Write {m(mixed(value))} as a decimal."
    return Draft(prompt, answer, m(dec(answer)), step, (value,), "to_decimal")


def _raw(numerator: int, denominator: int) -> str:
    """A fraction exactly as written, not reduced; the sign goes in front."""
    sign = "-" if numerator < 0 else ""
    return rf"{sign}\frac{{{abs(numerator)}}}{{{denominator}}}"


TO_DECIMAL = Generator(
    "7.NS.A.2d",
    "Convert fractions to decimals",
    (
        Bounds(0, 1, max_denominator=25),
        Bounds(0, 3, max_denominator=50),
        Bounds(-10, 10, max_denominator=125),
    ),
    _to_decimal,
)
