"""Every practice generator, by skill code. A new generator is its module plus one line here."""

from __future__ import annotations

from collections.abc import Sequence

from mathroom.domain.errors import ValidationError
from mathroom.domain.practice import (
    algebra_words,
    chance,
    decimals,
    equations,
    expressions,
    fraction_ops,
    geometry,
    integers,
    measurement,
    number_line,
    number_sense,
    order_of_operations,
    percents,
    probability,
    ratio_reasoning,
    rationals,
    ratios,
    solids,
    statistics,
    whole_numbers,
)
from mathroom.domain.practice.problem import Generator, Problem

GENERATORS: tuple[Generator, ...] = (
    whole_numbers.MULTIPLY,
    number_sense.COMPARE_DECIMALS,
    whole_numbers.LONG_DIVISION,
    decimals.ADD_DECIMALS,
    decimals.DIVIDE_DECIMALS,
    decimals.MULTIPLY_DECIMALS,
    number_sense.FACTORS,
    order_of_operations.ORDER_OF_OPERATIONS,
    whole_numbers.GCF_LCM,
    fraction_ops.EQUIVALENT,
    fraction_ops.MIXED_IMPROPER,
    fraction_ops.MIXED_NUMBERS,
    fraction_ops.UNLIKE,
    fraction_ops.MULTIPLY_FRACTIONS,
    fraction_ops.MULTIPLY_MIXED,
    fraction_ops.DIVIDE_FRACTIONS,
    ratio_reasoning.RATIO_LANGUAGE,
    ratios.RATIO_TABLE,
    ratios.UNIT_RATE,
    percents.PERCENT_OF,
    ratio_reasoning.PERCENT_WHOLE,
    ratios.FRACTION_RATE,
    ratio_reasoning.RECOGNIZE,
    ratios.CONSTANT,
    ratios.EQUATION,
    ratio_reasoning.INTERPRET,
    ratio_reasoning.PERCENT_ERROR,
    ratio_reasoning.INTEREST,
    percents.PERCENT_CHANGE,
    percents.MONEY_PERCENT,
    number_sense.NEGATIVES,
    number_line.NUMBER_LINE,
    number_line.PLANE,
    rationals.COMPARE,
    rationals.ABSOLUTE_VALUE,
    rationals.ADD_RATIONALS,
    integers.ADD_INTEGERS,
    integers.SUBTRACT_INTEGERS,
    integers.MULTIPLY_INTEGERS,
    integers.DIVIDE_INTEGERS,
    number_sense.RATIONAL_PRODUCT,
    rationals.TO_DECIMAL,
    number_sense.RATIONAL_STORY,
    algebra_words.WRITE_EXPRESSION,
    expressions.EVALUATE,
    algebra_words.EQUIVALENT,
    equations.ONE_STEP,
    algebra_words.WRITE_INEQUALITY,
    expressions.EXPAND,
    algebra_words.FACTOR,
    expressions.COMBINE,
    algebra_words.REWRITE,
    algebra_words.MULTISTEP,
    equations.TWO_STEP,
    algebra_words.EQUATION_STORY,
    equations.INEQUALITY,
    measurement.POLYGON_AREA,
    measurement.FRACTION_VOLUME,
    solids.NET,
    measurement.SCALE,
    solids.TRIANGLES,
    solids.CROSS_SECTION,
    geometry.CIRCLE_AREA,
    geometry.CIRCUMFERENCE,
    geometry.ANGLES,
    geometry.COMPOSITE_AREA,
    measurement.SURFACE_AREA,
    geometry.PRISM_VOLUME,
    measurement.RECTANGLE,
    measurement.ADD_ANGLES,
    geometry.BOX_VOLUME,
    statistics.DOT_PLOT,
    chance.CENTER,
    statistics.SPREAD,
    statistics.SAMPLES,
    statistics.PREDICT,
    statistics.OVERLAP,
    statistics.COMPARE_GROUPS,
    probability.LIKELIHOOD,
    probability.EXPERIMENTAL,
    chance.SIMPLE_PROBABILITY,
    chance.COMPOUND_PROBABILITY,
    probability.SAMPLE_SPACE,
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


def focus_refusal(codes: Sequence[str]) -> str | None:
    """The one message every place that takes a practice focus shows for codes without
    practice, or None when each code has a generator."""
    missing = [code for code in dict.fromkeys(codes) if not has_generator(code)]
    if not missing:
        return None
    return f"no practice problems exist for {', '.join(missing)} yet"


def check_focus(codes: Sequence[str], field: str = "focus") -> None:
    """Refuse a focus naming a skill without a generator (ValidationError on ``field``)."""
    problem = focus_refusal(codes)
    if problem is not None:
        raise ValidationError(field, problem)


def make_problem(code: str, seed: int, difficulty: int) -> Problem:
    """One problem; the same code, seed and difficulty always give the same problem."""
    return generator_for(code).make(seed, difficulty)
