"""Score files (a quiz or diagnostic export) into score rows plus named problems.

Two shapes are read:

- **long**: one row per student and skill: a student column (number and/or name), a Skill
  column and a Score and/or Level column, optionally a Date column;
- **wide**: one row per student and one column per skill code ("Student ID, Name, 7.NS.A.1b,
  7.NS.A.2a, …"), the cells holding scores or levels; a blank cell means "not assessed".

A header cell is a skill column when it looks like a standards code (a grade, letters, a
number: "7.NS.A.1b", "6.RP.A.3c-part", "7nsa1b") or matches one of ``known_codes`` ignoring
case and punctuation. Files are read with ``read_table``, so every refusal of the roster
importer (empty, image, PDF, binary, damaged workbook, over 50 MB) applies here too.

How a bare number is read depends on its column, decided once per column (once for all skill
columns of a wide file) and reported in ``ParsedScores.notes``:

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
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path

from mathroom.domain.errors import MathroomError
from mathroom.domain.names import clean_name
from mathroom.domain.scores import (
    HUNDRED,
    format_number,
    parse_level_word,
    parse_number,
    parse_score,
    percent_of,
)
from mathroom.domain.skills import Level
from mathroom.importers.roster_checks import ProblemLog
from mathroom.importers.roster_columns import normalise_header
from mathroom.importers.roster_errors import RosterImportError
from mathroom.importers.roster_results import ProblemKind, RowProblem
from mathroom.importers.roster_table import RawTable, read_table

__all__ = [
    "BLOCKING_CODES",
    "ParsedScores",
    "ProblemKind",
    "RowProblem",
    "ScoreFileError",
    "ScoreLayout",
    "ScoreRow",
    "code_key",
    "looks_like_skill_code",
    "parse_date",
    "parse_score_table",
    "parse_scores",
]

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

CHECK_EVERY = 2000
_HEADER_SEARCH_ROWS = 25
SCORE_HINT = "write 85, 85%, 17/20"
DATE_HINT = "write 2026-11-20, 11/20/2026 or Nov 20, 2026"

# Row problems that lose a score the file meant to give: they block the import until the file
# is fixed or the teacher chooses to skip them. The rest (a blank score, a class-average line,
# a repeated header) lose nothing.
BLOCKING_CODES = frozenset(
    {"no_student", "no_skill", "bad_score", "score_out_of_range", "bad_date"}
)


class ScoreFileError(MathroomError):
    """A score file that can't be read at all (as opposed to a row-level problem)."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        where = f"{source}, line {line}" if line is not None else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.problem = problem
        self.line = line


class ScoreLayout(StrEnum):
    LONG = "long"  # one row per student and skill
    WIDE = "wide"  # one row per student, one column per skill


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One student's result on one skill, as the file gives it (nothing matched yet)."""

    line: int
    student_number: str | None  # text, leading zeros kept
    student_name: str | None  # as written, or "Family, Given" from separate name columns
    skill_code: str
    score: Decimal | None  # percent, exact
    level: Level | None  # a level the file states itself ("Got it", or 3 on a 1–4 scale)
    observed_on: date | None  # None: the teacher picks the date for these rows
    raw_score: str  # the cell as written: "17/20", "Got it"

    @property
    def student_label(self) -> str:
        """What the file calls the student: 'Okafor, Amara (0700123)'."""
        if self.student_name and self.student_number:
            return f"{self.student_name} ({self.student_number})"
        return self.student_name or self.student_number or "(no student)"


@dataclass(frozen=True, slots=True)
class ParsedScores:
    source: str
    rows: tuple[ScoreRow, ...]
    problems: tuple[RowProblem, ...]  # ordered by line; every kind is SKIPPED
    ignored_columns: tuple[str, ...]
    layout: ScoreLayout = ScoreLayout.LONG
    columns: tuple[str, ...] = ()  # how each used column was read: "Score (/20): points of 20"
    notes: tuple[str, ...] = ()  # readings the teacher should know about ("1–4 read as levels")
    file_format: str = ""  # "utf-8, commas" or "sheet Quiz 3", for the preview's title

    @property
    def blocking(self) -> tuple[RowProblem, ...]:
        """Rows whose score would be lost: fix the file, or skip them on purpose."""
        return tuple(p for p in self.problems if p.code in BLOCKING_CODES)

    @property
    def skipped(self) -> tuple[RowProblem, ...]:
        """Rows left out that hold no score (blank cells, average lines, repeated headers)."""
        return tuple(p for p in self.problems if p.code not in BLOCKING_CODES)

    def describe(self, problem: RowProblem) -> str:
        """The problem with its file named, as the command line prints it."""
        return f"{self.source}, {problem.message}"


# -- columns ------------------------------------------------------------------------------
class _Field(Enum):
    STUDENT_NUMBER = "student number"
    FULL_NAME = "student name"
    GIVEN_NAME = "first name"
    FAMILY_NAME = "last name"
    SKILL = "skill code"
    SCORE = "score"
    LEVEL = "level"
    POSSIBLE = "points possible"
    DATE = "date"


_IDENTITY = frozenset(
    {_Field.STUDENT_NUMBER, _Field.FULL_NAME, _Field.GIVEN_NAME, _Field.FAMILY_NAME}
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SYNONYMS: dict[_Field, tuple[str, ...]] = {
    _Field.STUDENT_NUMBER: _words(
        "studentnumber studentid studentno studentnum studentidnumber localid localstudentid"
        " permid permanentid sisid stuid stunumber districtid districtstudentid idnumber id"
    ),
    _Field.FULL_NAME: _words(
        "studentname name student fullname studentfullname lastfirst namelastfirst"
        " lastnamefirstname firstlast"
    ),
    _Field.GIVEN_NAME: _words("firstname givenname first fname studentfirstname"),
    _Field.FAMILY_NAME: _words("lastname familyname surname last lname studentlastname"),
    _Field.SKILL: _words(
        "skillcode skill standard standardcode code skillid standardid learningtarget target"
        " objective"
    ),
    _Field.SCORE: _words(
        "score percent percentage percentcorrect correct pct scorepercent points pointsearned"
        " earned rawscore result mark"
    ),
    _Field.LEVEL: _words(
        "level proficiency proficiencylevel masterylevel mastery rubric rubriclevel"
        " performancelevel"
    ),
    _Field.POSSIBLE: _words(
        "pointspossible possible possiblepoints maxpoints maxscore outof totalpoints"
    ),
    _Field.DATE: _words(
        "date assessedon dateassessed datetaken taken assessmentdate testdate quizdate"
        " observedon datecompleted completed submitted"
    ),
}
_LOOKUP: dict[str, tuple[int, _Field]] = {
    name: (rank, field) for field, names in _SYNONYMS.items() for rank, name in enumerate(names)
}
_POINTS_HEADERS = frozenset({"points", "pointsearned", "earned", "rawscore"})
_PERCENT_HEADERS = frozenset(
    {"percent", "percentage", "percentcorrect", "correct", "pct", "scorepercent"}
)
_OUT_OF = re.compile(r"\(?\s*(?:/|out\s+of|of)\s*(\d+(?:[.,]\d+)?)\s*(?:pts|points)?\s*\)?", re.I)
# A standards-style code: a grade (K, HS or a number), domain letters, then a number somewhere:
# 7.NS.A.1b, 6.RP.A.3c-part, 7NSA1b, 7.EE.4. "7th" or "2026-11-20" are not codes.
_CODE = re.compile(
    r"^(?:K|HS[A-Z]?|\d{1,2})[.\-]?[A-Z]{1,4}[.\-]?(?:[A-Z][.\-]?)?\d+[A-Z]?(?:[.\-][A-Z0-9]+)*$"
)
LOOKED_FOR = (
    "a student column (Student ID or Student Name) and either Skill and Score columns, "
    "or one column per skill code such as 7.NS.A.1b"
)


def code_key(code: str) -> str:
    """A code without case or punctuation: '7.NS.A.1b', '7ns.a.1B' and '7NSA1b' are one key."""
    return normalise_header(code)


def looks_like_skill_code(header: str) -> bool:
    return bool(_CODE.match(header.strip().upper()))


@dataclass(frozen=True, slots=True)
class _Header:
    index: int  # into RawTable.rows
    columns: dict[_Field, int]
    skill_columns: tuple[int, ...]  # wide layout only
    out_of: Decimal | None  # from a Score header such as "Score (out of 20)"

    @property
    def layout(self) -> ScoreLayout:
        return ScoreLayout.WIDE if self.skill_columns else ScoreLayout.LONG


def _header_field(cell: str) -> tuple[int, _Field, Decimal | None] | None:
    out_of = None
    text = cell
    if match := _OUT_OF.search(cell):
        out_of = Decimal(match.group(1).replace(",", "."))
        text = cell[: match.start()] + cell[match.end() :]
    key = normalise_header(text)
    found = _LOOKUP.get(key)
    if found is None and key.startswith("student") and key != "student":
        found = _LOOKUP.get(key.removeprefix("student"))
    if found is None:
        return None
    rank, field = found
    if out_of is not None and field is not _Field.SCORE:
        return None  # "Grade 7 of 8"-style text is not a score header
    return rank, field, out_of


def _read_header(row: tuple[str, ...], index: int, known: frozenset[str]) -> _Header:
    choices = []
    for column, cell in enumerate(row):
        found = _header_field(cell)
        if found is not None:
            choices.append((found[0], column, found[1], found[2]))
    columns: dict[_Field, int] = {}
    out_of = None
    for _rank, column, field, total in sorted(choices, key=lambda c: (c[0], c[1])):
        if field not in columns and column not in columns.values():
            columns[field] = column
            if field is _Field.SCORE:
                out_of = total
    has_long = _Field.SKILL in columns and (_Field.SCORE in columns or _Field.LEVEL in columns)
    skill_columns: tuple[int, ...] = ()
    if not has_long:
        skill_columns = tuple(
            column
            for column, cell in enumerate(row)
            if column not in columns.values()
            and cell.strip()
            and (looks_like_skill_code(cell) or code_key(cell) in known)
        )
        # A wide file's Score or Level column would be a per-row total, not one skill's score.
        for field in (_Field.SKILL, _Field.SCORE, _Field.LEVEL, _Field.POSSIBLE):
            columns.pop(field, None)
    return _Header(index, columns, skill_columns, out_of)


def _find_header(table: RawTable, known: frozenset[str]) -> _Header:
    best: tuple[int, _Header] | None = None
    found_students = False
    for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        header = _read_header(row, index, known)
        if not _IDENTITY & header.columns.keys():
            continue
        found_students = True
        has_long = _Field.SKILL in header.columns and (
            _Field.SCORE in header.columns or _Field.LEVEL in header.columns
        )
        if not has_long and not header.skill_columns:
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
        raise ScoreFileError(table.source, problem + LOOKED_FOR)
    return best[1]


# -- how values are read ------------------------------------------------------------------
class _Mode(Enum):
    PERCENT = "percent"
    FRACTION = "fraction"  # 0.85 → 85%
    LEVELS = "levels"  # 1–4 → Not yet … Extending
    OUT_OF = "out of"  # points of a total from the header or a Points Possible column
    POINTS_UNKNOWN = "points, total unknown"


@dataclass(frozen=True, slots=True)
class _Reader:
    mode: _Mode
    out_of: Decimal | None = None


def _choose_reader(
    cells: Sequence[str], header_key: str, out_of: Decimal | None, has_possible: bool
) -> _Reader:
    if out_of is not None:
        return _Reader(_Mode.OUT_OF, out_of)
    if has_possible:
        return _Reader(_Mode.OUT_OF)
    numbers = [n for n in (parse_number(cell) for cell in cells if cell.strip()) if n is not None]
    if numbers and all(0 <= n <= 1 for n in numbers) and any(n != int(n) for n in numbers):
        return _Reader(_Mode.FRACTION)
    if (
        numbers
        and header_key not in _PERCENT_HEADERS
        and all(n == int(n) and 0 <= n <= 4 for n in numbers)
        and any(n >= 1 for n in numbers)
    ):
        return _Reader(_Mode.LEVELS)
    if header_key in _POINTS_HEADERS and numbers:
        return _Reader(_Mode.POINTS_UNKNOWN)
    return _Reader(_Mode.PERCENT)


class _BadValueError(ValueError):
    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code


def _read_value(
    cell: str, reader: _Reader, possible: Decimal | None
) -> tuple[Decimal | None, Level | None]:
    """(percent, level) from one cell; raises _BadValueError naming what is wrong."""
    text = cell.strip()
    try:
        number = parse_number(text)
        if number is None:
            score = parse_score(text)
            if score is not None:
                return score, None
            level = parse_level_word(text)
            if level is not None:
                return None, level
            raise _BadValueError(
                "bad_score",
                f"can't read '{text}' as a score or level ({SCORE_HINT}, or a level such as "
                "Got it)",
            )
        if reader.mode is _Mode.LEVELS:
            level = parse_level_word(text)
            if level is None:
                raise _BadValueError(
                    "bad_score", f"'{text}' is not a level: this column holds levels 1–4"
                )
            return None, level
        if reader.mode is _Mode.FRACTION:
            return _range_checked(number * HUNDRED, f"{text} ({format_number(number * HUNDRED)}%)")
        if reader.mode is _Mode.OUT_OF:
            total = reader.out_of if reader.out_of is not None else possible
            if total is None:
                raise _BadValueError(
                    "bad_score", f"'{text}' points: the points possible cell is blank"
                )
            return percent_of(number, total), None
        if reader.mode is _Mode.POINTS_UNKNOWN:
            raise _BadValueError(
                "bad_score",
                f"'{text}' points out of how many? Write {text}/20, or name the column "
                "'Points (out of 20)'",
            )
        return parse_score(text), None
    except _BadValueError:
        raise
    except ValueError as exc:
        raise _BadValueError("score_out_of_range", str(exc)) from exc


def _range_checked(percent: Decimal, shown: str) -> tuple[Decimal, None]:
    if percent < 0:
        raise ValueError(f"{shown}: a score can't be negative")
    if percent > HUNDRED:
        raise ValueError(f"{shown} is over 100%")
    return percent, None


def _reader_note(reader: _Reader, where: str) -> str | None:
    if reader.mode is _Mode.FRACTION:
        return f"Numbers in {where} are read as fractions of 1 (0.85 is 85%)."
    if reader.mode is _Mode.LEVELS:
        return (
            f"Numbers in {where} are all 0–4, so they are read as levels "
            "(1 Not yet, 2 Getting there, 3 Got it, 4 Extending)."
        )
    if reader.mode is _Mode.OUT_OF:
        total = "the points possible" if reader.out_of is None else format_number(reader.out_of)
        return f"Numbers in {where} are read as points out of {total}."
    return None


# -- dates --------------------------------------------------------------------------------
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
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


# -- rows ---------------------------------------------------------------------------------
# Lines such as "Class average 78%" or "Total" in the student column hold no student.
# The whole cell must read like one, so a student called Max or Mean is never taken for it.
_SUMMARY = re.compile(
    r"^(?:(?:class|period|section|group|overall|grand)\s+)?"
    r"(?:average|avg\.?|mean|median|total|totals|count|highest|lowest|maximum|minimum)"
    r"(?:\s+(?:score|scores|points|percent))?\s*(?:\(.*\))?\s*[:=]?[\d\s.,%]*$",
    re.IGNORECASE,
)


def parse_scores(
    path: Path,
    *,
    known_codes: Collection[str] = (),
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ParsedScores:
    """Read a CSV/TSV/TXT/XLSX score file; ScoreFileError when it can't be read at all."""
    try:
        table = read_table(path, progress=_phase(progress, 0), cancelled=cancelled)
    except RosterImportError as exc:
        raise ScoreFileError(exc.source, _reword(exc.problem), exc.line) from exc
    return parse_score_table(
        table, known_codes=known_codes, progress=_phase(progress, 1), cancelled=cancelled
    )


def _reword(problem: str) -> str:
    """The shared file checks speak of rosters; here the file is a score file."""
    for old, new in (
        ("roster files", "score files"),
        ("roster file", "score file"),
        ("export the roster", "export the scores"),
        ("a roster", "a score file"),
    ):
        problem = problem.replace(old, new)
    return problem


def _phase(progress: Progress | None, phase: int) -> Progress | None:
    """Reading reports 0-500 of 1000, parsing 500-1000, so one bar moves forward only."""
    if progress is None:
        return None
    report = progress

    def scaled(done: int, total: int) -> None:
        report(phase * 500 + done * 500 // max(total, 1), 1000)

    return scaled


def parse_score_table(
    table: RawTable,
    *,
    known_codes: Collection[str] = (),
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ParsedScores:
    """Find the header and read every row under it; problems name the line and the reason."""
    header = _find_header(table, frozenset(code_key(c) for c in known_codes))
    parser = _RowParser(table, header)
    first = header.index + 1
    total = len(table.rows) - first
    for done, index in enumerate(range(first, len(table.rows)), start=1):
        if done % CHECK_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ScoreFileError(table.source, "import cancelled")
            if progress is not None:
                progress(done, total)
        parser.parse(table.rows[index], table.line_numbers[index])
    return parser.result()


class _RowParser:
    def __init__(self, table: RawTable, header: _Header) -> None:
        self.table = table
        self.header = header
        self.headers = table.rows[header.index]
        self.log = ProblemLog()
        self.rows: list[ScoreRow] = []
        self.notes: list[str] = []
        self.excel = table.sheet is not None
        columns = header.columns
        self.width = max([*columns.values(), *header.skill_columns], default=0) + 1
        data = table.rows[header.index + 1 :]
        possible = _Field.POSSIBLE in columns
        if header.layout is ScoreLayout.WIDE:
            cells = [_cell(row, c) for row in data for c in header.skill_columns]
            self.reader = _choose_reader(cells, "", None, has_possible=False)
            self.level_reader = self.reader
            note = _reader_note(self.reader, "the skill columns")
        else:
            score_column = columns.get(_Field.SCORE)
            self.reader = _Reader(_Mode.PERCENT)
            note = None
            if score_column is not None:
                key = normalise_header(_OUT_OF.sub("", self.headers[score_column]))
                self.reader = _choose_reader(
                    [_cell(row, score_column) for row in data], key, header.out_of, possible
                )
                note = _reader_note(self.reader, f"the {self.headers[score_column]} column")
            self.level_reader = _Reader(_Mode.LEVELS)
        if note:
            self.notes.append(note)
        self.header_cells = {
            c: self.headers[c].strip().casefold()
            for c in [*columns.values(), *header.skill_columns]
        }

    def result(self) -> ParsedScores:
        used = {*self.header.columns.values(), *self.header.skill_columns}
        ignored = tuple(h for i, h in enumerate(self.headers) if i not in used and h.strip())
        return ParsedScores(
            source=self.table.source,
            rows=tuple(self.rows),
            problems=self.log.problems(),
            ignored_columns=ignored,
            layout=self.header.layout,
            columns=self._describe_columns(),
            notes=tuple(self.notes),
            file_format=_file_format(self.table),
        )

    def _describe_columns(self) -> tuple[str, ...]:
        described = [
            f"{self.headers[column]}: {field.value}"
            for field, column in sorted(self.header.columns.items(), key=lambda item: item[1])
        ]
        skills = self.header.skill_columns
        if skills:
            codes = [self.headers[c].strip() for c in skills]
            shown = ", ".join(codes[:4]) + (f" and {len(codes) - 4} more" if len(codes) > 4 else "")
            described.append(f"{len(codes)} skill columns: {shown}")
        return tuple(described)

    def parse(self, row: tuple[str, ...], line: int) -> None:
        if len(row) < self.width:
            row = row + ("",) * (self.width - len(row))
        if self._repeats_header(row):
            self.log.add(
                line,
                ProblemKind.SKIPPED,
                "repeated_header",
                "the header row repeats here (a page break in the export), skipped",
            )
            return
        columns = self.header.columns
        number = _clean(row, columns.get(_Field.STUDENT_NUMBER))
        name = self._name(row)
        summary = next((text for text in (number, name) if text and _SUMMARY.match(text)), None)
        if summary is not None:
            self.log.add(
                line,
                ProblemKind.SKIPPED,
                "summary_row",
                f"'{summary}' looks like a summary line, not a student, skipped",
            )
            return
        values = self._values(row)
        if not any(cell.strip() or level.strip() for _code, cell, level in values):
            self.log.add(line, ProblemKind.SKIPPED, "no_score", "no score or level, skipped")
            return
        if number is None and name is None:
            self.log.add(
                line,
                ProblemKind.SKIPPED,
                "no_student",
                "no student number or name in this row, so its scores can't be recorded",
            )
            return
        try:
            observed_on = parse_date(_cell(row, columns.get(_Field.DATE)), excel_serials=self.excel)
        except ValueError as exc:
            self.log.add(line, ProblemKind.SKIPPED, "bad_date", str(exc))
            return
        possible_text = _cell(row, columns.get(_Field.POSSIBLE)).strip()
        possible = parse_number(possible_text) if possible_text else None
        wide = self.header.layout is ScoreLayout.WIDE
        for code, cell, level_cell in values:
            if not cell.strip() and not level_cell.strip():
                continue  # wide layout: not assessed on this skill
            where = f"{code}: " if wide else ""
            if not code:
                self.log.add(
                    line,
                    ProblemKind.SKIPPED,
                    "no_skill",
                    f"no skill code in this row (the score was '{cell.strip() or level_cell}')",
                )
                continue
            try:
                score, level = (
                    _read_value(cell, self.reader, possible) if cell.strip() else (None, None)
                )
                if level_cell.strip():
                    # A Level column wins over the score; "85%" there is still a score.
                    level_score, stated = _read_value(level_cell, self.level_reader, None)
                    level = stated or level
                    score = score if score is not None else level_score
            except _BadValueError as exc:
                self.log.add(line, ProblemKind.SKIPPED, exc.code, f"{where}{exc}")
                continue
            raw = " / ".join(part.strip() for part in (cell, level_cell) if part.strip())
            self.rows.append(ScoreRow(line, number, name, code, score, level, observed_on, raw))

    def _values(self, row: tuple[str, ...]) -> list[tuple[str, str, str]]:
        """(skill code, score cell, level cell) for each skill this row speaks about."""
        if self.header.layout is ScoreLayout.WIDE:
            return [(self.headers[c].strip(), row[c], "") for c in self.header.skill_columns]
        columns = self.header.columns
        code = " ".join(_cell(row, columns.get(_Field.SKILL)).split())
        return [
            (code, _cell(row, columns.get(_Field.SCORE)), _cell(row, columns.get(_Field.LEVEL)))
        ]

    def _name(self, row: tuple[str, ...]) -> str | None:
        columns = self.header.columns
        full = _clean(row, columns.get(_Field.FULL_NAME))
        given = _clean(row, columns.get(_Field.GIVEN_NAME))
        family = _clean(row, columns.get(_Field.FAMILY_NAME))
        if given and family:
            return f"{family}, {given}"
        return full or given or family

    def _repeats_header(self, row: tuple[str, ...]) -> bool:
        matches = sum(1 for c, key in self.header_cells.items() if row[c].strip().casefold() == key)
        return matches >= min(2, len(self.header_cells))


def _cell(row: tuple[str, ...], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def _clean(row: tuple[str, ...], column: int | None) -> str | None:
    text, _changed = clean_name(_cell(row, column))
    return text or None


def _file_format(table: RawTable) -> str:
    if table.sheet is not None:
        return f"sheet {table.sheet}"
    delimiter = {",": "commas", ";": "semicolons", "\t": "tabs"}.get(table.delimiter or "", "")
    return ", ".join(part for part in (table.encoding, delimiter) if part)
