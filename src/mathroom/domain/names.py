"""Names that arrive from other systems: cleaning them, keeping them safe in CSV cells, and
the one key that matches a file's student to a roster student (roster and score imports alike).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)

# Characters that render as nothing but break sorting, searching and matching.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Spaces other than U+0020 that spreadsheets and web pages leave behind (NBSP above all).
_UNICODE_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\t\n\r\v\f"
)
# C0/C1 control characters have no place in a name (a stray one comes from a broken export).
_CONTROLS = "".join(
    chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if chr(code) not in "\t\n\r\v\f"
)

_TABLE: dict[int, str | None] = {
    **{ord(ch): None for ch in _ZERO_WIDTH + _BIDI_CONTROLS + _CONTROLS},
    **{ord(ch): " " for ch in _UNICODE_SPACES},
}
_ASCII_WHITESPACE = " \t\n\r\v\f"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NICKNAME = re.compile(r"^(?P<before>[^()]*?)\s*\((?P<nick>[^()]*)\)\s*(?P<after>[^()]*)$")


def clean_name(raw: str) -> tuple[str, bool]:
    """NFC-normalise, turn Unicode spaces into spaces, drop zero-width, bidi and control
    characters, collapse runs of whitespace and strip.

    Returns ``(clean, changed)``: ``changed`` is True when anything beyond trimming the ends was
    removed or replaced, so the teacher can be told. NFC composition alone doesn't count: a
    decomposed "Nguyễn" from a Mac looks exactly the same after it.
    """
    if not raw:
        return "", False
    trimmed = raw.strip(_ASCII_WHITESPACE)
    # Fast path: the vast majority of names are printable ASCII with single spaces.
    if trimmed.isascii() and trimmed.isprintable() and "  " not in trimmed:
        return trimmed, False
    composed = unicodedata.normalize("NFC", trimmed)
    clean = " ".join(composed.translate(_TABLE).split())
    return clean, clean != composed


def looks_like_formula(value: str) -> bool:
    """True when a spreadsheet would treat a cell starting like this as a formula."""
    return value.startswith(_FORMULA_STARTS)


def csv_safe(value: str) -> str:
    """Prefix with ' when a CSV cell would start with =, +, -, @ (or tab/CR), so spreadsheets
    never run it as a formula."""
    return "'" + value if looks_like_formula(value) else value


# -- reading a name written in one cell --------------------------------------------------
def take_nickname(text: str) -> tuple[str, str | None]:
    """'Amara (Amy)' -> ('Amara', 'Amy'): one parenthesised part is the name the student goes by."""
    if "(" not in text:
        return text, None
    match = _NICKNAME.match(text)
    if match is None or not match["nick"].strip():
        return text, None
    rest = f"{match['before']} {match['after']}".strip()
    return (rest, match["nick"].strip()) if rest else (text, None)


def split_full_name(text: str) -> tuple[str, str, str | None]:
    """(given, family, nickname) from 'Last, First (Nick)' or 'First (Nick) Last'.

    With a comma the family name comes first; without one the last word is the family name
    and a single word is a given name only.
    """
    family, comma, given = text.partition(",")
    if comma:
        given, nickname = take_nickname(given.strip())
        return given, family.strip(), nickname
    text, nickname = take_nickname(text)
    first, _space, last = text.rpartition(" ")
    return (first.strip(), last.strip(), nickname) if first.strip() else (last, "", nickname)


# -- matching a file's name to a student -------------------------------------------------
def name_words(text: str) -> str:
    """Case, accents, punctuation and extra spaces dropped: 'García-López' -> 'garcia lopez'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(
        ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch)
    )
    return " ".join(letters.split())


def name_key(given: str, family: str) -> str:
    """The key a file's student and a roster student are matched on, given name first:
    'José', 'García-López' and 'jose', 'GARCIA LOPEZ' -> 'jose garcia lopez'."""
    return name_words(f"{given} {family}")


def same_person(written: str, given: str, family: str, preferred: str | None) -> bool:
    """Whether a file's name can be this student's: they share a name word, so 'Amy Okafor-Reyes'
    is Amara (Amy) Okafor, and 'Okafor Amara' is too. Used where a student number already
    points at the student, to catch a number that belongs to someone else."""
    known = name_words(" ".join(filter(None, (given, preferred, family)))).split()
    return not set(known).isdisjoint(name_words(written).split())


class NameIndex(Generic[T]):
    """Who a name may stand for: each person under their given and their preferred name, the
    given name first ('Amara Okafor') or, failing that, the family name first ('Okafor Amara').
    Roster and score imports both match names through it."""

    def __init__(self) -> None:
        self._given_first: dict[str, list[T]] = {}
        self._family_first: dict[str, list[T]] = {}

    def add(self, person: T, given: str, family: str, preferred: str | None = None) -> None:
        for first in dict.fromkeys(filter(None, (given, preferred))):
            self._given_first.setdefault(name_key(first, family), []).append(person)
            self._family_first.setdefault(name_key(family, first), []).append(person)

    def find(self, given: str, family: str, nickname: str | None = None) -> list[T]:
        """Everyone a file's name may stand for, each once: by the given name, else by the
        nickname the file gives ('Amara (Amy) Okafor' is also Amy Okafor)."""
        for first in dict.fromkeys((given, nickname or given)):
            key = name_key(first, family)
            found = self._given_first.get(key) or self._family_first.get(key)
            if found:
                return list(dict.fromkeys(found))
        return []

    def find_written(self, text: str) -> list[T]:
        """``find`` for a name written in one cell: 'Okafor, Amara (Amy)' or 'Amara Okafor'."""
        return self.find(*split_full_name(text))


# -- names a spreadsheet damaged, and spellings an export flattened ------------------------
# A "?" next to a letter: what Excel (or a code page without the letter) writes for "ễ" or
# "é" when it saves as CSV. A "?" alone in a cell is someone's "unknown", not a lost letter.
_LOST_LETTER = re.compile(r"[^\W\d_]\?|\?[^\W\d_]")
_QUESTION_RUNS = re.compile(r"\?+")


def has_lost_letters(text: str) -> bool:
    """'Nguy?n' and 'Jos?': letters replaced by '?' somewhere inside a word."""
    return "?" in text and _LOST_LETTER.search(text) is not None


def lost_letters_text(name: str) -> str:
    """The warning for a name with '?' for letters, without its line (the caller adds it)."""
    return (
        f"the name '{name}' has '?' where letters should be (a spreadsheet saved the file "
        "without them); re-export the file as CSV UTF-8, or correct the name in Mathroom"
    )


def is_damaged_copy(copy: str, original: str) -> bool:
    """Whether ``copy`` is ``original`` with some letters turned into '?' ('Nguy?n', 'Nguyễn').

    Only letters outside ASCII are lost that way, so 'Jos?' is a damaged 'José' but not a
    damaged 'Josh'. A run of '?' stands for one to as many letters (a letter written as two
    UTF-8 bytes, or an accent stored apart from its letter, may become '??').
    """
    if not has_lost_letters(copy) or "?" in original:
        return False
    parts = _QUESTION_RUNS.split(unicodedata.normalize("NFC", copy))
    runs = [len(run) for run in _QUESTION_RUNS.findall(copy)]
    # The kept letters match without case, letter by letter (casefold would turn one letter
    # into two: 'ß', 'ŉ'); the lost ones must be outside ASCII as written (long s is not an 's').
    pattern = f"(?i:{re.escape(parts[0])})" + "".join(
        f"[^\\x00-\\x7f]{{1,{run}}}(?i:{re.escape(part)})"
        for run, part in zip(runs, parts[1:], strict=True)
    )
    return any(
        re.fullmatch(pattern, unicodedata.normalize(form, original)) is not None
        for form in ("NFC", "NFD")
    )


def spelling_lost(new: str, old: str) -> bool:
    """Whether ``new`` is ``old`` written with less care, so ``old`` should be kept: the same
    name words, but accents dropped ('Jose' for 'José'), all one case ('OKAFOR' for 'Okafor')
    or hyphens and apostrophes dropped ('Jean Luc' for 'Jean-Luc')."""
    if new == old or not new or name_words(new) != name_words(old):
        return False
    accents_lost = new.isascii() and not old.isascii()
    case_lost = (new.isupper() or new.islower()) and not (old.isupper() or old.islower())
    marks_lost = _marks(new) < _marks(old)
    return accents_lost or case_lost or marks_lost


def _marks(text: str) -> int:
    return sum(1 for ch in text if not ch.isalnum() and not ch.isspace())
