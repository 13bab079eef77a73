"""Drawing exact random values from a generator's own ``random.Random``."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction


def decimal(rng: random.Random, low: int, high: int, places: int) -> Decimal:
    """A decimal in [low, high] with exactly ``places`` places whose last digit isn't 0."""
    scale = 10**places
    while True:
        units = rng.randint(low * scale, high * scale)
        if places == 0 or units % 10:
            return Decimal(units).scaleb(-places)


def nonzero(rng: random.Random, low: int, high: int) -> int:
    """An integer in [low, high] other than 0."""
    while True:
        value = rng.randint(low, high)
        if value:
            return value


def sign(rng: random.Random) -> int:
    return rng.choice((-1, 1))


def proper(rng: random.Random, denominators: Sequence[int]) -> Fraction:
    """A fraction strictly between 0 and 1, in lowest terms, with one of ``denominators``."""
    while True:
        denominator = rng.choice(denominators)
        numerator = rng.randint(1, denominator - 1)
        if math.gcd(numerator, denominator) == 1:
            return Fraction(numerator, denominator)


def mixed_number(
    rng: random.Random, wholes: tuple[int, int], denominators: Sequence[int]
) -> Fraction:
    """A whole number in ``wholes`` plus a proper fraction."""
    return rng.randint(*wholes) + proper(rng, denominators)
