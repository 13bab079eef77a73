"""Integers: add, subtract, multiply and divide with negative numbers.

``numbers`` per skill: add ``(a, b[, c])`` summed; subtract and divide ``(a, b)``; multiply
the factors.
"""

from __future__ import annotations

import random

from mathroom.domain.practice import contexts, draws
from mathroom.domain.practice.notation import m, num, plural, term
from mathroom.domain.practice.problem import Bounds, Draft, Generator, Number

# 7.NS.A.1b, 7.NS.A.1c ------------------------------------------------------------------


def _sum_tex(values: tuple[Number, ...], op: str = "+") -> str:
    return f" {op} ".join([num(values[0])] + [term(v) for v in values[1:]])


def _add_rule(a: int, b: int) -> str:
    total = a + b
    if (a < 0) == (b < 0):
        return (
            f"Same signs: add {m(f'{abs(a)} + {abs(b)} = {abs(total)}')} and keep the sign: "
            f"{m(str(total))}"
        )
    bigger = a if abs(a) > abs(b) else b
    sign = "negative" if bigger < 0 else "positive"
    return (
        f"Different signs: {m(f'{max(abs(a), abs(b))} - {min(abs(a), abs(b))} = {abs(total)}')}"
        f", and {m(str(bigger))} is farther from 0, so the answer is {sign}: {m(str(total))}"
    )


def _integer_range(difficulty: int) -> int:
    return {1: 10, 2: 50, 3: 200}[difficulty]


def _add_integers(rng: random.Random, difficulty: int) -> Draft:
    top = _integer_range(difficulty)
    count = 3 if difficulty == 3 and rng.random() < 0.5 else 2
    if count == 3:
        top = 60
    while True:
        values = tuple(draws.nonzero(rng, -top, top) for _ in range(count))
        if min(values) < 0:
            break
    answer = sum(values)
    if count == 2:
        step = _add_rule(values[0], values[1])
    else:
        first = values[0] + values[1]
        step = (
            f"Add from left to right: {m(f'{_sum_tex(values[:2])} = {first}')}, "
            f"then {m(f'{_sum_tex((first, values[2]))} = {answer}')}"
        )
    a = values[0]
    if count == 2 and a < 0 < values[1] and difficulty < 3 and rng.random() < 0.4:
        town = rng.choice(contexts.TEMPERATURE_TOWNS)
        prompt = (
            f"At 6 a.m. it was {m(str(a))} degrees in {town}. By noon it was "
            f"{values[1]} {plural(values[1], 'degree', 'degrees')} warmer. "
            "What was the temperature at noon?"
        )
    elif count == 2 and difficulty < 3 and rng.random() < 0.3:
        prompt = (
            f"On one play, a football team's yards change by {m(str(a))}. On the next play "
            f"they change by {m(str(values[1]))}. What is the total change?"
        )
    else:
        prompt = f"Add. {m(_sum_tex(values))}"
    return Draft(prompt, answer, m(str(answer)), step, values, "+")


ADD_INTEGERS = Generator(
    "7.NS.A.1b",
    "Add integers",
    (Bounds(-10, 10), Bounds(-50, 50), Bounds(-200, 200)),
    _add_integers,
)


def _subtract_integers(rng: random.Random, difficulty: int) -> Draft:
    top = _integer_range(difficulty)
    while True:
        a, b = draws.nonzero(rng, -top, top), draws.nonzero(rng, -top, top)
        if b < 0 or a < b:  # subtracting a negative, or an answer below 0
            break
    answer = a - b
    step = f"Add the opposite: {m(f'{a} - {term(b)} = {a} + {term(-b)}')}. " + _add_rule(a, -b)
    if b < 0 < a and difficulty < 3 and rng.random() < 0.4:
        town = rng.choice(contexts.TEMPERATURE_TOWNS)
        prompt = (
            f"In {town} the high was {m(str(a))} degrees. The low was {m(str(b))} degrees. "
            "How many degrees warmer was the high than the low?"
        )
    else:
        prompt = f"Subtract. {m(f'{a} - {term(b)}')}"
    return Draft(prompt, answer, m(str(answer)), step, (a, b), "-")


SUBTRACT_INTEGERS = Generator(
    "7.NS.A.1c",
    "Subtract integers",
    (Bounds(-10, 10), Bounds(-50, 50), Bounds(-200, 200)),
    _subtract_integers,
)

# 7.NS.A.2a, 7.NS.A.2b ------------------------------------------------------------------


def _sign_rule(negatives: int) -> str:
    parity = "even" if negatives % 2 == 0 else "odd"
    sign = "positive" if negatives % 2 == 0 else "negative"
    count = f"{negatives} negative {'number' if negatives == 1 else 'numbers'}"
    return f"There {'is' if negatives == 1 else 'are'} {count} ({parity}), so the answer is {sign}"


def _multiply_integers(rng: random.Random, difficulty: int) -> Draft:
    top, count = {1: (10, 2), 2: (15, 2)}.get(difficulty, (12, 3))
    while True:
        # A factor of 1 teaches nothing about signs.
        values = tuple(draws.sign(rng) * rng.randint(2, top) for _ in range(count))
        if min(values) < 0:
            break
    answer = 1
    for value in values:
        answer *= value
    negatives = sum(1 for v in values if v < 0)
    sizes = r" \times ".join(str(abs(v)) for v in values)
    step = f"{m(f'{sizes} = {abs(answer)}')}. {_sign_rule(negatives)}: {m(str(answer))}"
    tex = r" \times ".join([str(values[0])] + [term(v) for v in values[1:]])
    return Draft(f"Multiply. {m(tex)}", answer, m(str(answer)), step, values, "×")


MULTIPLY_INTEGERS = Generator(
    "7.NS.A.2a",
    "Multiply integers",
    (Bounds(-10, 10), Bounds(-15, 15), Bounds(-12, 12)),
    _multiply_integers,
)


def _divide_integers(rng: random.Random, difficulty: int) -> Draft:
    divisor_top, low, high = {1: (10, 1, 10), 2: (15, 2, 20)}.get(difficulty, (25, 5, 40))
    while True:
        divisor = rng.choice((-1, 1)) * rng.randint(2, divisor_top)
        quotient = rng.choice((-1, 1)) * rng.randint(low, high)
        if divisor < 0 or quotient < 0:
            break
    dividend = divisor * quotient
    negatives = (dividend < 0) + (divisor < 0)
    sizes = m(rf"{abs(dividend)} \div {abs(divisor)} = {abs(quotient)}")
    step = f"{sizes}. {_sign_rule(negatives)}: {m(str(quotient))}"

    if dividend < 0 < divisor and difficulty < 3 and rng.random() < 0.4:
        prompt = (
            f"The temperature changed by {m(str(dividend))} degrees over {divisor} hours. "
            "It changed the same amount each hour. What was the change each hour?"
        )
    elif difficulty == 3 and rng.random() < 0.5:
        prompt = "Find the value. " + m(rf"\frac{{{dividend}}}{{{divisor}}}")
    else:
        prompt = "Divide. " + m(rf"{dividend} \div {term(divisor)}")
    return Draft(prompt, quotient, m(str(quotient)), step, (dividend, divisor), "÷")


DIVIDE_INTEGERS = Generator(
    "7.NS.A.2b",
    "Divide integers",
    (Bounds(-100, 100), Bounds(-300, 300), Bounds(-1000, 1000)),
    _divide_integers,
)
