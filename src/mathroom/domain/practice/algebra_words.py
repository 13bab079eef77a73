"""Algebra from words: writing expressions and inequalities, equivalent expressions with whole
numbers, factoring, rewriting a percent change as one term, multistep money problems, and
two-step equation word problems.

``numbers`` per skill: write expressions: the numbers in the phrase, with the phrase's
pattern as ``operation`` (see ``_PHRASES``); equivalent ``(a, b, c)`` for a(x + b) + cx
(``distribute``, c = 0 when there is no cx) or ``(a, b, c, d)`` for ax + b + cx + d
(``combine``); factor ``(a, b)`` for ax + b; rewrite ``(percent,)`` with operation
``increase`` or ``decrease``; multistep ``(wage, percent, hours)``; word problems
``(p, q, r)`` for px + q = r (``px+q``) or p(x + q) = r (``p(x+q)``); inequalities
``(bound,)`` with the relation as ``operation``. Expression answers are strings.
"""

from __future__ import annotations

import math
import random
from decimal import ROUND_HALF_UP, Decimal

from mathroom.domain.practice import contexts
from mathroom.domain.practice.expressions import VARIABLES
from mathroom.domain.practice.notation import (
    CENT,
    RELATIONS,
    dec,
    first_term,
    linear,
    m,
    money,
    num,
    signed_term,
)
from mathroom.domain.practice.problem import Bounds, Draft, Generator

# 6.EE.A.2a ------------------------------------------------------------------------------

_PHRASES = {
    # pattern: (words, expression); {a} and {b} are numbers, {v} the variable.
    "plus": ("{a} more than {v}", "{v} + {a}"),
    "minus": ("{a} less than {v}", "{v} - {a}"),
    "from": ("{v} subtracted from {a}", "{a} - {v}"),
    "times": ("the product of {a} and {v}", "{a}{v}"),
    "over": ("{v} divided by {a}", r"{v} \div {a}"),
    "times_plus": ("{a} times {v}, increased by {b}", "{a}{v} + {b}"),
    "times_minus": ("{b} less than {a} times {v}", "{a}{v} - {b}"),
    "sum_times": ("{a} times the sum of {v} and {b}", "{a}({v} + {b})"),
    "diff_times": ("{a} times the difference of {v} and {b}", "{a}({v} - {b})"),
}
_LEVELS = {
    1: ("plus", "minus", "times", "over"),
    2: ("from", "times_plus", "times_minus", "minus", "over"),
    3: ("sum_times", "diff_times", "times_minus", "from"),
}


def _write_expression(rng: random.Random, difficulty: int) -> Draft:
    v = rng.choice(VARIABLES)
    pattern = rng.choice(_LEVELS[difficulty])
    a, b = rng.randint(2, 9 * difficulty + 3), rng.randint(1, 20)
    words, expression = _PHRASES[pattern]
    text = words.format(a=a, b=b, v=m(v))
    answer = expression.format(a=a, b=b, v=v)
    prompt = f"Write an expression for {text}."
    step = f"Put the words in order as math: {m(answer)}"
    numbers = (a, b) if "{b}" in words else (a,)
    return Draft(prompt, answer, m(answer), step, numbers, pattern)


WRITE_EXPRESSION = Generator(
    "6.EE.A.2a",
    "Write expressions with variables",
    (Bounds(2, 12), Bounds(1, 21), Bounds(1, 30)),
    _write_expression,
)

# 6.EE.A.3 -------------------------------------------------------------------------------


def _equivalent(rng: random.Random, difficulty: int) -> Draft:
    v = rng.choice(VARIABLES)
    if difficulty == 2:
        a, b, c, d = (rng.randint(1, 12) for _ in range(4))
        tex = f"{first_term(a, v)} + {b} + {first_term(c, v)} + {d}"
        answer = linear(a + c, b + d, v)
        both = f"{first_term(a, v)} + {first_term(c, v)}"
        step = f"Combine like terms: {m(both)} and {m(f'{b} + {d}')}, so {m(answer)}"
        return Draft(
            f"Write an equivalent expression with fewer terms. {m(tex)}",
            answer,
            m(answer),
            step,
            (a, b, c, d),
            "combine",
        )
    a, b = rng.randint(2, 9), rng.randint(1, 12)
    c = rng.randint(1, 9) if difficulty == 3 else 0
    tex = f"{a}({v} + {b})" + (f" + {first_term(c, v)}" if c else "")
    answer = linear(a + c, a * b, v)
    spread = f"{a}{v} + {a * b}"
    step = f"Distribute: {m(f'{tex} = {spread}' if not c else f'{spread} + {first_term(c, v)}')}"
    if c:
        step += f". Combine like terms: {m(answer)}"
    prompt = f"Use the distributive property to write an equivalent expression. {m(tex)}"
    return Draft(prompt, answer, m(answer), step, (a, b, c) if c else (a, b), "distribute")


EQUIVALENT = Generator(
    "6.EE.A.3",
    "Write equivalent expressions",
    (Bounds(1, 12), Bounds(1, 12), Bounds(1, 12)),
    _equivalent,
)

# 7.EE.A.1-factor ------------------------------------------------------------------------


def _factor(rng: random.Random, difficulty: int) -> Draft:
    v = rng.choice(VARIABLES)
    while True:
        g = rng.randint(2, {1: 5, 2: 9}.get(difficulty, 12))
        p = rng.randint(1, 9) if difficulty < 3 else rng.randint(-9, 9)
        q = rng.randint(1, 9) if difficulty == 1 else rng.randint(-9, 9)
        if p and q and math.gcd(p, q) == 1 and (p > 0 or q > 0 or difficulty == 3):
            break
    if p < 0 and q < 0:
        p, q = -p, -q  # take out the negative too: -6x - 9 = -3(2x + 3)
        g = -g
    a, b = g * p, g * q
    tex = f"{first_term(a, v)} {signed_term(b)}"
    answer = f"{first_term(g)}({linear(p, q, v)})"
    step = (
        f"The greatest common factor of {m(str(abs(a)))} and {m(str(abs(b)))} is "
        f"{m(str(abs(g)))}. Take it out: {m(answer)}"
    )
    prompt = f"Factor out the greatest common factor. {m(tex)}"
    if g < 0:
        prompt = f"Factor out the greatest common factor and the negative sign. {m(tex)}"
    return Draft(prompt, answer, m(answer), step, (a, b), "factor")


FACTOR = Generator(
    "7.EE.A.1-factor",
    "Factor linear expressions",
    (Bounds(2, 45), Bounds(-81, 81), Bounds(-108, 108)),
    _factor,
)

# 7.EE.A.2 -------------------------------------------------------------------------------


def _rewrite(rng: random.Random, difficulty: int) -> Draft:
    v = rng.choice(("p", "c", "a", "t"))
    percent = {
        1: rng.choice((5, 10, 15, 20, 25, 30, 40, 50, 75)),
        2: rng.randint(1, 60),
    }.get(difficulty, rng.choice((Decimal("2.5"), Decimal("7.5"), Decimal("12.5"), 15, 35)))
    operation = "increase" if difficulty == 1 else rng.choice(("increase", "decrease"))
    share = Decimal(percent) / 100
    factor = 1 + share if operation == "increase" else 1 - share
    sign = "+" if operation == "increase" else "-"
    tex = f"{v} {sign} {dec(share)}{v}"
    answer = f"{dec(factor)}{v}"
    if difficulty == 1:
        prompt = f"Write {m(tex)} as one term."
    else:
        item = rng.choice(contexts.SHOP_ITEMS)
        change = "goes up" if operation == "increase" else "goes down"
        prompt = (
            f"A {item} costs {m(v)} dollars. The price {change} by {num(percent)}%. "
            "Write the new price as one term."
        )
    step = (
        f"The new price is {m(tex)}. Since {m(v)} is {m(f'1{v}')}, that is "
        f"{m(f'1 {sign} {dec(share)} = {dec(factor)}')} times {m(v)}: {m(answer)}"
    )
    return Draft(prompt, answer, m(answer), step, (percent,), operation)


REWRITE = Generator(
    "7.EE.A.2",
    "Rewrite expressions in new forms",
    (Bounds(5, 75), Bounds(1, 60), Bounds(Decimal("2.5"), 35, max_places=1)),
    _rewrite,
)

# 7.EE.B.3 -------------------------------------------------------------------------------


def _multistep(rng: random.Random, difficulty: int) -> Draft:
    name = contexts.name(rng)
    wage = (
        Decimal(rng.randint(10, 20)) if difficulty == 1 else Decimal(rng.randint(1000, 2500)) / 100
    )
    percent = rng.choice({1: (10, 20, 50), 2: (5, 10, 20, 25)}.get(difficulty, (3, 4, 6, 8, 12)))
    hours = rng.randint(4, 40)
    new_wage = wage * (1 + Decimal(percent) / 100)
    total = new_wage * hours
    rounded = total.quantize(CENT, rounding=ROUND_HALF_UP)
    near = " Round to the nearest cent." if rounded != total else ""
    prompt = (
        f"{name} earns {money(wage)} an hour. Then {name} gets a raise of {percent}%. "
        f"How much does {name} earn for {hours} hours at the new pay?{near}"
    )
    estimate = round(wage * (1 + Decimal(percent) / 100)) * hours
    raised = rf"{dec(wage)} \times {dec(1 + Decimal(percent) / 100)} = {dec(new_wage)}"
    step = (
        f"New pay per hour: {m(raised)}. For {hours} hours: "
        + m(rf"{dec(new_wage)} \times {hours} = {dec(total)}")
        + f". Check: about {money(Decimal(estimate))}"
    )
    return Draft(prompt, rounded, money(rounded), step, (wage, percent, hours), "raise")


MULTISTEP = Generator(
    "7.EE.B.3",
    "Multistep problems with estimates",
    (Bounds(4, 50), Bounds(4, 40, max_places=2), Bounds(3, 40, max_places=2)),
    _multistep,
)

# 7.EE.B.4a-word -------------------------------------------------------------------------


def _equation_story(rng: random.Random, difficulty: int) -> Draft:
    name = contexts.name(rng)
    if difficulty < 3:
        p = rng.randint(2, 9)
        x = rng.randint(2, 15) if difficulty == 1 else rng.randint(2, 40)
        q = rng.randint(1, 30)
        r = p * x + q
        prompt = (
            f"{name} buys {p} tickets and pays a {money(Decimal(q))} fee. The total is "
            f"{money(Decimal(r))}. What does one ticket cost?"
        )
        equation = f"{p}x + {q} = {r}"
        step = (
            f"Write {m(equation)}. Subtract {q}: {m(f'{p}x = {r - q}')}. Divide by {p}: "
            f"{m(f'x = {x}')}"
        )
        return Draft(prompt, Decimal(x), money(Decimal(x)), step, (p, q, r), "px+q")
    p, x, q = rng.randint(2, 8), rng.randint(2, 20), rng.randint(1, 9)
    r = p * (x + q)
    item = rng.choice(contexts.SHOP_ITEMS)
    prompt = (
        f"{p} friends each buy a {item} and a {money(Decimal(q))} gift card. Together they "
        f"spend {money(Decimal(r))}. What does one {item} cost?"
    )
    equation = f"{p}(x + {q}) = {r}"
    step = (
        f"Write {m(equation)}. Divide by {p}: {m(f'x + {q} = {x + q}')}. Subtract {q}: "
        f"{m(f'x = {x}')}"
    )
    return Draft(prompt, Decimal(x), money(Decimal(x)), step, (p, q, r), "p(x+q)")


EQUATION_STORY = Generator(
    "7.EE.B.4a-word",
    "Two-step equation word problems",
    (Bounds(1, 165), Bounds(1, 390), Bounds(1, 232)),
    _equation_story,
)

# 6.EE.B.8 -------------------------------------------------------------------------------

_LIMITS = (
    (
        "A ride lets on riders who are at least {c} inches tall.",
        ">=",
        "h",
        "a rider's height in inches",
    ),
    ("A bag can hold at most {c} pounds.", "<=", "w", "the weight in pounds"),
    ("{name} needs more than {c} points to win the game.", ">", "p", "a winning score"),
    ("The elevator holds fewer than {c} people.", "<", "n", "the number of people"),
    ("You must be no older than {c} to join the youth team.", "<=", "a", "an age that can join"),
    ("The club needs no fewer than {c} members to meet.", ">=", "m", "the number of members"),
    ("The temperature stayed above {c} degrees all day.", ">", "t", "the temperature"),
    ("A snack costs less than {c} dollars.", "<", "c", "the cost in dollars"),
)


def _write_inequality(rng: random.Random, difficulty: int) -> Draft:
    scene, relation, v, meaning = rng.choice(_LIMITS)
    bound = (
        rng.randint(2, 20)
        if difficulty == 1
        else rng.randint(10, 100)
        if difficulty == 2
        else Decimal(rng.randint(21, 199)) / 2
    )
    text = scene.format(c=num(bound), name=contexts.name(rng))
    answer = f"{v} {relation} {num(bound)}"
    shown = m(f"{v} {RELATIONS[relation]} {num(bound)}")
    prompt = f"{text} Let {m(v)} be {meaning}. Write an inequality for {m(v)}."
    includes = "includes" if relation in ("<=", ">=") else "does not include"
    step = f"The limit {includes} {m(num(bound))} itself: {shown}"
    return Draft(prompt, answer, shown, step, (bound,), relation)


WRITE_INEQUALITY = Generator(
    "6.EE.B.8",
    "Write and graph inequalities",
    (Bounds(2, 20), Bounds(10, 100), Bounds(Decimal("10.5"), Decimal("99.5"), max_places=1)),
    _write_inequality,
)
