"""Ratios and rates: ratio tables, unit rates and prices, rates with fractions, the constant
of proportionality, and y = kx.

``numbers`` per skill: ratio table ``(a, b, given)`` for a : b, with the missing partner of
``given`` in the second row (operation ``second``) or the first (``first``); unit rate
``(total, count)`` (``price`` or ``rate``); fraction rate ``(amount, time)``; constant of
proportionality ``(x1, y1, x2, y2, x3, y3)``; y = kx ``(x, y)``.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice import contexts, draws
from mathroom.domain.practice.notation import dec, exact, frac, m, mixed, money, num, plural
from mathroom.domain.practice.problem import Bounds, Draft, Generator, Number

# 6.RP.A.3a ------------------------------------------------------------------------------


def _ratio_table(rng: random.Random, difficulty: int) -> Draft:
    while True:
        if difficulty == 1:
            a, b, k = rng.randint(2, 5), rng.randint(2, 5), rng.randint(3, 5)
            step_a, step_b = a, b
        elif difficulty == 2:
            a, b, k = rng.randint(2, 9), rng.randint(2, 9), rng.randint(3, 12)
            step_a, step_b = a, b
        else:
            # The given value isn't a multiple of a, so students scale through a smaller ratio.
            a, b, k = rng.randint(2, 12), rng.randint(2, 12), rng.randint(2, 12)
            g = math.gcd(a, b)
            step_a, step_b = a // g, b // g
            if g == 1 or (step_a * k) % a == 0:
                continue
        if a != b:
            break
    first, second = step_a * k, step_b * k
    pair = rng.choice(contexts.RATIO_PAIRS)
    columns = sorted({(a, b), (2 * a, 2 * b), (first, second)})
    operation = rng.choice(("first", "second"))
    given, answer = (first, second) if operation == "second" else (second, first)
    top = [
        str(x) if (x, y) != (first, second) or operation == "second" else "?" for x, y in columns
    ]
    low = [str(y) if (x, y) != (first, second) or operation == "first" else "?" for x, y in columns]
    rows = [
        f"{pair.first.capitalize()}: {', '.join(top)}",
        f"{pair.second.capitalize()}: {', '.join(low)}",
    ]
    # A row that ends in the ? needs no full stop after it.
    table = " ".join(row if row.endswith("?") else f"{row}." for row in rows)
    prompt = (
        f"{pair.setting} {a} {pair.first} for every {b} {pair.second}. "
        f"Find the missing number. {table}"
    )
    if operation == "second":
        how = rf"{given} \div {step_a} = {k}", rf"{step_b} \times {k} = {answer}"
    else:
        how = rf"{given} \div {step_b} = {k}", rf"{step_a} \times {k} = {answer}"
    ratio = m(f"{a} : {b}")
    if step_a != a:
        ratio += f", the same as {m(f'{step_a} : {step_b}')}"
    step = f"The ratio is {ratio}. {m(how[0])}, so {m(how[1])}"
    return Draft(prompt, answer, m(str(answer)), step, (a, b, given), operation)


RATIO_TABLE = Generator(
    "6.RP.A.3a",
    "Equivalent ratio tables",
    (Bounds(2, 25), Bounds(2, 108), Bounds(1, 72)),
    _ratio_table,
)

# 6.RP.A.3b ------------------------------------------------------------------------------


def _unit_rate(rng: random.Random, difficulty: int) -> Draft:
    count = {1: rng.randint(2, 6), 2: rng.randint(2, 12)}.get(difficulty, rng.randint(6, 24))
    name = contexts.name(rng)
    if rng.random() < 0.5:
        if difficulty == 1:
            unit = Decimal(rng.randint(1, 9))
        elif difficulty == 2:
            unit = draws.decimal(rng, 0, 9, 2)
            unit = max(unit, Decimal("0.25"))
        else:
            unit = max(draws.decimal(rng, 0, 4, 2), Decimal("0.15"))
        total = unit * count
        item = rng.choice(contexts.PRICED_ITEMS)
        prompt = (
            f"{name} pays {money(total)} for {count} {item.plural} {item.where}. "
            f"What is the price of one {item.one}?"
        )
        step = m(rf"{dec(total)} \div {count} = {dec(unit)}") + f", so {money(unit)} each"
        return Draft(prompt, unit, money(unit), step, (total, count), "price")
    rates = (
        [r for r in contexts.RATES if difficulty == 1 or not r.whole] if rng.random() < 0.5 else []
    )
    rate_scene = rng.choice(rates or contexts.RATES)
    rate: int | Decimal
    if difficulty == 1 or rate_scene.whole:
        rate = rng.randint(2, 20) if difficulty < 3 else rng.randint(11, 30)
    elif difficulty == 2:
        rate = Decimal(rng.randint(4, 39)) / 2
    else:
        rate = draws.decimal(rng, 1, 30, 1)
    amount = rate * count
    prompt = (
        f"{name} {rate_scene.verb} {num(amount)} {rate_scene.things} in {count} "
        f"{rate_scene.per_many}. How many {rate_scene.things} is that per {rate_scene.per_one}?"
    )
    step = m(rf"{num(amount)} \div {count} = {num(rate)}")
    text = f"{m(num(rate))} {rate_scene.things} per {rate_scene.per_one}"
    return Draft(prompt, rate, text, step, (amount, count), "rate")


UNIT_RATE = Generator(
    "6.RP.A.3b",
    "Unit rates and unit prices",
    (Bounds(1, 120), Bounds(0, 240, max_places=2), Bounds(0, 720, max_places=2)),
    _unit_rate,
)

# 7.RP.A.1 -------------------------------------------------------------------------------


def _fraction_rate(rng: random.Random, difficulty: int) -> Draft:
    amount: Fraction
    time: Fraction
    if difficulty == 1:
        amount = rng.choice((Fraction(1, 2), Fraction(1, 3), Fraction(2, 3), Fraction(3, 4)))
        time = rng.choice((Fraction(1, 2), Fraction(1, 3), Fraction(1, 4)))
    elif difficulty == 2:
        amount, time = draws.proper(rng, range(2, 9)), draws.proper(rng, range(2, 9))
    else:
        amount = draws.mixed_number(rng, (1, 5), range(2, 9))
        time = draws.proper(rng, range(2, 9)) + rng.choice((0, 1))
    scene = rng.choice(contexts.FRACTION_RATES)
    answer = amount / time
    unit = scene.unit_one if amount <= 1 else scene.unit_many
    per = scene.per_one if time <= 1 else scene.per_many
    prompt = (
        f"{contexts.name(rng)} {scene.verb} {m(mixed(amount))} {unit} {scene.link} "
        f"{m(mixed(time))} {per}. How many {scene.unit_many} is that per {scene.per_one}?"
    )
    flipped = Fraction(time.denominator, time.numerator)
    chain = rf"{mixed(amount)} \div {mixed(time)} = {frac(amount)} \times {frac(flipped)}"
    step = f"Divide the amount by the time: {m(f'{chain} = {mixed(answer)}')}"
    text = (
        f"{m(mixed(answer))} {plural(answer, scene.unit_one, scene.unit_many)} per {scene.per_one}"
    )
    return Draft(prompt, answer, text, step, (amount, time), "÷")


FRACTION_RATE = Generator(
    "7.RP.A.1",
    "Unit rate with fractions",
    (
        Bounds(0, 1, max_denominator=4),
        Bounds(0, 1, max_denominator=8),
        Bounds(0, 6, max_denominator=8),
    ),
    _fraction_rate,
)

# 7.RP.A.2b ------------------------------------------------------------------------------


def _constant(rng: random.Random, difficulty: int) -> Draft:
    k: Number
    if difficulty == 1:
        k = rng.randint(2, 9)
        xs = sorted(rng.sample(range(1, 11), 3))
    elif difficulty == 2:
        k = max(draws.decimal(rng, 0, 9, 1), Decimal("0.5"))
        xs = sorted(rng.sample(range(2, 13), 3))
    else:
        k = draws.proper(rng, range(2, 7)) + rng.randint(0, 2)
        xs = sorted(k.denominator * j for j in rng.sample(range(1, 13), 3))
    ys = [exact(Fraction(k) * x) if isinstance(k, Fraction) else k * x for x in xs]
    scene = rng.choice(contexts.PROPORTIONAL)
    prompt = (
        f"The table shows a proportional relationship between {scene.x_is} ({m('x')}) and "
        f"{scene.y_is} ({m('y')}). {m('x')}: {', '.join(map(str, xs))}. "
        f"{m('y')}: {', '.join(num(y) for y in ys)}. What is the constant of proportionality?"
    )
    shown = num(k, as_mixed=False)
    first = rf"\frac{{{num(ys[0])}}}{{{xs[0]}}}"
    step = m(rf"k = \frac{{y}}{{x}} = {first}" + ("" if first == shown else f" = {shown}"))
    step += ", and the other pairs give the same value"
    numbers: tuple[Number, ...] = (xs[0], ys[0], xs[1], ys[1], xs[2], ys[2])
    return Draft(prompt, k, m(f"k = {shown}"), step, numbers, "constant")


CONSTANT = Generator(
    "7.RP.A.2b",
    "Constant of proportionality",
    (Bounds(1, 90), Bounds(0, 120, max_places=1), Bounds(1, 216)),
    _constant,
)

# 7.RP.A.2c ------------------------------------------------------------------------------


def _equation(rng: random.Random, difficulty: int) -> Draft:
    k: int | Decimal
    if difficulty == 1:
        k, x = rng.randint(2, 15), rng.randint(2, 10)
    elif difficulty == 2:
        k, x = max(draws.decimal(rng, 0, 12, 1), Decimal("0.5")), rng.randint(2, 10)
    else:
        k, x = max(draws.decimal(rng, 0, 9, 2), Decimal("0.25")), rng.randint(2, 12)
    y = k * x
    scene = rng.choice(contexts.PROPORTIONAL)
    pair = scene.pair.format(name=contexts.name(rng), x=x, y=money(Decimal(y)))
    prompt = (
        f"{pair} The total is proportional to the {scene.x_is}. Let {m('x')} be the number of "
        f"{scene.x_is} and {m('y')} the {scene.y_is}. Write an equation in the form "
        f"{m('y = kx')}."
    )
    answer = f"y = {num(k)}x"
    step = m(rf"k = {num(y)} \div {x} = {num(k)}") + f", so {m(answer)}"
    return Draft(prompt, answer, m(answer), step, (x, y), "y=kx")


EQUATION = Generator(
    "7.RP.A.2c",
    "Write equations y = kx",
    (Bounds(2, 150), Bounds(0, 130, max_places=1), Bounds(0, 120, max_places=2)),
    _equation,
)
