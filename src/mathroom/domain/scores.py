"""Scores and level words from a quiz or diagnostic, and the teacher's cut points.

Everything is exact ``Decimal`` arithmetic: 17/20 is 85%, never 84.99999%.

``parse_score`` has three outcomes, so a caller can tell "not a number" from "a number that
can't be a score": it returns the percent, returns None when the text is not written as a
score at all ("abc", "Got it", ""), and raises ``ValueError`` with a plain reason when the
text is a score that can't be right ("-5", "120%", "12/10", "3/0").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from mathroom.domain.errors import ValidationError
from mathroom.domain.skills import Level

HUNDRED = Decimal(100)

_LEVEL_WORDS: dict[str, Level] = {
    **dict.fromkeys(("notyet", "ny", "n", "1"), Level.NOT_YET),
    **dict.fromkeys(("gettingthere", "gt", "g", "2"), Level.GETTING_THERE),
    **dict.fromkeys(("gotit", "s", "secure", "3"), Level.GOT_IT),
    **dict.fromkeys(("extending", "e", "x", "4"), Level.EXTENDING),
}

# A decimal comma ("85,5") is read as a decimal point; thousands separators never appear in
# a score, so there is nothing to confuse it with.
_NUMBER = r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)"
_PERCENT = re.compile(rf"^({_NUMBER})\s*%$")
_FRACTION = re.compile(rf"^({_NUMBER})\s*(?:/|out\s+of|of)\s*({_NUMBER})$", re.IGNORECASE)
_PLAIN = re.compile(rf"^{_NUMBER}$")


@dataclass(frozen=True, slots=True)
class CutPoints:
    """The lowest percent for each level above Not yet; a score at a cut point is in the higher
    level (with the defaults, 70% is Got it and 69.9% is Getting there)."""

    getting_there: Decimal = Decimal(50)
    got_it: Decimal = Decimal(70)
    extending: Decimal = Decimal(90)

    def __post_init__(self) -> None:
        for name in ("getting_there", "got_it", "extending"):
            value = getattr(self, name)
            if not isinstance(value, Decimal) or not value.is_finite():
                raise ValidationError(name, f"{value!r} is not a percent")
            if not 0 <= value <= HUNDRED:
                raise ValidationError(name, f"{value}% is outside 0–100%")
        if self.got_it <= self.getting_there:
            raise ValidationError(
                "got_it",
                f"must be above Getting there ({self.getting_there}%), not {self.got_it}%",
            )
        if self.extending <= self.got_it:
            raise ValidationError(
                "extending", f"must be above Got it ({self.got_it}%), not {self.extending}%"
            )

    def level_for(self, score_percent: Decimal) -> Level:
        """The level a score earns: below Getting there's cut it is Not yet, and so on."""
        if score_percent >= self.extending:
            return Level.EXTENDING
        if score_percent >= self.got_it:
            return Level.GOT_IT
        if score_percent >= self.getting_there:
            return Level.GETTING_THERE
        return Level.NOT_YET

    def describe(self) -> str:
        """'Not yet below 50%, Getting there from 50%, Got it from 70%, Extending from 90%'."""
        return (
            f"Not yet below {format_percent(self.getting_there)}, "
            f"Getting there from {format_percent(self.getting_there)}, "
            f"Got it from {format_percent(self.got_it)}, "
            f"Extending from {format_percent(self.extending)}"
        )


def parse_level_word(text: str) -> Level | None:
    """'Got it', 'GT', 's', '4', 'not-yet' → a level; anything else → None.

    Case, spaces and punctuation don't matter.
    """
    key = "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())
    return _LEVEL_WORDS.get(key)


def parse_score(text: str) -> Decimal | None:
    """'85', '85%', '8.5/10', '17 / 20', '17 out of 20' → the percent (85).

    None when the text isn't written as a score; ValueError (with a reason a teacher can read)
    when it is one but can't be right: negative, over 100%, or more points than the total.
    """
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    if not text:
        return None
    if match := _PERCENT.match(text):
        return _in_range(_number(match.group(1)), f"{text}")
    if match := _FRACTION.match(text):
        return percent_of(_number(match.group(1)), _number(match.group(2)))
    if _PLAIN.match(text):
        return _in_range(_number(text), f"{text}%")
    return None


def parse_number(text: str) -> Decimal | None:
    """A plain number ('17', '8.5', '8,5'), or None for anything else."""
    text = text.strip()
    return _number(text) if _PLAIN.match(text) else None


def percent_of(points: Decimal, out_of: Decimal) -> Decimal:
    """17 out of 20 → 85. ValueError when the total is not above zero or is exceeded."""
    if out_of <= 0:
        raise ValueError(
            f"{format_number(points)}/{format_number(out_of)}: the total must be above 0"
        )
    if points < 0:
        raise ValueError(
            f"{format_number(points)}/{format_number(out_of)}: a score can't be negative"
        )
    if points > out_of:
        raise ValueError(f"{format_number(points)}/{format_number(out_of)} is more than full marks")
    return points * HUNDRED / out_of


def format_percent(value: Decimal) -> str:
    """85 → '85%', 33.3333… → '33.3%', 87.50 → '87.5%' (one decimal at most, for display)."""
    return f"{format_number(value.quantize(Decimal('0.1')))}%"


def format_number(value: Decimal) -> str:
    """The shortest plain form: 85.0 → '85', 8.50 → '8.5', 1E+2 → '100'."""
    text = f"{value.normalize():f}"
    return "0" if text in ("-0", "") else text


def _number(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # the patterns above only let numbers through
        raise ValueError(f"{text} is not a number") from exc


def _in_range(percent: Decimal, shown: str) -> Decimal:
    if percent < 0:
        raise ValueError(f"{shown}: a score can't be negative")
    if percent > HUNDRED:
        raise ValueError(f"{shown} is over 100%")
    return percent
