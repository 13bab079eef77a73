"""Fractions and powers of plain math drawn from the math font's glyphs, without ziamath.

A day's packet holds hundreds of fractions and powers of numbers and letters (¾, a/11, 11²).
ziamath takes 5–10 ms to typeset each, and importing it about 0.2 s of a command's start.
These simple shapes follow the OpenType MATH rules ziamath follows (shifts and gaps, rule
thickness, script size and script glyph variants, italic correction), read from the same font
through HarfBuzz, which the PDFs already load for shaping. Their outlines become the same
path drawing a typeset expression's do, with the expression's words laid invisibly over them
(math_drawing.draw_math). Anything richer is typeset by ziamath.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from mathroom.export.fonts import math_font_path
from mathroom.mathtext.compose import Gap, Glyphs, compose, group_end
from mathroom.mathtext.render import REFERENCE_SIZE

Op = tuple[str, tuple[float, ...]]

MARGIN = 1.0  # points: ziamath draws a 1-point margin around every expression
THIN_SPACE_EM = 4 / 18  # after a fraction: ziamath's thinmathspace
_FRACTION = re.compile(r"^\\frac(?=[{\d\s])")


@dataclass(frozen=True, slots=True)
class PlacedGlyph:
    """One glyph of the math font: its outline (``outline(glyph)``, in font units) scaled by
    ``scale`` with its origin at ``x``, ``y``."""

    glyph: int
    x: float
    y: float
    scale: float


@dataclass(frozen=True, slots=True)
class GlyphShape:
    """An expression as placed glyphs and bars (x, y, width, height), in points at
    REFERENCE_SIZE, origin at the box's bottom-left corner (the baseline is ``depth`` above
    it)."""

    width: float
    ascent: float
    depth: float
    glyphs: tuple[PlacedGlyph, ...]
    bars: tuple[tuple[float, float, float, float], ...]


@dataclass(frozen=True, slots=True)
class _Run:
    """Glyphs set side by side, in font units: (glyph, x) and the run's extent."""

    glyphs: tuple[tuple[int, float], ...]
    advance: float
    top: float
    bottom: float
    left: float  # where the first glyph's ink starts
    italic: float  # the last glyph's italic correction


class _Font:
    """STIX Two Math through HarfBuzz: metrics, MATH constants and outlines."""

    def __init__(self) -> None:
        import uharfbuzz as hb

        self.hb = hb
        self.font = hb.Font(hb.Face(hb.Blob.from_file_path(str(math_font_path()))))
        self.upem = float(self.font.face.upem)

    def constant(self, name: str) -> float:
        return float(self.font.get_math_constant(getattr(self.hb.OTMathConstant, name)))

    def run(self, parts: tuple[Glyphs | Gap, ...], script: bool = False) -> _Run | None:
        """Glyph runs and gaps laid out left to right; None if a character is missing."""
        placed: list[tuple[int, float]] = []
        x = 0.0
        top = bottom = 0.0
        left: float | None = None
        italic = 0.0
        for part in parts:
            if isinstance(part, Gap):
                x += part.em * self.upem
                continue
            buffer = self.hb.Buffer()
            buffer.add_str(part.text)
            buffer.guess_segment_properties()
            buffer.script = "Zmth"  # the font keeps its script variants under math
            # Script glyphs are the font's script-size variants, as ziamath sets them.
            self.hb.shape(self.font, buffer, {"ssty": 1 if script else 0, "kern": False})
            for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
                if info.codepoint == 0:
                    return None  # .notdef: the font has no such glyph
                extents = self.font.get_glyph_extents(info.codepoint)
                if left is None:
                    left = x + extents.x_bearing
                top = max(top, float(extents.y_bearing))
                bottom = min(bottom, float(extents.y_bearing + extents.height))
                placed.append((info.codepoint, x))
                x += position.x_advance
                italic = float(self.font.get_math_glyph_italics_correction(info.codepoint))
        if not placed:
            return None
        return _Run(tuple(placed), x, top, bottom, left or 0.0, italic)


@cache
def _font() -> _Font:
    return _Font()


@lru_cache(maxsize=512)
def outline(glyph: int) -> tuple[Op, ...]:
    """The glyph's outline in font units, quadratic curves raised to cubic ones."""
    pen = _Pen()
    _font().font.draw_glyph_with_pen(glyph, pen)
    return tuple(pen.ops)


class _Pen:
    """The pen protocol HarfBuzz draws with (fontTools' names), collecting path operators."""

    def __init__(self) -> None:
        self.ops: list[Op] = []
        self._at = (0.0, 0.0)

    def moveTo(self, point: tuple[float, float]) -> None:  # noqa: N802 (the pen protocol)
        self.ops.append(("M", point))
        self._at = point

    def lineTo(self, point: tuple[float, float]) -> None:  # noqa: N802
        self.ops.append(("L", point))
        self._at = point

    def qCurveTo(self, *points: tuple[float, float]) -> None:  # noqa: N802
        # HarfBuzz resolves implied on-curve points: one control point, then the end.
        (qx, qy), (ex, ey) = points
        sx, sy = self._at
        c1 = (sx + 2 / 3 * (qx - sx), sy + 2 / 3 * (qy - sy))
        c2 = (ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey))
        self.ops.append(("C", (*c1, *c2, ex, ey)))
        self._at = (ex, ey)

    def curveTo(self, *points: tuple[float, float]) -> None:  # noqa: N802
        (ax, ay), (bx, by), (ex, ey) = points
        self.ops.append(("C", (ax, ay, bx, by, ex, ey)))
        self._at = (ex, ey)

    def closePath(self) -> None:  # noqa: N802
        self.ops.append(("Z", ()))


def _plain_parts(latex: str) -> tuple[Glyphs | Gap, ...] | None:
    """Glyph runs and spaces of ``latex``, or None when it holds a structure of its own."""
    parts = compose(latex)
    if not parts or not all(isinstance(p, Glyphs | Gap) for p in parts):
        return None
    return tuple(p for p in parts if isinstance(p, Glyphs | Gap))


def _braced(latex: str, start: int) -> tuple[str, int]:
    end = group_end(latex, start)
    group = latex[start:end]
    if group.startswith("{"):
        group = group[1:-1]
    return group, end


def glyph_shape(latex: str) -> GlyphShape | None:
    """``\\frac{A}{B}`` or ``B^{E}`` of plain glyphs as outlines; None for anything else."""
    try:
        if _FRACTION.match(latex):
            numerator, end = _braced(latex, len(r"\frac"))
            denominator, end = _braced(latex, end)
            if latex[end:].strip():
                return None
            return _fraction(numerator, denominator)
        caret = latex.find("^")
        if caret > 0 and latex.count("^") == 1 and "\\" not in latex[:caret]:
            exponent, end = _braced(latex, caret + 1)
            if latex[end:].strip():
                return None
            return _power(latex[:caret], exponent)
    except ValueError:
        return None
    return None


def _fraction(numerator: str, denominator: str) -> GlyphShape | None:
    font = _font()
    top_parts, bottom_parts = _plain_parts(numerator), _plain_parts(denominator)
    if top_parts is None or bottom_parts is None:
        return None
    top, bottom = font.run(top_parts), font.run(bottom_parts)
    if top is None or bottom is None:
        return None
    c = font.constant
    axis, rule = c("AXIS_HEIGHT"), c("FRACTION_RULE_THICKNESS")
    up = max(
        c("FRACTION_NUMERATOR_DISPLAY_STYLE_SHIFT_UP"),
        axis + rule / 2 + c("FRACTION_NUM_DISPLAY_STYLE_GAP_MIN") - top.bottom,
    )
    down = max(
        c("FRACTION_DENOMINATOR_DISPLAY_STYLE_SHIFT_DOWN"),
        -axis + rule / 2 + c("FRACTION_DENOM_DISPLAY_STYLE_GAP_MIN") + bottom.top,
    )
    width = max(top.advance, bottom.advance)
    placed = [
        (top, (width - (top.advance - top.left)) / 2, up, 1.0),
        (bottom, (width - (bottom.advance - bottom.left)) / 2, -down, 1.0),
    ]
    bar = (0.0, axis - rule / 2, width, rule)
    extent = width + THIN_SPACE_EM * font.upem
    return _shape(font, placed, extent, up + top.top, down - bottom.bottom, bar)


def _power(base: str, exponent: str) -> GlyphShape | None:
    font = _font()
    base_parts, script_parts = _plain_parts(base), _plain_parts(exponent)
    if base_parts is None or script_parts is None:
        return None
    if any(isinstance(p, Gap) for p in (*base_parts, *script_parts)):
        return None  # 2 + 3 to a power needs grouping rules ziamath knows
    low, script = font.run(base_parts), font.run(script_parts, script=True)
    if low is None or script is None:
        return None
    c = font.constant
    scale = c("SCRIPT_PERCENT_SCALE_DOWN") / 100
    shift = max(
        c("SUPERSCRIPT_SHIFT_UP"),
        -script.bottom * scale + c("SUPERSCRIPT_BOTTOM_MIN"),
        low.top - c("SUPERSCRIPT_BASELINE_DROP_MAX"),
    )
    x = low.advance + low.italic
    placed = [(low, 0.0, 0.0, 1.0), (script, x, shift, scale)]
    # No spaceAfterScript: ziamath adds none, and print should match the screen.
    extent = x + script.advance * scale
    ascent = max(low.top, shift + script.top * scale)
    depth = max(-low.bottom, -(shift + script.bottom * scale))
    return _shape(font, placed, extent, ascent, depth, None)


def _shape(
    font: _Font,
    placed: list[tuple[_Run, float, float, float]],
    extent: float,
    ascent: float,
    depth: float,
    bar: tuple[float, float, float, float] | None,
) -> GlyphShape:
    """The placed runs (x, baseline, scale in font units) as glyphs placed in points."""
    k = REFERENCE_SIZE / font.upem
    origin_x, origin_y = MARGIN, depth * k + MARGIN  # the baseline, in the box's points
    glyphs = tuple(
        PlacedGlyph(
            glyph, origin_x + (run_x + glyph_x * scale) * k, origin_y + run_y * k, scale * k
        )
        for run, run_x, run_y, scale in placed
        for glyph, glyph_x in run.glyphs
    )
    bars: tuple[tuple[float, float, float, float], ...] = ()
    if bar is not None:
        bx, by, bw, bh = bar
        bars = ((origin_x + bx * k, origin_y + by * k, bw * k, bh * k),)
    return GlyphShape(
        extent * k + 2 * MARGIN, ascent * k + MARGIN, depth * k + MARGIN, glyphs, bars
    )


def clear_outlines() -> None:
    """Forget the outlines read so far (benchmarks start cold with this)."""
    outline.cache_clear()
