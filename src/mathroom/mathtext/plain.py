"""Math as one line of plain Unicode text: what a PDF's text layer carries for drawn math.

Typeset math is drawn as vector paths, which hold no text; the PDF gets this line as
invisible text on top, so search, copy and screen readers get ``3g + 5`` and ``(x + 1)/4``.
"""

from __future__ import annotations

import re

_SYMBOLS = {
    "times": "×",
    "div": "÷",
    "cdot": "·",
    "pm": "±",
    "mp": "∓",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "lt": "<",
    "gt": ">",
    "ne": "≠",
    "neq": "≠",
    "approx": "≈",
    "sim": "∼",  # noqa: RUF001
    "cong": "≅",
    "equiv": "≡",
    "pi": "π",
    "circ": "°",
    "degree": "°",
    "infty": "∞",
    "angle": "∠",
    "measuredangle": "∡",
    "triangle": "△",
    "perp": "⊥",
    "parallel": "∥",
    "square": "□",
    "ldots": "…",
    "cdots": "⋯",
    "dots": "…",
    "vdots": "⋮",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "Rightarrow": "⇒",
    "leftrightarrow": "↔",
    "alpha": "α",  # noqa: RUF001
    "beta": "β",
    "gamma": "γ",  # noqa: RUF001
    "delta": "δ",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "sigma": "σ",  # noqa: RUF001
    "Delta": "Δ",
    "Sigma": "Σ",
    "lvert": "|",
    "rvert": "|",
    "vert": "|",
    "mid": "|",
    "percent": "%",
    "quad": " ",
    "qquad": " ",
}
_OPERATORS = set("+−×÷·±∓")
_RELATIONS = set("=<>≤≥≠≈∼≅≡→←⇒↔:")  # noqa: RUF001
_WITH_TEXT = {"text", "mathrm", "textbf", "mathbf", "mathit", "boxed", "underline", "overline"}
_IGNORED = {"left", "right", "big", "Big", "bigl", "bigr", "displaystyle", "textstyle"}
_SUPERSCRIPT = str.maketrans("0123456789−+()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾ⁿ")
_SCRIPTABLE = set("0123456789−+()n")
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\s+|.", re.DOTALL)


def plain_math(source: str) -> str:
    """``source`` (task LaTeX) as readable text: ``\\frac{3}{4}`` is ``3/4``, ``x^2`` is ``x²``."""
    tokens = _TOKEN.findall(source)
    text, _end = _read(tokens, 0, closing="")
    return " ".join(text.split())


def _read(tokens: list[str], index: int, closing: str) -> tuple[str, int]:
    """Plain text of tokens from ``index`` up to ``closing`` (a ``}``) or the end."""
    out: list[str] = []
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token == closing:
            break
        if token == "{":
            inner, index = _read(tokens, index, "}")
            out.append(inner)
            continue
        if token.isspace() or token == "}":
            continue
        if token.startswith("\\") and len(token) > 1:
            name = token[1:]
            if name in ("frac", "tfrac", "dfrac"):
                top, index = _argument(tokens, index)
                bottom, index = _argument(tokens, index)
                out.append(f"{_wrapped(top)}/{_wrapped(bottom)}")
            elif name == "sqrt":
                inner, index = _argument(tokens, index)
                out.append(f"√{_wrapped(inner)}")
            elif name in _WITH_TEXT:
                inner, index = _argument(tokens, index)
                out.append(inner)
            elif name in ("overset", "underset"):
                _over, index = _argument(tokens, index)
                inner, index = _argument(tokens, index)
                out.append(inner)
            elif name == "hspace":
                _size, index = _argument(tokens, index)
                out.append(" ")
            elif name in _IGNORED:
                continue
            elif name in _SYMBOLS:
                out.append(_spaced(_SYMBOLS[name], out))
            else:
                out.append(name if len(name) == 1 else token)  # \% \$ \{ and the like
            continue
        if token in ("^", "_"):
            inner, index = _argument(tokens, index)
            if token == "^" and inner == "°":
                out.append("°")
            elif token == "^" and inner and set(inner) <= _SCRIPTABLE:
                out.append(inner.translate(_SUPERSCRIPT))
            else:
                out.append(f"{token}{_wrapped(inner)}")
            continue
        out.append(_spaced("−" if token == "-" else token, out))
    return "".join(out), index


def _argument(tokens: list[str], index: int) -> tuple[str, int]:
    """One argument: a brace group or a single token."""
    while index < len(tokens) and tokens[index].isspace():
        index += 1
    if index >= len(tokens):
        return "", index
    if tokens[index] == "{":
        return _read(tokens, index + 1, "}")
    return _read([tokens[index]], 0, "")[0], index + 1


def _wrapped(text: str) -> str:
    """Brackets around a part with an operation in it, so ``(x + 1)/4`` keeps its meaning."""
    text = " ".join(text.split())
    if len(text) > 1 and any(c in _OPERATORS or c in _RELATIONS or c == " " for c in text[1:]):
        return f"({text})"
    return text


def _spaced(symbol: str, before: list[str]) -> str:
    """Spaces around an operation or relation; none after a sign (``−9``, ``5 − (−9)``)."""
    previous = "".join(before).rstrip()
    if symbol in _RELATIONS:
        return f" {symbol} "
    if symbol in _OPERATORS:
        if not previous or previous[-1] in "([{,|" or previous[-1] in _OPERATORS | _RELATIONS:
            return symbol
        return f" {symbol} "
    return symbol
