"""Typeset math onto a ReportLab canvas: once per PDF as a form, placed wherever it repeats.

ziamath's SVG for math is nothing but filled paths (M, L, Q, Z) and rectangles, so they are
turned into PDF path operators directly: ten times faster than a general SVG reader. Any
other SVG goes through svglib. Fractions and powers of plain glyphs are drawn from the
font's outlines in ziamath's layout rules (glyph_math), without typesetting each one.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from mathroom.export.fonts import BODY
from mathroom.export.glyph_math import PlacedGlyph, glyph_shape, outline
from mathroom.mathtext.plain import plain_math
from mathroom.mathtext.render import REFERENCE_SIZE, MathError, MathImage, typeset

_ELEMENT = re.compile(r"<(path|rect)\s([^>]*)/?>")
_OTHER = re.compile(r"<(?!/?svg\b|path\b|rect\b)[a-zA-Z]")
_ATTR = re.compile(r'([a-z-]+)="([^"]*)"')
_VIEW_BOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')
_PATH_TOKEN = re.compile(r"[MLQZ]|-?\d*\.?\d+(?:e-?\d+)?")

Op = tuple[str, tuple[float, ...]]


class Words:
    """Text gathered into one PDF text object, switching font only when it changes."""

    def __init__(self, target: PDFTextObject) -> None:
        self.target = target
        self._font: tuple[str, float] | None = None

    def write(self, x: float, baseline: float, text: str, font: str, size: float) -> None:
        if self._font != (font, size):
            self.target.setFont(font, size)
            self._font = (font, size)
        self.target.setTextOrigin(x, baseline)
        if isinstance(text, ShapedStr):
            self.target.textOut(text)
        else:
            # Every run is placed by its own origin, so the cursor textOut would move (by
            # measuring the text again) is never read: the same operators, unmeasured.
            self.target._textOut(text)  # type: ignore[attr-defined]  # textOut's own half

    def write_hidden(self, x: float, baseline: float, text: str, size: float, width: float) -> None:
        """Invisible text squeezed to ``width``: drawn math's words for search and speech."""
        natural = stringWidth(text, BODY, size)
        if not text or natural <= 0:
            return
        self.target.setTextRenderMode(3)  # neither fill nor stroke
        self.target.setHorizScale(100 * width / natural)
        self.write(x, baseline, text, BODY, size)
        self.target.setHorizScale(100)
        self.target.setTextRenderMode(0)


@dataclass(frozen=True, slots=True)
class MathShape:
    """What one expression draws, in points at REFERENCE_SIZE, origin at the box's corner."""

    width: float
    ascent: float
    depth: float
    ops: tuple[Op, ...] | None  # None: draw with svglib
    svg: str
    glyphs: tuple[PlacedGlyph, ...] = ()  # the font's glyphs, drawn under ``ops``


@lru_cache(maxsize=8192)
def math_shape(source: str) -> MathShape:
    """The typeset expression as drawing operations (MathError when it cannot be typeset).

    Fractions and powers of plain glyphs are drawn from the font without ziamath."""
    drawn = glyph_shape(source)
    if drawn is not None:
        bars = tuple(("R", bar) for bar in drawn.bars)
        return MathShape(drawn.width, drawn.ascent, drawn.depth, bars, "", drawn.glyphs)
    image = typeset(source)
    return MathShape(image.width, image.ascent, image.depth, _operations(image), image.svg)


def draw_math(
    canvas: Canvas,
    source: str,
    size: float,
    x: float,
    baseline: float,
    words: Words | None = None,
) -> None:
    """Draw ``source`` with its baseline at ``baseline``, left edge at ``x``.

    The plain text of the math goes into ``words`` when given, invisibly over the drawing.
    """
    shape = math_shape(source)
    scale = size / REFERENCE_SIZE
    if words is not None:
        words.write_hidden(x, baseline, plain_math(source), size, shape.width * scale)
    form = _form(canvas, source, shape)
    canvas.saveState()
    canvas.translate(x, baseline - shape.depth * scale)
    canvas.scale(scale, scale)
    canvas.doForm(form)
    canvas.restoreState()


def _form(canvas: Canvas, source: str, shape: MathShape) -> str:
    name = "m" + hashlib.sha1(source.encode()).hexdigest()[:16]
    made: set[str] = canvas.__dict__.setdefault("_mathroom_forms", set())
    if name in made:
        return name
    glyph_forms = [_glyph_form(canvas, made, placed.glyph) for placed in shape.glyphs]
    canvas.beginForm(name)
    for placed, glyph_form in zip(shape.glyphs, glyph_forms, strict=True):
        canvas.saveState()
        canvas.transform(placed.scale, 0, 0, placed.scale, placed.x, placed.y)
        canvas.doForm(glyph_form)
        canvas.restoreState()
    if shape.ops:
        _run(canvas, shape.ops)
    elif shape.ops is None:
        # Imported here: ziamath's math is almost always plain paths (see _operations).
        from reportlab.graphics import renderPDF
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(io.StringIO(shape.svg))
        if drawing is None or not drawing.width:
            raise MathError(source, "could not be drawn.")
        # svglib reads the unitless SVG size as CSS pixels (0.75 pt); ziamath meant points.
        canvas.scale(shape.width / drawing.width, shape.width / drawing.width)
        renderPDF.draw(drawing, canvas, 0, 0)
    canvas.endForm()
    made.add(name)
    return name


def _glyph_form(canvas: Canvas, made: set[str], glyph: int) -> str:
    """A math font glyph's outline as a form, written once per PDF (forms cannot nest while
    they are being written, so an expression's glyphs are made before the expression)."""
    name = f"mg{glyph}"
    if name not in made:
        # The form's box clips: font units reach below zero and past the page's height.
        canvas.beginForm(name, lowerx=-2000, lowery=-2000, upperx=4000, uppery=4000)
        _run(canvas, outline(glyph))
        canvas.endForm()
        made.add(name)
    return name


def _run(canvas: Canvas, ops: tuple[Op, ...]) -> None:
    path = canvas.beginPath()
    for op, args in ops:
        if op == "M":
            path.moveTo(*args)
        elif op == "L":
            path.lineTo(*args)
        elif op == "C":
            path.curveTo(*args)
        elif op == "Z":
            path.close()
        elif op == "R":
            path.rect(*args)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=1)  # nonzero winding, as SVG fills


def _operations(image: MathImage) -> tuple[Op, ...] | None:
    """Path operations with y up and the view box's corner at 0, 0; None for other SVG."""
    svg = image.svg
    box = _VIEW_BOX.search(svg)
    if box is None or _OTHER.search(svg):
        return None
    left, top, _width, height = (float(v) for v in box.groups())
    bottom = top + height

    def point(x: float, y: float) -> tuple[float, float]:
        return x - left, bottom - y

    ops: list[Op] = []
    for kind, attributes in _ELEMENT.findall(svg):
        attrs = dict(_ATTR.findall(attributes))
        if "transform" in attrs or attrs.get("fill", "black") not in ("black", "#000000"):
            return None
        if kind == "rect":
            x, y = float(attrs["x"]), float(attrs["y"])
            w, h = float(attrs["width"]), float(attrs["height"])
            px, py = point(x, y + h)
            ops.append(("R", (px, py, w, h)))
            continue
        tokens = _PATH_TOKEN.findall(attrs.get("d", ""))
        current = (0.0, 0.0)
        index = 0
        while index < len(tokens):
            command = tokens[index]
            index += 1
            if command in ("M", "L"):
                current = point(float(tokens[index]), float(tokens[index + 1]))
                ops.append((command, current))
                index += 2
            elif command == "Q":
                qx, qy = point(float(tokens[index]), float(tokens[index + 1]))
                ex, ey = point(float(tokens[index + 2]), float(tokens[index + 3]))
                index += 4
                # A quadratic Bézier is the cubic with control points 2/3 of the way out.
                sx, sy = current
                c1 = (sx + 2 / 3 * (qx - sx), sy + 2 / 3 * (qy - sy))
                c2 = (ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey))
                ops.append(("C", (*c1, *c2, ex, ey)))
                current = (ex, ey)
            elif command == "Z":
                ops.append(("Z", ()))
            else:
                return None  # a command ziamath does not use: let svglib read it
    return tuple(ops)
