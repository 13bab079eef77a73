"""Fractions and powers drawn from the font's glyphs sit where ziamath would put them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathroom.export.glyph_math import glyph_shape, outline
from mathroom.mathtext.render import typeset

pytestmark = pytest.mark.any_date

# Heights are compared exactly. Widths may differ by less than a point at this 20-point
# reference size (half that in print): ziamath's box starts at the first glyph's ink (here it
# is advance-based, like the glyph runs around it) and it kerns scripts and italic letters.
HEIGHT = 0.05
WIDTH = 2.0


@pytest.mark.parametrize(
    "source",
    [
        r"\frac{3}{4}",
        r"\frac{a}{11}",
        r"\frac{?}{24}",
        r"\frac{(4)}{4}",
        r"\frac{-3}{10}",
        r"\frac{2}{3x}",
        r"\frac{123456}{7}",
    ],
)
def test_a_fraction_has_ziamaths_box(source: str) -> None:
    drawn, typeset_ = glyph_shape(source), typeset(source)
    assert drawn is not None
    assert drawn.width == pytest.approx(typeset_.width, abs=HEIGHT)
    assert drawn.ascent == pytest.approx(typeset_.ascent, abs=HEIGHT)
    assert drawn.depth == pytest.approx(typeset_.depth, abs=HEIGHT)


@pytest.mark.parametrize(
    "source", ["11^{2}", "2^{3}", "7^{-2}", "x^{2}", "y^{12}", "b^{2}", "x^{n}", "2.5^{2}"]
)
def test_a_power_has_ziamaths_heights_and_its_width_up_to_a_bearing(source: str) -> None:
    drawn, typeset_ = glyph_shape(source), typeset(source)
    assert drawn is not None
    assert drawn.ascent == pytest.approx(typeset_.ascent, abs=HEIGHT)
    assert drawn.depth == pytest.approx(typeset_.depth, abs=HEIGHT)
    assert drawn.width == pytest.approx(typeset_.width, abs=WIDTH)


@settings(max_examples=40, deadline=None)
@given(
    st.from_regex(r"-?[0-9]{1,3}|[0-9]?[a-z]|\?", fullmatch=True),
    st.from_regex(r"[0-9]{1,3}", fullmatch=True),
)
def test_any_plain_fraction_matches_ziamath(numerator: str, denominator: str) -> None:
    source = rf"\frac{{{numerator}}}{{{denominator}}}"
    drawn, typeset_ = glyph_shape(source), typeset(source)
    assert drawn is not None
    assert (drawn.ascent, drawn.depth) == pytest.approx(
        (typeset_.ascent, typeset_.depth), abs=HEIGHT
    )
    assert drawn.width == pytest.approx(typeset_.width, abs=WIDTH)


@pytest.mark.parametrize(
    "source",
    [
        r"\sqrt{2}",
        r"\frac{\frac{1}{2}}{3}",
        r"\dfrac{1}{2}",
        r"\frac{1}{2} + 1",
        r"x^{n+1}",
        r"2^{3}^{2}",
        r"\left(x\right)^{2}",
        r"\frac{1}{\sqrt{2}}",
    ],
)
def test_anything_richer_is_left_to_ziamath(source: str) -> None:
    assert glyph_shape(source) is None


def test_glyphs_and_the_bar_sit_inside_the_box() -> None:
    drawn = glyph_shape(r"\frac{3}{4}")
    assert drawn is not None
    assert len(drawn.glyphs) == 2 and len(drawn.bars) == 1
    height = drawn.ascent + drawn.depth
    for placed in drawn.glyphs:
        assert {op for op, _ in outline(placed.glyph)} <= {"M", "L", "C", "Z"}
        points = [
            (placed.x + args[i] * placed.scale, placed.y + args[i + 1] * placed.scale)
            for _, args in outline(placed.glyph)
            for i in range(0, len(args), 2)
        ]
        assert all(0 <= x <= drawn.width and 0 <= y <= height for x, y in points)
    numerator, denominator = sorted(drawn.glyphs, key=lambda g: g.y)[::-1]
    _x, bar_y, _width, bar_height = drawn.bars[0]
    assert denominator.y < bar_y < bar_y + bar_height < numerator.y


def test_cards_with_plain_fractions_and_powers_never_load_ziamath(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from mathroom.export.layout import CardLayout, PaperSize
        from mathroom.export.task_cards import Card, build_task_cards
        text = ("Find $\\\\frac{{3}}{{4}}$ of $2^{{3}}$, "
                "then $\\\\frac{{a}}{{11}}$ and $x^{{2}} + 1$.")
        build_task_cards([Card("T", text, station=1)], CardLayout.HALF, PaperSize.LETTER,
                         Path({str(tmp_path)!r}) / "cards.pdf", hints=False)
        print("ziamath" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
