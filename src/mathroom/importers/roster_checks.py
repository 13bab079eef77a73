"""Rules for roster values, shared by spreadsheet-style rosters and OneRoster exports."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from mathroom.domain.import_problems import ProblemKind, ProblemLog
from mathroom.domain.names import clean_name, looks_like_formula, take_nickname

FIX_IN_SIS = (
    "re-export the file as CSV from the student information system, or fix the ID in the file"
)
# What student information systems write when a student has no first or family name.
_PLACEHOLDERS = frozenset({"fnu", "lnu", "nfn", "nln", ".", "-", "--"})
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_DECIMAL = re.compile(r"^\d+[.,]0+$")
_GRADE = re.compile(
    r"^(?:grade|gr\.?|grd)?\s*0*(\d{1,2})(?:\.0+)?\s*(?:st|nd|rd|th)?(?:\s*grade)?$", re.IGNORECASE
)
_FORMULA_FIRST = frozenset("=+-@\t\r")
_KINDERGARTEN = frozenset({"k", "kg", "kn", "kinder", "kindergarten"})
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"^(?:\d{{1,2}}[-/ ]{_MONTH}(?:[-/ ]\d{{2,4}})?"  # 1-Jan, 3-Jan-26
    rf"|{_MONTH}[-/ ]\d{{1,4}}"  # Jan-01, Jan-26
    r"|\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"  # 2026-01-03 (00:00:00)
    r"|\d{1,2}/\d{1,2}/\d{2,4}"  # 01/03/2026
    r"|\d{1,2}-\d{1,2}-\d{4})$",  # 01-03-2026
    re.IGNORECASE,
)
_COUNT_WORDS = {2: "two", 3: "three", 4: "four"}
# The same limits as typing a student or period in the app (services/roster.py); README.
MAX_NAME = 120
MAX_NUMBER = 40
MAX_PERIOD = 60


class Names(NamedTuple):
    """A student's cleaned names (a tuple: rows are built by the ten thousand)."""

    given: str
    family: str
    preferred: str | None

    @property
    def display(self) -> str:
        return f"{self.given} {self.family}".strip()

    @property
    def key(self) -> tuple[str, str]:
        return (self.given.casefold(), self.family.casefold())


def build_names(
    log: ProblemLog,
    line: int,
    given_raw: str,
    family_raw: str,
    preferred_raw: str,
    *,
    changed: bool = False,
    nickname: str | None = None,
) -> Names | None:
    """Clean names and warn about what changed; None when the row holds no name at all."""
    given, given_changed = clean_name(given_raw)
    family, family_changed = clean_name(family_raw)
    preferred, preferred_changed = clean_name(preferred_raw)
    changed = changed or given_changed or family_changed or preferred_changed
    if not preferred:
        given, nickname_in_given = take_nickname(given)
        preferred = nickname or nickname_in_given or ""
    placeholder = None
    # Placeholders are at most three characters: checking the length first keeps this cheap.
    if len(given) <= 3 and given.casefold() in _PLACEHOLDERS:
        placeholder, given = given, ""
    if len(family) <= 3 and family.casefold() in _PLACEHOLDERS:
        placeholder, family = placeholder or family, ""
    if not given:
        given, family = family, ""  # a single-name student keeps the name as given name
    if not given:
        return None
    names = Names(given, family, preferred or None)
    for field, value in (
        ("given name", given),
        ("family name", family),
        ("preferred name", preferred),
    ):
        if len(value) > MAX_NAME:
            log.add(
                line,
                ProblemKind.CONFLICT,
                "name_too_long",
                f"the {field} is {len(value):,} characters long; names are limited to "
                f"{MAX_NAME} characters (fix the file, or skip the line)",
            )
            return names
    if changed:
        log.add(
            line,
            ProblemKind.WARNING,
            "invisible_characters",
            f"invisible characters or extra spaces removed from the name (now '{names.display}')",
        )
    if placeholder is not None:
        log.add(
            line,
            ProblemKind.WARNING,
            "name_placeholder",
            f"'{placeholder}' stands for a missing name; imported as '{names.display}'",
        )
    if not _FORMULA_FIRST.isdisjoint((given[:1], family[:1], preferred[:1])):
        formula = next(n for n in (given, family, preferred) if looks_like_formula(n))
        log.add(
            line,
            ProblemKind.WARNING,
            "formula_like",
            f"the name '{formula}' looks like a spreadsheet formula; stored as text",
        )
    return names


def clean_cell(raw: str) -> str | None:
    """A trimmed cell without invisible characters; None when blank."""
    if not raw:
        return None
    text, _changed = clean_name(raw)
    return text or None


def parse_grade(log: ProblemLog, line: int, raw: str) -> int | None:
    """'07', '7th', 'Grade 7' -> 7 and 'K' -> 0; anything else is blank with a warning."""
    if raw.isascii() and raw.isdigit() and int(raw) <= 13:
        return int(raw)  # the usual "7" or "07"
    text = clean_cell(raw)
    if text is None:
        return None
    if text.casefold() in _KINDERGARTEN:
        return 0
    match = _GRADE.match(text)
    if match is not None and int(match[1]) <= 13:
        return int(match[1])
    log.add(
        line,
        ProblemKind.WARNING,
        "grade_unreadable",
        f"grade '{text}' is not a grade number; left blank",
    )
    return None


def check_period(log: ProblemLog, line: int, period: str) -> None:
    """A period a spreadsheet turned into a date ('1-3' became '3-Jan') needs the teacher."""
    if len(period) > MAX_PERIOD:
        log.add(
            line,
            ProblemKind.CONFLICT,
            "period_too_long",
            f"the period is {len(period):,} characters long; period names are limited to "
            f"{MAX_PERIOD} characters",
        )
        return
    if ("-" in period or "/" in period or " " in period) and _DATE.match(period):
        log.add(
            line,
            ProblemKind.CONFLICT,
            "period_date",
            f"the period '{period}' looks like a date that a spreadsheet made out of it; "
            "check what the period should be (re-export the file as CSV from the student "
            "information system, or fix the period in the file)",
        )


def check_number(log: ProblemLog, line: int, number: str) -> bool:
    """Conflict for an ID a spreadsheet turned into a number; False when it was damaged."""
    if len(number) > MAX_NUMBER:
        log.add(
            line,
            ProblemKind.CONFLICT,
            "id_too_long",
            f"the student number is {len(number):,} characters long; student numbers are "
            f"limited to {MAX_NUMBER} characters",
        )
        return False
    if number.isdigit():
        return True
    if _SCIENTIFIC.match(number):
        log.add(
            line,
            ProblemKind.CONFLICT,
            "id_scientific",
            f"student number '{number}' was turned into scientific notation by a spreadsheet, "
            f"so its digits are lost; {FIX_IN_SIS}",
        )
        return False
    if _DECIMAL.match(number):
        log.add(
            line,
            ProblemKind.CONFLICT,
            "id_decimal",
            f"student number '{number}' was turned into a decimal number by a spreadsheet "
            f"(leading zeros may be lost too); {FIX_IN_SIS}",
        )
        return False
    return True


class NumberUse(NamedTuple):
    """Where a student number was seen, and with which name."""

    line: int
    number: str
    names: Names


def check_numbers(log: ProblemLog, uses: Sequence[NumberUse]) -> None:
    """Whole-file checks: leading zeros a spreadsheet dropped, one number with two names."""
    _check_lost_zeros(log, uses)
    counts = Counter(use.number for use in uses)
    by_number: dict[str, list[NumberUse]] = {}
    for use in uses:
        if counts[use.number] > 1:  # most numbers appear once: only repeats are grouped
            by_number.setdefault(use.number, []).append(use)
    for number, group in by_number.items():
        first_by_name: dict[tuple[str, str], NumberUse] = {}
        for use in group:
            first_by_name.setdefault(use.names.key, use)
        if len(first_by_name) < 2:
            continue
        listing = _and_list(
            [f"'{u.names.display}' ({log.where(u.line)})" for u in first_by_name.values()]
        )
        count = _COUNT_WORDS.get(len(first_by_name), str(len(first_by_name)))
        for use in group:
            log.add(
                use.line,
                ProblemKind.CONFLICT,
                "id_two_names",
                f"student number {number} appears with {count} names: {listing}; "
                "decide which is right",
            )


def _check_lost_zeros(log: ProblemLog, uses: Sequence[NumberUse]) -> None:
    digits = [use for use in uses if use.number.isascii() and use.number.isdigit()]
    if not digits:
        return
    usual, _count = Counter(len(use.number) for use in digits).most_common(1)[0]
    example = next(
        (u.number for u in digits if len(u.number) == usual and u.number[0] == "0"), None
    )
    if example is None:
        return  # nothing shows that this school's numbers start with zeros
    for use in digits:
        if len(use.number) < usual:
            log.add(
                use.line,
                ProblemKind.CONFLICT,
                "id_lost_zeros",
                f"student number '{use.number}' looks like a spreadsheet dropped its leading "
                f"zeros (most numbers here have {usual} digits, like '{example}'); {FIX_IN_SIS}",
            )


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
