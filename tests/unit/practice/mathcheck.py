"""Test-side readers for generated text: find the math, check its LaTeX, and evaluate it.

Written independently of the generators so the tests can recompute every answer from what
the student actually reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

ALLOWED_COMMANDS = frozenset(
    {"frac", "times", "div", "cdot", "le", "ge", "pi", "circ", "approx", "sqrt"}
)
_ALLOWED_CHARS = re.compile(r"[0-9A-Za-z +\-=<>()|.,^{}\\:?]*")
_COMMAND = re.compile(r"\\([A-Za-z]+)")

# The same options as the app's parser (mathroom.mathtext.markup): strict about spaces and
# digits next to the dollar signs, so money like "\$4" never opens a formula.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).use(
    dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=False
)


def math_segments(text: str) -> list[str]:
    """The ``$...$`` segments, read by hand; fails on an unclosed one or a stray backslash."""
    segments: list[str] = []
    current: list[str] = []
    inside = False
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            pair = text[index : index + 2]
            if inside:
                current.append(pair)
            else:
                assert pair == r"\$", f"a backslash outside math that isn't \\$ in {text!r}"
            index += 2
            continue
        if char == "$":
            if inside:
                segments.append("".join(current))
                current = []
            inside = not inside
        elif inside:
            current.append(char)
        index += 1
    assert not inside, f"unclosed math in {text!r}"
    return segments


def markdown_math(text: str) -> list[str]:
    """The math markdown-it finds; also asserts the text is one plain paragraph."""
    found: list[str] = []
    for token in _MARKDOWN.parse(text):
        assert token.type in {"paragraph_open", "paragraph_close", "inline"}, (token.type, text)
        for child in token.children or ():
            assert child.type in {"text", "text_special", "math_inline"}, (child.type, text)
            if child.type == "math_inline":
                found.append(child.content)
    return found


def check_tex(source: str) -> None:
    """Only the LaTeX subset the renderer is promised; balanced braces; no money or %."""
    assert source.strip() == source and source, f"empty or padded math {source!r}"
    assert _ALLOWED_CHARS.fullmatch(source), f"unexpected character in {source!r}"
    for name in _COMMAND.findall(source):
        assert name in ALLOWED_COMMANDS, f"\\{name} in {source!r}"
    depth = 0
    for char in source:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, f"unbalanced braces in {source!r}"
    assert depth == 0, f"unbalanced braces in {source!r}"
    for match in re.finditer(r"\^", source):
        after = source[match.end() :]
        assert after.startswith(("{", r"\circ")), f"bare exponent in {source!r}"
    assert r"\frac{" in source or r"\frac" not in source, source


# --- evaluating ------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(\d+(?:\.\d+)?|\\[A-Za-z]+|[A-Za-z]|[-+()^{}|=<>])")


class Expression:
    """A small recursive-descent reader for the arithmetic the generators print."""

    def __init__(self, source: str, values: Mapping[str, Fraction] | None = None) -> None:
        self.tokens = self._tokenize(source)
        self.source = source
        self.values = dict(values or {})
        self.at = 0

    @staticmethod
    def _tokenize(source: str) -> list[str]:
        tokens: list[str] = []
        index = 0
        while index < len(source):
            match = _TOKEN.match(source, index)
            assert match, f"can't read {source[index:]!r} in {source!r}"
            token = match.group(1)
            # A number written straight against \frac is a mixed number: 2\frac{1}{4}.
            if tokens and token == r"\frac" and match.start(1) == index and tokens[-1][0].isdigit():
                tokens.append("MIXED")
            tokens.append(token)
            index = match.end()
        return tokens

    def value(self) -> Fraction:
        result = self._sum()
        assert self.at == len(self.tokens), f"left over {self.tokens[self.at :]} in {self.source!r}"
        return result

    def _peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> str:
        token = self._peek()
        assert token is not None, f"ran out reading {self.source!r}"
        assert expected is None or token == expected, (
            f"wanted {expected} got {token} in {self.source!r}"
        )
        self.at += 1
        return token

    def _sum(self) -> Fraction:
        total = self._product()
        while self._peek() in ("+", "-"):
            sign = self._take()
            right = self._product()
            total = total + right if sign == "+" else total - right
        return total

    def _product(self) -> Fraction:
        total = self._unary()
        while True:
            token = self._peek()
            if token in (r"\times", r"\cdot"):
                self._take()
                total *= self._unary()
            elif token == r"\div":
                self._take()
                total /= self._unary()
            elif token is not None and (token[0].isalnum() or token in ("(", r"\frac")):
                total *= self._unary()  # written side by side: 3x, 2(x + 1)
            else:
                return total

    def _unary(self) -> Fraction:
        if self._peek() == "-":
            self._take()
            return -self._unary()
        if self._peek() == "+":
            self._take()
            return self._unary()
        return self._power()

    def _power(self) -> Fraction:
        base = self._atom()
        if self._peek() == "^":
            self._take()
            self._take("{")
            exponent = self._sum()
            self._take("}")
            assert exponent.denominator == 1
            return base ** int(exponent)
        return base

    def _group(self) -> Fraction:
        self._take("{")
        inside = self._sum()
        self._take("}")
        return inside

    def _atom(self) -> Fraction:
        token = self._take()
        if token[0].isdigit():
            number = Fraction(Decimal(token))
            if self._peek() == "MIXED":
                self._take()
                self._take(r"\frac")
                top, bottom = self._group(), self._group()
                assert 0 < top < bottom, f"a mixed number needs a proper fraction: {self.source!r}"
                return number + top / bottom
            return number
        if token == "(":
            inside = self._sum()
            self._take(")")
            return inside
        if token == "|":
            inside = self._sum()
            self._take("|")
            return abs(inside)
        if token == r"\frac":
            top, bottom = self._group(), self._group()
            return top / bottom
        if token.isalpha() and len(token) == 1:
            assert token in self.values, f"no value for {token} in {self.source!r}"
            return self.values[token]
        raise AssertionError(f"unexpected {token!r} in {self.source!r}")


def evaluate(source: str, **values: Fraction | int) -> Fraction:
    return Expression(source, {k: Fraction(v) for k, v in values.items()}).value()


RELATION_TEX = {"=": "=", "<": "<", ">": ">", r"\le": "<=", r"\ge": ">="}
_SPLIT = re.compile(r"\s(=|<|>|\\le|\\ge)\s")


def split_relation(source: str) -> tuple[str, str, str]:
    """``3x + 5 \\le 20`` -> ("3x + 5", "<=", "20")."""
    parts = _SPLIT.split(source)
    assert len(parts) == 3, f"not one relation in {source!r}"
    left, relation, right = parts
    return left, RELATION_TEX[relation], right


def holds(left: Fraction, relation: str, right: Fraction) -> bool:
    return {
        "=": left == right,
        "<": left < right,
        ">": left > right,
        "<=": left <= right,
        ">=": left >= right,
    }[relation]


_MONEY = re.compile(r"\\\$(\d{1,3}(?:,\d{3})*\.\d{2})")


def money_value(text: str) -> Fraction:
    match = _MONEY.fullmatch(text)
    assert match, f"not money: {text!r}"
    return Fraction(Decimal(match.group(1).replace(",", "")))


def answer_value(text: str) -> Fraction:
    """The number an answer text shows: ``$2\\frac{1}{4}$``, ``\\$3.50``, ``$x = -4$``,
    ``$\\approx 50.24$ square feet``, ``$35^\\circ$``; a ``\\pi`` is left off (see
    :func:`shows_pi`)."""
    if text.startswith(r"\$"):
        return money_value(text)
    segments = math_segments(text)
    assert len(segments) == 1 and text.startswith("$"), f"one leading formula expected: {text!r}"
    source = segments[0]
    source = re.sub(r"^\\approx ", "", source)
    source = re.sub(r"^[A-Za-z] = ", "", source)
    source = re.sub(r"\^\\circ$", "", source)
    source = re.sub(r"\\pi$", "", source) or "1"
    return evaluate(source)


def shows_pi(text: str) -> bool:
    return math_segments(text)[0].endswith(r"\pi")


def fractions_in_lowest_terms(text: str) -> None:
    r"""Every numeric \frac in the text is reduced, and a mixed number's part is proper."""
    for source in math_segments(text):
        for match in re.finditer(r"(\d?)\\frac\{(\d+)\}\{(\d+)\}", source):
            whole, top, bottom = match.group(1), int(match.group(2)), int(match.group(3))
            assert bottom > 1, f"a fraction over 1 in {text!r}"
            assert Fraction(top, bottom).denominator == bottom, f"not reduced: {text!r}"
            if whole:
                assert top < bottom, f"mixed number with an improper part: {text!r}"
