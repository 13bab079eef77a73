"""Whole numbers: multiply multi-digit numbers, long division, GCF and LCM.

``numbers`` per skill: multiply ``(a, b)``; long division ``(dividend, divisor)``, the answer
a mixed number when there is a remainder; GCF/LCM ``(a, b)`` with operation ``gcf`` or ``lcm``.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from mathroom.domain.practice import contexts
from mathroom.domain.practice.notation import m, mixed
from mathroom.domain.practice.problem import Bounds, Draft, Generator

# 4.NBT.B.5 ------------------------------------------------------------------------------

_MULTIPLY_STORIES = (
    "A stadium section has {a} rows. Each row has {b} seats. How many seats are there?",
    "A bakery fills {a} trays with {b} rolls on each tray. How many rolls is that?",
    "The school fundraiser sells {a} boxes of cards. Each box holds {b} cards. "
    "How many cards are sold?",
    "A food truck sells {a} tacos a day for {b} days. How many tacos is that?",
)


def _multiply(rng: random.Random, difficulty: int) -> Draft:
    a_range, b_range = {1: ((12, 99), (2, 9)), 2: ((100, 999), (11, 99))}.get(
        difficulty, ((1000, 9999), (11, 99))
    )
    a, b = rng.randint(*a_range), rng.randint(*b_range)
    product = a * b
    if b < 10 and a % 10:
        tens, ones = a - a % 10, a % 10
        step = rf"({tens} + {ones}) \times {b} = {tens * b} + {ones * b} = {product}"
    elif b > 10 and b % 10:
        tens, ones = b - b % 10, b % 10
        step = rf"{a} \times {tens} + {a} \times {ones} = {a * tens} + {a * ones} = {product}"
    else:
        step = rf"{a} \times {b} = {product}"
    if rng.random() < 0.4:
        prompt = rng.choice(_MULTIPLY_STORIES).format(a=a, b=b)
    else:
        prompt = "Multiply. " + m(rf"{a} \times {b}")
    return Draft(prompt, product, m(str(product)), m(step), (a, b), "multiply")


MULTIPLY = Generator(
    "4.NBT.B.5",
    "Multiply multi-digit numbers",
    (Bounds(2, 99), Bounds(11, 999), Bounds(11, 9999)),
    _multiply,
)

# 6.NS.B.2 -------------------------------------------------------------------------------

_DIVIDE_STORIES = (
    "{dividend} chairs are set up in {divisor} equal rows. How many chairs are in each row?",
    "A bike club rides {dividend} miles in {divisor} days. They ride the same distance each "
    "day. How many miles do they ride each day?",
    "{name} packs {dividend} apples into bags of {divisor}. How many bags are filled?",
    "A school raises {dividend} dollars. The money is shared equally by {divisor} clubs. "
    "How many dollars does each club get?",
)


def _long_division(rng: random.Random, difficulty: int) -> Draft:
    if difficulty == 1:
        divisor, quotient, remainder = rng.randint(2, 9), rng.randint(11, 99), 0
    elif difficulty == 2:
        divisor, quotient, remainder = rng.randint(11, 25), rng.randint(21, 99), 0
    else:
        divisor, quotient = rng.randint(12, 99), rng.randint(101, 999)
        remainder = rng.randint(0, divisor - 1)
    dividend = divisor * quotient + remainder
    answer = Fraction(dividend, divisor)
    if remainder:
        prompt = "Divide. Write the remainder as a fraction in simplest form. "
        step = rf"{dividend} = {divisor} \times {quotient} + {remainder}"
        step = f"{m(step)}, so the quotient is {m(mixed(answer))}"
    else:
        prompt = "Divide. "
        check = m(rf"{divisor} \times {quotient} = {dividend}")
        step = f"{check}, so the quotient is {m(str(quotient))}"
    if difficulty < 3 and rng.random() < 0.4:
        story = rng.choice(_DIVIDE_STORIES)
        prompt = story.format(dividend=dividend, divisor=divisor, name=contexts.name(rng))
    else:
        prompt += m(rf"{dividend} \div {divisor}")
    value = answer.numerator if answer.denominator == 1 else answer
    return Draft(prompt, value, m(mixed(answer)), step, (dividend, divisor), "divide")


LONG_DIVISION = Generator(
    "6.NS.B.2",
    "Long division",
    (Bounds(2, 891), Bounds(11, 2475), Bounds(12, 98999)),
    _long_division,
)

# 6.NS.B.4 -------------------------------------------------------------------------------


def _factors(n: int) -> dict[int, int]:
    found: dict[int, int] = {}
    p = 2
    while p * p <= n:
        while n % p == 0:
            found[p] = found.get(p, 0) + 1
            n //= p
        p += 1
    if n > 1:
        found[n] = found.get(n, 0) + 1
    return found


def _power_product(factors: dict[int, int]) -> str:
    if not factors:
        return "1"
    parts = [f"{p}^{{{k}}}" if k > 1 else str(p) for p, k in sorted(factors.items())]
    return r" \cdot ".join(parts)


def _gcf_lcm(rng: random.Random, difficulty: int) -> Draft:
    top = {1: 24, 2: 60, 3: 150}[difficulty]
    operation = rng.choice(("gcf", "lcm"))
    while True:
        if operation == "gcf":
            g = rng.randint(2, top // 4)
            a, b = g * rng.randint(1, top // g), g * rng.randint(1, top // g)
            ok = a != b and math.gcd(a, b) > 1
        else:
            low, high = {1: (2, 12), 2: (4, 20), 3: (6, 40)}[difficulty]
            a, b = rng.randint(low, high), rng.randint(low, high)
            # Past the first level, one number being a multiple of the other is too easy.
            ok = a != b and (difficulty == 1 or math.lcm(a, b) not in (a, b))
        if ok:
            break
    fa, fb = _factors(a), _factors(b)
    if operation == "gcf":
        answer = math.gcd(a, b)
        kept = {p: min(k, fb[p]) for p, k in fa.items() if p in fb}
        how = "the primes they share, each to the lower power"
    else:
        answer = math.lcm(a, b)
        kept = {p: max(fa.get(p, 0), fb.get(p, 0)) for p in fa.keys() | fb.keys()}
        how = "every prime, each to the higher power"
    step = (
        f"{m(f'{a} = {_power_product(fa)}')} and {m(f'{b} = {_power_product(fb)}')}. "
        f"Take {how}: {m(f'{_power_product(kept)} = {answer}')}"
    )
    # A bus wait of hours is silly, so a big LCM stays a bare question.
    if rng.random() < 0.4 and (operation == "gcf" or answer <= 120):
        who = contexts.name(rng)
        if operation == "gcf":
            prompt = (
                f"{who} makes gift bags with {a} pencils and {b} stickers. Every bag is the "
                "same, and nothing is left over. What is the greatest number of bags?"
            )
        else:
            prompt = (
                f"Bus A leaves every {a} minutes. Bus B leaves every {b} minutes. Both just "
                "left together. In how many minutes will they next leave together?"
            )
    else:
        what = (
            "greatest common factor (GCF)" if operation == "gcf" else "least common multiple (LCM)"
        )
        prompt = f"Find the {what} of {m(str(a))} and {m(str(b))}."
    return Draft(prompt, answer, m(str(answer)), step, (a, b), operation)


GCF_LCM = Generator(
    "6.NS.B.4",
    "GCF and LCM",
    (Bounds(2, 24), Bounds(2, 60), Bounds(2, 150)),
    _gcf_lcm,
)
