"""Math to SVG with ziamath, checked first so mistakes get a plain message, never a crash.

ziamath (pure Python, with its own STIX math font) was measured against matplotlib's
mathtext on this machine: 2–8 ms per expression against 50–60 ms (and 0.8 s to import),
4 MB installed with its parts against 199 MB for matplotlib and numpy; its output is SVG,
which both Qt and ReportLab draw as vectors. It renders some mistakes silently (an unclosed brace,
an unknown command spelled out as letters), so ``check_math`` looks for those first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# The LaTeX that task text may use: the grade 4–8 subset and a little typographic glue.
_KNOWN = """
    frac tfrac dfrac sqrt times div cdot pm mp le leq ge geq lt gt ne neq approx sim cong
    equiv pi circ degree infty angle measuredangle triangle perp parallel square
    text mathrm textbf mathbf mathit boxed underline overline overset underset
    left right big Big bigl bigr quad qquad ldots cdots dots vdots
    to rightarrow leftarrow Rightarrow leftrightarrow
    alpha beta gamma delta theta lambda mu sigma Delta Sigma
    lvert rvert vert mid percent displaystyle textstyle hspace
"""
KNOWN_COMMANDS = frozenset(_KNOWN.split())
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_VIEW_BOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')


class MathError(ValueError):
    """Math that cannot be typeset; ``problem`` says why in plain words."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"The math “{source}” {problem}")
        self.source = source
        self.problem = problem


@dataclass(frozen=True, slots=True)
class MathImage:
    """One typeset expression. Sizes are in points for a font of ``size`` points."""

    svg: str
    width: float
    height: float
    depth: float  # how far the drawing reaches below the text's baseline

    @property
    def ascent(self) -> float:
        return self.height - self.depth


def check_math(source: str) -> None:
    """Raise MathError for the mistakes ziamath would draw without complaint."""
    if not source.strip():
        raise MathError(source, "is empty: put something between the dollar signs.")
    depth = 0
    escaped = False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise MathError(source, "has a } with no { before it.")
    if depth:
        raise MathError(source, "is missing a closing }.")
    for name in _COMMAND.findall(source):
        if name not in KNOWN_COMMANDS:
            raise MathError(source, f"uses \\{name}, which Mathroom does not know.")
    if source.count(r"\left") != source.count(r"\right"):
        raise MathError(source, r"needs a \right for every \left.")


@lru_cache(maxsize=1)
def latex_engine() -> Any:
    """ziamath, imported on first use (it loads a large font; start-up need not wait)."""
    import ziamath

    # svglib, which brings the SVG into ReportLab, draws only the fraction bars of SVG 2
    # output (<symbol>/<use>): plain SVG 1.1 paths render everywhere.
    ziamath.config.svg2 = False
    return ziamath


# Math is typeset once at this size and scaled: vector output scales exactly, and a card
# tried at several type sizes must not typeset its math again for each.
REFERENCE_SIZE = 20.0


# After these a + or − is a sign (−9), not an operation (5 − 9).
_SIGN_AFTER = frozenset("([{,=<>+-")  # not ^ or _: x^{-}2 would be x⁻ then 2
_OPERATOR_COMMANDS = frozenset(
    [
        "times",
        "div",
        "cdot",
        "pm",
        "mp",
        "le",
        "leq",
        "ge",
        "geq",
        "lt",
        "gt",
        "ne",
        "neq",
        "approx",
        "sim",
        "cong",
        "equiv",
        "to",
        "rightarrow",
        "leftarrow",
        "Rightarrow",
        "leftrightarrow",
        "quad",
        "qquad",
        "left",
        "big",
        "Big",
        "bigl",
        "bigr",
        "mid",
    ]
)
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\s+|.", re.DOTALL)


def mark_signs(source: str) -> str:
    """``source`` with every sign braced (``5 - (-9)`` becomes ``5 - ({-}9)``).

    ziamath spaces every minus as subtraction; TeX sets a braced ``{-}`` as an ordinary
    symbol, so the sign sits tight against its number on screen and on paper.
    """
    out: list[str] = []
    previous = ""  # the last token that was not a space
    for token in _TOKEN.findall(source):
        if token in ("-", "+") and (
            not previous
            or previous in _SIGN_AFTER
            or (previous.startswith("\\") and previous[1:] in _OPERATOR_COMMANDS)
        ):
            out.append("{" + token + "}")
            previous = "}"  # what follows a sign is its operand, never another sign's place
            continue
        out.append(token)
        if not token.isspace():
            previous = token
    return "".join(out)


@lru_cache(maxsize=8192)
def typeset(source: str) -> MathImage:
    """``source`` typeset at REFERENCE_SIZE points (cached: sheets repeat their math)."""
    check_math(source)
    try:
        svg = latex_engine().Latex(mark_signs(source), size=REFERENCE_SIZE).svg()
    except Exception as exc:  # ziamath raises many unrelated types for bad input
        raise MathError(source, f"could not be read ({_plain(exc)}).") from exc
    box = _VIEW_BOX.search(svg)
    if box is None:
        raise MathError(source, "could not be drawn.")
    # The view box's y = 0 is the baseline; it includes ziamath's small margin.
    _x, top, width, height = (float(value) for value in box.groups())
    return MathImage(svg=svg, width=width, height=height, depth=max(top + height, 0.0))


def render_math(source: str, size: float) -> MathImage:
    """The math for text of ``size`` points: the reference typesetting, scaled."""
    base = typeset(source)
    scale = size / REFERENCE_SIZE
    return MathImage(base.svg, base.width * scale, base.height * scale, base.depth * scale)


def _plain(exc: Exception) -> str:
    name = type(exc).__name__
    if "Token" in name or "Missing" in name:
        return "something is missing, like the bottom of a fraction or an exponent"
    return str(exc) or name


def math_problems(sources: list[str]) -> list[MathError]:
    """Every piece of math that will not typeset, for a preview or a content check."""
    problems: list[MathError] = []
    for source in sources:
        try:
            render_math(source, 12.0)
        except MathError as error:
            problems.append(error)
    return problems
