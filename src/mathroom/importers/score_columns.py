"""Finding the header row of a score file, its layout, and which column holds what.

A header cell is a skill column when it looks like a standards code (a grade, letters, a
number: "7.NS.A.1b", "6.RP.A.3c-part", "7nsa1b") or matches one of the known codes ignoring
case and punctuation. The header is the row among the first 25 with a student column and
either Skill and Score/Level columns (long) or skill-code columns (wide) that names the most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from mathroom.domain.import_problems import ImportFileError
from mathroom.domain.score_import import ScoreLayout
from mathroom.importers.table_file import RawTable
from mathroom.importers.table_headers import Vocabulary, assign, normalise_header

_HEADER_SEARCH_ROWS = 25
LOOKED_FOR = (
    "a student column (Student ID or Student Name) and either Skill and Score columns, "
    "or one column per skill code such as 7.NS.A.1b"
)


class Field(Enum):
    STUDENT_NUMBER = "student number"
    FULL_NAME = "student name"
    GIVEN_NAME = "first name"
    FAMILY_NAME = "last name"
    SKILL = "skill code"
    SCORE = "score"
    LEVEL = "level"
    POSSIBLE = "points possible"
    DATE = "date"


_IDENTITY = frozenset({Field.STUDENT_NUMBER, Field.FULL_NAME, Field.GIVEN_NAME, Field.FAMILY_NAME})
_NAMES = Vocabulary(
    {
        Field.STUDENT_NUMBER: "studentnumber studentid studentno studentnum studentidnumber"
        " localid localstudentid permid permanentid sisid stuid stunumber districtid"
        " districtstudentid idnumber id",
        Field.FULL_NAME: "studentname name student fullname studentfullname lastfirst"
        " namelastfirst lastnamefirstname firstlast",
        Field.GIVEN_NAME: "firstname givenname first fname studentfirstname",
        Field.FAMILY_NAME: "lastname familyname surname last lname studentlastname",
        Field.SKILL: "skillcode skill standard standardcode code skillid standardid"
        " learningtarget target objective",
        Field.SCORE: "score percent percentage percentcorrect correct pct scorepercent points"
        " pointsearned earned rawscore result mark",
        Field.LEVEL: "level proficiency proficiencylevel masterylevel mastery rubric rubriclevel"
        " performancelevel",
        Field.POSSIBLE: "pointspossible possible possiblepoints maxpoints maxscore outof"
        " totalpoints",
        Field.DATE: "date assessedon dateassessed datetaken taken assessmentdate testdate"
        " quizdate observedon datecompleted completed submitted",
    }
)
OUT_OF = re.compile(r"\(?\s*(?:/|out\s+of|of)\s*(\d+(?:[.,]\d+)?)\s*(?:pts|points)?\s*\)?", re.I)
# A standards-style code: a grade (K, HS or a number), domain letters, then a number somewhere:
# 7.NS.A.1b, 6.RP.A.3c-part, 7NSA1b, 7.EE.4. "7th" or "2026-11-20" are not codes.
_CODE = re.compile(
    r"^(?:K|HS[A-Z]?|\d{1,2})[.\-]?[A-Z]{1,4}[.\-]?(?:[A-Z][.\-]?)?\d+[A-Z]?(?:[.\-][A-Z0-9]+)*$"
)


def code_key(code: str) -> str:
    """A code without case or punctuation: '7.NS.A.1b', '7ns.a.1B' and '7NSA1b' are one key."""
    return normalise_header(code)


def looks_like_skill_code(header: str) -> bool:
    return bool(_CODE.match(header.strip().upper()))


@dataclass(frozen=True, slots=True)
class ScoreHeader:
    index: int  # into RawTable.rows
    columns: dict[Field, int]
    skill_columns: tuple[int, ...]  # wide layout only
    out_of: Decimal | None  # from a Score header such as "Score (out of 20)"

    @property
    def layout(self) -> ScoreLayout:
        return ScoreLayout.WIDE if self.skill_columns else ScoreLayout.LONG

    @property
    def is_long(self) -> bool:
        columns = self.columns
        return Field.SKILL in columns and (Field.SCORE in columns or Field.LEVEL in columns)


def find_header(table: RawTable, known_codes: frozenset[str]) -> ScoreHeader:
    """The best header row; ImportFileError naming what is missing when there is none."""
    best: tuple[int, ScoreHeader] | None = None
    found_students = False
    for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        header = _read_header(row, index, known_codes)
        if not _IDENTITY & header.columns.keys():
            continue
        found_students = True
        if not header.is_long and not header.skill_columns:
            continue
        score = len(header.columns) + len(header.skill_columns)
        if best is None or score > best[0]:
            best = (score, header)
    if best is None:
        problem = (
            "a student column was found, but no skill and score columns; a score file needs "
            if found_students
            else "no header row was found; a score file needs "
        )
        raise ImportFileError(table.source, problem + LOOKED_FOR)
    return best[1]


def _read_header(row: tuple[str, ...], index: int, known: frozenset[str]) -> ScoreHeader:
    out_of: dict[int, Decimal] = {}
    choices = []
    for column, cell in enumerate(row):
        text = cell
        if match := OUT_OF.search(cell):
            out_of[column] = Decimal(match.group(1).replace(",", "."))
            text = cell[: match.start()] + cell[match.end() :]
        for rank, field in _NAMES.candidates(text):
            # "Grade 7 of 8"-style text is not a score header
            if column not in out_of or field is Field.SCORE:
                choices.append((rank, column, field))
    columns = assign(choices)
    header = ScoreHeader(index, columns, (), out_of.get(columns.get(Field.SCORE, -1)))
    if header.is_long:
        return header
    skill_columns = tuple(
        column
        for column, cell in enumerate(row)
        if column not in columns.values()
        and cell.strip()
        and (looks_like_skill_code(cell) or code_key(cell) in known)
    )
    # A wide file's Score or Level column would be a per-row total, not one skill's score.
    for field in (Field.SKILL, Field.SCORE, Field.LEVEL, Field.POSSIBLE):
        columns.pop(field, None)
    return ScoreHeader(index, columns, skill_columns, header.out_of)
