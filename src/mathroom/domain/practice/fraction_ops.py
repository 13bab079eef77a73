"""Fractions: equivalent fractions, mixed numbers, the four operations.

``numbers`` per skill: equivalent fractions ``(a, b, given)`` for a/b = ?/given (operation
``numerator``) or a/b = given/? (``denominator``), or ``(a, b)`` to simplify a/b
(``simplify``); mixed/improper ``(value,)``; add, subtract, multiply, divide ``(x, y)``
with operation ``+ - × ÷``. Answers are Fractions in lowest terms.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from mathroom.domain.practice import contexts, draws
from mathroom.domain.practice.notation import frac, m, mixed, plural
from mathroom.domain.practice.problem import Bounds, Draft, Generator


def _raw(numerator: int, denominator: int) -> str:
    """A fraction exactly as written, not reduced."""
    return rf"\frac{{{numerator}}}{{{denominator}}}"


def _improper(value: Fraction) -> str:
    return _raw(value.numerator, value.denominator) if value.denominator > 1 else frac(value)


# 4.NF.A.1 -------------------------------------------------------------------------------


def _equivalent(rng: random.Random, difficulty: int) -> Draft:
    denominators, top = {1: (range(2, 7), 4), 2: (range(3, 13), 8)}.get(
        difficulty, (range(3, 17), 12)
    )
    base = draws.proper(rng, denominators)
    a, b = base.numerator, base.denominator
    k = rng.randint(2, top)
    if difficulty == 3 and rng.random() < 0.5:
        num, den = a * k, b * k
        g = math.gcd(num, den)
        step = m(rf"{_raw(num, den)} = {_raw(num // g, den // g)}") + f" (divide both by {g})"
        prompt = f"Write {m(_raw(num, den))} in simplest form."
        return Draft(prompt, base, m(frac(base)), step, (num, den), "simplify")
    if difficulty == 3:
        # Start from a fraction that isn't in lowest terms, so students simplify first.
        j = rng.choice([n for n in (2, 3) if n != k])
        a, b = a * j, b * j
    if rng.random() < 0.5:
        given, answer, operation = base.denominator * k, base.numerator * k, "numerator"
        blank = rf"{_raw(a, b)} = \frac{{?}}{{{given}}}"
        done = rf"{_raw(a, b)} = {_raw(answer, given)}"
    else:
        given, answer, operation = base.numerator * k, base.denominator * k, "denominator"
        blank = rf"{_raw(a, b)} = \frac{{{given}}}{{?}}"
        done = rf"{_raw(a, b)} = {_raw(given, answer)}"
    prompt = f"Find the missing number. {m(blank)}"
    if (a, b) == (base.numerator, base.denominator):
        step = f"Multiply the top and bottom of {m(frac(base))} by {m(str(k))}: {m(done)}"
    else:
        # The step starts from the fraction on the student's page, not its simplest form.
        simplest = rf"{_raw(a, b)} = {frac(base)}"
        step = (
            f"Simplify first: {m(simplest)} (divide both by {a // base.numerator}). Then "
            f"multiply the top and bottom by {m(str(k))}: {m(done)}"
        )
    return Draft(prompt, answer, m(str(answer)), step, (a, b, given), operation)


EQUIVALENT = Generator(
    "4.NF.A.1",
    "Equivalent fractions",
    (Bounds(1, 24), Bounds(1, 96), Bounds(1, 192)),
    _equivalent,
)

# 4.NF.B.3b ------------------------------------------------------------------------------


def _mixed_improper(rng: random.Random, difficulty: int) -> Draft:
    wholes, denominators = {1: ((1, 4), range(2, 7)), 2: ((1, 9), range(2, 10))}.get(
        difficulty, ((4, 15), range(3, 13))
    )
    value = draws.mixed_number(rng, wholes, denominators)
    whole, part = divmod(value.numerator, value.denominator)
    den = value.denominator
    if rng.random() < 0.5:
        prompt = f"Write {m(mixed(value))} as an improper fraction."
        step = m(rf"{whole} \times {den} + {part} = {value.numerator}")
        step += f", so {m(f'{mixed(value)} = {_improper(value)}')}"
        return Draft(prompt, value, m(_improper(value)), step, (value,), "to_improper")
    prompt = f"Write {m(_improper(value))} as a mixed number."
    step = m(rf"{value.numerator} \div {den} = {whole}") + f" with {part} left over, so "
    step += m(f"{_improper(value)} = {mixed(value)}")
    return Draft(prompt, value, m(mixed(value)), step, (value,), "to_mixed")


MIXED_IMPROPER = Generator(
    "4.NF.B.3b",
    "Mixed numbers and improper fractions",
    (
        Bounds(1, 5, max_denominator=6),
        Bounds(1, 10, max_denominator=9),
        Bounds(4, 16, max_denominator=12),
    ),
    _mixed_improper,
)

# 5.NF.A.1 -------------------------------------------------------------------------------


def _common_step(x: Fraction, y: Fraction, op: str) -> str:
    """``\\frac{1}{4} + \\frac{2}{3} = \\frac{3}{12} + \\frac{8}{12} = \\frac{11}{12}``."""
    lcd = math.lcm(x.denominator, y.denominator)
    nx, ny = x.numerator * lcd // x.denominator, y.numerator * lcd // y.denominator
    total = nx + ny if op == "+" else nx - ny
    answer = Fraction(total, lcd)
    chain = [f"{_raw(nx, lcd)} {op} {_raw(ny, lcd)}", _raw(total, lcd)]
    if mixed(answer) != _raw(total, lcd):
        chain.append(mixed(answer))
    return m(" = ".join(chain))


_FRACTION_STORIES = {
    "+": (
        "{name} uses {x} cup of sugar and {y} cup of flour. How many cups is that in all?",
        "{name} walks {x} mile to the park and {y} mile to the library. How far is that?",
    ),
    "-": (
        "{name} has {x} of a pizza left. {name} eats {y} of a pizza. How much is left?",
        "A water jug is {x} full. {name} pours out {y} of the jug. How full is it now?",
    ),
}


def _unlike(rng: random.Random, difficulty: int) -> Draft:
    while True:
        if difficulty == 1:
            b = rng.choice((2, 3, 4, 5))
            d = b * rng.choice((2, 3)) if b < 5 else 10
            x, y = draws.proper(rng, (b,)), draws.proper(rng, (d,))
        elif difficulty == 2:
            x, y = draws.proper(rng, range(2, 13)), draws.proper(rng, range(2, 13))
        else:
            x, y = draws.proper(rng, range(4, 16)), draws.proper(rng, range(4, 16))
            lcd = math.lcm(x.denominator, y.denominator)
            if lcd == x.denominator * y.denominator:
                continue  # the harder level needs a common denominator smaller than b × d
        if x.denominator == y.denominator:
            continue
        if rng.random() < 0.5:
            x, y = y, x
        op = rng.choice("+-")
        if op == "-" and x < y:
            x, y = y, x
        break
    answer = x + y if op == "+" else x - y
    lcd = math.lcm(x.denominator, y.denominator)
    if lcd <= 12 and answer <= 1 and rng.random() < 0.4:
        story = rng.choice(_FRACTION_STORIES[op])
        prompt = story.format(name=contexts.name(rng), x=m(frac(x)), y=m(frac(y)))
    else:
        verb = "Add" if op == "+" else "Subtract"
        prompt = f"{verb}. Write the answer in simplest form. {m(f'{frac(x)} {op} {frac(y)}')}"
    step = "Use a common denominator: " + _common_step(x, y, op)
    return Draft(prompt, answer, m(mixed(answer)), step, (x, y), op)


UNLIKE = Generator(
    "5.NF.A.1-unlike",
    "Add and subtract unlike fractions",
    (
        Bounds(0, 1, max_denominator=12),
        Bounds(0, 1, max_denominator=12),
        Bounds(0, 1, max_denominator=15),
    ),
    _unlike,
)

_MIXED_STORIES = {
    "+": "{name} bikes {x} miles in the morning and {y} miles after school. How far is that?",
    "-": "A trail is {x} miles long. {name} has hiked {y} miles. How many miles are left?",
}


def _mixed_numbers(rng: random.Random, difficulty: int) -> Draft:
    while True:
        if difficulty == 1:
            den = rng.randint(2, 8)
            x = draws.mixed_number(rng, (1, 5), (den,))
            y = draws.mixed_number(rng, (1, 5), (den,))
        else:
            wholes, dens = ((1, 9), range(2, 11)) if difficulty == 2 else ((2, 12), range(2, 13))
            x, y = draws.mixed_number(rng, wholes, dens), draws.mixed_number(rng, wholes, dens)
            if x.denominator == y.denominator:
                continue
        op = rng.choice("+-")
        if op == "-" and x < y:
            x, y = y, x
        px, py = x - math.floor(x), y - math.floor(y)
        if difficulty == 1 and (px + py >= 1 if op == "+" else px < py):
            continue  # no regrouping at the first level
        if difficulty == 3 and (op == "+" or px >= py or math.floor(x) == math.floor(y)):
            continue  # the harder level always borrows from the whole number
        if op == "+" or x - y >= 1:
            break
    answer = x + y if op == "+" else x - y
    if difficulty < 3 and rng.random() < 0.4:
        story = _MIXED_STORIES[op]
        prompt = story.format(name=contexts.name(rng), x=m(mixed(x)), y=m(mixed(y)))
    else:
        verb = "Add" if op == "+" else "Subtract"
        prompt = f"{verb}. Write the answer as a mixed number. {m(f'{mixed(x)} {op} {mixed(y)}')}"
    step = (
        f"Write them as improper fractions: {m(f'{_improper(x)} {op} {_improper(y)}')}. "
        f"Then {_common_step(x, y, op)}"
    )
    return Draft(prompt, answer, m(mixed(answer)), step, (x, y), op)


MIXED_NUMBERS = Generator(
    "5.NF.A.1-mixed",
    "Add and subtract mixed numbers",
    (
        Bounds(1, 6, max_denominator=8),
        Bounds(1, 10, max_denominator=10),
        Bounds(2, 13, max_denominator=12),
    ),
    _mixed_numbers,
)

# 5.NF.B.4a, 5.NF.B.6, 6.NS.A.1 ----------------------------------------------------------


def _times_step(x: Fraction, y: Fraction) -> str:
    top, bottom = x.numerator * y.numerator, x.denominator * y.denominator
    chain = [rf"{_improper(x)} \times {_improper(y)}", _raw(top, bottom)]
    if bottom == 1:
        chain[-1] = str(top)
    elif mixed(x * y) != _raw(top, bottom):
        chain.append(mixed(x * y))
    return m(" = ".join(chain))


def _multiply(rng: random.Random, difficulty: int) -> Draft:
    x: Fraction
    if difficulty == 1:
        x, y = Fraction(rng.randint(2, 6)), draws.proper(rng, range(2, 7))
    elif difficulty == 2:
        x, y = draws.proper(rng, range(2, 11)), draws.proper(rng, range(2, 11))
    else:
        while True:
            x, y = draws.proper(rng, range(3, 16)), draws.proper(rng, range(3, 16))
            # Only pairs that simplify across (a top shares a factor with the other bottom).
            across = math.gcd(x.numerator, y.denominator), math.gcd(y.numerator, x.denominator)
            if max(across) > 1:
                break
        if rng.random() < 0.3:
            x = Fraction(rng.randint(2, 12))
    if rng.random() < 0.5:
        x, y = y, x
    answer = x * y
    tex = rf"{frac(x)} \times {frac(y)}"
    prompt = f"Multiply. Write the answer in simplest form. {m(tex)}"
    step = "Multiply the tops and the bottoms: " + _times_step(x, y)
    return Draft(prompt, answer, m(mixed(answer)), step, (x, y), "×")


MULTIPLY_FRACTIONS = Generator(
    "5.NF.B.4a",
    "Multiply fractions",
    (
        Bounds(0, 6, max_denominator=6),
        Bounds(0, 1, max_denominator=10),
        Bounds(0, 12, max_denominator=15),
    ),
    _multiply,
)

_RECIPE_STORY = (
    "A recipe uses {x} cups of flour. {name} makes {y} batches. How many cups of flour "
    "does {name} need?"
)


def _multiply_mixed(rng: random.Random, difficulty: int) -> Draft:
    x: Fraction
    if difficulty == 1:
        x = Fraction(rng.randint(2, 5))
        y = draws.mixed_number(rng, (1, 3), (2, 3, 4))
    elif difficulty == 2:
        x = draws.mixed_number(rng, (1, 8), range(2, 9))
        y = draws.proper(rng, range(2, 9))
    else:
        x = draws.mixed_number(rng, (1, 5), range(2, 11))
        y = draws.mixed_number(rng, (1, 5), range(2, 11))
    if rng.random() < 0.5:
        x, y = y, x
    answer = x * y
    if rng.random() < 0.35 and x > 1 and y > 1:
        prompt = _RECIPE_STORY.format(name=contexts.name(rng), x=m(mixed(x)), y=m(mixed(y)))
    else:
        tex = rf"{mixed(x)} \times {mixed(y)}"
        prompt = f"Multiply. Write the answer in simplest form. {m(tex)}"
    step = "Write them as improper fractions, then multiply: " + _times_step(x, y)
    return Draft(prompt, answer, m(mixed(answer)), step, (x, y), "×")


MULTIPLY_MIXED = Generator(
    "5.NF.B.6",
    "Multiply mixed numbers",
    (
        Bounds(1, 5, max_denominator=4),
        Bounds(0, 9, max_denominator=8),
        Bounds(1, 6, max_denominator=10),
    ),
    _multiply_mixed,
)


def _divide(rng: random.Random, difficulty: int) -> Draft:
    x: Fraction
    y: Fraction
    story = ""
    if difficulty == 1:
        if rng.random() < 0.5:
            x, y = draws.proper(rng, range(2, 7)), Fraction(rng.randint(2, 6))
        else:
            x, y = Fraction(rng.randint(1, 6)), Fraction(1, rng.randint(2, 6))
            story = (
                f"{contexts.name(rng)} has {m(str(x))} {plural(x, 'cup', 'cups')} of trail "
                f"mix. Each bag holds {m(frac(y))} cup. How many bags can be filled?"
            )
    elif difficulty == 2:
        x, y = draws.proper(rng, range(2, 11)), draws.proper(rng, range(2, 11))
    else:
        x = draws.mixed_number(rng, (1, 6), range(2, 13))
        y = draws.proper(rng, range(2, 13))
        if rng.random() < 0.5:
            y += rng.randint(1, 3)
    answer = x / y
    flipped = Fraction(y.denominator, y.numerator)
    if story and rng.random() < 0.5:
        prompt = story
    else:
        tex = rf"{mixed(x)} \div {mixed(y)}"
        prompt = f"Divide. Write the answer in simplest form. {m(tex)}"
    step = f"Multiply by the reciprocal of {m(mixed(y))}: " + _times_step(x, flipped)
    return Draft(prompt, answer, m(mixed(answer)), step, (x, y), "÷")


DIVIDE_FRACTIONS = Generator(
    "6.NS.A.1",
    "Divide fractions and mixed numbers",
    (
        Bounds(0, 6, max_denominator=6),
        Bounds(0, 1, max_denominator=10),
        Bounds(0, 10, max_denominator=12),
    ),
    _divide,
)
