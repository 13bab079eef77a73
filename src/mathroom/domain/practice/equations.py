"""Equations and inequalities: one-step and two-step equations, two-step inequalities.

``numbers`` per skill: one-step ``(a, b)`` for x + a = b (operation ``add``), x - a = b
(``sub``), ax = b (``mul``) or x / a = b (``div``); two-step ``(p, q, r)`` for px + q = r
(``linear``), x / p + q = r (``over``) or p(x + q) = r (``grouped``); inequalities the same
with the relation in the operation (``linear <``). The equation itself is the prompt's math.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice import draws
from mathroom.domain.practice.notation import (
    FLIPPED,
    RELATIONS,
    first_term,
    m,
    num,
    same_kind,
    signed_term,
)
from mathroom.domain.practice.problem import Bounds, Draft, Generator, Number

VARIABLES = ("x", "n", "m", "y", "t", "p", "k", "a")

# 6.EE.B.7 -------------------------------------------------------------------------------


def _one_step(rng: random.Random, difficulty: int) -> Draft:
    v = rng.choice(VARIABLES)
    operation = rng.choice(("add", "sub", "mul", "div"))
    a: Number
    x: Number
    if difficulty == 1:
        a, x = rng.randint(2, 10), rng.randint(1, 20)
        if operation == "sub":
            x = rng.randint(a + 1, 30)  # keeps b = x - a above 0
        if operation == "div":
            x = a * rng.randint(1, 10)
    elif difficulty == 2:
        if operation in ("add", "sub"):
            a, x = draws.decimal(rng, 1, 50, rng.choice((1, 2))), draws.decimal(rng, 1, 50, 1)
            if operation == "sub":
                x += a
        else:
            a, x = rng.randint(2, 12), draws.decimal(rng, 1, 25, 1)
            if operation == "div":
                x *= a
    elif operation in ("add", "sub"):
        # Denominators that divide one common denominator, so the sum's stays within 12.
        common = rng.choice((4, 6, 8, 10, 12))
        parts = [d for d in range(2, common + 1) if common % d == 0]
        a, x = draws.proper(rng, parts), draws.mixed_number(rng, (1, 9), parts)
        if operation == "sub":
            x += a
    elif operation == "mul":
        # A fraction times the unknown, with a whole answer: the fraction work is the point.
        a = draws.proper(rng, range(2, 7))
        x = rng.randint(1, 6) * a.denominator
    else:
        a = rng.randint(2, 9)
        x = a * (draws.proper(rng, range(2, 13)) + rng.randint(0, 3))
    fx, fa = Fraction(x), Fraction(a)
    if operation == "add":
        b, tex, undo = (
            same_kind(fx + fa, x, a),
            f"{v} + {num(a)}",
            f"subtract {m(num(a))} from both sides",
        )
    elif operation == "sub":
        b, tex, undo = same_kind(fx - fa, x, a), f"{v} - {num(a)}", f"add {m(num(a))} to both sides"
    elif operation == "mul":
        b, tex = same_kind(fx * fa, x, a), f"{num(a, as_mixed=False)}{v}"
        undo = f"divide both sides by {m(num(a, as_mixed=False))}"
    else:
        b = same_kind(fx / fa, x, a)
        tex = rf"\frac{{{v}}}{{{a}}}"
        undo = f"multiply both sides by {m(str(a))}"
    answer = _tidy(x)
    text = m(f"{v} = {num(answer)}")
    prompt = f"Solve. {m(f'{tex} = {num(b)}')}"
    return Draft(prompt, answer, text, f"To undo it, {undo}: {text}", (a, b), operation)


def _tidy(value: Number) -> Number:
    """Whole fractions as ints, so they print as ``4`` rather than ``\\frac{4}{1}``."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


ONE_STEP = Generator(
    "6.EE.B.7",
    "Solve one-step equations",
    (
        Bounds(1, 200),
        Bounds(Decimal("0.1"), 300, max_places=2),
        Bounds(0, 40, max_denominator=12),
    ),
    _one_step,
)

# 7.EE.B.4a-solve, 7.EE.B.4b -------------------------------------------------------------


def _two_step_parts(
    rng: random.Random, difficulty: int, *, whole_only: bool
) -> tuple[str, int, int, Number]:
    """(form, p, q, x) for the equation or inequality, x the solution (the boundary)."""
    x: Number
    if difficulty == 1:
        return "linear", rng.randint(2, 9), rng.randint(1, 20), rng.randint(1, 10)
    if difficulty == 2:
        form = rng.choice(("linear", "linear", "over"))
        p = draws.sign(rng) * rng.randint(2, 12 if form == "linear" else 6)
        q = draws.nonzero(rng, -20, 20)
        x = draws.nonzero(rng, -10, 10)
        if form == "over":
            x *= abs(p)
        return form, p, q, x
    form = rng.choice(("grouped", "linear"))
    p, q = draws.sign(rng) * rng.randint(2, 9), draws.nonzero(rng, -12, 12)
    x = draws.nonzero(rng, -15, 15)
    if form == "linear" and not whole_only:
        # A fraction answer: r - q isn't a multiple of p.
        x = Fraction(rng.randint(-40, 40), abs(p))
        if x.denominator == 1:
            x += Fraction(1, abs(p))
    return form, p, q, x


def _left(form: str, p: int, q: int, v: str) -> str:
    if form == "linear":
        return f"{first_term(p, v)} {signed_term(q)}"
    if form == "over":
        sign = "-" if p < 0 else ""
        return rf"{sign}\frac{{{v}}}{{{abs(p)}}} {signed_term(q)}"
    return f"{p}({v} {signed_term(q)})"


def _value(form: str, p: int, q: int, x: Number) -> Fraction:
    if form == "linear":
        return p * Fraction(x) + q
    if form == "over":
        return Fraction(x) / p + q
    return p * (Fraction(x) + q)


def _undo(form: str, p: int, q: int, r: Fraction, v: str, relation: str) -> str:
    """The work between the problem and the answer, in words and math."""
    undo_q = f"the {m(signed_term(q))}"
    if form == "grouped":
        # Dividing first keeps the numbers small; a negative divisor flips an inequality.
        turned = FLIPPED[relation] if p < 0 and relation in FLIPPED else relation
        middle = f"{v} {signed_term(q)} {RELATIONS.get(turned, turned)} {num(_tidy(r / p))}"
        return f"Divide both sides by {m(str(p))}: {m(middle)}. Then undo {undo_q}"
    left = first_term(p, v)
    if form == "over":
        left = rf"{'-' if p < 0 else ''}\frac{{{v}}}{{{abs(p)}}}"
    middle = f"{left} {RELATIONS.get(relation, relation)} {num(_tidy(r - q))}"
    then = "multiply both sides by" if form == "over" else "divide both sides by"
    return f"First undo {undo_q}: {m(middle)}. Then {then} {m(str(p))}"


def _two_step(rng: random.Random, difficulty: int) -> Draft:
    v = rng.choice(VARIABLES)
    form, p, q, x = _two_step_parts(rng, difficulty, whole_only=False)
    r = _tidy(_value(form, p, q, x))
    answer = _tidy(Fraction(x))
    text = m(f"{v} = {num(answer, as_mixed=False)}")
    step = f"{_undo(form, p, q, Fraction(r), v, '=')}: {text}"
    prompt = f"Solve. {m(f'{_left(form, p, q, v)} = {num(r)}')}"
    return Draft(prompt, answer, text, step, (p, q, r), form)


TWO_STEP = Generator(
    "7.EE.B.4a-solve",
    "Solve two-step equations",
    (Bounds(1, 110), Bounds(-150, 150), Bounds(-250, 250)),
    _two_step,
)


def _inequality(rng: random.Random, difficulty: int) -> Draft:
    v = rng.choice(VARIABLES)
    form, p, q, x = _two_step_parts(rng, difficulty, whole_only=True)
    relation = rng.choice(("<", ">", "<=", ">="))
    r = _tidy(_value(form, p, q, x))
    flips = p < 0
    solved = FLIPPED[relation] if flips else relation
    bound = _tidy(Fraction(x))
    answer = f"{v} {solved} {num(bound)}"
    text = m(f"{v} {RELATIONS[solved]} {num(bound)}")
    why = " Multiplying or dividing by a negative number flips the sign." if flips else ""
    step = f"{_undo(form, p, q, Fraction(r), v, relation)}: {text}.{why}"
    prompt = f"Solve. {m(f'{_left(form, p, q, v)} {RELATIONS[relation]} {num(r)}')}"
    return Draft(prompt, answer, text, step, (p, q, r), f"{form} {relation}")


INEQUALITY = Generator(
    "7.EE.B.4b",
    "Solve two-step inequalities",
    (Bounds(1, 110), Bounds(-150, 150), Bounds(-250, 250)),
    _inequality,
)
