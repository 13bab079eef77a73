"""Every practice generator, by skill code. A new generator is its module plus one line here."""

from __future__ import annotations

from mathroom.domain.errors import ValidationError
from mathroom.domain.practice import (
    chance,
    decimals,
    equations,
    expressions,
    fraction_ops,
    geometry,
    integers,
    order_of_operations,
    percents,
    rationals,
    ratios,
    whole_numbers,
)
from mathroom.domain.practice.problem import Generator, Problem

GENERATORS: tuple[Generator, ...] = (
    whole_numbers.MULTIPLY,
    whole_numbers.LONG_DIVISION,
    decimals.ADD_DECIMALS,
    decimals.MULTIPLY_DECIMALS,
    decimals.DIVIDE_DECIMALS,
    order_of_operations.ORDER_OF_OPERATIONS,
    whole_numbers.GCF_LCM,
    fraction_ops.EQUIVALENT,
    fraction_ops.MIXED_IMPROPER,
    fraction_ops.UNLIKE,
    fraction_ops.MIXED_NUMBERS,
    fraction_ops.MULTIPLY_FRACTIONS,
    fraction_ops.MULTIPLY_MIXED,
    fraction_ops.DIVIDE_FRACTIONS,
    ratios.RATIO_TABLE,
    ratios.UNIT_RATE,
    percents.PERCENT_OF,
    ratios.FRACTION_RATE,
    ratios.CONSTANT,
    ratios.EQUATION,
    percents.PERCENT_CHANGE,
    percents.MONEY_PERCENT,
    rationals.COMPARE,
    rationals.ABSOLUTE_VALUE,
    rationals.ADD_RATIONALS,
    integers.ADD_INTEGERS,
    integers.SUBTRACT_INTEGERS,
    integers.MULTIPLY_INTEGERS,
    integers.DIVIDE_INTEGERS,
    rationals.TO_DECIMAL,
    expressions.EVALUATE,
    equations.ONE_STEP,
    expressions.EXPAND,
    expressions.COMBINE,
    equations.TWO_STEP,
    equations.INEQUALITY,
    geometry.CIRCLE_AREA,
    geometry.CIRCUMFERENCE,
    geometry.ANGLES,
    geometry.COMPOSITE_AREA,
    geometry.PRISM_VOLUME,
    geometry.BOX_VOLUME,
    chance.CENTER,
    chance.SIMPLE_PROBABILITY,
    chance.COMPOUND_PROBABILITY,
)
"""In the skill map's teaching order."""

_BY_CODE = {generator.skill_code: generator for generator in GENERATORS}


def skill_codes() -> tuple[str, ...]:
    """Codes that have a generator, in teaching order."""
    return tuple(generator.skill_code for generator in GENERATORS)


def has_generator(code: str) -> bool:
    return code in _BY_CODE


def generator_for(code: str) -> Generator:
    """The generator for a skill code; a ValidationError names an unknown code."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise ValidationError("skill_code", f"no practice generator for {code!r}") from None


def make_problem(code: str, seed: int, difficulty: int) -> Problem:
    """One problem; the same code, seed and difficulty always give the same problem."""
    return generator_for(code).make(seed, difficulty)
