"""Task text: Markdown with $...$ math parses into blocks, and the math typesets or says why not."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathroom import paths
from mathroom.mathtext.markup import (
    CodeBlock,
    LineBreak,
    ListBlock,
    Math,
    Paragraph,
    Text,
    math_sources,
    parse,
    plain_text,
)
from mathroom.mathtext.plain import plain_math
from mathroom.mathtext.render import (
    REFERENCE_SIZE,
    MathError,
    check_math,
    latex_engine,
    mark_signs,
    math_problems,
    render_math,
    typeset,
)

# The grade 4–8 subset the issue names, each as a teacher would type it.
EXPRESSIONS = [
    r"\frac{3}{4}",
    r"2\frac{1}{2}",
    r"x^2",
    r"10^{3}",
    r"\sqrt{16}",
    r"\sqrt{x^2 + 9}",
    r"3 \times 4",
    r"12 \div 3",
    r"x \le 7",
    r"y \ge -2",
    r"2\pi r",
    r"45^\circ",
    r"|{-3}| = 3",
    r"\left| \frac{-5}{2} \right|",
    r"-\frac{2}{3} + 1\frac{1}{6}",
    r"\frac{3}{4} + 2\frac{1}{2} = x^2 - \sqrt{16} \div 5 \le 7\pi",
    r"\text{cm}^2",
    r"a \cdot b \approx 3.14",
    r"x \ne 0",
]

MALFORMED = [
    (r"\frac{3}{", "missing a closing }"),
    (r"\frac{1}{2", "missing a closing }"),
    (r"x}", "no { before it"),
    (r"\foo{3}", r"\foo"),
    (r"x^", "missing"),
    (r"\left( x", r"\right"),
    ("   ", "empty"),
]


@pytest.mark.parametrize("source", EXPRESSIONS)
def test_the_subset_typesets_to_svg_with_a_baseline(source: str) -> None:
    image = render_math(source, 20)
    assert image.svg.startswith("<svg") and "<path" in image.svg
    assert "<use" not in image.svg  # SVG 1.1: svglib draws every glyph
    assert image.width > 0 and image.ascent > 0 and image.depth >= 0


def test_a_stacked_fraction_reaches_below_the_baseline_and_x_does_not_much() -> None:
    assert render_math(r"\frac{3}{4}", 20).depth > 3 * render_math("x", 20).depth


@pytest.mark.parametrize(("source", "says"), MALFORMED)
def test_malformed_math_raises_a_plain_error(source: str, says: str) -> None:
    with pytest.raises(MathError) as caught:
        render_math(source, 20)
    assert says in str(caught.value)
    assert caught.value.source == source


def test_math_problems_lists_only_the_bad_ones() -> None:
    problems = math_problems([r"\frac{1}{2}", r"\frac{3}{", "x^2", r"\bogus"])
    assert [p.source for p in problems] == [r"\frac{3}{", r"\bogus"]


def test_check_math_allows_escaped_braces() -> None:
    check_math(r"\{1, 2, 3\}")


def test_paragraphs_lists_emphasis_and_math() -> None:
    blocks = parse(
        "Serves **6**:\n\n- 2 cups rice\n- $\\frac{3}{4}$ cup *sugar*\n\n"
        "It costs \\$4.50 and $x^2$."
    )
    assert blocks[0] == Paragraph((Text("Serves "), Text("6", bold=True), Text(":")))
    assert blocks[1] == ListBlock(
        False,
        ((Text("2 cups rice"),), (Math(r"\frac{3}{4}"), Text(" cup "), Text("sugar", italic=True))),
    )
    assert blocks[2] == Paragraph((Text("It costs $4.50 and "), Math("x^2"), Text(".")))


def test_money_with_spaces_is_not_math() -> None:
    assert math_sources("It costs $5 and $6 for two.") == []


def test_nested_lists_flatten_after_their_parent_item() -> None:
    (block,) = parse("1. a\n2. b $y$\n   - inner\n3. c")
    assert isinstance(block, ListBlock) and block.ordered
    assert block.items == ((Text("a"),), (Text("b "), Math("y")), (Text("inner"),), (Text("c"),))


def test_code_blocks_keep_their_spacing_and_hard_breaks_survive() -> None:
    assert parse("```\n1   1\n 2 2\n```") == (CodeBlock("1   1\n 2 2"),)
    (para,) = parse("one  \ntwo")
    assert isinstance(para, Paragraph) and LineBreak() in para.runs


def test_html_is_text_not_markup() -> None:
    (para,) = parse("<b>bold?</b> & [a link](http://example.org)")
    assert isinstance(para, Paragraph)
    assert para.runs == (Text("<b>bold?</b> & a link"),)


def test_display_math_block() -> None:
    (para,) = parse("$$\nx = \\frac{1}{2}\n$$")
    assert isinstance(para, Paragraph) and para.display
    assert para.runs == (Math(r"x = \frac{1}{2}"),)


def test_plain_text_for_search() -> None:
    assert plain_text("Add **both**:\n\n- $\\frac{1}{2}$\n- 3") == r"Add both: \frac{1}{2} 3"


def test_every_starter_task_typesets() -> None:
    data = json.loads(paths.resource("tasks", "starter_tasks.json").read_text("utf-8"))
    fields = ("prompt", "start", "answer", "teacher_notes")
    sources = [
        source
        for task in data["tasks"]
        for text in [*(task.get(f) or "" for f in fields), *task["extensions"], *task["hints"]]
        for source in math_sources(text)
    ]
    assert len(sources) > 300
    assert math_problems(sources) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab12 $\\{}^_*-\n#>`|[]()<&")), max_size=60))
def test_any_text_parses_and_bad_math_only_ever_raises_math_error(text: str) -> None:
    parse.cache_clear()
    for source in math_sources(text):
        with contextlib.suppress(MathError):
            render_math(source, 12)
    assert isinstance(plain_text(text), str)


def test_a_minus_after_a_bracket_or_at_the_start_is_a_tight_sign() -> None:
    assert mark_signs("5 - (-9)") == "5 - ({-}9)"
    assert mark_signs("-x + 3") == "{-}x + 3"
    assert mark_signs(r"3 \times -2") == r"3 \times {-}2"
    assert mark_signs("a - b") == "a - b"  # subtraction keeps its spaces
    assert mark_signs("x^{-2}") == "x^{{-}2}"
    # Typeset, the sign adds no operator spacing: (−9) is as wide as ({-}9) by hand.
    assert typeset("5 - (-9)").width == pytest.approx(typeset("5 - ({-}9)").width)
    spaced = latex_engine().Latex("5 - (-9)", size=REFERENCE_SIZE).svg()
    assert typeset("5 - (-9)").width < _view_box_width(spaced) - 3


def _view_box_width(svg: str) -> float:
    return float(svg.split('viewBox="')[1].split()[2])


@given(st.text(alphabet="0123456789+-()x ", max_size=20))
def test_marking_signs_only_adds_braces(source: str) -> None:
    assert mark_signs(source).replace("{-}", "-").replace("{+}", "+") == source


def test_math_as_plain_text_for_the_pdf_text_layer() -> None:
    assert plain_math("3g + 5") == "3g + 5"
    assert plain_math(r"\frac{x+1}{4}") == "(x + 1)/4"
    assert plain_math("5 - (-9)") == "5 − (−9)"
    assert plain_math(r"x^2 \le 45^\circ") == "x² ≤ 45°"
    assert plain_math(r"\sqrt{x+9}") == "√(x + 9)"
    assert plain_math(r"\left(\frac{1}{2}\right)^3") == "(1/2)³"
