"""Plain sentences with inline math skip markdown-it and come out exactly as it would parse."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mathroom.mathtext.markup import Math, Paragraph, Text, markdown_blocks, parse
from mathroom.mathtext.markup import _plain_paragraph as plain_paragraph

pytestmark = pytest.mark.any_date

PIECES = st.sampled_from(
    [*"abcxyz 0123456789$.,;:?()+-=%/'\"_\\{}^*#\t", r"\frac{1}{2}", "2. ", "- ", "$x$", "  "]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
@example("Find $x$ when $x + 3 = 5$.")
@example("Cost is $5 and $6")
@example("($x$)")
@example("$a$$b$")
@example("x$y$z")
@example("5$x$")
def test_the_shortcut_agrees_with_markdown_it(source: str) -> None:
    shortcut = plain_paragraph(source)
    if shortcut is not None:
        assert shortcut == markdown_blocks(source)


def test_practice_style_text_takes_the_shortcut() -> None:
    source = r"Find the value. $(17 + 15) \div 4 + 5$, then $\frac{3}{4}$ of it."
    assert plain_paragraph(source) == (
        Paragraph(
            (
                Text("Find the value. "),
                Math(r"(17 + 15) \div 4 + 5"),
                Text(", then "),
                Math(r"\frac{3}{4}"),
                Text(" of it."),
            )
        ),
    )
    assert parse(source) == markdown_blocks(source)


@pytest.mark.parametrize(
    "source", ["**Bold** $x$", "1. First", "- item", "a\nb", r"\$5", "Cost $5", "$ x$"]
)
def test_anything_that_may_be_markdown_goes_to_markdown_it(source: str) -> None:
    assert plain_paragraph(source) is None
