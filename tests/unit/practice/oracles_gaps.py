"""Independent answer checks for the generators that reach the skill map's former gaps:
recomputed from ``numbers`` and ``operation`` and the text the student reads."""

from __future__ import annotations

import itertools
import math
import re
import statistics
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice.problem import Problem
from tests.unit.practice.mathcheck import evaluate, math_segments
from tests.unit.practice.oracles import last_math, oracle, same, values

F = Fraction


def shown_in_prompt(p: Problem, *numbers: object) -> None:
    """Each number is written in the prompt (prose or math), so the student has it."""
    words = set(re.findall(r"-?\d+(?:\.\d+)?", p.prompt.replace(",", " ")))
    for number in numbers:
        text = format(number, "f") if isinstance(number, Decimal) else str(number)
        text = text.rstrip("0").rstrip(".") if "." in text else text
        assert text in words or text.lstrip("-") in words, (number, p.prompt)


def text_answer(p: Problem, expected: str) -> None:
    assert p.answer == expected, (p.answer, expected, p)


# Number sense ---------------------------------------------------------------------------


@oracle("5.NBT.A.3")
def _compare_decimals(p: Problem) -> None:
    a, b = values(p)
    text_answer(p, "<" if a < b else ">" if a > b else "=")
    assert [F(Decimal(s)) for s in math_segments(p.prompt)[:2]] == [a, b]


@oracle("4.OA.B.4")
def _factors(p: Problem) -> None:
    (n,) = (int(v) for v in p.numbers)
    count = sum(1 for d in range(1, n + 1) if n % d == 0)
    if p.operation == "count":
        same(p, count)
    else:
        text_answer(p, "prime" if count == 2 else "composite")
    shown_in_prompt(p, n)


@oracle("6.NS.C.5")
def _negatives(p: Problem) -> None:
    got = values(p)
    expected = {"write": lambda: got[0], "change": lambda: got[0] + got[1]}.get(
        p.operation, lambda: got[1] - got[0]
    )()
    same(p, expected)
    if p.operation == "change":
        assert ("rises" in p.prompt) == (got[1] > 0)


@oracle("7.NS.A.2c")
def _rational_product(p: Problem) -> None:
    a, b = values(p)
    same(p, a * b if p.operation == "multiply" else a / b)
    assert isinstance(p.answer, int | Fraction | Decimal)
    assert evaluate(last_math(p)) == F(p.answer)


@oracle("7.NS.A.3")
def _rational_story(p: Problem) -> None:
    start, change, times = values(p)
    same(p, start + change * times)
    shown_in_prompt(p, int(times))
    assert ("drops" in p.prompt or "goes down" in p.prompt) == (change < 0)


# Ratio reasoning ------------------------------------------------------------------------


def _ratio(text: str) -> tuple[int, int]:
    left, right = text.split(" : ")
    return int(left), int(right)


@oracle("6.RP.A.1")
def _ratio_language(p: Problem) -> None:
    a, b = (int(v) for v in p.numbers)
    if p.operation == "per_one":
        same(p, F(a, b))
        return
    assert isinstance(p.answer, str)
    left, right = _ratio(p.answer)
    assert math.gcd(left, right) == 1
    whole = b if p.operation == "part_part" else a + b
    assert F(left, right) == F(a, whole), p
    shown_in_prompt(p, a, b)


@oracle("6.RP.A.3c-whole")
def _percent_whole(p: Problem) -> None:
    part, percent = values(p)
    same(p, part / (percent / 100))
    shown_in_prompt(p, p.numbers[0], p.numbers[1])


@oracle("7.RP.A.2a")
def _recognize(p: Problem) -> None:
    got = values(p)
    ratios = {got[i + 1] / got[i] for i in range(0, 6, 2)}
    text_answer(p, "yes" if len(ratios) == 1 else "no")


@oracle("7.RP.A.2d")
def _interpret(p: Problem) -> None:
    got = values(p)
    rate = got[1] / got[0]
    same(p, rate if p.operation == "unit" else rate * got[2])


@oracle("7.RP.A.3-error")
def _percent_error(p: Problem) -> None:
    estimate, actual = values(p)
    same(p, abs(estimate - actual) / actual * 100)
    shown_in_prompt(p, int(estimate), int(actual))


@oracle("7.RP.A.3-interest")
def _interest(p: Problem) -> None:
    principal, rate, months = values(p)
    interest = principal * rate / 100 * months / 12
    same(p, interest if p.operation == "interest" else principal + interest)


# Expressions, equations and inequalities ------------------------------------------------

_MEANINGS = {
    "plus": lambda v, a, b: v + a,
    "minus": lambda v, a, b: v - a,
    "from": lambda v, a, b: a - v,
    "times": lambda v, a, b: a * v,
    "over": lambda v, a, b: v / a,
    "times_plus": lambda v, a, b: a * v + b,
    "times_minus": lambda v, a, b: a * v - b,
    "sum_times": lambda v, a, b: a * (v + b),
    "diff_times": lambda v, a, b: a * (v - b),
}


def _letter(p: Problem) -> str:
    assert isinstance(p.answer, str)
    letters: set[str] = set(
        re.findall(r"(?<!\\)\b[a-z]\b|(?<=\d)[a-z]", p.answer.replace(r"\div", "/"))
    )
    assert len(letters) == 1, p.answer
    return str(letters.pop())


@oracle("6.EE.A.2a")
def _write_expression(p: Problem) -> None:
    got = values(p)
    a, b = got[0], got[1] if len(got) > 1 else F(0)
    v = _letter(p)
    for trial in (F(0), F(2), F(-5), F(7, 3)):
        assert isinstance(p.answer, str)
        assert evaluate(p.answer, **{v: trial}) == _MEANINGS[p.operation](trial, a, b), p


@oracle("6.EE.A.3")
def _equivalent(p: Problem) -> None:
    assert isinstance(p.answer, str)
    v = _letter(p)
    for trial in (F(0), F(1), F(-3), F(7, 2)):
        assert evaluate(last_math(p), **{v: trial}) == evaluate(p.answer, **{v: trial}), p
    assert len(re.findall(r"[+-]", p.answer)) <= 1  # simplest form: at most two terms


@oracle("7.EE.A.1-factor")
def _factor(p: Problem) -> None:
    assert isinstance(p.answer, str)
    match = re.fullmatch(r"(-?\d+)\((.*)\)", p.answer)
    assert match, p.answer
    outside = int(match.group(1))
    a, b = (int(v) for v in p.numbers)
    assert abs(outside) == math.gcd(a, b)
    v = _letter(p)
    for trial in (F(0), F(1), F(-3), F(7, 2)):
        assert evaluate(last_math(p), **{v: trial}) == evaluate(p.answer, **{v: trial}), p


@oracle("7.EE.A.2")
def _rewrite(p: Problem) -> None:
    assert isinstance(p.answer, str)
    (percent,) = values(p)
    v = p.answer[-1]
    factor = 1 + percent / 100 if p.operation == "increase" else 1 - percent / 100
    assert evaluate(p.answer, **{v: 100}) == 100 * factor, p


@oracle("7.EE.B.3")
def _multistep(p: Problem) -> None:
    wage, percent, hours = values(p)
    total = wage * (1 + percent / 100) * hours
    same(p, F(math.floor(total * 100 + F(1, 2)), 100))
    assert ("nearest cent" in p.prompt) == ((total * 100).denominator != 1)


@oracle("7.EE.B.4a-word")
def _equation_story(p: Problem) -> None:
    pp, q, r = values(p)
    same(p, (r - q) / pp if p.operation == "px+q" else r / pp - q)


@oracle("6.EE.B.8")
def _write_inequality(p: Problem) -> None:
    assert isinstance(p.answer, str)
    match = re.fullmatch(r"([a-z]) (<|>|<=|>=) (\d+(?:\.\d)?)", p.answer)
    assert match, p.answer
    assert match.group(2) == p.operation and F(Decimal(match.group(3))) == values(p)[0]
    words = {
        ">=": ("at least", "no fewer"),
        "<=": ("at most", "no older"),
        ">": ("more than", "above"),
        "<": ("fewer than", "less than"),
    }[p.operation]
    assert any(w in p.prompt for w in words), p.prompt


# Measurement ----------------------------------------------------------------------------


@oracle("4.MD.A.3")
def _rectangle(p: Problem) -> None:
    x, y = values(p)
    same(
        p,
        {
            "area": x * y,
            "perimeter": 2 * (x + y),
            "side_from_area": x / y,
            "side_from_perimeter": x / 2 - y,
        }[p.operation],
    )
    shown_in_prompt(p, int(x), int(y))


@oracle("4.MD.C.7")
def _add_angles(p: Problem) -> None:
    got = values(p)
    expected = {
        "sum": lambda: got[0] + got[1],
        "missing": lambda: got[0] - got[1],
        "third": lambda: got[0] - got[1] - got[2],
    }[p.operation]()
    same(p, expected)
    assert 0 < expected < 180 or p.operation == "sum"


@oracle("6.G.A.1")
def _polygon_area(p: Problem) -> None:
    got = values(p)
    if p.operation == "trapezoid":
        same(p, (got[0] + got[1]) * got[2] / 2)
    else:
        same(p, got[0] * got[1] / (2 if p.operation == "triangle" else 1))


@oracle("6.G.A.2")
def _fraction_volume(p: Problem) -> None:
    same(p, math.prod(values(p)))
    assert [evaluate(s) for s in math_segments(p.prompt)] == values(p)


@oracle("7.G.A.1")
def _scale(p: Problem) -> None:
    got = values(p)
    drawn, actual = got[0], got[1]
    assert drawn == 1
    same(
        p,
        {
            "actual": lambda: got[2] * actual,
            "drawing": lambda: got[2] / actual,
            "area": lambda: got[2] * actual * got[3] * actual,
        }[p.operation](),
    )


@oracle("7.G.B.6-sa")
def _surface_area(p: Problem) -> None:
    got = values(p)
    if p.operation == "cube":
        same(p, 6 * got[0] ** 2)
    elif p.operation == "box":
        length, width, height = got
        same(p, 2 * (length * width + length * height + width * height))
    else:
        a, b, c, length = got
        assert a * a + b * b == c * c
        same(p, a * b + (a + b + c) * length)


# Statistics and probability -------------------------------------------------------------


def _iqr(data: list[Fraction]) -> Fraction:
    ordered = sorted(data)
    half = len(ordered) // 2
    return statistics.median(ordered[-half:]) - statistics.median(ordered[:half])


@oracle("6.SP.B.4")
def _dot_plot(p: Problem) -> None:
    got = [int(v) for v in p.numbers]
    pairs = list(zip(got[::2], got[1::2], strict=True))
    data = [v for v, c in pairs for _ in range(c)]
    kind, *rest = p.operation.split(":")
    if kind == "count":
        same(p, len(data))
    elif kind == "mode":
        same(p, statistics.mode(data))
    elif kind == "above":
        same(p, sum(1 for v in data if v > int(rest[0])))
    else:
        same(p, F(statistics.median(data)))


@oracle("6.SP.B.5c-spread")
def _spread(p: Problem) -> None:
    data = values(p)
    if p.operation == "iqr":
        same(p, _iqr(data))
    else:
        mean = statistics.mean(data)
        same(p, statistics.mean([abs(v - mean) for v in data]))
    shown_in_prompt(p, *(int(v) for v in data))


@oracle("7.SP.A.1")
def _samples(p: Problem) -> None:
    fair = "at random" in p.prompt
    text_answer(p, "random" if fair else "biased")
    assert p.operation.split(":")[0] == p.answer


@oracle("7.SP.A.2")
def _predict(p: Problem) -> None:
    count, sample, population = values(p)
    share = count / sample if p.operation == "yes" else (sample - count) / sample
    same(p, share * population)
    assert ("not" in p.prompt.split("students.")[-1]) == (p.operation == "no")


@oracle("7.SP.B.3")
def _overlap(p: Problem) -> None:
    mean_a, mean_b, mad = values(p)
    same(p, (mean_b - mean_a) / mad)


@oracle("7.SP.B.4")
def _compare_groups(p: Problem) -> None:
    data = values(p)
    a, b = data[:5], data[5:]
    if p.operation == "median":
        same(p, F(statistics.median(a)) - F(statistics.median(b)))
    else:
        same(p, F(sum(a), len(a)) - F(sum(b), len(b)))


@oracle("7.SP.C.5")
def _likelihood(p: Problem) -> None:
    got = values(p)
    chance = got[0] if p.operation == "given" else got[0] / got[1]
    expected = (
        "impossible"
        if chance == 0
        else "certain"
        if chance == 1
        else "equally likely"
        if chance == F(1, 2)
        else "unlikely"
        if chance < F(1, 2)
        else "likely"
    )
    text_answer(p, expected)


@oracle("7.SP.C.6")
def _experimental(p: Problem) -> None:
    got = values(p)
    if p.operation == "relative":
        same(p, got[0] / got[1])
    elif p.operation == "expect":
        same(p, got[0] / got[1] * got[2])
    else:
        face, trials, hits = got
        rolls = itertools.product(range(1, 7))
        expected = trials * F(sum(1 for (r,) in rolls if r == face), 6)
        same(p, hits - expected)


@oracle("7.SP.C.8b")
def _sample_space(p: Problem) -> None:
    got = [int(v) for v in p.numbers]
    if p.operation == "stages":
        same(p, len(list(itertools.product(*(range(n) for n in got)))))
    else:
        a, b, c = got
        same(p, (a - 1) * b * c)


# Number lines and the coordinate plane --------------------------------------------------


@oracle("6.NS.C.6c-line")
def _number_line(p: Problem) -> None:
    a, b = values(p)
    expected = {"right": a + b, "left": a - b, "midpoint": (a + b) / 2}[p.operation]
    same(p, expected)
    if p.operation == "midpoint":
        assert min(a, b) < 0 < max(a, b)  # across zero: the harder case


@oracle("6.NS.C.6c-plane")
def _plane(p: Problem) -> None:
    got = [int(v) for v in p.numbers]
    if p.operation == "quadrant":
        x, y = got
        angle_side = {(True, True): "I", (False, True): "II", (False, False): "III"}
        text_answer(p, angle_side.get((x > 0, y > 0), "IV"))
    elif p.operation.startswith("reflect_"):
        x, y = got
        image = (x, -y) if p.operation == "reflect_x" else (-x, y)
        text_answer(p, f"({image[0]}, {image[1]})")
    else:
        x1, y1, x2, y2 = got
        assert x1 == x2 or y1 == y2
        same(p, abs(x1 - x2) + abs(y1 - y2))
    assert math_segments(p.prompt)[0] == f"({got[0]}, {got[1]})"


# Triangles from conditions, cross sections and nets -------------------------------------


@oracle("7.G.A.2")
def _triangles(p: Problem) -> None:
    got = sorted(values(p))
    if p.operation == "sides":
        fits = got[0] + got[1] > got[2]
        words = ("yes", "no") if p.difficulty == 1 else ("one", "none")
        text_answer(p, words[0] if fits else words[1])
    else:
        text_answer(p, "many" if sum(got) == 180 else "none")
    shown_in_prompt(p, *(int(v) for v in p.numbers))


@oracle("7.G.A.3")
def _cross_section(p: Problem) -> None:
    got = values(p)
    expected = {
        "box_base": lambda: got[0] * got[1],
        "box_side": lambda: got[0] * got[2],
        "pyramid_vertical": lambda: got[0] * got[1] / 2,
        "pyramid_half": lambda: (got[0] / 2) ** 2,
    }[p.operation]()
    same(p, expected)


@oracle("6.G.A.4")
def _net(p: Problem) -> None:
    got = values(p)
    if p.operation == "cube":
        same(p, 6 * got[0] ** 2)
    elif p.operation == "box":
        length, width, height = got
        same(p, 2 * (length * width + length * height + width * height))
    else:
        side, slant = got
        same(p, side * side + 4 * side * slant / 2)
