"""Ratio reasoning: ratio language, the whole from a percent, spotting and reading
proportional relationships, percent error and simple interest.

``numbers`` per skill: ratio language ``(a, b)`` for the two counts, with operation
``part_part`` (a to b), ``part_whole`` (a to a + b) or ``per_one`` (a per one b, a number);
whole from a percent ``(part, percent)``; recognize ``(x1, y1, x2, y2, x3, y3)``, answer
``yes`` or ``no``; interpret ``(x, y)`` for the point (1, r) (``unit``) or ``(x, y, x2)`` for y
at x2 (``at``); percent error ``(estimate, actual)``; interest ``(principal, rate, months)``
with operation ``interest`` or ``balance``.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice import contexts
from mathroom.domain.practice.notation import dec, exact, frac, m, money, num
from mathroom.domain.practice.problem import Bounds, Draft, Generator

# 6.RP.A.1 -------------------------------------------------------------------------------


def _ratio_language(rng: random.Random, difficulty: int) -> Draft:
    pool = rng.choice(contexts.POOLS)
    first, second = rng.sample(pool.kinds, 2)
    top = {1: 12, 2: 24}.get(difficulty, 36)
    while True:
        a, b = rng.randint(2, top), rng.randint(2, top)
        if a != b and (difficulty == 1 or math.gcd(a, b) > 1):
            break
    operation = {1: "part_part", 2: rng.choice(("part_part", "part_whole"))}.get(
        difficulty, rng.choice(("part_whole", "per_one"))
    )
    scene = f"{pool.holder} {a} {first} and {b} {second} {pool.things}."
    g = math.gcd(a, b)
    if operation == "per_one":
        rate = Fraction(a, b)
        prompt = f"{scene} How many {first} {pool.things} are there for every 1 {second} one?"
        step = m(rf"{a} \div {b} = {num(rate)}") + f" {first} for every 1 {second}"
        return Draft(prompt, rate, m(num(rate)), step, (a, b), operation)
    if operation == "part_part":
        left, right, what = a, b, f"{first} to {second}"
    else:
        left, right, what = a, a + b, f"{first} to all the {pool.things}"
        g = math.gcd(a, a + b)
    answer = f"{left // g} : {right // g}"
    prompt = f"{scene} Write the ratio of {what} in simplest form."
    step = m(f"{left} : {right}")
    step += f". Divide both by {g}: {m(answer)}" if g > 1 else ", already in simplest form"
    return Draft(prompt, answer, m(answer), step, (a, b), operation)


RATIO_LANGUAGE = Generator(
    "6.RP.A.1",
    "Ratio language",
    (Bounds(2, 12), Bounds(2, 24), Bounds(2, 36)),
    _ratio_language,
)

# 6.RP.A.3c-whole ------------------------------------------------------------------------


def _percent_whole(rng: random.Random, difficulty: int) -> Draft:
    percent: int | Decimal
    if difficulty == 1:
        percent, whole = rng.choice((10, 20, 25, 50)), 20 * rng.randint(1, 10)
    elif difficulty == 2:
        percent, whole = 5 * rng.randint(1, 19), 20 * rng.randint(2, 30)
    else:
        percent = rng.choice((Decimal("12.5"), Decimal("7.5"), 15, 35, 120, 150, 125, 2))
        whole = 40 * rng.randint(1, 25)
    part = exact(Fraction(percent) * whole / 100)
    share = Decimal(percent) / 100
    story = rng.random()
    if story < 0.4:
        name = contexts.name(rng)
        prompt = (
            f"{name} has read {num(part)} pages. That is {num(percent)}% of the book. "
            "How many pages long is the book?"
        )
        if not isinstance(part, int):
            prompt = f"{num(part)} is {num(percent)}% of what number?"
    else:
        prompt = f"{num(part)} is {num(percent)}% of what number?"
    step = f"{num(percent)}% is {m(dec(share))}, so " + m(
        rf"{num(part)} \div {dec(share)} = {whole}"
    )
    return Draft(prompt, whole, m(str(whole)), step, (part, percent), "whole")


PERCENT_WHOLE = Generator(
    "6.RP.A.3c-whole",
    "Find the whole from a percent",
    (Bounds(2, 100), Bounds(2, 570), Bounds(Decimal("0.8"), 1500, max_places=1)),
    _percent_whole,
)

# 7.RP.A.2a ------------------------------------------------------------------------------


def _recognize(rng: random.Random, difficulty: int) -> Draft:
    k: int | Decimal = rng.randint(2, 9) if difficulty == 1 else Decimal(rng.randint(3, 19)) / 2
    xs = sorted(rng.sample(range(1, 7 if difficulty == 1 else 13), 3))
    ys = [k * x for x in xs]
    proportional = rng.random() < 0.5
    if not proportional:
        if difficulty == 3:
            ys = [y + 1 for y in ys]  # y = kx + 1: close, but not through (0, 0)
        else:
            i = rng.randrange(3)
            ys[i] = ys[i] + rng.randint(1, 3)
    pair = rng.choice(contexts.PROPORTIONAL)
    table = f"x: {', '.join(str(x) for x in xs)}. y: {', '.join(num(y) for y in ys)}."
    prompt = (
        f"In this table, x is {pair.x_is} and y is {pair.y_is}. {table} "
        "Is y proportional to x? Answer yes or no."
    )
    quotients = [Fraction(y) / x for x, y in zip(xs, ys, strict=True)]
    shown = ", ".join(
        m(rf"{num(y)} \div {x} = {num(q)}") for x, y, q in zip(xs, ys, quotients, strict=True)
    )
    answer = "yes" if len(set(quotients)) == 1 else "no"
    verdict = "the same every time, so yes" if answer == "yes" else "not all the same, so no"
    step = f"Divide each y by its x: {shown}. These are {verdict}"
    numbers = tuple(v for x, y in zip(xs, ys, strict=True) for v in (x, y))
    return Draft(prompt, answer, answer.capitalize(), step, numbers, "recognize")


RECOGNIZE = Generator(
    "7.RP.A.2a",
    "Recognize proportional relationships",
    (Bounds(1, 57), Bounds(1, 117), Bounds(1, 118, max_places=1)),
    _recognize,
)

# 7.RP.A.2d ------------------------------------------------------------------------------


def _interpret(rng: random.Random, difficulty: int) -> Draft:
    pair = rng.choice(contexts.PROPORTIONAL)
    rate: int | Decimal = rng.randint(2, 15) if difficulty == 1 else Decimal(rng.randint(5, 60)) / 4
    x = rng.randint(2, 8)
    y = rate * x
    scene = (
        f"The graph of a proportional relationship goes through {m(f'({x}, {num(y)})')}. "
        f"Here x is {pair.x_is} and y is {pair.y_is}."
    )
    if difficulty < 3:
        prompt = f"{scene} The graph also goes through {m('(1, r)')}. What is r?"
        step = f"The point {m('(1, r)')} is the unit rate: " + m(
            rf"r = {num(y)} \div {x} = {num(rate)}"
        )
        return Draft(prompt, rate, m(num(rate)), step, (x, y), "unit")
    x2 = rng.choice([v for v in range(2, 13) if v != x])
    answer = rate * x2
    prompt = f"{scene} What is y when x is {x2}?"
    step = (
        m(rf"{num(y)} \div {x} = {num(rate)}")
        + " per unit, so "
        + m(rf"{num(rate)} \times {x2} = {num(answer)}")
    )
    return Draft(prompt, answer, m(num(answer)), step, (x, y, x2), "at")


INTERPRET = Generator(
    "7.RP.A.2d",
    "Interpret proportional graphs",
    (Bounds(2, 120), Bounds(Decimal("1.25"), 120, max_places=2), Bounds(1, 180, max_places=2)),
    _interpret,
)

# 7.RP.A.3-error -------------------------------------------------------------------------

_ERROR_SCENES = (
    "{name} guessed there were {estimate} jelly beans in a jar. There were {actual}.",
    "{name} estimated the hallway was {estimate} feet long. It measured {actual} feet.",
    "{name} predicted {estimate} people would come to the game. {actual} came.",
    "{name} guessed a backpack weighed {estimate} ounces. It weighed {actual} ounces.",
)


def _percent_error(rng: random.Random, difficulty: int) -> Draft:
    actual = rng.choice(
        {1: (10, 20, 50, 100), 2: (20, 25, 40, 50, 80, 200)}.get(
            difficulty, (40, 80, 125, 250, 400)
        )
    )
    while True:
        off = rng.randint(1, actual // 2)
        error = Fraction(off * 100, actual)
        if difficulty == 1 and error.denominator != 1:
            continue
        if (error * 10).denominator == 1:
            break
    estimate = actual + rng.choice((-1, 1)) * off
    percent = exact(error)
    scene = rng.choice(_ERROR_SCENES).format(
        name=contexts.name(rng), estimate=estimate, actual=actual
    )
    prompt = f"{scene} What is the percent error?"
    step = (
        f"The error is {m(f'{max(estimate, actual)} - {min(estimate, actual)} = {off}')}. "
        + m(rf"{off} \div {actual} = {dec(Decimal(off) / actual)}")
        + f", which is {num(percent)}%"
    )
    return Draft(prompt, percent, f"{m(num(percent))}%", step, (estimate, actual), "error")


PERCENT_ERROR = Generator(
    "7.RP.A.3-error",
    "Percent error",
    (Bounds(5, 150), Bounds(10, 300), Bounds(20, 600)),
    _percent_error,
)

# 7.RP.A.3-interest ----------------------------------------------------------------------


def _interest(rng: random.Random, difficulty: int) -> Draft:
    name = contexts.name(rng)
    while True:
        principal = 100 * rng.randint(2, 30) if difficulty < 3 else 50 * rng.randint(4, 80)
        rate: int | Decimal = rng.randint(1, 9)
        months = 12 * rng.randint(1, 5)
        if difficulty == 3:
            rate = Decimal(rng.randint(3, 19)) / 2
            months = rng.choice((6, 18, 30, 9, 12, 24))
        interest = Fraction(principal) * Fraction(rate) / 100 * Fraction(months, 12)
        if (interest * 100).denominator == 1:
            break
    operation = "interest" if difficulty == 1 else rng.choice(("interest", "balance"))
    years = Fraction(months, 12)
    time = (
        f"{months} months" if years.denominator != 1 else f"{years} year{'s' if years > 1 else ''}"
    )
    ask = (
        "How much interest does it earn?"
        if operation == "interest"
        else ("What is the balance then?")
    )
    prompt = (
        f"{name} puts {money(Decimal(principal))} in a savings account. It earns "
        f"{num(rate)}% simple interest a year for {time}. {ask}"
    )
    money_interest = Decimal(interest.numerator) / interest.denominator
    years_tex = num(years, as_mixed=False) if years.denominator == 1 else frac(years)
    step = "Interest is principal times rate times years: " + m(
        rf"{principal} \times {dec(Decimal(rate) / 100)} \times {years_tex} = {dec(money_interest)}"
    )
    answer = money_interest
    if operation == "balance":
        answer = principal + money_interest
        step += f". Add it to the principal: {money(answer)}"
    return Draft(prompt, answer, money(answer), step, (principal, rate, months), operation)


INTEREST = Generator(
    "7.RP.A.3-interest",
    "Simple interest",
    (Bounds(1, 3000), Bounds(1, 3000), Bounds(Decimal("1.5"), 4000, max_places=1)),
    _interest,
)
