"""Statistics and probability: simple and compound probability, mean and median.

``numbers`` per skill: simple probability: the count of each kind, with operation ``one:i``
(kind i), ``not:i`` (anything but kind i) or ``either:i:j``; compound: ``(f1, n1, f2, n2)``
for two independent events (``independent``, or ``coin_cube:<event>`` for a coin and a
number cube), ``(favorable, total)`` for two picks without putting back (``no_replace``), or
``(sum,)`` for the sum of two number cubes (``dice_sum``); center: the data, with operation
``mean`` or ``median``. Probabilities are Fractions in lowest terms.
"""

from __future__ import annotations

import random
from fractions import Fraction

from mathroom.domain.practice import contexts
from mathroom.domain.practice.notation import exact, frac, m, num
from mathroom.domain.practice.problem import Bounds, Draft, Generator


def _listing(counts: tuple[int, ...], kinds: list[str]) -> str:
    parts = [f"{count} {kind}" for count, kind in zip(counts, kinds, strict=True)]
    return f"{', '.join(parts[:-1])}{',' if len(parts) > 2 else ''} and {parts[-1]}"


def _chance_step(favorable: int, total: int) -> str:
    answer = Fraction(favorable, total)
    tex = rf"P = \frac{{{favorable}}}{{{total}}}"
    if answer.denominator != total or answer.numerator != favorable:
        tex += f" = {frac(answer)}"
    return f"Favorable outcomes over all outcomes: {m(tex)}"


# 7.SP.C.7a ------------------------------------------------------------------------------


def _simple(rng: random.Random, difficulty: int) -> Draft:
    pool = rng.choice(contexts.POOLS)
    size, top = {1: (2, 6), 2: (3, 10)}.get(difficulty, (4, 15))
    kinds = rng.sample(pool.kinds, size)
    counts = tuple(rng.randint(2, top) for _ in range(size))  # "1 red marbles" reads badly
    i, j = rng.sample(range(size), 2)
    ways = {1: ("one",), 2: ("one", "not")}.get(difficulty, ("not", "either"))
    way = rng.choice(ways)
    if way == "one":
        favorable, operation, what = counts[i], f"one:{i}", kinds[i]
    elif way == "not":
        favorable, operation, what = sum(counts) - counts[i], f"not:{i}", f"not {kinds[i]}"
    else:
        favorable, operation = counts[i] + counts[j], f"either:{i}:{j}"
        what = f"{kinds[i]} or {kinds[j]}"
    total = sum(counts)
    answer = Fraction(favorable, total)
    prompt = (
        f"{pool.holder} {_listing(counts, kinds)} {pool.things}. {contexts.name(rng)} picks "
        f"one at random. What is the probability that it is {what}? Write it as a fraction "
        "in simplest form."
    )
    return Draft(prompt, answer, m(frac(answer)), _chance_step(favorable, total), counts, operation)


SIMPLE_PROBABILITY = Generator(
    "7.SP.C.7a",
    "Simple probability",
    (Bounds(1, 6), Bounds(1, 10), Bounds(1, 15)),
    _simple,
)

# 7.SP.C.8a ------------------------------------------------------------------------------

CUBE_EVENTS = {
    "six": ("a 6", 1),
    "even": ("an even number", 3),
    "odd": ("an odd number", 3),
    "gt4": ("a number greater than 4", 2),
    "lt3": ("a number less than 3", 2),
    "mult3": ("a multiple of 3", 2),
    "gt1": ("a number greater than 1", 5),
}
"""Number-cube events: the words, and how many of the six faces fit."""


def _compound(rng: random.Random, difficulty: int) -> Draft:
    name = contexts.name(rng)
    if difficulty == 1:
        key = rng.choice(sorted(CUBE_EVENTS))
        words, faces = CUBE_EVENTS[key]
        side = rng.choice(("heads", "tails"))
        answer = Fraction(1, 2) * Fraction(faces, 6)
        prompt = (
            f"{name} flips a coin and rolls a number cube. What is the probability of "
            f"{side} and {words}?"
        )
        tex = rf"\frac{{1}}{{2}} \times \frac{{{faces}}}{{6}} = {frac(answer)}"
        step = f"Multiply the chances of the two events: {m(tex)}"
        return Draft(prompt, answer, m(frac(answer)), step, (1, 2, faces, 6), f"coin_cube:{key}")
    if difficulty == 2:
        pool = rng.choice(contexts.POOLS)
        first, second = rng.sample(pool.kinds, 2)
        a, b = rng.randint(2, 6), rng.randint(2, 6)
        total = a + b
        answer = Fraction(a, total) * Fraction(b, total)
        prompt = (
            f"{pool.holder} {a} {first} and {b} {second} {pool.things}. {name} picks one at "
            f"random, puts it back, and picks again. What is the probability of {first} and "
            f"then {second}?"
        )
        tex = rf"\frac{{{a}}}{{{total}}} \times \frac{{{b}}}{{{total}}} = {frac(answer)}"
        step = f"Putting it back keeps the chances the same: {m(tex)}"
        return Draft(prompt, answer, m(frac(answer)), step, (a, total, b, total), "independent")
    if rng.random() < 0.5:
        target = rng.randint(2, 12)
        ways = 6 - abs(7 - target)
        answer = Fraction(ways, 36)
        prompt = (
            f"{name} rolls two number cubes and adds the numbers. What is the probability "
            f"that the sum is {target}?"
        )
        step = f"{ways} of the 36 equally likely rolls add to {target}: {m(frac(answer))}"
        return Draft(prompt, answer, m(frac(answer)), step, (target,), "dice_sum")
    pool = rng.choice(contexts.POOLS)
    kind, other = rng.sample(pool.kinds, 2)
    favorable, rest = rng.randint(2, 10), rng.randint(2, 10)
    total = favorable + rest
    answer = Fraction(favorable, total) * Fraction(favorable - 1, total - 1)
    prompt = (
        f"{pool.holder} {favorable} {kind} and {rest} {other} {pool.things}. {name} picks two "
        f"at random without putting the first back. What is the probability both are {kind}?"
    )
    tex = (
        rf"\frac{{{favorable}}}{{{total}}} \times \frac{{{favorable - 1}}}{{{total - 1}}}"
        f" = {frac(answer)}"
    )
    step = f"After the first pick there is one fewer of each: {m(tex)}"
    return Draft(prompt, answer, m(frac(answer)), step, (favorable, total), "no_replace")


COMPOUND_PROBABILITY = Generator(
    "7.SP.C.8a",
    "Compound probability",
    (Bounds(1, 6), Bounds(1, 12), Bounds(1, 20)),
    _compound,
)

# 6.SP.B.5c-center -----------------------------------------------------------------------


def _center(rng: random.Random, difficulty: int) -> Draft:
    operation = rng.choice(("mean", "median"))
    low, high = {1: (1, 20), 2: (1, 60)}.get(difficulty, (10, 100))
    if operation == "mean":
        # Counts of 4, 5, 8 and 10 give a mean that ends (no repeating decimals).
        count = {1: 5, 2: rng.choice((4, 5, 8))}.get(difficulty, rng.choice((8, 10)))
    else:
        count = {1: 5, 2: 6}.get(difficulty, rng.choice((8, 9, 10)))
    while True:
        values = [rng.randint(low, high) for _ in range(count)]
        if difficulty > 1 or sum(values) % count == 0:  # whole-number means at first
            break
    ordered = sorted(values)
    if operation == "mean":
        answer = exact(Fraction(sum(values), count))
        step = f"Add them: the sum is {m(str(sum(values)))}. Divide by {count}: " + m(
            rf"{sum(values)} \div {count} = {num(answer)}"
        )
    else:
        middle = count // 2
        if count % 2:
            answer = ordered[middle]
            how = f"the middle value is {m(str(answer))}"
        else:
            answer = exact(Fraction(ordered[middle - 1] + ordered[middle], 2))
            pair = rf"\frac{{{ordered[middle - 1]} + {ordered[middle]}}}{{2}} = {num(answer)}"
            how = f"the median is halfway between the two middle values: {m(pair)}"
        step = f"In order: {', '.join(map(str, ordered))}. So {how}"
    what = rng.choice(contexts.DATA_SETS).format(name=contexts.name(rng))
    prompt = f"Here are the {what}: {', '.join(map(str, values))}. What is the {operation}?"
    return Draft(prompt, answer, m(num(answer)), step, tuple(values), operation)


CENTER = Generator(
    "6.SP.B.5c-center",
    "Mean and median",
    (Bounds(1, 20), Bounds(1, 60), Bounds(10, 100)),
    _center,
)
