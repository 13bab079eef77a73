"""Practice tests: typeset every math segment with ziamath, the app's renderer."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

import pytest

_SHAPES: set[str] = set()
_NUMBER = re.compile(r"\d+(\.\d+)?")
_LETTER = re.compile(r"(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])")  # a variable, not a command
_INFIX = re.compile(r"\\(times|div|cdot|le|ge)\b|[-+<>=]")


def shape(source: str) -> str:
    """``source`` with numbers, variables and infix symbols made alike: no LaTeX syntax lives
    in which digit, letter or operator sign it is, only in the structure around them."""
    return _INFIX.sub("+", _LETTER.sub("v", _NUMBER.sub("1", source)))


def render_latex(source: str) -> None:
    """Typeset ``source`` with ziamath; raises when it can't.

    Once one expression of a :func:`shape` has rendered, others of that shape are skipped:
    ziamath takes 5-40 ms per expression, and the generators make thousands that differ
    only in their numbers, letters and signs.
    """
    key = shape(source)
    if key in _SHAPES:
        return
    with warnings.catch_warnings():
        # ziamath 0.13 imports its font through a deprecated importlib.resources call.
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziamath

    ziamath.config.svg2 = False
    svg = ziamath.Latex(source).svg()
    assert "<svg" in svg, source
    _SHAPES.add(key)


@pytest.fixture(scope="session")
def render_math() -> Callable[[str], None]:
    """Session-scoped, so hypothesis tests may use it."""
    return render_latex
