"""Finding the header row of a roster table and which column holds what.

The header is the row among the first 25 that names the most known fields (a name column
scores one extra); a row qualifies when it names at least two fields or any name column, so
title lines such as "Roster Report" or "Teacher: Ms. Rivera" above it are skipped. Ties go to
the earlier row.

Header names are compared case-, space- and punctuation-insensitively ("Student #",
"student_number" and "StudentNumber" are the same). When two columns could fill one field,
the better-known name wins (see ``_NAMES``: earlier in a field's list wins), then the
leftmost column. "Class" is a period when no Period/Section column exists, otherwise the course
(if no Course column exists). A single full-name column ("Last, First") is used only when there
is no First Name column; with both, the separate columns are imported and the full name is kept
in the mapping only to check that the two agree (and is listed among the ignored columns).

An e-mail column never fills a field. In a gradebook export (Canvas, Google Classroom; see
``gradebook_rows``) the assignment, total and LMS-id columns never do either, so a Canvas
"Current Grade" (a letter) is not the grade level and its "ID" is not the student number
("SIS User ID" is).
"""

from __future__ import annotations

from mathroom.domain.import_problems import ImportFileError
from mathroom.domain.roster_import import NAME_FIELDS, ColumnMapping, RosterField
from mathroom.importers.gradebook_rows import recognise
from mathroom.importers.table_file import RawTable
from mathroom.importers.table_headers import Vocabulary, normalise_header

_HEADER_SEARCH_ROWS = 25
LOOKED_FOR = "Student Name, Last Name, First Name, Name"

# Header names for each field, best first. "sourcedId" is deliberately absent: it is
# OneRoster's internal key, not a number a teacher knows.
_NAMES = Vocabulary(
    {
        RosterField.STUDENT_NUMBER: "studentnumber studentno studentnum permid permanentid"
        " studentid studentidnumber localid localstudentid sisid sisuserid stuid stunumber"
        " districtid districtstudentid idnumber id",
        RosterField.FAMILY_NAME: "lastname familyname surname legallastname studentlastname"
        " lastnamelegal lname last",
        RosterField.GIVEN_NAME: "firstname givenname legalfirstname studentfirstname"
        " firstnamelegal fname first given",
        RosterField.PREFERRED_NAME: "preferredname preferredfirstname preferredgivenname"
        " nickname goesby knownas preferred studentpreferredname",
        RosterField.FULL_NAME: "studentname fullname lastfirst namelastfirst lastnamefirstname"
        " studentfullname firstlast name student",
        RosterField.GRADE: "grade gradelevel gr grd gradelvl currentgrade",
        RosterField.PERIOD: "period periodname classperiod periodnumber per section"
        " sectionnumber sectionname expression class",
        RosterField.COURSE: "course coursename coursetitle classname coursedescription"
        " coursenumber coursecode",
        RosterField.TEACHER: "teacher teachername teacherfullname instructor instructorname"
        " staffname staff primaryteacher sectionteacher teacherofrecord",
    }
)
# "Class" is the period unless a better period column exists; only then is it the course.
_NAMES.add("class", 100, RosterField.COURSE)


def detect_mapping(table: RawTable) -> ColumnMapping:
    """Find the header row (skipping title lines above it) and map its columns to fields."""
    best: tuple[int, int, dict[RosterField, int]] | None = None
    for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        columns = _NAMES.assign(_roster_cells(row))
        has_name = bool(NAME_FIELDS & columns.keys())
        if len(columns) >= 2 or has_name:
            score = len(columns) + has_name
            if best is None or score > best[0]:
                best = (score, index, columns)
    if best is None:
        raise ImportFileError(
            table.source, f"no column with student names was found (looked for {LOOKED_FOR})"
        )
    _score, index, columns = best
    if not NAME_FIELDS & columns.keys():
        raise ImportFileError(
            table.source,
            f"no column with student names was found (looked for {LOOKED_FOR})",
            line=table.line_numbers[index],
        )
    return ColumnMapping.of(index, columns, table.rows[index])


def _roster_cells(row: tuple[str, ...]) -> tuple[str, ...]:
    """The row with the cells that can't be roster columns blanked (e-mail, gradebook scores)."""
    gradebook = recognise(row)
    masked = gradebook.not_roster if gradebook is not None else frozenset()
    return tuple(
        "" if i in masked or "email" in normalise_header(cell) else cell
        for i, cell in enumerate(row)
    )
