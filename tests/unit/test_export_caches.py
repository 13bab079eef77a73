"""The packet's typesetting caches give exactly what measuring afresh gives."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from mathroom.export.fonts import BODY, paragraph, paragraph_markup, register_fonts
from mathroom.export.rich_text import RichText, clear_caches

pytestmark = pytest.mark.any_date

TEXT = "Answer bank — check yourself. The answers are mixed up; each is used once."
STYLE = ParagraphStyle("cache-test", fontName=BODY, fontSize=10, leading=12)


@pytest.mark.parametrize("width", [80.0, 150.0, 400.0])
def test_a_cached_paragraph_breaks_like_a_fresh_one(width: float) -> None:
    register_fonts()
    clear_caches()
    fresh = Paragraph(paragraph_markup(TEXT), STYLE)
    expected = fresh.wrap(width, 1000)
    for _ in range(2):  # the second one is served from the cache
        cached = paragraph(TEXT, STYLE)
        assert cached.wrap(width, 1000) == expected
        made, expected_state = vars(cached), vars(fresh)  # ReportLab's untyped line state
        assert [line[1] for line in made["blPara"].lines] == [
            line[1] for line in expected_state["blPara"].lines
        ]
        assert made["_width_max"] == expected_state["_width_max"]


def test_a_part_starting_a_page_measures_without_the_paragraph_gap() -> None:
    register_fonts()
    clear_caches()
    source = "One line with $x + 1$.\n\n" + "More words here. " * 30
    text = RichText(source, 12)
    _w, whole = text.wrap(200, 1000)
    first, rest = text.split(200, 20)  # room for the first line only
    _w, top = first.wrap(200, 1000)
    _w, bottom = rest.wrap(200, 1000)
    gap = 12 * 0.45  # between paragraphs (rich_text._layout)
    assert top + bottom == pytest.approx(whole - gap)
    # The lines the cache hands out keep their gap: the whole text measures as before.
    assert RichText(source, 12).wrap(200, 1000)[1] == whole
