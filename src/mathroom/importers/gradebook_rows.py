"""LMS gradebook exports read as rosters: which columns are scores, which rows are not students.

Recognised by the header row, never by the file's name:

- Canvas ("Export entire gradebook"): Student, ID, SIS User ID, SIS Login ID, [Integration
  ID, Root Account,] Section, then one column per assignment ("Quiz 1 (1234)") and the totals
  (Current Score, Unposted Current Score, Final Score, ..., Current Grade). The second line is
  "Points Possible" (sometimes after a "Manual Posting" line), and the course's test student
  from Student View is listed as "Student, Test". Only Student, SIS User ID (the student
  number) and Section (the period) are roster columns; Canvas's own ID and login are not.
- Google Classroom ("Download grades"): Last Name, First Name, Email Address, then one column
  per assignment, with rows of due dates and points under the header and a "Class average"
  row. The e-mail address is never a name or a number.

Every non-student row is skipped with the reason, so the teacher sees it was not lost.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from mathroom.importers.table_headers import normalise_header

_CANVAS_ROSTER = frozenset({"student", "sisuserid", "section"})
_CANVAS_IDENTITY = _CANVAS_ROSTER | {"id", "sisloginid", "integrationid", "rootaccount"}
_GOOGLE_START = ("lastname", "firstname", "emailaddress")

_POINTS = frozenset({"pointspossible", "points", "possible", "maxpoints", "totalpoints", "outof"})
_AVERAGE = frozenset(
    {"classaverage", "average", "classmean", "mean", "median", "classmedian", "averagescore"}
)
_TEST_STUDENT = frozenset({"studenttest", "teststudent"})
_POSTING = frozenset({"manualposting", "automaticposting", "muted", "readonly"})
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)%?$")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"^(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|no due date|due date)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Gradebook:
    """A recognised gradebook layout for one header row."""

    kind: str  # "Canvas", "Google Classroom": as the reasons say it
    not_roster: frozenset[int]  # columns that never fill a roster field (ids, e-mail, scores)
    score_columns: tuple[int, ...]  # assignment and total columns

    def non_student(
        self, cells: Sequence[str], name_columns: Sequence[int], mapped: Collection[int]
    ) -> tuple[str, str]:
        """(code, reason) when the row is the gradebook's own; ("", "") for a student row.

        ``name_columns`` are the columns the names are read from, ``mapped`` every column read.
        """
        names = [cell for cell in (_cell(cells, i) for i in name_columns) if cell]
        if len(names) == 1:
            label = names[0]
            key = normalise_header(label)
            if key in _POINTS:
                return "points_row", f"'{label}' is the gradebook's points row, not a student"
            if key in _AVERAGE:
                why = f"'{label}' is the gradebook's class average row, not a student"
                return "average_row", why
        if self.kind == "Canvas" and normalise_header("".join(names)) in _TEST_STUDENT:
            shown = ", ".join(names)
            why = f"'{shown}' is Canvas's test student (from Student View), not a real student"
            return "test_student", why
        if names:
            return "", ""
        return self._unnamed(cells, mapped)

    def _unnamed(self, cells: Sequence[str], mapped: Collection[int]) -> tuple[str, str]:
        """A row without a name but with scores filled in: points, due dates or posting."""
        scores = (_cell(cells, i) for i in self.score_columns if i not in mapped)
        filled = [cell for cell in scores if cell]
        if not filled:
            return "", ""  # an ordinary row without a name: "no name in this row"
        shown = ", ".join(f"'{cell}'" for cell in filled[:2]) + (", ..." if len(filled) > 2 else "")
        keys = [normalise_header(cell) for cell in filled]
        if all(_DATE.match(cell) for cell in filled):
            what = "due-date row"
        elif all(
            _NUMBER.match(cell) or key in _POSTING for cell, key in zip(filled, keys, strict=True)
        ):
            what = "posting-policy row" if all(key in _POSTING for key in keys) else "points row"
        else:
            what = "row without a student name"
        why = f"the gradebook's {what} ({shown}), not a student"
        return "gradebook_row", why


def recognise(headers: Sequence[str]) -> Gradebook | None:
    """The gradebook layout these headers come from, or None for any other roster."""
    keys = [normalise_header(cell) for cell in headers]
    present = set(keys)
    if {"student", "id", "section"} <= present and present & {"sisuserid", "sisloginid"}:
        identity = {i for i, key in enumerate(keys) if key in _CANVAS_IDENTITY}
        return Gradebook(
            "Canvas",
            frozenset(i for i, key in enumerate(keys) if key not in _CANVAS_ROSTER),
            tuple(i for i in range(len(keys)) if i not in identity and keys[i]),
        )
    if tuple(keys[:3]) == _GOOGLE_START:
        # Columns after the e-mail are assignments; they stay unmapped unless one is named
        # like a roster field (a teacher's own sheet may add "Period" after the e-mail).
        return Gradebook(
            "Google Classroom",
            frozenset({2}),
            tuple(i for i in range(3, len(keys)) if keys[i]),
        )
    return None


def _cell(cells: Sequence[str], column: int) -> str:
    return cells[column].strip() if column < len(cells) else ""
