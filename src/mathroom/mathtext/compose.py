"""Split simple math into glyph runs and small structures, so paper can be made quickly.

ziamath takes 5–20 ms per expression, and a day's packet holds about 2,000 different ones
(every student's sheet has its own numbers): over 10 s. Most of that math is numbers,
letters and operators, which print as plain glyphs of ziamath's own font (STIX Two Math)
with the spacing ziamath would use; only fractions, roots and exponents need ziamath, and
those repeat (¾ is ¾ on every sheet), so their renders are cached. Anything outside this
simple grammar (\\left, \\text, …) returns None and goes to ziamath whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# TeX's spacing around binary operators and relations, in em (mediummathspace and
# thickmathspace in MathML's operator dictionary, which ziamath follows).
BINARY_SPACE = 4 / 18
RELATION_SPACE = 5 / 18
PUNCT_SPACE = 3 / 18

_BINARY = {"+": "+", "-": "\u2212", r"\times": "×", r"\div": "÷", r"\cdot": "⋅", r"\pm": "±"}
_RELATION = {
    "=": "=",
    "<": "<",
    ">": ">",
    r"\le": "≤",
    r"\leq": "≤",
    r"\ge": "≥",
    r"\geq": "≥",
    r"\ne": "≠",
    r"\neq": "≠",
    r"\approx": "≈",
    ":": ":",
}
_SYMBOLS = {r"\pi": "\U0001d70b", r"\%": "%", r"\$": "$", "?": "?", "%": "%"}
_OPEN = {"(": "(", "[": "["}
_CLOSE = {")": ")", "]": "]"}
_STRUCTURES = (r"\frac", r"\tfrac", r"\dfrac", r"\sqrt")
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True, slots=True)
class Glyphs:
    text: str  # Unicode for the math font: digits upright, letters in math italic


@dataclass(frozen=True, slots=True)
class Gap:
    em: float


@dataclass(frozen=True, slots=True)
class Structure:
    latex: str  # one fraction, root or script, typeset by ziamath


Part = Glyphs | Gap | Structure


def math_italic(letter: str) -> str:
    """The math italic letter ziamath sets for ``letter`` (italic h has its own code point)."""
    if letter == "h":
        return "\u210e"
    if "a" <= letter <= "z":
        return chr(0x1D44E + ord(letter) - ord("a"))
    if "A" <= letter <= "Z":
        return chr(0x1D434 + ord(letter) - ord("A"))
    return letter


def group_end(source: str, start: int) -> int:
    """Index just past the brace group (or single character) that starts at ``start``."""
    if start >= len(source):
        raise ValueError("missing argument")
    if source[start] != "{":
        if source[start] == "\\":
            end = start + 1
            while end < len(source) and source[end].isalpha():
                end += 1
            return end
        return start + 1
    depth = 0
    for index in range(start, len(source)):
        if source[index] == "{":
            depth += 1
        elif source[index] == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    raise ValueError("unclosed group")


@lru_cache(maxsize=8192)
def compose(source: str) -> tuple[Part, ...] | None:
    """The parts of simple math, or None when it needs ziamath whole."""
    try:
        return _compose(source)
    except ValueError:
        return None


def _compose(source: str) -> tuple[Part, ...] | None:
    parts: list[Part] = []
    expect_operand = True  # at the start, after an operator or an opening fence
    bars_open = 0
    index = 0
    while index < len(source):
        char = source[index]
        if char.isspace():
            index += 1
            continue
        command = ""
        if char == "\\":
            end = index + 1
            while end < len(source) and source[end].isalpha():
                end += 1
            if end == index + 1 and end < len(source):
                end += 1  # \% or \$
            command = source[index:end]
        token = command or char
        length = len(token)
        if char.isdigit() or (
            char == "." and index + 1 < len(source) and source[index + 1].isdigit()
        ):
            end = index
            while end < len(source) and (source[end].isdigit() or source[end] == "."):
                end += 1
            parts.append(Glyphs(source[index:end]))
            index, expect_operand = end, False
            continue
        if char.isalpha():
            parts.append(Glyphs(math_italic(char)))
            index, expect_operand = index + 1, False
            continue
        if token in _STRUCTURES:
            end = group_end(source, index + length)
            if token != r"\sqrt":
                end = group_end(source, end)
            parts.append(Structure(source[index:end]))
            index, expect_operand = end, False
            continue
        if char in "^_":
            if source.startswith(r"^\circ", index):
                parts.append(Glyphs("°"))
                index += len(r"^\circ")
                continue
            if not parts or not isinstance(parts[-1], Glyphs):
                return None
            base = parts.pop()
            assert isinstance(base, Glyphs)
            end = group_end(source, index + 1)
            plain = base.text
            if not all(c.isdigit() or c == "." for c in plain):
                # The script belongs to the last letter only: 2x² is 2, then x².
                letters = [k for k in _LETTERS if math_italic(k) == plain[-1]]
                if not letters:
                    return None  # a script on a symbol: ziamath sets it whole
                if plain[:-1]:
                    parts.append(Glyphs(plain[:-1]))
                plain = letters[0]
            parts.append(Structure(plain + source[index:end]))
            index = end
            continue
        if token in _BINARY:
            symbol = _BINARY[token]
            if expect_operand and token in ("+", "-"):
                parts.append(Glyphs(symbol))  # a sign, not an operation: no spaces
            else:
                parts += [Gap(BINARY_SPACE), Glyphs(symbol), Gap(BINARY_SPACE)]
            index, expect_operand = index + length, True
            continue
        if token in _RELATION:
            parts += [Gap(RELATION_SPACE), Glyphs(_RELATION[token]), Gap(RELATION_SPACE)]
            index, expect_operand = index + length, True
            continue
        if token in _SYMBOLS:
            parts.append(Glyphs(_SYMBOLS[token]))
            index, expect_operand = index + length, False
            continue
        if token in _OPEN:
            parts.append(Glyphs(_OPEN[token]))
            index, expect_operand = index + 1, True
            continue
        if token in _CLOSE:
            parts.append(Glyphs(_CLOSE[token]))
            index, expect_operand = index + 1, False
            continue
        if token == "|":
            parts.append(Glyphs("|"))
            if expect_operand:
                bars_open += 1  # an opening bar: a sign may follow
            else:
                bars_open -= 1
            index += 1
            continue
        if token == ",":
            parts += [Glyphs(","), Gap(PUNCT_SPACE)]
            index, expect_operand = index + 1, True
            continue
        if token == "{" or token == "}":
            index += 1  # grouping braces around plain content change nothing visible
            continue
        return None
    return tuple(_merged(parts)) if bars_open == 0 else None


def _merged(parts: list[Part]) -> list[Part]:
    """Neighbouring glyphs become one run; neighbouring gaps one gap."""
    out: list[Part] = []
    for part in parts:
        last = out[-1] if out else None
        if isinstance(part, Glyphs) and isinstance(last, Glyphs):
            out[-1] = Glyphs(last.text + part.text)
        elif isinstance(part, Gap) and isinstance(last, Gap):
            out[-1] = Gap(max(last.em, part.em))
        else:
            out.append(part)
    while out and isinstance(out[0], Gap):
        out.pop(0)
    while out and isinstance(out[-1], Gap):
        out.pop()
    return out
