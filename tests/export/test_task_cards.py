"""Whiteboard-task cards read back: layouts, page counts, words, fonts, and nothing clipped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from mathroom.export.layout import PaperSize
from mathroom.export.task_cards import (
    Card,
    CardImage,
    CardLayout,
    build_task_cards,
    card_size,
    card_story,
)
from tests.export.pdf_reading import fonts_of, pdf_text

PROMPT = (
    "A recipe serves 6 and uses $\\frac{3}{4}$ cup of sugar and $1\\frac{1}{2}$ cinnamon "
    "sticks. How much of each does **15 people** need? Show how you know."
)


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 60), "white").save(buffer, format="PNG")
    return buffer.getvalue()


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
    b'<rect x="5" y="5" width="90" height="40" fill="none" stroke="black"/></svg>'
)


def _cards(count: int = 6) -> list[Card]:
    return [
        Card(
            title=f"Station task {n}",
            prompt=PROMPT,
            station=n,
            start="Try 12 people first.",
            extensions=("Find a rule for any number of people.",),
            hints=(f"Hint one for {n}", f"Hint two for {n}"),
            image=CardImage(_png(), "image/png") if n == 1 else CardImage(SVG, "image/svg+xml"),
            footer="Period 2 · Tuesday, November 24",
        )
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize(
    ("layout", "pages"), [(CardLayout.POSTER, 6), (CardLayout.HALF, 3), (CardLayout.QUARTER, 2)]
)
@pytest.mark.parametrize("paper", list(PaperSize))
def test_each_layout_puts_the_right_number_of_cards_on_a_page(
    tmp_path: Path, layout: CardLayout, pages: int, paper: PaperSize
) -> None:
    out = tmp_path / "cards.pdf"
    count = build_task_cards(_cards(), layout, paper, out, hints=False)
    reader = PdfReader(out)
    assert count == len(reader.pages) == pages
    width = float(reader.pages[0].mediabox.width)
    assert round(width) == round(paper.points[0])
    text = "\n".join(pdf_text(out))
    for n in range(1, 7):
        assert f"Station task {n}" in text
    assert text.count("When you're done") == 6
    assert "15 people" in text and "Need a way in?" in text
    assert "Hint one" not in text  # hints only on their strips
    fonts = fonts_of(reader)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_hint_strips_follow_the_cards_on_their_own_page(tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    pages = build_task_cards(_cards(4), CardLayout.QUARTER, PaperSize.LETTER, out, hints=True)
    texts = pdf_text(out)
    assert pages == len(texts) == 2
    assert "Hint strips" in texts[1]
    assert "Station 3 · Station task 3" in texts[1] and "Hint 2" in texts[1]
    assert "Hint two for 4" in texts[1]


def test_a_poster_prompt_is_at_least_18_points_even_when_long(tmp_path: Path) -> None:
    long_card = Card("Long", " ".join(["Explain your thinking with a diagram."] * 18), station=1)
    assert card_size(long_card, CardLayout.POSTER, 550, 730) >= 18
    short = Card("Short", "What is $\\frac{1}{2} + \\frac{1}{3}$?", station=2)
    assert card_size(short, CardLayout.POSTER, 550, 730) >= 30
    out = tmp_path / "poster.pdf"
    pages = build_task_cards([long_card, short], CardLayout.POSTER, PaperSize.A4, out, hints=False)
    assert pages >= 2
    assert "Explain your thinking" in "\n".join(pdf_text(out))


def test_a_huge_prompt_on_a_table_card_shrinks_instead_of_clipping(tmp_path: Path) -> None:
    huge = Card("Huge", "word " * 900, station=9, extensions=("more " * 200,))
    story = card_story([huge], CardLayout.QUARTER, PaperSize.LETTER)
    assert len(story) == 1
    out = tmp_path / "huge.pdf"
    assert build_task_cards([huge], CardLayout.QUARTER, PaperSize.LETTER, out, hints=False) == 1
    assert "Huge" in pdf_text(out)[0]


def test_images_are_embedded(tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    build_task_cards(_cards(2), CardLayout.HALF, PaperSize.LETTER, out, hints=False)
    page = PdfReader(out).pages[0]
    assert len(page.images) == 1  # the PNG; the SVG is drawn as vectors
