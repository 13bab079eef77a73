"""Finding the header row of a roster table and which column holds what.

The header is the row among the first 25 that names the most known fields (a name column
scores one extra); a row qualifies when it names at least two fields or any name column, so
title lines such as "Roster Report" or "Teacher: Ms. Rivera" above it are skipped. Ties go to
the earlier row.

Header names are compared case-, space- and punctuation-insensitively ("Student #",
"student_number" and "StudentNumber" are the same). When two columns could fill one field,
the better-known name wins (see ``_SYNONYMS``: earlier in a field's list wins), then the
leftmost column. "Class" is a period when no Period/Section column exists, otherwise the course
(if no Course column exists). A single full-name column ("Last, First") is used only when there
is no First Name column; with both, the separate columns are imported and the full name is kept
in the mapping only to check that the two agree (and is listed among the ignored columns).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from mathroom.importers.roster_errors import RosterImportError
from mathroom.importers.roster_table import RawTable

_HEADER_SEARCH_ROWS = 25


class RosterField(StrEnum):
    """What a roster column can hold."""

    STUDENT_NUMBER = "student_number"
    FAMILY_NAME = "family_name"
    GIVEN_NAME = "given_name"
    PREFERRED_NAME = "preferred_name"
    FULL_NAME = "full_name"  # one column "Last, First" (or "First Last")
    GRADE = "grade"
    PERIOD = "period"
    COURSE = "course"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    RosterField.STUDENT_NUMBER: "Student number",
    RosterField.FAMILY_NAME: "Family name",
    RosterField.GIVEN_NAME: "Given name",
    RosterField.PREFERRED_NAME: "Preferred name",
    RosterField.FULL_NAME: "Full name",
    RosterField.GRADE: "Grade",
    RosterField.PERIOD: "Period",
    RosterField.COURSE: "Course",
}

_FIELD_ORDER = {field: order for order, field in enumerate(RosterField)}
NAME_FIELDS = frozenset({RosterField.FAMILY_NAME, RosterField.GIVEN_NAME, RosterField.FULL_NAME})


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Normalised header names for each field, best first. "sourcedId" is deliberately absent:
# it is OneRoster's internal key, not a number a teacher knows.
_SYNONYMS: dict[RosterField, tuple[str, ...]] = {
    RosterField.STUDENT_NUMBER: _words(
        "studentnumber studentno studentnum permid permanentid studentid studentidnumber localid"
        " localstudentid sisid stuid stunumber districtid districtstudentid idnumber id"
    ),
    RosterField.FAMILY_NAME: _words(
        "lastname familyname surname legallastname studentlastname lastnamelegal lname last"
    ),
    RosterField.GIVEN_NAME: _words(
        "firstname givenname legalfirstname studentfirstname firstnamelegal fname first given"
    ),
    RosterField.PREFERRED_NAME: _words(
        "preferredname preferredfirstname preferredgivenname nickname goesby knownas preferred"
        " studentpreferredname"
    ),
    RosterField.FULL_NAME: _words(
        "studentname fullname lastfirst namelastfirst lastnamefirstname studentfullname firstlast"
        " name student"
    ),
    RosterField.GRADE: _words("grade gradelevel gr grd gradelvl currentgrade"),
    RosterField.PERIOD: _words(
        "period periodname classperiod periodnumber per section sectionnumber sectionname"
        " expression class"
    ),
    RosterField.COURSE: _words(
        "course coursename coursetitle classname coursedescription coursenumber coursecode"
    ),
}

# header name -> [(rank, field)], rank being the position in the field's synonym list
_LOOKUP: dict[str, list[tuple[int, RosterField]]] = {}
for _field, _names in _SYNONYMS.items():
    for _rank, _name in enumerate(_names):
        _LOOKUP.setdefault(_name, []).append((_rank, _field))
# "Class" is the period unless a better period column exists; only then is it the course.
_LOOKUP["class"].append((100, RosterField.COURSE))

LOOKED_FOR = "Student Name, Last Name, First Name, Name"


def normalise_header(text: str) -> str:
    """'Student #' -> 'studentnumber', 'Last_Name' -> 'lastname', 'Grade:' -> 'grade'."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("#", "number")
    return "".join(ch for ch in text if ch.isalnum())


def header_candidates(cell: str) -> list[tuple[int, RosterField]]:
    """Fields a header cell could name, with their ranks (lower is a better match)."""
    key = normalise_header(cell)
    found = _LOOKUP.get(key)
    if found is None and key.startswith(("student", "stu")) and key not in ("student", "stu"):
        # "Student Grade", "Stu Last Name": the prefix adds nothing.
        found = _LOOKUP.get(key.removeprefix("student").removeprefix("stu"))
    return found or []


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column holds which field, for one table; the teacher can change it."""

    header_index: int  # index into RawTable.rows of the header row
    columns: Mapping[RosterField, int]  # field -> column index
    headers: tuple[str, ...]  # the header row's cells
    ignored: tuple[str, ...]  # header names not imported, in file order

    def with_column(self, field: RosterField, column: int | None) -> ColumnMapping:
        """The same mapping with ``field`` read from ``column`` (None: not imported).

        A column holds one field, so whatever field it held before is unmapped.
        """
        if column is not None and not 0 <= column < len(self.headers):
            raise ValueError(f"column {column} is outside the header row")
        columns = {f: c for f, c in self.columns.items() if f != field and c != column}
        if column is not None:
            columns[field] = column
        return _mapping(self.header_index, columns, self.headers)

    def uses_full_name(self) -> bool:
        """Names come from the full-name column (there is no separate given-name column)."""
        return RosterField.FULL_NAME in self.columns and RosterField.GIVEN_NAME not in self.columns


def _mapping(
    header_index: int, columns: dict[RosterField, int], headers: tuple[str, ...]
) -> ColumnMapping:
    ordered = dict(sorted(columns.items(), key=lambda item: item[1]))
    used = set(ordered.values())
    if RosterField.FULL_NAME in ordered and RosterField.GIVEN_NAME in ordered:
        used.discard(ordered[RosterField.FULL_NAME])  # only compared, never imported
    ignored = tuple(h for i, h in enumerate(headers) if i not in used and h.strip())
    return ColumnMapping(header_index, ordered, headers, ignored)


def _assign(headers: tuple[str, ...]) -> dict[RosterField, int]:
    """Give each field its best-ranked column; each column fills one field."""
    choices = sorted(
        (rank, _FIELD_ORDER[field], column, field)
        for column, cell in enumerate(headers)
        for rank, field in header_candidates(cell)
    )
    columns: dict[RosterField, int] = {}
    for _rank, _order, column, field in choices:
        if field not in columns and column not in columns.values():
            columns[field] = column
    return columns


def detect_mapping(table: RawTable) -> ColumnMapping:
    """Find the header row (skipping title lines above it) and map its columns to fields."""
    best: tuple[int, int, dict[RosterField, int]] | None = None
    for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        columns = _assign(row)
        has_name = bool(NAME_FIELDS & columns.keys())
        if len(columns) >= 2 or has_name:
            score = len(columns) + has_name
            if best is None or score > best[0]:
                best = (score, index, columns)
    if best is None:
        raise RosterImportError(
            table.source, f"no column with student names was found (looked for {LOOKED_FOR})"
        )
    _score, index, columns = best
    if not NAME_FIELDS & columns.keys():
        raise RosterImportError(
            table.source,
            f"no column with student names was found (looked for {LOOKED_FOR})",
            line=table.line_numbers[index],
        )
    return _mapping(index, columns, table.rows[index])
