"""Every registered generator, many seeds, each difficulty: the math typesets, the answer is
right by an independent computation, the numbers keep the difficulty's promise, and a seed
always gives the same problem."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathroom.domain.practice.problem import Bounds, Generator, Problem
from mathroom.domain.practice.registry import GENERATORS, generator_for, make_problem
from tests.unit.practice.mathcheck import (
    answer_value,
    check_tex,
    evaluate,
    fractions_in_lowest_terms,
    markdown_math,
    math_segments,
)
from tests.unit.practice.oracles import ORACLES

CASES = [(g.skill_code, d) for g in GENERATORS for d in g.difficulties]
SEEDS = st.integers(min_value=0, max_value=2**64)

# Answers whose text isn't a single leading number (checked by their oracles instead).
_TEXT_ANSWERS = {"7.RP.A.3-pct-change"}


def check_text(text: str, render: Callable[[str], None]) -> None:
    """Markdown the app can show: the math we meant, valid LaTeX, no stray markup."""
    segments = math_segments(text)
    assert markdown_math(text) == segments, text
    for source in segments:
        check_tex(source)
        render(source)
    assert "  " not in text and text == text.strip(), text
    prose = re.sub(r"\$[^$]*\$", "M", text.replace(r"\$", "USD"))
    for mark in ("*", "_", "#", "<", ">", "{", "}", "\\", "$", "None"):
        assert mark not in prose, f"{mark!r} in the words of {text!r}"


def check_numbers(problem: Problem, bounds: Bounds) -> None:
    assert problem.numbers, problem
    for value in problem.numbers:
        assert isinstance(value, int | Fraction | Decimal) and not isinstance(value, bool)
        assert bounds.low <= value <= bounds.high, (value, bounds, problem)
        if isinstance(value, Fraction) and bounds.max_denominator is not None:
            assert value.denominator <= bounds.max_denominator, (value, problem)
        if isinstance(value, Decimal) and bounds.max_places is not None:
            exponent = value.as_tuple().exponent
            assert isinstance(exponent, int) and -exponent <= bounds.max_places, (value, problem)


def check_problem(problem: Problem, render: Callable[[str], None]) -> None:
    for text in (problem.prompt, problem.answer_text, problem.step):
        check_text(text, render)
    # Short sentences a 7th grader can read.
    for sentence in re.split(r"(?<=[.?!])\s", re.sub(r"\$[^$]*\$", "N", problem.prompt)):
        assert len(sentence.split()) <= 30, sentence
    answer = problem.answer
    assert not isinstance(answer, float | bool)
    fractions_in_lowest_terms(problem.answer_text)
    if isinstance(answer, int | Fraction | Decimal) and problem.skill_code not in _TEXT_ANSWERS:
        assert answer_value(problem.answer_text) == Fraction(answer), problem
    bare = ("Add.", "Subtract.", "Multiply.", "Divide.", "Find the value.")
    if problem.prompt.startswith(bare):
        # The expression the student reads, worked out here, gives the answer.
        assert evaluate(math_segments(problem.prompt)[-1]) == Fraction(answer), problem
    ORACLES[problem.skill_code](problem)


@pytest.mark.parametrize(("code", "difficulty"), CASES)
@settings(max_examples=10, deadline=None)
@given(seed=SEEDS)
def test_generated_problems_are_right_and_typeset(
    code: str, difficulty: int, seed: int, render_math: Callable[[str], None]
) -> None:
    generator = generator_for(code)
    problem = generator.make(seed, difficulty)
    assert (problem.skill_code, problem.difficulty, problem.seed) == (code, difficulty, seed)
    check_numbers(problem, generator.ranges(difficulty))
    check_problem(problem, render_math)
    assert make_problem(code, seed, difficulty) == problem  # same seed, same problem


def test_every_skill_has_an_independent_check() -> None:
    assert set(ORACLES) == {g.skill_code for g in GENERATORS}


@pytest.mark.parametrize("generator", GENERATORS, ids=lambda g: g.skill_code)
def test_a_sweep_of_seeds_keeps_every_promise(generator: Generator) -> None:
    """Cheap and broad: 60 fixed seeds per difficulty, without typesetting."""
    for difficulty in generator.difficulties:
        prompts = set()
        for seed in range(60):
            problem = generator.make(seed, difficulty)
            check_numbers(problem, generator.ranges(difficulty))
            ORACLES[generator.skill_code](problem)
            prompts.add(problem.prompt)
        # Enough variety that re-seeding always finds a different problem for a neighbour.
        assert len(prompts) >= 20, (generator.skill_code, difficulty, len(prompts))


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_an_equivalent_fraction_step_starts_from_the_fraction_on_the_page(difficulty: int) -> None:
    """The key once told students to multiply a simplest form they never saw (7/11 for the
    21/33 on their page); every step now opens with the page's own fraction."""
    generator = generator_for("4.NF.A.1")
    for seed in range(80):
        problem = generator.make(seed, difficulty)
        page = re.search(r"\\frac\{\d+\}\{\d+\}", math_segments(problem.prompt)[-1])
        assert page, problem.prompt
        assert page.group(0) in math_segments(problem.step)[0], problem


def test_a_percent_change_step_works_out_the_change_before_dividing_it() -> None:
    generator = generator_for("7.RP.A.3-pct-change")
    for difficulty in generator.difficulties:
        for seed in range(60):
            problem = generator.make(seed, difficulty)
            first, second = math_segments(problem.step)[:2]
            change = first.split(" = ")[-1]
            assert second.startswith(rf"\frac{{{change}}}"), problem
            assert evaluate(first.split(" = ")[0]) == evaluate(change)
