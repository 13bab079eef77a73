"""Whiteboard-task cards: station posters (1 per page), half sheets (2) and table cards (4).

Student-facing: a card carries the station number, title, prompt with math and diagram, the
way-in tier and the extension ("When you're done…"); never the answer or teacher notes.
Hints print on a separate page of cut-out strips so the teacher hands them out one by one.
Type is as large as fits: a poster's prompt never goes below 18 pt (readable at a
whiteboard from 2 m) and continues on a second page rather than shrinking further.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, black, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    FrameBreak,
    Image,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from mathroom.export.document import plain_template, write_document
from mathroom.export.fonts import BODY, BOLD, paragraph, register_fonts
from mathroom.export.keep import KeepInFrame
from mathroom.export.layout import COLUMN_GUTTER, MARGIN, PaperSize
from mathroom.export.layout import CardLayout as CardLayout  # re-exported
from mathroom.export.rich_text import RichText
from mathroom.export.sheet_grid import PADDING, Cell, grid_cells, grid_template

GREY = Color(0.35, 0.35, 0.35)
LIGHT = Color(0.93, 0.93, 0.93)


@dataclass(frozen=True, slots=True)
class CardImage:
    data: bytes
    media_type: str  # image/png, image/jpeg or image/svg+xml


@dataclass(frozen=True, slots=True)
class Card:
    """What a student sees of a task (built by the caller; no answers or notes here)."""

    title: str
    prompt: str
    station: int | None = None
    start: str | None = None
    extensions: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    image: CardImage | None = None
    footer: str = ""  # e.g. "Period 2 · Tuesday, November 24"
    group: tuple[str, ...] = ()  # display names of the board's group (paper saver: no poster)


_GRID = {CardLayout.POSTER: (1, 1), CardLayout.HALF: (1, 2), CardLayout.QUARTER: (2, 2)}


def _cells(paper: PaperSize, layout_: CardLayout) -> list[Cell]:
    """Each card's box (x, y, width, height), top-left first."""
    return grid_cells(paper, *_GRID[layout_])


def page_templates(paper: PaperSize) -> list[PageTemplate]:
    """One page template per layout, named ``cards-<layout>``, for a packet's document."""
    return [
        grid_template(paper, *_GRID[layout_], template_id=f"cards-{layout_.value}")
        for layout_ in CardLayout
    ]


@lru_cache(maxsize=512)
def _style(name: str, **looks: Any) -> ParagraphStyle:
    """One style object per look: parsed paragraphs are cached by style, so a new style on
    every call (each card is measured at several sizes) would parse them all again."""
    return ParagraphStyle(name, **looks)


class _Header(Flowable):
    """A black station badge with a white number, then the title in bold."""

    def __init__(self, station: int | None, title: str, size: float) -> None:
        super().__init__()
        self._station = station
        self._size = size
        self._badge = size * 2.1 if station is not None else 0.0
        self._title = paragraph(
            title,
            _style("card-title", fontName=BOLD, fontSize=size, leading=size * 1.18),
        )
        self._height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        gutter = self._badge + (self._size * 0.6 if self._badge else 0)
        _w, title_h = self._title.wrap(availWidth - gutter, availHeight)
        self._height = max(self._badge, title_h)
        self.width = availWidth
        return availWidth, self._height

    def draw(self) -> None:
        canvas = self.canv
        if self._station is not None:
            badge = self._badge
            top = self._height
            canvas.setFillColor(black)
            canvas.roundRect(0, top - badge, badge, badge, badge * 0.18, stroke=0, fill=1)
            canvas.setFillColor(white)
            number = str(self._station)
            font_size = badge * (0.62 if len(number) < 2 else 0.5)
            canvas.setFont(BOLD, font_size)
            canvas.drawCentredString(badge / 2, top - badge / 2 - font_size * 0.36, number)
            canvas.setFillColor(black)
        gutter = self._badge + (self._size * 0.6 if self._badge else 0)
        _w, title_h = self._title.wrap(self.width - gutter, self._height)
        self._title.drawOn(canvas, gutter, (self._height - title_h) / 2)


def _image_flowable(image: CardImage, width: float, height: float) -> Flowable | None:
    if image.media_type == "image/svg+xml":
        # Imported here: most packets have no SVG pictures, and svglib takes a while to load.
        from reportlab.graphics.shapes import Drawing
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(io.StringIO(image.data.decode("utf-8", "replace")))
        if drawing is None or not drawing.width or not drawing.height:
            return None
        scale = min(width / drawing.width, height / drawing.height, 3.0)
        scaled = Drawing(drawing.width * scale, drawing.height * scale)
        drawing.scale(scale, scale)
        scaled.add(drawing)
        scaled.hAlign = "CENTER"
        return scaled
    picture = Image(io.BytesIO(image.data))
    ratio = min(width / picture.imageWidth, height / picture.imageHeight)
    picture.drawWidth = picture.imageWidth * ratio
    picture.drawHeight = picture.imageHeight * ratio
    picture.hAlign = "CENTER"
    return picture


def _boxed(label: str, texts: Sequence[str], size: float, width: float, dashed: bool) -> Table:
    label_style = _style("box-label", fontName=BOLD, fontSize=size, leading=size * 1.2)
    content: list[Flowable] = [paragraph(label, label_style)]
    for number, text in enumerate(texts, start=1):
        prefix = f"{number}. " if len(texts) > 1 else ""
        content.append(RichText(prefix + text if prefix else text, size))
    table = Table([[content]], colWidths=[width])
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), BODY),  # the table's own default is Helvetica
        ("LEFTPADDING", (0, 0), (-1, -1), size * 0.6),
        ("RIGHTPADDING", (0, 0), (-1, -1), size * 0.6),
        ("TOPPADDING", (0, 0), (-1, -1), size * 0.4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.5),
    ]
    if dashed:
        commands.append(("BOX", (0, 0), (-1, -1), 1.2, black, None, (4, 2)))
    else:
        commands += [("BOX", (0, 0), (-1, -1), 0.8, GREY), ("BACKGROUND", (0, 0), (-1, -1), LIGHT)]
    table.setStyle(TableStyle(commands))
    return table


def _card_parts(card: Card, size: float, width: float, height: float) -> list[Flowable]:
    small = max(size * 0.82, 7.0)
    parts: list[Flowable] = [_Header(card.station, card.title, size * 1.2), Spacer(1, size * 0.6)]
    if card.group:
        names = _style("card-group", fontName=BOLD, fontSize=small, leading=small * 1.25)
        parts += [paragraph("Group: " + " · ".join(card.group), names), Spacer(1, size * 0.4)]
    parts.append(RichText(card.prompt, size))
    if card.image is not None:
        picture = _image_flowable(card.image, width * 0.9, height * 0.32)
        if picture is not None:
            parts += [Spacer(1, size * 0.4), picture]
    if card.start:
        parts += [
            Spacer(1, size * 0.6),
            _boxed("Need a way in?", [card.start], small, width, False),
        ]
    if card.extensions:
        parts += [
            Spacer(1, size * 0.6),
            _boxed("When you're done…", card.extensions, small, width, True),
        ]
    if card.footer:
        parts += [
            Spacer(1, size * 0.4),
            paragraph(
                card.footer,
                _style("footer", fontName=BODY, fontSize=max(small * 0.7, 6.5), textColor=GREY),
            ),
        ]
    return parts


def _height(parts: Sequence[Flowable], width: float, height: float) -> float:
    return sum(part.wrap(width, height)[1] for part in parts)


def card_size(card: Card, layout_: CardLayout, width: float, height: float) -> float:
    """The largest prompt size (half points) at which the whole card fits its box."""
    largest, smallest = layout_.sizes
    low, high = int(smallest * 2), int(largest * 2)
    # Most cards fit at the largest size: one layout instead of a search.
    if _height(_card_parts(card, largest, width, height), width, height) <= height:
        return largest
    if _height(_card_parts(card, low / 2, width, height), width, height) > height:
        return smallest
    while low < high:  # binary search: cards are laid out a handful of times, not 50
        middle = (low + high + 1) // 2
        if _height(_card_parts(card, middle / 2, width, height), width, height) <= height:
            low = middle
        else:
            high = middle - 1
    return low / 2


def card_story(cards: Sequence[Card], layout_: CardLayout, paper: PaperSize) -> list[Flowable]:
    """Flowables for the cards, for pages in the layout's template (``cards-<layout>``)."""
    register_fonts()  # cards are measured before the document is built
    _x, _y, w, h = _cells(paper, layout_)[0]
    width, height = w - 2 * PADDING, h - 2 * PADDING - 1  # 1 pt: frames are strict
    story: list[Flowable] = []
    for index, card in enumerate(cards):
        size = card_size(card, layout_, width, height)
        parts = _card_parts(card, size, width, height)
        if layout_ is CardLayout.POSTER:
            story += parts  # long prompts continue on the next page at 18 pt or more
            if index < len(cards) - 1:
                story.append(PageBreak())
        else:
            # Never clips: what still does not fit at the smallest size is scaled down.
            story.append(KeepInFrame(width, height, parts, mode="shrink"))
            if index < len(cards) - 1:
                story.append(FrameBreak())
    return story


def hint_strips(cards: Sequence[Card], paper: PaperSize, columns: int = 1) -> list[Flowable]:
    """Pages of cut-out hint strips: one strip per hint, labelled with station and task.

    One column: label beside the hint. Two columns (paper saver, for the packet's
    ``columns`` template): label above the hint, half the pages.
    """
    register_fonts()
    width = paper.points[0] - 2 * MARGIN
    if columns > 1:
        width = (width - COLUMN_GUTTER * (columns - 1)) / columns
    rows: list[list[object]] = []
    label_style = _style("strip-label", fontName=BOLD, fontSize=10, leading=12)
    for card in cards:
        where = f"Station {card.station}" if card.station is not None else ""
        for number, hint in enumerate(card.hints, start=1):
            label = " · ".join(p for p in (where, card.title, f"Hint {number}") if p)
            if columns > 1:
                rows.append([[paragraph(label, label_style), RichText(hint, 10.5)]])
            else:
                rows.append([paragraph(label, label_style), RichText(hint, 13)])
    if not rows:
        return []
    widths = [width] if columns > 1 else [width * 0.3, width * 0.7]
    padding = 4 if columns > 1 else 9
    table = Table(rows, colWidths=widths, splitByRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, GREY, None, (4, 3)),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, GREY, None, (4, 3)),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
            ]
        )
    )
    title = _style("strips-title", fontName=BOLD, fontSize=16, leading=20)
    note = _style("strips-note", fontName=BODY, fontSize=10, leading=13, textColor=GREY)
    return [
        Paragraph("Hint strips", title),
        Paragraph(
            "Cut along the dashed lines. Hand a group the next hint only when it is stuck.", note
        ),
        Spacer(1, 6),
        CondPageBreak(40),
        table,
    ]


def build_task_cards(
    cards: Sequence[Card], layout_: CardLayout, paper: PaperSize, out: Path, *, hints: bool
) -> int:
    """Write the cards (and, if asked, their hint strips) to ``out``; returns the page count."""
    templates = page_templates(paper)
    first = next(t for t in templates if t.id == f"cards-{layout_.value}")
    story = card_story(cards, layout_, paper)
    strips = hint_strips(cards, paper) if hints else []
    if strips:
        story += [NextPageTemplate("plain"), PageBreak(), *strips]
    return write_document(
        story, out, paper, "Task cards", [first, *templates, plain_template(paper)]
    )
