"""Simple math split into glyph runs and structures: the fast path for printed sheets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathroom.mathtext.compose import (
    BINARY_SPACE,
    RELATION_SPACE,
    Gap,
    Glyphs,
    Structure,
    compose,
    math_italic,
)
from mathroom.mathtext.render import typeset


def test_numbers_operators_and_letters_become_spaced_glyphs() -> None:
    assert compose(r"7 \times 8 = 56") == (
        Glyphs("7"),
        Gap(BINARY_SPACE),
        Glyphs("×"),
        Gap(BINARY_SPACE),
        Glyphs("8"),
        Gap(RELATION_SPACE),
        Glyphs("="),
        Gap(RELATION_SPACE),
        Glyphs("56"),
    )
    assert compose("2p") == (Glyphs("2" + math_italic("p")),)


def test_a_leading_or_bracketed_minus_is_a_sign_without_spaces() -> None:
    assert compose(r"-10 \times (-6)") == (
        Glyphs("−10"),
        Gap(BINARY_SPACE),
        Glyphs("×"),
        Gap(BINARY_SPACE),
        Glyphs("(−6)"),
    )
    assert compose("|-1| - |47|") == (
        Glyphs("|−1|"),
        Gap(BINARY_SPACE),
        Glyphs("−"),
        Gap(BINARY_SPACE),
        Glyphs("|47|"),
    )


def test_fractions_roots_and_scripts_are_structures_for_ziamath() -> None:
    assert compose(r"7\frac{1}{8}") == (Glyphs("7"), Structure(r"\frac{1}{8}"))
    assert compose(r"2x^2") == (Glyphs("2"), Structure("x^2"))
    assert compose(r"\sqrt{16}") == (Structure(r"\sqrt{16}"),)
    assert compose(r"127^\circ") == (Glyphs("127°"),)


@pytest.mark.parametrize("source", [r"\left( x \right)", r"\text{cm}", r"\pi^2", r"(3)^2"])
def test_anything_else_goes_to_ziamath_whole(source: str) -> None:
    assert compose(source) is None


def test_every_structure_of_the_practice_generators_typesets() -> None:
    from mathroom.domain.practice.registry import make_problem, skill_codes
    from mathroom.mathtext.markup import math_sources

    for code in skill_codes():
        for seed in range(3):
            problem = make_problem(code, seed, 2)
            for text in (problem.prompt, problem.answer_text, problem.step):
                for source in math_sources(text):
                    for part in compose(source) or ():
                        if isinstance(part, Structure):
                            assert typeset(part.latex).width > 0


TOKENS = [*"ab12 \\{}^_-+=()|,.?:%$", r"\frac", r"\times", r"\sqrt", r"\circ", r"\le"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=14).map("".join))
def test_compose_never_raises(source: str) -> None:
    parts = compose(source)
    assert parts is None or all(isinstance(p, Glyphs | Gap | Structure) for p in parts)
