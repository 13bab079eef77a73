"""Percent: percent of a number, percent change, and tax, tip, discount and markup.

``numbers`` per skill: percent of ``(percent, whole)``; percent change ``(old, new)`` with
operation ``increase`` or ``decrease`` and the answer the percent; money ``(price, percent)``
with operation ``tax``, ``tip``, ``discount`` or ``markup`` and the answer the new amount,
rounded to the nearest cent (half up) where the prompt says so.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from mathroom.domain.practice import contexts, draws
from mathroom.domain.practice.notation import CENT, dec, exact, m, money, num
from mathroom.domain.practice.problem import Bounds, Draft, Generator, Number

HUNDRED = Decimal(100)

# 6.RP.A.3c-part -------------------------------------------------------------------------


def _percent_of(rng: random.Random, difficulty: int) -> Draft:
    percent: int | Decimal
    if difficulty == 1:
        percent, whole = rng.choice((10, 20, 25, 50, 75)), 20 * rng.randint(1, 10)
    elif difficulty == 2:
        percent, whole = 5 * rng.randint(1, 19), 2 * rng.randint(10, 200)
    else:
        whole = rng.randint(10, 1000)
        percent = rng.randint(1, 150)
        if whole % 2 == 0 and rng.random() < 0.3:
            percent = Decimal(2 * rng.randint(1, 59) + 1) / 2  # 1.5, 2.5, ... 119.5
    answer = exact(Fraction(percent) * whole / 100)
    share = Decimal(percent) / HUNDRED
    times = m(rf"{dec(share)} \times {whole} = {num(answer)}")
    step = f"{num(percent)}% is {m(dec(share))}, and {times}"
    story = rng.random()
    text = m(num(answer))
    if story < 0.25:
        prompt = (
            f"The school fundraiser wants to raise {money(Decimal(whole))}. So far it has raised "
            f"{num(percent)}% of that. How much money is that?"
        )
        text = money(Decimal(answer))
    elif story < 0.5 and whole <= 60:
        name = contexts.name(rng)
        prompt = (
            f"{name}'s phone plan has {whole} GB of data. {name} has used {num(percent)}% of "
            "it. How many GB is that?"
        )
    elif story < 0.7 and isinstance(answer, int) and percent <= 100:
        prompt = (
            f"A community garden has {whole} plants. {num(percent)}% of them are tomato "
            "plants. How many tomato plants are there?"
        )
    else:
        prompt = f"What is {num(percent)}% of {whole}?"
    return Draft(prompt, answer, text, step, (percent, whole), "percent_of")


PERCENT_OF = Generator(
    "6.RP.A.3c-part",
    "Percent of a number",
    (Bounds(10, 200), Bounds(5, 400), Bounds(1, 1000, max_places=1)),
    _percent_of,
)

# 7.RP.A.3-pct-change --------------------------------------------------------------------


def _percent_change(rng: random.Random, difficulty: int) -> Draft:
    percent: Number
    if difficulty == 1:
        old, percent = 20 * rng.randint(1, 5), rng.choice((10, 20, 25, 50))
    elif difficulty == 2:
        old, percent = 20 * rng.randint(1, 25), 5 * rng.randint(1, 16)
    else:
        old, percent = 8 * rng.randint(1, 100), Decimal(rng.randint(1, 32)) * Decimal("2.5")
    operation = rng.choice(("increase", "decrease"))
    change = Fraction(percent) * old / 100
    new = exact(old + change if operation == "increase" else old - change)
    percent = exact(Fraction(percent))
    whole = isinstance(new, int)
    story = rng.random()
    if story < 0.3 and old >= 60:
        prompt = f"A bike cost {money(Decimal(old))} last year. Now it costs {money(Decimal(new))}."
    elif story < 0.55 and whole:
        prompt = f"The chess club had {old} members. Now it has {new} members."
    elif story < 0.8 and whole:
        prompt = f"A soccer game had {old} fans last week. This week it had {new} fans."
    else:
        prompt = f"A number changes from {m(str(old))} to {m(num(new))}."
    prompt += " Find the percent change. Is it an increase or a decrease?"
    ratio = rf"\frac{{{num(exact(change))}}}{{{old}}} = {dec(Decimal(percent) / HUNDRED)}"
    # The change itself comes first: it is not on the student's page.
    high, low = (new, old) if operation == "increase" else (old, new)
    difference = m(f"{num(high)} - {num(low)} = {num(exact(change))}")
    step = (
        f"The change is {difference}. Divided by the original: {m(ratio)}, which is {num(percent)}%"
    )
    return Draft(prompt, percent, f"{num(percent)}% {operation}", step, (old, new), operation)


PERCENT_CHANGE = Generator(
    "7.RP.A.3-pct-change",
    "Percent increase and decrease",
    (Bounds(10, 150), Bounds(4, 900), Bounds(0, 1440, max_places=1)),
    _percent_change,
)

# 7.RP.A.3-tax ---------------------------------------------------------------------------

_RATES: dict[int, dict[str, tuple[str, ...]]] = {
    1: {
        "tax": ("10",),
        "tip": ("10", "20"),
        "discount": ("10", "20", "25", "50"),
        "markup": ("10", "25", "50"),
    },
    2: {
        "tax": ("5", "6", "8"),
        "tip": ("15", "20"),
        "discount": ("15", "30"),
        "markup": ("20", "40"),
    },
    3: {
        "tax": ("6.5", "7.25", "8.25", "8"),
        "tip": ("15", "18", "20"),
        "discount": ("12.5", "15", "35"),
        "markup": ("30", "45", "60"),
    },
}


def _money_percent(rng: random.Random, difficulty: int) -> Draft:
    operation = rng.choice(("tax", "tip", "discount", "markup"))
    rate = Decimal(rng.choice(_RATES[difficulty][operation]))
    if difficulty == 1:
        price = Decimal(10 * rng.randint(1, 10))
    elif difficulty == 2:
        price = Decimal(rng.randint(8, 150))
    else:
        price = draws.decimal(rng, 5, 199, 2)
    part = price * rate / HUNDRED
    sign = -1 if operation == "discount" else 1
    answer = (price + sign * part).quantize(CENT, rounding=ROUND_HALF_UP)
    shown_part = part.quantize(CENT, rounding=ROUND_HALF_UP)
    name, item = contexts.name(rng), rng.choice(contexts.SHOP_ITEMS)
    pct = f"{dec(rate)}%"
    if operation == "tax":
        prompt = (
            f"{name} buys a {item} for {money(price)}. The sales tax is {pct}. "
            "What is the total cost?"
        )
    elif operation == "tip":
        meal = rng.choice(contexts.MEALS)
        prompt = (
            f"A {meal} costs {money(price)}. {name} leaves a {pct} tip. "
            "What is the total with the tip?"
        )
    elif operation == "discount":
        prompt = (
            f"A {item} costs {money(price)}. It is on sale for {pct} off. What is the sale price?"
        )
    else:
        prompt = (
            f"A store pays {money(price)} for a {item}. It marks the price up by {pct}. "
            "What is the new price?"
        )
    if part != shown_part:
        prompt += " Round to the nearest cent."
    share = dec(rate / HUNDRED)
    relation = r"\approx" if part != shown_part else "="
    step = f"{pct} of {money(price)} is "
    step += m(rf"{share} \times {dec(price)} {relation} {dec(shown_part)}")
    step += f", so the answer is {money(price)} {'-' if sign < 0 else '+'} {money(shown_part)}"
    step += f" = {money(answer)}"
    return Draft(prompt, answer, money(answer), step, (price, rate), operation)


MONEY_PERCENT = Generator(
    "7.RP.A.3-tax",
    "Tax, tip, discount and markup",
    (Bounds(10, 100), Bounds(5, 150), Bounds(5, 200, max_places=2)),
    _money_percent,
)
