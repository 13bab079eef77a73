"""Expressions: combine like terms, the distributive property, and evaluating.

``numbers`` per skill: combine ``(a, b, c, d)`` for ax + b + cx + d (operation ``combine``)
or a(x + b) + cx + d (``distribute``); expand ``(a, b, c)`` for a(bx + c); evaluate: the
variables' values in alphabetical order, with the expression itself as ``operation``.
Expression answers are strings such as ``6x + 15``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from mathroom.domain.practice import contexts, draws
from mathroom.domain.practice.notation import first_term, frac, linear, m, signed_term, term
from mathroom.domain.practice.problem import Bounds, Draft, Generator

VARIABLES = ("x", "n", "m", "y", "t", "p", "k")

# 7.EE.A.1-simp --------------------------------------------------------------------------


def _sum(terms: list[tuple[int, str]]) -> str:
    first, *rest = terms
    return " ".join([first_term(*first)] + [signed_term(c, v) for c, v in rest])


def _combine(rng: random.Random, difficulty: int) -> Draft:
    v = rng.choice(VARIABLES)
    while True:
        if difficulty == 1:
            a, b, c, d = (rng.randint(1, 9) for _ in range(4))
        elif difficulty == 2:
            a, b, c, d = (draws.nonzero(rng, -12, 12) for _ in range(4))
        else:
            a, b = draws.sign(rng) * rng.randint(2, 9), draws.nonzero(rng, -9, 9)
            c, d = draws.nonzero(rng, -12, 12), draws.nonzero(rng, -15, 15)
        if a + c != 0:
            break
    if difficulty < 3:
        terms = [(a, v), (b, ""), (c, v), (d, "")]
        if difficulty == 2:
            rng.shuffle(terms)
        tex = _sum(terms)
        answer = linear(a + c, b + d, v)
        grouped = f"({_sum([(a, v), (c, v)])}) + ({_sum([(b, ''), (d, '')])})"
        step = f"Group like terms: {m(f'{grouped} = {answer}')}"
        return Draft(f"Simplify. {m(tex)}", answer, m(answer), step, (a, b, c, d), "combine")
    tex = f"{first_term(a)}({v} {signed_term(b)}) {signed_term(c, v)} {signed_term(d)}"
    spread = _sum([(a, v), (a * b, ""), (c, v), (d, "")])
    answer = linear(a + c, a * b + d, v)
    step = f"Distribute first: {m(spread)}. Then combine like terms: {m(answer)}"
    return Draft(f"Simplify. {m(tex)}", answer, m(answer), step, (a, b, c, d), "distribute")


COMBINE = Generator(
    "7.EE.A.1-simp",
    "Simplify linear expressions",
    (Bounds(1, 9), Bounds(-12, 12), Bounds(-15, 15)),
    _combine,
)

# 7.EE.A.1-expand ------------------------------------------------------------------------


def _factor_tex(a: Fraction | int) -> str:
    if a == 1:
        return ""
    if a == -1:
        return "-"
    return frac(a)


def _expand(rng: random.Random, difficulty: int) -> Draft:
    v = rng.choice(VARIABLES)
    a: Fraction | int
    if difficulty == 1:
        a, b, c = rng.randint(2, 9), 1, rng.randint(1, 9)
    elif difficulty == 2:
        a, b, c = draws.sign(rng) * rng.randint(2, 9), rng.randint(1, 6), draws.nonzero(rng, -9, 9)
    else:
        q = rng.choice((1, 2, 3, 4))
        # With no fraction to hand, the harder level distributes a bare minus sign.
        a = draws.sign(rng) * draws.proper(rng, (q,)) if q > 1 else -1
        b, c = q * rng.randint(1, 4), draws.sign(rng) * q * rng.randint(1, 8)
    tex = f"{_factor_tex(a)}({first_term(b, v)} {signed_term(c)})"
    answer = linear(a * b, a * c, v)
    factor = term(a, as_mixed=False)
    products = rf"{factor} \cdot {first_term(b, v)} + {factor} \cdot {term(c)}"
    step = f"Multiply each term inside by {m(frac(a))}: {m(f'{products} = {answer}')}"
    return Draft(f"Expand. {m(tex)}", answer, m(answer), step, (a, b, c), "expand")


EXPAND = Generator(
    "7.EE.A.1-expand",
    "Expand expressions",
    (Bounds(1, 9), Bounds(-9, 9), Bounds(-32, 32, max_denominator=4)),
    _expand,
)

# 6.EE.A.2c ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Form:
    """An expression with ``{a}``, ``{b}`` for coefficients and ``{v}``, ``{w}`` for
    variables; ``value`` computes it from (a, b, v, w), or None when the values don't fit."""

    tex: str
    value: Callable[[int, int, int, int], Fraction | None]


def _whole_div(top: int, bottom: int) -> Fraction | None:
    return Fraction(top, bottom) if bottom and top % bottom == 0 else None


_FORMS = {
    1: (
        _Form("{a}{v} + {b}", lambda a, b, v, w: Fraction(a * v + b)),
        _Form("{a}{v} - {b}", lambda a, b, v, w: Fraction(a * v - b) if a * v >= b else None),
        _Form("{a}({v} + {b})", lambda a, b, v, w: Fraction(a * (v + b))),
    ),
    2: (
        _Form("{a}{v}^{{2}} + {b}", lambda a, b, v, w: Fraction(a * v * v + b)),
        _Form("{a}({v} - {b})", lambda a, b, v, w: Fraction(a * (v - b)) if v > b else None),
        _Form(r"\frac{{{v}}}{{{a}}} + {b}", lambda a, b, v, w: _plus(_whole_div(v, a), b)),
        _Form("{a}{v} + {b}{w}", lambda a, b, v, w: Fraction(a * v + b * w)),
    ),
    3: (
        _Form("{v}^{{2}} - {a}{v} + {b}", lambda a, b, v, w: Fraction(v * v - a * v + b)),
        _Form("{a}({v} - {w})^{{2}}", lambda a, b, v, w: Fraction(a * (v - w) ** 2)),
        _Form("-{a}{v} + {b}{w}", lambda a, b, v, w: Fraction(-a * v + b * w)),
        _Form(r"\frac{{{v} + {w}}}{{{a}}}", lambda a, b, v, w: _whole_div(v + w, a)),
    ),
}
_PAIRS = (("x", "y"), ("a", "b"), ("m", "n"), ("p", "q"), ("s", "t"))
"""Variable names, one pair per problem, each in alphabetical order."""


def _plus(value: Fraction | None, b: int) -> Fraction | None:
    return None if value is None else value + b


def _evaluate(rng: random.Random, difficulty: int) -> Draft:
    form = rng.choice(_FORMS[difficulty])
    v_name, w_name = rng.choice(_PAIRS)
    low, high = {1: (1, 10), 2: (1, 12)}.get(difficulty, (-10, 10))
    while True:
        a, b = rng.randint(2, 9), rng.randint(2, 12)
        v, w = draws.nonzero(rng, low, high), draws.nonzero(rng, low, high)
        value = form.value(a, b, v, w)
        if value is not None and value.denominator == 1:
            break
    uses_w = "{w}" in form.tex
    tex = form.tex.format(a=a, b=b, v=v_name, w=w_name)
    put_in = form.tex.format(a=a, b=b, v=f"({v})", w=f"({w})")
    given = f"{m(f'{v_name} = {v}')}" + (f" and {m(f'{w_name} = {w}')}" if uses_w else "")
    if difficulty == 1 and form is _FORMS[1][0] and rng.random() < 0.4:
        prompt = (
            f"{contexts.name(rng)} goes to the school fair. Tickets cost {a} dollars each, "
            f"plus a {b}-dollar parking fee. "
            f"The total cost is {m(tex)} dollars for {m(v_name)} tickets. Find the cost when "
            f"{given}."
        )
    else:
        prompt = f"Evaluate {m(tex)} when {given}."
    answer = value.numerator
    step = f"Put in the {'values' if uses_w else 'value'}: {m(f'{put_in} = {answer}')}"
    numbers = (v, w) if uses_w else (v,)  # each pair of names is in alphabetical order
    return Draft(prompt, answer, m(str(answer)), step, numbers, tex)


EVALUATE = Generator(
    "6.EE.A.2c",
    "Evaluate expressions",
    (Bounds(1, 10), Bounds(1, 12), Bounds(-10, 10)),
    _evaluate,
)
