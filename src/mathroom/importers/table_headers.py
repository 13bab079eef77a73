"""Which column holds what: header names compared without case, spaces or punctuation.

Each field lists its header names best first. When two columns could fill one field, the
better-known name wins, then the leftmost column; each column fills one field.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Iterable, Mapping
from typing import Generic, TypeVar

from mathroom.domain.import_problems import ProblemLog

F = TypeVar("F", bound=Hashable)
# "Student Grade", "Stu Last Name": the prefix adds nothing.
_PREFIXES = ("student", "stu")


def normalise_header(text: str) -> str:
    """'Student #' -> 'studentnumber', 'Last_Name' -> 'lastname', 'Grade:' -> 'grade'."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("#", "number")
    return "".join(ch for ch in text if ch.isalnum())


class Vocabulary(Generic[F]):
    """Header names for each field; a name's rank is its place in the field's list."""

    def __init__(self, names: Mapping[F, str]) -> None:
        self._lookup: dict[str, list[tuple[int, F]]] = {}
        for field, words in names.items():
            for rank, name in enumerate(words.split()):
                self.add(name, rank, field)

    def add(self, name: str, rank: int, field: F) -> None:
        self._lookup.setdefault(name, []).append((rank, field))

    def candidates(self, cell: str) -> list[tuple[int, F]]:
        """Fields a header cell could name, with their ranks (lower is a better match)."""
        key = normalise_header(cell)
        found = self._lookup.get(key)
        if found is None and key.startswith(_PREFIXES) and key not in _PREFIXES:
            found = self._lookup.get(key.removeprefix("student").removeprefix("stu"))
        return found or []

    def assign(self, headers: Iterable[str]) -> dict[F, int]:
        """Give each field its best-ranked column; each column fills one field."""
        return assign(
            (rank, column, field)
            for column, cell in enumerate(headers)
            for rank, field in self.candidates(cell)
        )


def assign(choices: Iterable[tuple[int, int, F]]) -> dict[F, int]:
    """Fields to columns from (rank, column, field) choices: best rank, then leftmost, wins."""
    columns: dict[F, int] = {}
    for _rank, column, field in sorted(choices, key=lambda choice: choice[:2]):
        if field not in columns and column not in columns.values():
            columns[field] = column
    return columns


class RepeatedHeader:
    """The header row printed again under a page break: skipped, and said so.

    It is only looked for in rows whose first used cell holds its header name (cheap for the
    usual row); then at least two used columns (or the only one) must hold theirs.
    """

    def __init__(self, headers: tuple[str, ...], columns: Iterable[int]) -> None:
        self.keys = {
            column: headers[column].strip().casefold()
            for column in sorted(set(columns))
            if column < len(headers) and headers[column].strip()
        }
        self.anchor = next(iter(self.keys.items()), (-1, "\0"))

    def skips(self, cells: tuple[str, ...], line: int, log: ProblemLog) -> bool:
        """True (and logged) when ``cells``, padded to every used column, repeat the header."""
        column, key = self.anchor
        anchor = cells[column]
        if len(anchor) < len(key) or anchor.strip().casefold() != key:
            return False
        repeats = sum(
            1 for column, key in self.keys.items() if cells[column].strip().casefold() == key
        )
        if repeats < min(2, len(self.keys)):
            return False
        log.skip(
            line,
            "repeated_header",
            "the header row repeats here (a page break in the export), skipped",
        )
        return True
