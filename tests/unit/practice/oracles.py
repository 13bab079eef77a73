"""Independent answer checks, one per skill: recompute from ``numbers``, ``operation`` and the
math the student reads, never with the generators' own code."""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice.problem import Problem
from tests.unit.practice.mathcheck import (
    evaluate,
    holds,
    math_segments,
    shows_pi,
    split_relation,
)

F = Fraction
Oracle = Callable[[Problem], None]
ORACLES: dict[str, Oracle] = {}


def oracle(*codes: str) -> Callable[[Oracle], Oracle]:
    def register(check: Oracle) -> Oracle:
        for code in codes:
            ORACLES[code] = check
        return check

    return register


def values(p: Problem) -> list[Fraction]:
    return [F(v) for v in p.numbers]


def same(p: Problem, expected: Fraction | int) -> None:
    assert isinstance(p.answer, int | Fraction | Decimal), p
    assert F(p.answer) == expected, f"{p.skill_code}: {p.answer} != {expected} for {p}"


def last_math(p: Problem) -> str:
    return math_segments(p.prompt)[-1]


def variable_of(text: str) -> str:
    match = re.match(r"\$([A-Za-z]) ", text)
    assert match, text
    return match.group(1)


def equation_holds(p: Problem, value: Fraction) -> None:
    """The prompt's equation is true when its variable is ``value``."""
    left, relation, right = split_relation(last_math(p))
    assert relation == "="
    v = variable_of(p.answer_text)
    assert evaluate(left, **{v: value}) == evaluate(right, **{v: value}), p


def half_up_cents(value: Fraction) -> Fraction:
    return F(math.floor(value * 100 + F(1, 2)), 100)


# Whole numbers, decimals, order of operations, factors ----------------------------------


@oracle("4.NBT.B.5")
def _multiply(p: Problem) -> None:
    a, b = values(p)
    same(p, a * b)


@oracle("6.NS.B.2")
def _long_division(p: Problem) -> None:
    dividend, divisor = values(p)
    same(p, dividend / divisor)
    if (dividend / divisor).denominator == 1:
        assert isinstance(p.answer, int)


@oracle("6.NS.B.3-add")
def _add_decimals(p: Problem) -> None:
    a, b = values(p)
    same(p, a + b if p.operation == "+" else a - b)
    assert isinstance(p.answer, Decimal) and p.answer > 0


@oracle("6.NS.B.3-mul")
def _multiply_decimals(p: Problem) -> None:
    a, b = values(p)
    same(p, a * b)


@oracle("6.NS.B.3-div")
def _divide_decimals(p: Problem) -> None:
    a, b = values(p)
    same(p, a / b)
    assert isinstance(p.answer, Decimal)


@oracle("5.OA.A.1")
def _order_of_operations(p: Problem) -> None:
    expression = last_math(p)
    same(p, evaluate(expression))
    shown = [int(n) for n in re.findall(r"(?<!\^\{)\b\d+", expression)]
    assert sorted(shown) == sorted(int(v) for v in p.numbers), p


@oracle("6.NS.B.4")
def _gcf_lcm(p: Problem) -> None:
    a, b = (int(v) for v in p.numbers)
    same(p, math.gcd(a, b) if p.operation == "gcf" else a * b // math.gcd(a, b))


# Fractions ------------------------------------------------------------------------------


@oracle("4.NF.A.1")
def _equivalent(p: Problem) -> None:
    expression = last_math(p)
    if p.operation == "simplify":
        a, b = values(p)
        same(p, a / b)
        assert evaluate(expression) == F(p.answer)
        return
    a, b, given = values(p)
    same(p, a * given / b if p.operation == "numerator" else b * given / a)
    left, _, right = split_relation(expression.replace("?", str(p.answer)))
    assert evaluate(left) == evaluate(right), p


@oracle("4.NF.B.3b")
def _mixed_improper(p: Problem) -> None:
    (value,) = values(p)
    same(p, value)
    assert evaluate(math_segments(p.prompt)[0]) == value
    if p.operation == "to_mixed":
        assert re.fullmatch(r"\$\d+\\frac\{\d+\}\{\d+\}\$", p.answer_text), p.answer_text
    else:
        assert re.fullmatch(r"\$\\frac\{\d+\}\{\d+\}\$", p.answer_text), p.answer_text


@oracle("5.NF.A.1-unlike", "5.NF.A.1-mixed", "7.NS.A.1-rat")
def _add_fractions(p: Problem) -> None:
    x, y = values(p)
    same(p, x + y if p.operation == "+" else x - y)
    if p.skill_code != "7.NS.A.1-rat":
        assert x.denominator != y.denominator or p.skill_code.endswith("mixed")
        assert F(p.answer) > 0


@oracle("5.NF.B.4a", "5.NF.B.6")
def _multiply_fractions(p: Problem) -> None:
    x, y = values(p)
    same(p, x * y)


@oracle("6.NS.A.1")
def _divide_fractions(p: Problem) -> None:
    x, y = values(p)
    same(p, x / y)


# Integers and rational numbers ----------------------------------------------------------


@oracle("6.NS.C.7c")
def _absolute_value(p: Problem) -> None:
    got = values(p)
    expected = {
        "abs": lambda: abs(got[0]),
        "abs_sum": lambda: abs(got[0]) + abs(got[1]),
        "abs_diff": lambda: abs(got[0]) - abs(got[1]),
        "abs_of_diff": lambda: abs(got[0] - got[1]),
    }[p.operation]()
    same(p, expected)


@oracle("6.NS.C.7a")
def _compare(p: Problem) -> None:
    a, b = values(p)
    assert p.answer == ("<" if a < b else ">" if a > b else "=")
    left, relation, right = split_relation(math_segments(p.answer_text)[0])
    assert evaluate(left) == a and evaluate(right) == b
    assert relation == p.answer and holds(a, relation, b)


@oracle("7.NS.A.1b")
def _add_integers(p: Problem) -> None:
    same(p, sum(values(p)))
    assert min(values(p)) < 0


@oracle("7.NS.A.1c")
def _subtract_integers(p: Problem) -> None:
    a, b = values(p)
    same(p, a - b)


@oracle("7.NS.A.2a")
def _multiply_integers(p: Problem) -> None:
    same(p, math.prod(values(p)))


@oracle("7.NS.A.2b")
def _divide_integers(p: Problem) -> None:
    a, b = values(p)
    same(p, a / b)
    assert isinstance(p.answer, int)


@oracle("7.NS.A.2d")
def _to_decimal(p: Problem) -> None:
    (value,) = values(p)
    same(p, value)
    assert isinstance(p.answer, Decimal)


# Ratios and percent ---------------------------------------------------------------------


@oracle("6.RP.A.3a")
def _ratio_table(p: Problem) -> None:
    a, b, given = values(p)
    same(p, given * b / a if p.operation == "second" else given * a / b)
    assert isinstance(p.answer, int) and p.prompt.count("?") == 1


@oracle("6.RP.A.3b")
def _unit_rate(p: Problem) -> None:
    total, count = values(p)
    same(p, total / count)
    if p.operation == "price":
        assert p.answer_text.startswith(r"\$")


@oracle("7.RP.A.1")
def _fraction_rate(p: Problem) -> None:
    amount, time = values(p)
    same(p, amount / time)


@oracle("7.RP.A.2b")
def _constant(p: Problem) -> None:
    got = values(p)
    ratios = {y / x for x, y in zip(got[::2], got[1::2], strict=True)}
    assert len(ratios) == 1, p
    same(p, ratios.pop())


@oracle("7.RP.A.2c")
def _write_equation(p: Problem) -> None:
    x, y = values(p)
    assert isinstance(p.answer, str)
    match = re.fullmatch(r"y = (\d+(?:\.\d+)?)x", p.answer)
    assert match, p.answer
    assert F(Decimal(match.group(1))) == y / x
    assert p.answer_text == f"${p.answer}$"


@oracle("6.RP.A.3c-part")
def _percent_of(p: Problem) -> None:
    percent, whole = values(p)
    same(p, percent * whole / 100)


@oracle("7.RP.A.3-pct-change")
def _percent_change(p: Problem) -> None:
    old, new = values(p)
    change = (new - old) / old * 100
    assert p.operation == ("increase" if change > 0 else "decrease")
    same(p, abs(change))
    match = re.fullmatch(r"(\d+(?:\.\d+)?)% (increase|decrease)", p.answer_text)
    assert match and F(Decimal(match.group(1))) == abs(change) and match.group(2) == p.operation


@oracle("7.RP.A.3-tax")
def _money_percent(p: Problem) -> None:
    price, rate = values(p)
    sign = -1 if p.operation == "discount" else 1
    exact = price * (100 + sign * rate) / 100
    same(p, half_up_cents(exact))
    assert ("Round to the nearest cent." in p.prompt) == (exact != half_up_cents(exact))


# Expressions and equations --------------------------------------------------------------

_SIMPLEST = re.compile(r"-?(\d+|\\frac\{\d+\}\{\d+\})?[a-z]( [+-] \d+)?|-?\d+")


def _equivalent_expressions(p: Problem) -> tuple[str, str]:
    """The answer and its variable, after checking it equals the prompt's expression for
    several values and is in simplest form."""
    assert isinstance(p.answer, str) and _SIMPLEST.fullmatch(p.answer), p.answer
    shown = re.sub(r"\\[a-z]+", "", last_math(p))  # commands aren't variables
    letters = set(re.findall(r"[a-z]", shown)) | set(re.findall(r"[a-z]", p.answer))
    assert len(letters) == 1, p
    (v,) = letters
    for trial in (F(0), F(1), F(-3), F(7, 2)):
        assert evaluate(last_math(p), **{v: trial}) == evaluate(p.answer, **{v: trial}), p
    return p.answer, v


@oracle("7.EE.A.1-simp")
def _combine(p: Problem) -> None:
    answer, v = _equivalent_expressions(p)
    a, b, c, d = values(p)
    constant = a * b + d if p.operation == "distribute" else b + d
    assert evaluate(answer, **{v: 0}) == constant
    assert evaluate(answer, **{v: 1}) - constant == a + c


@oracle("7.EE.A.1-expand")
def _expand(p: Problem) -> None:
    answer, v = _equivalent_expressions(p)
    a, b, c = values(p)
    assert evaluate(answer, **{v: 0}) == a * c
    assert evaluate(answer, **{v: 1}) == a * b + a * c


@oracle("6.EE.A.2c")
def _evaluate(p: Problem) -> None:
    given = {}
    for source in math_segments(p.prompt):
        match = re.fullmatch(r"([a-z]) = (-?\d+)", source)
        if match:
            given[match.group(1)] = F(int(match.group(2)))
    assert f"${p.operation}$" in p.prompt
    assert [given[k] for k in sorted(given)] == values(p)
    same(p, evaluate(p.operation, **given))


@oracle("6.EE.B.7")
def _one_step(p: Problem) -> None:
    answer = F(p.answer)
    equation_holds(p, answer)
    a, b = values(p)
    expected = {"add": b - a, "sub": b + a, "mul": b / a, "div": b * a}[p.operation]
    same(p, expected)


@oracle("7.EE.B.4a-solve")
def _two_step(p: Problem) -> None:
    answer = F(p.answer)
    equation_holds(p, answer)
    pp, q, r = values(p)
    expected = {"linear": (r - q) / pp, "over": (r - q) * pp, "grouped": r / pp - q}
    same(p, expected[p.operation])


@oracle("7.EE.B.4b")
def _inequality(p: Problem) -> None:
    assert isinstance(p.answer, str)
    match = re.fullmatch(r"([a-z]) (<|>|<=|>=) (-?\d+)", p.answer)
    assert match, p.answer
    v, solved, bound = match.group(1), match.group(2), F(int(match.group(3)))
    left, relation, right = split_relation(last_math(p))
    assert relation == p.operation.split()[1]
    assert evaluate(left, **{v: bound}) == evaluate(right, **{v: bound})
    for step in (F(1, 2), F(1), F(3), F(25)):
        for trial in (bound - step, bound, bound + step):
            truth = holds(evaluate(left, **{v: trial}), relation, evaluate(right, **{v: trial}))
            assert truth == holds(trial, solved, bound), (p, trial)


# Geometry -------------------------------------------------------------------------------


@oracle("7.G.B.4-area", "7.G.B.4-circum")
def _circle(p: Problem) -> None:
    measure, given, mode = p.operation.split("_")
    assert measure == ("area" if p.skill_code.endswith("area") else "circumference")
    (length,) = values(p)
    radius = length / 2 if given == "diameter" else length
    times_pi = radius * radius if measure == "area" else 2 * radius
    assert (mode == "pi") == shows_pi(p.answer_text)
    same(p, times_pi if mode == "pi" else times_pi * F("3.14"))
    assert (r"\pi" in p.prompt) and ("3.14" in p.prompt) == (mode == "3.14")


@oracle("7.G.B.5")
def _angles(p: Problem) -> None:
    got = values(p)
    if p.operation.endswith("_x"):
        slope_a, start_a, slope_b, start_b = got
        if p.operation == "vertical_x":
            x = (start_b - start_a) / (slope_a - slope_b)
        else:
            total = 90 if p.operation == "complement_x" else 180
            x = (total - start_a - start_b) / (slope_a + slope_b)
        same(p, x)
        assert slope_a * x + start_a > 0 and slope_b * x + start_b > 0
        return
    expected = {
        "complement": lambda: 90 - got[0],
        "supplement": lambda: 180 - got[0],
        "vertical": lambda: got[0],
        "around": lambda: 360 - got[0] - got[1],
    }[p.operation]()
    same(p, expected)
    assert expected > 0


@oracle("7.G.B.6-area")
def _composite_area(p: Problem) -> None:
    got = values(p)
    expected = {
        "two_rects": lambda: got[0] * got[1] + got[2] * got[3],
        "rect_minus_rect": lambda: got[0] * got[1] - got[2] * got[3],
        "rect_plus_triangle": lambda: got[0] * got[1] + got[2] * got[3] / 2,
        "rect_plus_semicircle": lambda: got[0] * got[1] + F("3.14") * (got[1] / 2) ** 2 / 2,
    }[p.operation]()
    same(p, expected)
    if p.operation == "rect_minus_rect":
        assert got[2] < got[0] and got[3] < got[1]


@oracle("7.G.B.6-vol", "5.MD.C.5b")
def _volume(p: Problem) -> None:
    got = values(p)
    expected = {
        "rect_prism": lambda: math.prod(got),
        "tri_prism": lambda: got[0] * got[1] / 2 * got[2],
        "base_area": lambda: got[0] * got[1],
        "missing_height": lambda: got[0] / (got[1] * got[2]),
    }[p.operation]()
    same(p, expected)


# Statistics and probability -------------------------------------------------------------

_FACES = {
    "six": {6},
    "even": {2, 4, 6},
    "odd": {1, 3, 5},
    "gt4": {5, 6},
    "lt3": {1, 2},
    "mult3": {3, 6},
    "gt1": {2, 3, 4, 5, 6},
}


@oracle("7.SP.C.7a")
def _simple(p: Problem) -> None:
    counts = [int(v) for v in p.numbers]
    way, *which = p.operation.split(":")
    picked = [int(i) for i in which]
    if way == "one":
        favorable = counts[picked[0]]
    elif way == "not":
        favorable = sum(counts) - counts[picked[0]]
    else:
        assert len(set(picked)) == 2
        favorable = sum(counts[i] for i in picked)
    same(p, F(favorable, sum(counts)))


@oracle("7.SP.C.8a")
def _compound(p: Problem) -> None:
    got = [int(v) for v in p.numbers]
    if p.operation.startswith("coin_cube:"):
        faces = _FACES[p.operation.split(":")[1]]
        assert got == [1, 2, len(faces), 6]
        same(p, F(1, 2) * F(len(faces), 6))
    elif p.operation == "independent":
        same(p, F(got[0], got[1]) * F(got[2], got[3]))
    elif p.operation == "dice_sum":
        rolls = list(itertools.product(range(1, 7), repeat=2))
        same(p, F(sum(1 for a, b in rolls if a + b == got[0]), len(rolls)))
    else:
        favorable, total = got
        items = [True] * favorable + [False] * (total - favorable)
        pairs = list(itertools.permutations(range(total), 2))
        both = sum(1 for i, j in pairs if items[i] and items[j])
        same(p, F(both, len(pairs)))


@oracle("6.SP.B.5c-center")
def _center(p: Problem) -> None:
    data = values(p)
    same(p, statistics.mean(data) if p.operation == "mean" else statistics.median(data))


# The gap-filling generators register their checks on import.
from tests.unit.practice import oracles_gaps  # noqa: E402, F401
