"""Statistics: reading dot plots, spread (IQR and MAD), random samples, predicting from a
sample, and comparing two groups by center and spread.

``numbers`` per skill: dot plot ``(v1, c1, v2, c2, ...)`` (each value and its number of
dots) with operation ``count``, ``mode``, ``above:k`` (how many values are greater than k)
or ``median``; spread: the data, with operation ``iqr`` or ``mad``; random samples
``(sample, population)`` with operation ``random:<i>`` or ``biased:<i>`` (the method's
place in ``RANDOM_METHODS`` or ``BIASED_METHODS``), answer ``random`` or ``biased``; predict
``(count, sample, population)`` with operation ``yes`` or ``no`` (the answer counts those
who said no); overlap ``(mean_a, mean_b, mad)``, the answer the gap in MADs; compare
groups: group A's five values then group B's, with operation ``median`` or ``mean``, the
answer A's center minus B's.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.practice import contexts
from mathroom.domain.practice.notation import exact, m, num
from mathroom.domain.practice.problem import Bounds, Draft, Generator


def _median(values: list[int]) -> Fraction:
    ordered = sorted(values)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[half])
    return Fraction(ordered[half - 1] + ordered[half], 2)


# 6.SP.B.4 -------------------------------------------------------------------------------

_DOT_PLOTS = (
    "how many pets each student in a class has",
    "how many books each student read last month",
    "the number of goals scored in each soccer game",
    "how many siblings each student has",
    "the number of hours each student slept",
)


def _dots(count: int) -> str:
    return {0: "no dots", 1: "1 dot"}.get(count, f"{count} dots")


def _dot_plot(rng: random.Random, difficulty: int) -> Draft:
    start = rng.randint(0, 5) if difficulty < 3 else rng.randint(3, 10)
    width = {1: 4, 2: 5}.get(difficulty, 6)
    while True:
        counts = [rng.randint(0, 3 + 2 * difficulty) for _ in range(width)]
        if sum(counts) >= 5 and counts.count(max(counts)) == 1:
            break
    pairs = [(start + i, c) for i, c in enumerate(counts)]
    data = [v for v, c in pairs for _ in range(c)]
    operation = {1: rng.choice(("count", "mode")), 2: rng.choice(("mode", "above"))}.get(
        difficulty, "median"
    )
    listing = ", ".join(f"{_dots(c)} above {v}" for v, c in pairs)
    prompt = f"A dot plot shows {rng.choice(_DOT_PLOTS)}. It has {listing}."
    if operation == "count":
        answer: int | Decimal = len(data)
        prompt += " How many data values are there?"
        step = f"Add the dots: {m(' + '.join(str(c) for c in counts) + f' = {answer}')}"
    elif operation == "mode":
        answer = max(pairs, key=lambda pair: pair[1])[0]
        prompt += " What is the mode?"
        step = f"The tallest stack is above {m(str(answer))}, with {max(counts)} dots"
    elif operation == "above":
        k = rng.randint(start, start + width - 2)
        answer = sum(1 for v in data if v > k)
        operation = f"above:{k}"
        prompt += f" How many values are greater than {k}?"
        shown = [str(c) for v, c in pairs if v > k]
        step = f"Add the dots to the right of {k}: {m(' + '.join(shown) + f' = {answer}')}"
    else:
        answer = exact(_median(data))
        where = "middle value is" if len(data) % 2 else "two middle values give"
        step = f"There are {len(data)} dots. Counting from the left, the {where} {m(num(answer))}"
        prompt += " What is the median?"
    numbers = tuple(x for pair in pairs for x in pair)
    return Draft(prompt, answer, m(num(answer)), step, numbers, operation)


DOT_PLOT = Generator(
    "6.SP.B.4",
    "Dot plots, histograms, box plots",
    (Bounds(0, 8), Bounds(0, 13), Bounds(0, 15)),
    _dot_plot,
)

# 6.SP.B.5c-spread -----------------------------------------------------------------------


def _spread(rng: random.Random, difficulty: int) -> Draft:
    operation = rng.choice(("iqr", "mad"))
    top = {1: 20, 2: 50}.get(difficulty, 100)
    if operation == "iqr":
        count = {1: 8, 2: rng.choice((7, 8))}.get(difficulty, rng.choice((9, 10, 11)))
        values = [rng.randint(1, top) for _ in range(count)]
        ordered = sorted(values)
        half = count // 2
        lower, upper = ordered[:half], ordered[-half:]
        q1, q3 = _median(lower), _median(upper)
        answer = exact(q3 - q1)
        step = (
            f"In order: {', '.join(map(str, ordered))}. The lower half's median is "
            f"{m(num(exact(q1)))} and the upper half's is {m(num(exact(q3)))}. "
            + m(f"{num(exact(q3))} - {num(exact(q1))} = {num(answer)}")
        )
        ask = "interquartile range (IQR)"
    else:
        count = {1: 4, 2: 5}.get(difficulty, rng.choice((8, 10)))
        while True:
            values = [rng.randint(1, top) for _ in range(count)]
            if sum(values) % count == 0:
                break
        mean = sum(values) // count
        distances = [abs(v - mean) for v in values]
        answer = exact(Fraction(sum(distances), count))
        step = (
            f"The mean is {m(str(mean))}. The distances from it are "
            f"{', '.join(map(str, distances))}, which add to {m(str(sum(distances)))}. "
            + m(rf"{sum(distances)} \div {count} = {num(answer)}")
        )
        ask = "mean absolute deviation (MAD)"
    what = rng.choice(contexts.DATA_SETS).format(name=contexts.name(rng))
    prompt = f"Here are the {what}: {', '.join(map(str, values))}. What is the {ask}?"
    return Draft(prompt, answer, m(num(answer)), step, tuple(values), operation)


SPREAD = Generator(
    "6.SP.B.5c-spread",
    "Measures of spread (IQR, MAD)",
    (Bounds(1, 20), Bounds(1, 50), Bounds(1, 100)),
    _spread,
)

# 7.SP.A.1 -------------------------------------------------------------------------------

RANDOM_METHODS = (
    "puts every student's name in a hat and draws {n} names at random",
    "has a computer pick {n} student ID numbers at random from the full list",
    "numbers every student and rolls number cubes at random to choose {n} of them",
)
BIASED_METHODS = (
    "asks the first {n} students in the lunch line",
    "asks {n} students who stay after school for sports practice",
    "asks {n} friends from the same math class",
    "puts a survey online and uses the first {n} students who answer",
    "asks {n} students in the library during lunch",
)
_QUESTIONS = (
    "how students get to school",
    "how many hours students sleep",
    "which after-school club students like best",
    "how much time students spend reading",
)


def _samples(rng: random.Random, difficulty: int) -> Draft:
    population = rng.randint(2, 9) * 100 if difficulty < 3 else rng.randint(300, 1200)
    n = rng.choice((10, 20, 25, 30, 40, 50)) if difficulty > 1 else rng.choice((10, 20, 30))
    fair = rng.random() < 0.5
    methods = RANDOM_METHODS if fair else BIASED_METHODS
    index = rng.randrange(len(methods))
    answer = "random" if fair else "biased"
    name = contexts.name(rng)
    prompt = (
        f"A school has {population} students. {name} wants to know "
        f"{rng.choice(_QUESTIONS)}. {name} {methods[index].format(n=n)}. Is this sample "
        "random or biased?"
    )
    step = (
        "Every student had the same chance to be picked, so the sample is random"
        if fair
        else "Not every student had the same chance to be picked, so the sample is biased"
    )
    return Draft(prompt, answer, answer.capitalize(), step, (n, population), f"{answer}:{index}")


SAMPLES = Generator(
    "7.SP.A.1",
    "Random samples",
    (Bounds(10, 900), Bounds(10, 900), Bounds(10, 1200)),
    _samples,
)

# 7.SP.A.2 -------------------------------------------------------------------------------

_FAVORITES = (
    ("want pizza for the class party", "do not want pizza"),
    ("walk to school", "do not walk to school"),
    ("play a musical instrument", "do not play an instrument"),
    ("have a pet dog", "do not have a pet dog"),
    ("would join a coding club", "would not join a coding club"),
)


def _predict(rng: random.Random, difficulty: int) -> Draft:
    sample = rng.choice({1: (10, 20), 2: (20, 25, 40, 50)}.get(difficulty, (40, 50, 60, 80)))
    while True:
        count = rng.randint(1, sample - 1)
        population = rng.randint(2, 12) * 100 if difficulty < 3 else rng.randint(4, 30) * 60
        if (Fraction(count, sample) * population).denominator == 1:
            break
    operation = "yes" if difficulty < 3 else rng.choice(("yes", "no"))
    favorite, other = rng.choice(_FAVORITES)
    share = Fraction(count if operation == "yes" else sample - count, sample)
    answer = int(share * population)
    ask = favorite if operation == "yes" else other
    prompt = (
        f"In a random sample of {sample} students, {count} {favorite}. The school has "
        f"{population} students. About how many of them {ask}?"
    )
    how = (
        f"{m(f'{sample} - {count} = {sample - count}')} of the sample do not. "
        if operation == "no"
        else ""
    )
    taken = count if operation == "yes" else sample - count
    step = how + m(rf"\frac{{{taken}}}{{{sample}}} \times {population} = {answer}")
    return Draft(prompt, answer, m(str(answer)), step, (count, sample, population), operation)


PREDICT = Generator(
    "7.SP.A.2",
    "Predict from a random sample",
    (Bounds(1, 1200), Bounds(1, 1200), Bounds(1, 1800)),
    _predict,
)

# 7.SP.B.3 -------------------------------------------------------------------------------

_MEASURES = (
    ("heights of", "players on", "team", "centimeters"),
    ("times of", "runners on", "track team", "seconds"),
    ("weights of", "dogs at", "shelter", "pounds"),
    ("scores of", "students in", "class", "points"),
)


def _overlap(rng: random.Random, difficulty: int) -> Draft:
    measure, members, group, unit = rng.choice(_MEASURES)
    # Whole means: half-MAD gaps need an even MAD, quarter-MAD gaps a multiple of 4.
    if difficulty == 1:
        mad, gaps = rng.randint(2, 6), Fraction(rng.randint(1, 5))
    elif difficulty == 2:
        mad, gaps = 2 * rng.randint(1, 4), Fraction(rng.randint(2, 12), 2)
    else:
        mad, gaps = 4 * rng.randint(1, 3), Fraction(rng.randint(3, 20), 4)
    mean_a = rng.randint(30, 150)
    mean_b = int(mean_a + gaps * mad)
    answer = Fraction(mean_b - mean_a, mad)
    prompt = (
        f"The mean of the {measure} {members} {group} A is {mean_a} {unit}. For {group} B "
        f"it is {mean_b} {unit}. Both have a MAD of {mad} {unit}. The difference of the "
        "means is how many MADs?"
    )
    step = f"The means differ by {m(f'{mean_b} - {mean_a} = {mean_b - mean_a}')}. " + m(
        rf"{mean_b - mean_a} \div {mad} = {num(exact(answer))}"
    )
    value = exact(answer)
    return Draft(prompt, value, m(num(value)), step, (mean_a, mean_b, mad), "gap")


OVERLAP = Generator(
    "7.SP.B.3",
    "Compare overlapping data sets",
    (Bounds(2, 180), Bounds(2, 198), Bounds(4, 210)),
    _overlap,
)

# 7.SP.B.4 -------------------------------------------------------------------------------


def _compare_groups(rng: random.Random, difficulty: int) -> Draft:
    operation = "median" if difficulty == 1 else rng.choice(("median", "mean"))
    top = {1: 20, 2: 40}.get(difficulty, 90)
    while True:
        a = [rng.randint(1, top) for _ in range(5)]
        b = [rng.randint(1, top) for _ in range(5)]
        center_a = _median(a) if operation == "median" else Fraction(sum(a), 5)
        center_b = _median(b) if operation == "median" else Fraction(sum(b), 5)
        if center_a != center_b and (difficulty == 3 or (center_a - center_b).denominator == 1):
            break
    answer = exact(center_a - center_b)
    what = rng.choice(contexts.DATA_SETS).format(name="a student")
    prompt = (
        f"Two random samples show the {what}. Sample A: {', '.join(map(str, a))}. Sample B: "
        f"{', '.join(map(str, b))}. What is A's {operation} minus B's {operation}?"
    )
    shown_a, shown_b = num(exact(center_a)), num(exact(center_b))
    step = f"A's {operation} is {m(shown_a)} and B's is {m(shown_b)}: " + m(
        f"{shown_a} - {shown_b} = {num(answer)}"
    )
    return Draft(prompt, answer, m(num(answer)), step, tuple(a + b), operation)


COMPARE_GROUPS = Generator(
    "7.SP.B.4",
    "Compare groups with center & spread",
    (Bounds(1, 20), Bounds(1, 40), Bounds(1, 90)),
    _compare_groups,
)
