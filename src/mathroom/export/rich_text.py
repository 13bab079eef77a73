"""Task text with typeset math as a ReportLab flowable.

ReportLab's Paragraph can only inline raster images, so math would print blurry. This
flowable lays out words and vector math itself: greedy line filling, math sitting on the
text baseline, lists with hanging indents, and CJK runs in the CJK font. It splits between
lines across pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from mathroom.export.fonts import (
    BODY,
    BOLD,
    CJK,
    MATH,
    body_font,
    cjk_font,
    clear_paragraph_cache,
    is_cjk,
    needs_shaping,
    register_fonts,
    visual_order,
)
from mathroom.export.glyph_math import clear_outlines
from mathroom.export.math_drawing import Words, draw_math, math_shape
from mathroom.mathtext.compose import Gap, Glyphs, compose
from mathroom.mathtext.markup import (
    Block,
    CodeBlock,
    Inline,
    LineBreak,
    ListBlock,
    Math,
    Paragraph,
    Text,
    parse,
)
from mathroom.mathtext.render import REFERENCE_SIZE, MathError, typeset

LEADING = 1.28  # line height as a multiple of the type size
# STIX digits are smaller than DejaVu's at the same size; this makes a 4 in math match a 4
# in the words around it.
MATH_SCALE = 1.12
_WORDS = re.compile(r"\S+|\s+")


@dataclass(slots=True)
class _Piece:
    width: float
    ascent: float
    descent: float
    text: str = ""
    font: str = BODY
    size: float = 12.0
    math: str | None = None
    space: bool = False
    # Simple math as glyph runs and small typeset structures: (x offset, glyphs, latex).
    parts: tuple[tuple[float, str, str], ...] = ()


@dataclass(slots=True)
class _Line:
    pieces: list[_Piece] = field(default_factory=list)
    indent: float = 0.0
    marker: str = ""  # a list bullet or number, drawn in the hanging indent
    centred: bool = False
    space_before: float = 0.0
    # Measured once, when first asked: a laid-out line is cached and never changed after,
    # yet wrapped, split and drawn many times. (replace() starts a copy unmeasured.)
    _measured: tuple[float, float, float, float] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _drawn: list[_Piece] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def width(self) -> float:
        return sum(piece.width for piece in self.pieces)

    def _measure(self, size: float) -> tuple[float, float, float, float]:
        measured = self._measured
        if measured is None or measured[0] != size:
            ascent = max([size * 0.76, *(p.ascent for p in self.pieces)])
            descent = max([size * 0.24, *(p.descent for p in self.pieces)])
            height = self.space_before + max(size * LEADING, ascent + descent + size * 0.2)
            measured = self._measured = (size, ascent, descent, height)
        return measured

    def metrics(self, size: float) -> tuple[float, float]:
        _size, ascent, descent, _height = self._measure(size)
        return ascent, descent

    def height(self, size: float) -> float:
        return self._measure(size)[3]

    def drawn(self) -> list[_Piece]:
        """The pieces as drawn (see _joined), joined once."""
        if self._drawn is None:
            self._drawn = _joined(self.pieces)
        return self._drawn


@lru_cache(maxsize=16384)
def _text_pieces(text: str, font: str, size: float) -> tuple[_Piece, ...]:
    """Measured words and spaces (cached: the pieces are never changed after this).

    Right-to-left words come in reading order, each shaped by HarfBuzz.
    """
    ascent, descent = getAscentDescent(font, size)
    pieces: list[_Piece] = []
    for token in _WORDS.findall(visual_order(text)):
        if token.isspace():
            width = stringWidth(" ", font, size)
            pieces.append(_Piece(width, 0, 0, " ", font, size, space=True))
            continue
        run: list[str] = []
        run_cjk = False
        # CJK text has no spaces: each ideograph may start a new line.
        for char in token:
            cjk = is_cjk(char)
            if run and (cjk or run_cjk):
                pieces.append(_word("".join(run), cjk_font() if run_cjk else font, size))
                run = []
            run.append(char)
            run_cjk = cjk
        if run:
            pieces.append(_word("".join(run), cjk_font() if run_cjk else font, size))
    for piece in pieces:
        if not piece.space:
            piece.ascent, piece.descent = ascent, -descent
    return tuple(pieces)


def _word(text: str, font: str, size: float) -> _Piece:
    if needs_shaping(text) and font != CJK:
        shaped = shapeStr(text, font, size)
        if isinstance(shaped, ShapedStr):
            data = shaped.__shapeData__  # type: ignore[attr-defined]  # set in ShapedStr.__new__
            width = sum(glyph.x_advance for glyph in data) * size / 1000
            return _Piece(width, 0, 0, shaped, font, size)
    return _Piece(stringWidth(text, font, size), 0, 0, text, font, size)


def _math_piece(source: str, size: float) -> _Piece:
    size *= MATH_SCALE
    composed = _composed_piece(source, size)
    if composed is not None:
        return composed
    try:
        shape = math_shape(source)
    except MathError:
        # Bad math prints as its source, so paper never loses a task's words.
        return _word(f"${source}$", BODY, size)
    scale = size / REFERENCE_SIZE
    return _Piece(
        shape.width * scale, shape.ascent * scale, shape.depth * scale, size=size, math=source
    )


@lru_cache(maxsize=8192)
def _composed_piece(source: str, size: float) -> _Piece | None:
    """Simple math laid out from glyph runs and cached structures (see mathtext.compose)."""
    parts = compose(source)
    if parts is None:
        return None
    placed: list[tuple[float, str, str]] = []
    x = 0.0
    ascent, descent = size * 0.72, size * 0.22
    for part in parts:
        if isinstance(part, Gap):
            x += part.em * size
        elif isinstance(part, Glyphs):
            placed.append((x, part.text, ""))
            x += stringWidth(part.text, MATH, size)
        else:
            try:
                shape = math_shape(part.latex)
            except MathError:
                return None
            scale = size / REFERENCE_SIZE
            measured = (shape.width * scale, shape.ascent * scale, shape.depth * scale)
            placed.append((x, "", part.latex))
            x += measured[0]
            ascent, descent = max(ascent, measured[1]), max(descent, measured[2])
    return _Piece(x, ascent, descent, size=size, math=source, parts=tuple(placed))


def _inline_pieces(runs: Sequence[Inline], size: float, bold: bool) -> list[_Piece | None]:
    """Pieces for a run of inline content; None marks a forced line break."""
    pieces: list[_Piece | None] = []
    for run in runs:
        if isinstance(run, Text):
            font = body_font(run.bold or bold, run.italic)
            pieces.extend(_text_pieces(run.text, font, size))
        elif isinstance(run, Math):
            pieces.append(_math_piece(run.source, size))
        elif isinstance(run, LineBreak):
            pieces.append(None)
    return pieces


def _fill(
    pieces: list[_Piece | None], width: float, indent: float, marker: str = ""
) -> list[_Line]:
    lines = [_Line(indent=indent, marker=marker)]
    used = 0.0  # the last line's width so far (summed in order, as _Line.width sums)
    for piece in pieces:
        line = lines[-1]
        if piece is None:
            lines.append(_Line(indent=indent))
            used = 0.0
            continue
        if piece.space and not line.pieces:
            continue  # no space at the start of a line
        if line.pieces and not piece.space and used + piece.width > width - indent:
            while line.pieces and line.pieces[-1].space:
                line.pieces.pop()
            line = _Line(indent=indent)
            lines.append(line)
            used = 0.0
        line.pieces.append(piece)
        used += piece.width
    for line in lines:
        while line.pieces and line.pieces[-1].space:
            line.pieces.pop()
    return [line for line in lines if line.pieces or line.marker] or lines[:1]


def layout(
    blocks: Sequence[Block], width: float, size: float, bold: bool = False
) -> tuple[_Line, ...]:
    """Break the blocks into lines ``width`` points wide for type of ``size`` points.

    Cached: cards are measured at several sizes and a packet repeats the same prompt on
    every exit ticket. Callers must not change the lines they get.
    """
    return _layout(tuple(blocks), round(width, 2), size, bold)


@lru_cache(maxsize=4096)
def _layout(blocks: tuple[Block, ...], width: float, size: float, bold: bool) -> tuple[_Line, ...]:
    register_fonts()
    lines: list[_Line] = []
    gap = size * 0.45  # between paragraphs
    for block in blocks:
        first = len(lines)
        if isinstance(block, Paragraph):
            block_size = size * 1.12 if block.heading else size
            pieces = _inline_pieces(block.runs, block_size, bold or block.heading)
            new = _fill(pieces, width, 0.0)
            if block.display:
                for line in new:
                    line.centred = True
            lines.extend(new)
        elif isinstance(block, ListBlock):
            hang = size * 1.6
            for number, item in enumerate(block.items, start=block.start):
                marker = f"{number}." if block.ordered else "•"
                lines.extend(_fill(_inline_pieces(item, size, bold), width, hang, marker))
        elif isinstance(block, CodeBlock):
            for text_line in block.text.split("\n"):
                # Keep the author's spacing: code and number patterns line up by spaces.
                word = _word(text_line.replace(" ", "\u00a0") or "\u00a0", BODY, size * 0.92)
                ascent, descent = getAscentDescent(BODY, size * 0.92)
                word.ascent, word.descent = ascent, -descent
                lines.extend(_fill([word], width, size))
        if first and len(lines) > first:
            lines[first].space_before = gap
    return tuple(lines)


def clear_caches() -> None:
    """Forget every measured and typeset piece (benchmarks start cold with this)."""
    for cached in (math_shape, _text_pieces, _composed_piece, _layout, typeset, compose, parse):
        cached.cache_clear()
    clear_paragraph_cache()
    clear_outlines()


class RichText(Flowable):
    """Task text (Markdown with $...$ math) as a flowable that splits between lines."""

    def __init__(
        self,
        source: str | Sequence[Block],
        size: float,
        *,
        bold: bool = False,
        color: Color = black,
        _lines: Sequence[_Line] | None = None,
    ) -> None:
        super().__init__()
        self._blocks = parse(source) if isinstance(source, str) else tuple(source)
        self._size = size
        self._bold = bold
        self._color = color
        self._lines = _lines
        self._width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # A part made by split() keeps its lines; a whole text lays out for each width.
        if self._blocks and (self._lines is None or self._width != availWidth):
            self._lines = layout(self._blocks, availWidth, self._size, self._bold)
        elif self._lines is None:
            self._lines = ()
        self._width = availWidth
        return availWidth, sum(line.height(self._size) for line in self._lines)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        assert self._lines is not None
        used = 0.0
        for index, line in enumerate(self._lines):
            used += line.height(self._size)
            if used > availHeight:
                if index == 0:
                    return []
                return [self._part(self._lines[:index]), self._part(self._lines[index:])]
        return [self]

    def _part(self, lines: Sequence[_Line]) -> RichText:
        if lines:  # a part starting a page needs no paragraph gap above it
            lines = (replace(lines[0], space_before=0.0), *lines[1:])
        return RichText((), self._size, bold=self._bold, color=self._color, _lines=lines)

    def draw(self) -> None:
        canvas = self.canv
        assert self._lines is not None
        canvas.setFillColor(self._color)
        # All the words go into one PDF text object: a text object per word is most of
        # ReportLab's drawing time on a dense page.
        text = Words(canvas.beginText())
        top = sum(line.height(self._size) for line in self._lines)
        for line in self._lines:
            ascent, descent = line.metrics(self._size)
            height = line.height(self._size)
            baseline = top - line.space_before - (height - line.space_before - ascent - descent) / 2
            baseline -= ascent
            x = line.indent
            if line.centred:
                x = max((self._width - line.width) / 2, 0.0)
            if line.marker:
                font = BOLD if self._bold else BODY
                marker_x = (
                    line.indent - self._size * 0.45 - stringWidth(line.marker, font, self._size)
                )
                text.write(marker_x, baseline, line.marker, font, self._size)
            for piece in line.drawn():
                if piece.parts:
                    _draw_parts(canvas, text, piece, x, baseline)
                elif piece.math is not None:
                    draw_math(canvas, piece.math, piece.size, x, baseline, text)
                elif piece.text.strip():
                    text.write(x, baseline, piece.text, piece.font, piece.size)
                x += piece.width
            top -= height
        canvas.drawText(text.target)


def _draw_parts(canvas: Canvas, text: Words, piece: _Piece, x: float, baseline: float) -> None:
    for offset, glyphs, latex in piece.parts:
        if glyphs:
            text.write(x + offset, baseline, glyphs, MATH, piece.size)
        else:
            draw_math(canvas, latex, piece.size, x + offset, baseline, text)


def _joined(pieces: list[_Piece]) -> list[_Piece]:
    """Words and spaces in one font drawn as one string, so the PDF's text reads naturally."""
    joined: list[_Piece] = []
    for piece in pieces:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.math is None
            and piece.math is None
            and (piece.space or (last.font, last.size) == (piece.font, piece.size))
            and (not last.space or last.font == piece.font)
            and not isinstance(last.text, ShapedStr)  # shaped glyphs keep their own positions
            and not isinstance(piece.text, ShapedStr)
        ):
            # A space takes the font of the word before it; its width is kept as measured.
            joined[-1] = _Piece(
                last.width + piece.width, 0, 0, last.text + piece.text, last.font, last.size
            )
        else:
            joined.append(piece)
    return joined
