"""Exact values written as the inline math the app's renderer draws (``$...$``).

Only a small LaTeX subset is used: ``\\frac``, mixed numbers as ``2\\frac{1}{2}``, ``^{2}``,
``\\times``, ``\\div``, ``\\cdot``, ``\\le``, ``\\ge``, ``\\pi``, ``^\\circ``, ``\\approx``.
Money is prose (``\\$4.50``), never math, so a dollar sign can't open a formula by mistake.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice.problem import Number

RELATIONS = {"<": "<", ">": ">", "<=": r"\le", ">=": r"\ge"}
"""Inequality signs as answer strings (keys) and as math (values)."""

FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}

CENT = Decimal("0.01")


def m(tex: str) -> str:
    """Inline math: ``$tex$``."""
    return f"${tex}$"


def dec(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: ``12.5``, ``0.75``, ``300``."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def frac(value: Fraction | int) -> str:
    """Lowest terms as ``\\frac{a}{b}`` (improper allowed), or a whole number."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def mixed(value: Fraction | int) -> str:
    """A mixed number ``2\\frac{1}{4}`` when the size is over 1, else as :func:`frac`."""
    value = Fraction(value)
    size = abs(value)
    if size.denominator == 1 or size < 1:
        return frac(value)
    whole, part = divmod(size.numerator, size.denominator)
    sign = "-" if value < 0 else ""
    return rf"{sign}{whole}\frac{{{part}}}{{{size.denominator}}}"


def num(value: Number, *, as_mixed: bool = True) -> str:
    """Any exact value as math text; fractions as mixed numbers unless ``as_mixed`` is off."""
    if isinstance(value, Decimal):
        return dec(value)
    if isinstance(value, Fraction):
        return mixed(value) if as_mixed else frac(value)
    return str(value)


def term(value: Number, *, as_mixed: bool = True) -> str:
    """A value to put after an operator: negatives in parentheses, ``(-3)``."""
    text = num(value, as_mixed=as_mixed)
    return f"({text})" if value < 0 else text


def money(value: Decimal) -> str:
    """Dollars and cents as prose: ``\\$1,250.00``, never inside math."""
    return rf"\${value.quantize(CENT):,}"


def linear(coefficient: Fraction | int, constant: Fraction | int, variable: str = "x") -> str:
    """``6x + 15``, ``-x - 3``, ``\\frac{1}{2}x``, ``12``: a linear expression, simplest form."""
    parts: list[str] = []
    if coefficient:
        size = abs(Fraction(coefficient))
        shown = "" if size == 1 else frac(size)
        parts.append(f"{'-' if coefficient < 0 else ''}{shown}{variable}")
    if constant or not parts:
        if parts:
            parts.append(f"{'-' if constant < 0 else '+'} {frac(abs(Fraction(constant)))}")
        else:
            parts.append(frac(constant))
    return " ".join(parts)


def signed_term(coefficient: int, variable: str = "") -> str:
    """A later term of a sum with its sign spaced out: ``+ 3x``, ``- x``, ``- 7``."""
    size = abs(coefficient)
    shown = "" if size == 1 and variable else str(size)
    return f"{'-' if coefficient < 0 else '+'} {shown}{variable}"


def first_term(coefficient: int, variable: str = "") -> str:
    """The leading term of a sum: ``3x``, ``-x``, ``-7``."""
    size = abs(coefficient)
    shown = "" if size == 1 and variable else str(size)
    return f"{'-' if coefficient < 0 else ''}{shown}{variable}"


def exact(value: Fraction) -> int | Decimal:
    """A whole number, or the exact decimal of a fraction whose denominator has only the
    prime factors 2 and 5 (the caller makes sure of that)."""
    if value.denominator == 1:
        return value.numerator
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest != 1:
        raise ValueError(f"{value} has no exact decimal")
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return Decimal((value * 10**places).numerator).scaleb(-places)


def same_kind(value: Fraction, *inputs: Number) -> Number:
    """An exact result in the kind of its inputs: a Decimal if any input is one, else an int
    when whole, else the Fraction."""
    if any(isinstance(v, Decimal) for v in inputs):
        return Decimal(exact(value))
    return value.numerator if value.denominator == 1 else value


def plural(count: Number, one: str, many: str) -> str:
    return one if count == 1 else many
