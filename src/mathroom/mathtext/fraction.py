"""Where ziamath puts the parts of a plain numeric fraction, so paper can draw ¾ quickly.

A day's packet holds hundreds of different fractions of whole numbers. ziamath lays each
one out in about 6 ms; for these the layout only depends on the two numbers' widths.
``fraction_geometry`` asks ziamath once how it places \\frac{0}{0} (numerator and
denominator baselines, the bar, the space after) and the printer reuses that for any
digits, in ziamath's own font: the same picture, without typesetting each one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mathroom.mathtext.render import REFERENCE_SIZE, latex_engine

PLAIN_FRACTION = re.compile(r"^\\frac\{(-?\d{1,6})\}\{(-?\d{1,6})\}$")
MARGIN = 1.0  # ziamath draws a 1-point margin around every expression


@dataclass(frozen=True, slots=True)
class FractionGeometry:
    """Distances in points at REFERENCE_SIZE; "up" is above the text baseline."""

    numerator_up: float  # numerator baseline
    denominator_down: float  # denominator baseline
    bar_bottom: float
    bar_thickness: float
    space_after: float  # ziamath's thin space after a fraction
    ascent: float  # top of the numerator's digits
    descent: float  # bottom of the denominator's digits


@lru_cache(maxsize=1)
def fraction_geometry() -> FractionGeometry | None:
    """Measured from ziamath's own layout; None if its insides ever change shape."""
    try:
        root = latex_engine().Latex(r"\frac{0}{0}", size=REFERENCE_SIZE).node
        frac = root.nodes[0].nodes[0]
        (_x, y_num), (_xd, y_den), (_xb, y_bar) = frac.nodexy
        numerator, denominator, bar = frac.nodes
        thickness = bar.bbox.ymax - bar.bbox.ymin
        width = max(numerator.bbox.xmax, denominator.bbox.xmax)
        return FractionGeometry(
            numerator_up=-float(y_num),
            denominator_down=float(y_den),
            bar_bottom=-float(y_bar) - thickness,
            bar_thickness=float(thickness),
            space_after=float(frac.bbox.xmax - width),
            ascent=-float(y_num) + float(numerator.bbox.ymax),
            descent=float(y_den) - float(denominator.bbox.ymin),
        )
    except (AttributeError, IndexError, TypeError, ValueError):
        return None


def plain_fraction(latex: str) -> tuple[str, str] | None:
    """The numerator and denominator of a \\frac of whole numbers, else None."""
    match = PLAIN_FRACTION.match(latex)
    if match is None:
        return None
    numerator, denominator = match.groups()
    return numerator.replace("-", "\u2212"), denominator.replace("-", "\u2212")
