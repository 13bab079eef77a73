"""How one score cell and one date cell of a score file are read.

How a bare number is read depends on its column, decided once per column (once for all skill
columns of a wide file) and reported to the teacher:

- a header saying "out of 20" (or "/20"), or a Points Possible column: points out of that;
- every number between 0 and 1 with some fraction among them: fractions (0.85 is 85%; Excel
  percent cells arrive like this);
- every number a whole 0–4, at least one above 0, in a column not named Percent: the 1–4
  level scale (0 is then not a level, and the row must be fixed or skipped);
- otherwise a percent, except in a Points column with no total, where it can't be read.

"85%", "17/20" and level words ("Got it", "GT", "S") are read the same in any column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from mathroom.domain.scores import (
    HUNDRED,
    format_number,
    parse_level_word,
    parse_number,
    parse_score,
    percent_of,
)
from mathroom.domain.skills import Level

SCORE_HINT = "write 85, 85%, 17/20"
DATE_HINT = "write 2026-11-20, 11/20/2026 or Nov 20, 2026"
_POINTS_HEADERS = frozenset({"points", "pointsearned", "earned", "rawscore"})
_PERCENT_HEADERS = frozenset(
    {"percent", "percentage", "percentcorrect", "correct", "pct", "scorepercent"}
)


class Mode(Enum):
    PERCENT = "percent"
    FRACTION = "fraction"  # 0.85 → 85%
    LEVELS = "levels"  # 1–4 → Not yet … Extending
    OUT_OF = "out of"  # points of a total from the header or a Points Possible column
    POINTS_UNKNOWN = "points, total unknown"


@dataclass(frozen=True, slots=True)
class Reader:
    """How a column's bare numbers are read."""

    mode: Mode
    out_of: Decimal | None = None

    @staticmethod
    def choose(
        cells: Sequence[str], header_key: str, out_of: Decimal | None, has_possible: bool
    ) -> Reader:
        """The reading that fits every number in the column (see the module's docstring)."""
        if out_of is not None:
            return Reader(Mode.OUT_OF, out_of)
        if has_possible:
            return Reader(Mode.OUT_OF)
        numbers = [n for n in (parse_number(c) for c in cells if c.strip()) if n is not None]
        if numbers and all(0 <= n <= 1 for n in numbers) and any(n != int(n) for n in numbers):
            return Reader(Mode.FRACTION)
        if (
            numbers
            and header_key not in _PERCENT_HEADERS
            and all(n == int(n) and 0 <= n <= 4 for n in numbers)
            and any(n >= 1 for n in numbers)
        ):
            return Reader(Mode.LEVELS)
        if header_key in _POINTS_HEADERS and numbers:
            return Reader(Mode.POINTS_UNKNOWN)
        return Reader(Mode.PERCENT)

    def note(self, where: str) -> str | None:
        """What the teacher should know about this reading of ``where``, if anything."""
        if self.mode is Mode.FRACTION:
            return f"Numbers in {where} are read as fractions of 1 (0.85 is 85%)."
        if self.mode is Mode.LEVELS:
            return (
                f"Numbers in {where} are all 0–4, so they are read as levels "
                "(1 Not yet, 2 Getting there, 3 Got it, 4 Extending)."
            )
        if self.mode is Mode.OUT_OF:
            total = "the points possible" if self.out_of is None else format_number(self.out_of)
            return f"Numbers in {where} are read as points out of {total}."
        return None

    def read(self, cell: str, possible: Decimal | None) -> tuple[Decimal | None, Level | None]:
        """(percent, level) from one cell; raises BadValueError naming what is wrong."""
        text = cell.strip()
        try:
            return self._read(text, possible)
        except BadValueError:
            raise
        except ValueError as exc:
            raise BadValueError("score_out_of_range", str(exc)) from exc

    def _read(self, text: str, possible: Decimal | None) -> tuple[Decimal | None, Level | None]:
        number = parse_number(text)
        if number is None:
            score = parse_score(text)
            if score is not None:
                return score, None
            level = parse_level_word(text)
            if level is not None:
                return None, level
            raise BadValueError(
                "bad_score",
                f"can't read '{text}' as a score or level ({SCORE_HINT}, or a level such as "
                "Got it)",
            )
        if self.mode is Mode.LEVELS:
            level = parse_level_word(text)
            if level is None:
                raise BadValueError(
                    "bad_score", f"'{text}' is not a level: this column holds levels 1–4"
                )
            return None, level
        if self.mode is Mode.FRACTION:
            percent, shown = number * HUNDRED, f"{text} ({format_number(number * HUNDRED)}%)"
            if percent < 0:
                raise ValueError(f"{shown}: a score can't be negative")
            if percent > HUNDRED:
                raise ValueError(f"{shown} is over 100%")
            return percent, None
        if self.mode is Mode.OUT_OF:
            total = self.out_of if self.out_of is not None else possible
            if total is None:
                raise BadValueError(
                    "bad_score", f"'{text}' points: the points possible cell is blank"
                )
            return percent_of(number, total), None
        if self.mode is Mode.POINTS_UNKNOWN:
            raise BadValueError(
                "bad_score",
                f"'{text}' points out of how many? Write {text}/20, or name the column "
                "'Points (out of 20)'",
            )
        return parse_score(text), None


class BadValueError(ValueError):
    """A cell that can't be read as a score; ``code`` is the row problem's code."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code


# -- dates --------------------------------------------------------------------------------
_MONTH_NAMES = (
    "jan/january feb/february mar/march apr/april may jun/june jul/july aug/august"
    " sep/sept/september oct/october nov/november dec/december"
)
_MONTHS = {
    name: number
    for number, names in enumerate(_MONTH_NAMES.split(), start=1)
    for name in names.split("/")
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_US = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}.*)?$")
_MONTH_FIRST = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(text: str, *, excel_serials: bool = False) -> date | None:
    """ISO '2026-11-20', US '11/20/2026' or '11/20/26', 'Nov 20, 2026', '20 Nov 2026'.

    None for a blank cell; ValueError for anything else that isn't a real date. With
    ``excel_serials`` a whole number such as 46346 is an Excel date serial (xlsx cells not
    formatted as dates).
    """
    shown = " ".join(text.split())
    text = shown.casefold()
    if not text:
        return None
    if match := _US.match(text):
        year = int(match[3])
        try:
            return date(year + 2000 if year < 100 else year, int(match[1]), int(match[2]))
        except ValueError as exc:
            raise ValueError(
                f"'{shown}' is not a real date (dates are read as month/day/year)"
            ) from exc
    try:
        if match := _ISO.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if (match := _MONTH_FIRST.match(text)) and match[1] in _MONTHS:
            return date(int(match[3]), _MONTHS[match[1]], int(match[2]))
        if (match := _DAY_FIRST.match(text)) and match[2] in _MONTHS:
            return date(int(match[3]), _MONTHS[match[2]], int(match[1]))
        if excel_serials and text.isdigit() and 20_000 <= int(text) <= 80_000:
            return _EXCEL_EPOCH + timedelta(days=int(text))
    except ValueError as exc:  # 2026-02-30, Feb 30, 2026
        raise ValueError(f"'{shown}' is not a real date") from exc
    raise ValueError(f"can't read the date '{shown}' ({DATE_HINT})")
