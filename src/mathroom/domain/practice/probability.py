"""Probability: the 0-to-1 scale of likelihood, experimental probability from trials, and
counting sample spaces.

``numbers`` per skill: likelihood ``(p,)`` (a decimal or fraction, operation ``given``) or
``(favorable, total)`` (``counts``), answer one of ``LIKELIHOODS``; experimental
``(hits, trials)`` (``relative``: the relative frequency), ``(favorable, outcomes, trials)``
(``expect``: the expected count) or ``(faces, trials, hits)`` for a fair cube's face
(``versus``: hits minus the expected count); sample spaces: the number of choices at each
stage (``stages``), or ``(a, b, c)`` with one of the first stage's choices left out
(``without``).
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice import contexts
from mathroom.domain.practice.notation import frac, m, num
from mathroom.domain.practice.problem import Bounds, Draft, Generator

LIKELIHOODS = ("impossible", "unlikely", "equally likely", "likely", "certain")


def likelihood(p: Fraction) -> str:
    """The word for a chance on the 0-to-1 scale."""
    if p == 0:
        return "impossible"
    if p == 1:
        return "certain"
    if p == Fraction(1, 2):
        return "equally likely"
    return "unlikely" if p < Fraction(1, 2) else "likely"


# 7.SP.C.5 -------------------------------------------------------------------------------

_EVENTS = (
    "it rains tomorrow",
    "the bus is late",
    "{name} wins the raffle",
    "the spinner lands on blue",
    "the home team wins",
)


def _likelihood(rng: random.Random, difficulty: int) -> Draft:
    name = contexts.name(rng)
    choices = ", ".join(LIKELIHOODS[:-1]) + f" or {LIKELIHOODS[-1]}"
    if difficulty < 3:
        chance: Fraction | Decimal
        if difficulty == 1:
            chance = Decimal(rng.randint(0, 10)) / 10
        else:
            parts = rng.choice((4, 5, 6, 8, 10, 12))
            chance = Fraction(rng.randint(0, parts), parts)
        event = rng.choice(_EVENTS).format(name=name)
        shown = num(chance, as_mixed=False) if isinstance(chance, Decimal) else frac(chance)
        answer = likelihood(Fraction(chance))
        prompt = f"The probability that {event} is {m(shown)}. Is it {choices}?"
        step = _why(Fraction(chance), shown)
        return Draft(prompt, answer, answer.capitalize(), step, (chance,), "given")
    pool = rng.choice(contexts.POOLS)
    kind, other = rng.sample(pool.kinds, 2)
    favorable = rng.randint(0, 12)
    rest = rng.choice((0, favorable, rng.randint(1, 12)))
    total = favorable + rest
    if total == 0:
        rest, total = 3, favorable + 3
    rest_text = f" and {rest} {other}" if rest else ""
    chance = Fraction(favorable, total)
    answer = likelihood(chance)
    prompt = (
        f"{pool.holder} {favorable} {kind}{rest_text} {pool.things}. {name} picks one without "
        f"looking. Is picking {kind} {choices}?"
    )
    shown = rf"\frac{{{favorable}}}{{{total}}}" if 0 < favorable < total else str(chance)
    step = _why(chance, shown)
    return Draft(prompt, answer, answer.capitalize(), step, (favorable, total), "counts")


def _why(chance: Fraction, shown: str) -> str:
    word = likelihood(chance)
    if word in ("impossible", "certain"):
        return f"A probability of {m(shown)} means {word}"
    if word == "equally likely":
        return f"{m(shown)} is exactly one half: {word}"
    side = "less" if chance < Fraction(1, 2) else "more"
    return f"{m(shown)} is {side} than one half, so it is {word}"


LIKELIHOOD = Generator(
    "7.SP.C.5",
    "Probability from 0 to 1",
    (Bounds(0, 1, max_places=1), Bounds(0, 1, max_denominator=12), Bounds(0, 24)),
    _likelihood,
)

# 7.SP.C.6 -------------------------------------------------------------------------------

_SPINNERS = ("red", "blue", "green", "yellow")


def _experimental(rng: random.Random, difficulty: int) -> Draft:
    name = contexts.name(rng)
    if difficulty == 1:
        trials = rng.choice((10, 20, 25, 40, 50))
        hits = rng.randint(1, trials - 1)
        color = rng.choice(_SPINNERS)
        answer = Fraction(hits, trials)
        prompt = (
            f"{name} spins a spinner {trials} times. It lands on {color} {hits} times. "
            f"What is the experimental probability of {color}? Write it in simplest form."
        )
        tex = rf"\frac{{{hits}}}{{{trials}}}"
        if answer.denominator != trials:
            tex += f" = {frac(answer)}"
        step = f"Times it happened over all the spins: {m(tex)}"
        return Draft(prompt, answer, m(frac(answer)), step, (hits, trials), "relative")
    if difficulty == 2:
        outcomes = rng.choice((2, 4, 5, 6, 8, 10))
        favorable = rng.randint(1, outcomes - 1)
        trials = outcomes * rng.randint(5, 40)
        chance = Fraction(favorable, outcomes)
        expected = int(chance * trials)
        prompt = (
            f"A spinner has {outcomes} equal parts. {favorable} of them are blue. {name} "
            f"spins it {trials} times. About how many times should it land on blue?"
        )
        step = m(rf"{frac(chance)} \times {trials} = {expected}")
        return Draft(
            prompt, expected, m(str(expected)), step, (favorable, outcomes, trials), "expect"
        )
    face = rng.randint(1, 6)
    trials = 6 * rng.randint(5, 30)
    expected_rolls = trials // 6
    hits = max(0, expected_rolls + rng.randint(-12, 12))
    difference = hits - expected_rolls
    prompt = (
        f"{name} rolls a fair number cube {trials} times. It shows {face} on {hits} rolls. "
        f"How many more rolls is that than expected? Use a negative number for fewer."
    )
    sixth = rf"\frac{{1}}{{6}} \times {trials} = {expected_rolls}"
    step = f"Expected: {m(sixth)}. " + m(f"{hits} - {expected_rolls} = {difference}")
    return Draft(prompt, difference, m(str(difference)), step, (face, trials, hits), "versus")


EXPERIMENTAL = Generator(
    "7.SP.C.6",
    "Experimental probability",
    (Bounds(1, 50), Bounds(1, 400), Bounds(0, 180)),
    _experimental,
)

# 7.SP.C.8b ------------------------------------------------------------------------------

_STAGES = (
    ("flips a coin", 2),
    ("rolls a number cube", 6),
    ("spins a spinner with {n} colors", 0),
    ("picks one of {n} shirts", 0),
    ("picks one of {n} sandwiches", 0),
    ("draws one of {n} cards", 0),
)


def _sample_space(rng: random.Random, difficulty: int) -> Draft:
    name = contexts.name(rng)
    if difficulty < 3:
        chosen = rng.sample(_STAGES, 2 if difficulty == 1 else 3)
        counts = [size or rng.randint(2, 8) for _, size in chosen]
        acts = [words.format(n=n) for (words, _), n in zip(chosen, counts, strict=True)]
        done = ", ".join(acts[:-1]) + f"{',' if len(acts) > 2 else ''} and {acts[-1]}"
        answer = 1
        for n in counts:
            answer *= n
        prompt = f"{name} {done}. How many outcomes are in the sample space?"
        product = r" \times ".join(map(str, counts))
        step = f"Each choice pairs with every other: {m(f'{product} = {answer}')}"
        return Draft(prompt, answer, m(str(answer)), step, tuple(counts), "stages")
    a, b, c = rng.randint(3, 8), rng.randint(2, 6), rng.randint(2, 5)
    answer = (a - 1) * b * c
    prompt = (
        f"{name} has {a} shirts, {b} pairs of pants and {c} pairs of shoes. One shirt is "
        "too small. How many outfits of one shirt, pants and shoes can "
        f"{name} make without it?"
    )
    step = m(rf"{a - 1} \times {b} \times {c} = {answer}")
    return Draft(prompt, answer, m(str(answer)), step, (a, b, c), "without")


SAMPLE_SPACE = Generator(
    "7.SP.C.8b",
    "Sample spaces",
    (Bounds(2, 8), Bounds(2, 8), Bounds(2, 8)),
    _sample_space,
)
