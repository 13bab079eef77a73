"""Roster table rows into clean student rows plus named problems (skipped, warning, conflict)."""

from __future__ import annotations

import operator
import re
import unicodedata
from pathlib import Path

from mathroom.domain.import_problems import ProblemKind, ProblemLog
from mathroom.domain.names import (
    clean_name,
    has_lost_letters,
    lost_letters_text,
    split_full_name,
)
from mathroom.domain.roster_import import (
    NAME_FIELDS,
    ColumnMapping,
    ParsedRoster,
    RosterField,
    RosterRow,
)
from mathroom.importers.clever import is_clever, read_clever
from mathroom.importers.gradebook_rows import recognise
from mathroom.importers.oneroster import is_oneroster, read_oneroster
from mathroom.importers.roster_checks import (
    Names,
    NumberUse,
    build_names,
    check_number,
    check_numbers,
    check_period,
    clean_cell,
    parse_grade,
)
from mathroom.importers.roster_columns import detect_mapping
from mathroom.importers.table_file import (
    ROSTER,
    Cancelled,
    Progress,
    RawTable,
    data_rows,
    phase,
    read_table,
)
from mathroom.importers.table_headers import RepeatedHeader

_ONE_EMPTY = ("",)
_PICKED = (
    RosterField.STUDENT_NUMBER,
    RosterField.GIVEN_NAME,
    RosterField.FAMILY_NAME,
    RosterField.PREFERRED_NAME,
    RosterField.FULL_NAME,
    RosterField.GRADE,
    RosterField.PERIOD,
    RosterField.COURSE,
    RosterField.TEACHER,
)
# Words that start a totals, title or page line; a row starting otherwise is a student row.
_SUSPECT = re.compile(
    r"\s*(?:grand|total|count|student|number|\d+\s+student|page|printed|generated|run|report"
    r"|date|end)",
    re.IGNORECASE,
)
_TOTALS = re.compile(
    r"^(?:grand\s+)?(?:totals?|count|student\s+count|number\s+of\s+students)\b.*\d"
    r"|^\d+\s+students?\b",
    re.IGNORECASE,
)
_TOTALS_LABEL = re.compile(
    r"^(?:grand\s+)?(?:totals?|count|student\s+count|number\s+of\s+students)\s*:?$",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"^(?:page\s+\d+(?:\s*(?:of|/)\s*\d+)?$|printed\b|generated\b|run\s+date\b|report\s+date\b"
    r"|date\s+printed\b|end\s+of\s+report\b)",
    re.IGNORECASE,
)


def parse_roster_file(
    path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> ParsedRoster:
    """Read, find the columns and parse a roster file; a folder or zip is read as a OneRoster
    or Clever export (whichever its files are)."""
    return read_roster(path, progress=progress, cancelled=cancelled)[1]


def read_roster(
    path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> tuple[RawTable | None, ParsedRoster]:
    """Like parse_roster_file, with the table read (None for a set of CSVs) to remap columns."""
    if is_oneroster(path):
        if is_clever(path):
            return None, read_clever(path, progress=progress, cancelled=cancelled)
        return None, read_oneroster(path, progress=progress, cancelled=cancelled)
    table = read_table(path, ROSTER, progress=phase(progress, 0), cancelled=cancelled)
    mapping = detect_mapping(table)
    return table, parse_rows(table, mapping, progress=phase(progress, 1), cancelled=cancelled)


def parse_rows(
    table: RawTable,
    mapping: ColumnMapping,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ParsedRoster:
    """Clean every row under the header; problems name the line and what is wrong."""
    parser = _RowParser(table, mapping)
    rows = data_rows(table, mapping.header_index, progress=progress, cancelled=cancelled)
    for row, line in rows:
        parser.parse(row, line)
    return parser.result()


class _RowParser:
    """Row-by-row state: problems so far, numbers seen, enrolments seen."""

    def __init__(self, table: RawTable, mapping: ColumnMapping) -> None:
        self.table = table
        self.mapping = mapping
        self.log = ProblemLog()
        self.rows: list[RosterRow] = []
        self.uses: list[NumberUse] = []
        self.enrolments: dict[tuple[str, tuple[str, str], str | None, str | None], int] = {}
        columns = mapping.columns
        self.given = columns.get(RosterField.GIVEN_NAME)
        self.family = columns.get(RosterField.FAMILY_NAME)
        self.full = columns.get(RosterField.FULL_NAME)
        self.use_full = mapping.uses_full_name()
        # One C-level call picks every field out of a row. Every row gets empty cells appended
        # (enough to reach the mapped columns), so a field without a column reads cell -1.
        self.width = max(columns.values(), default=0) + 1
        self.padding = ("",) * self.width
        self.pick = operator.itemgetter(*(columns.get(field, -1) for field in _PICKED))
        self.repeated_header = RepeatedHeader(mapping.headers, columns.values())
        # An LMS gradebook has rows of its own (points, averages, a test student).
        self.gradebook = recognise(mapping.headers)
        self.name_columns = sorted(columns[field] for field in NAME_FIELDS if field in columns)

    def result(self) -> ParsedRoster:
        check_numbers(self.log, self.uses)
        periods = tuple(dict.fromkeys(row.period for row in self.rows if row.period))
        return ParsedRoster(
            self.table.source,
            tuple(self.rows),
            self.log.problems(),
            self.mapping,
            self.mapping.ignored,
            periods,
            self.table.file_format,
        )

    def parse(self, row: tuple[str, ...], line: int) -> None:
        cells = row + (self.padding if len(row) < self.width else _ONE_EMPTY)
        if self._not_a_student(cells, line):
            return
        (number_raw, given, family, preferred, full, grade_raw, period_raw, course_raw, teacher) = (
            self.pick(cells)
        )
        names = self._names(line, given, family, preferred, full)
        if names is None:
            self.log.skip(line, "no_name", "no name in this row, skipped")
            return
        if has_lost_letters(names.given) or has_lost_letters(names.family):
            self.log.add(
                line, ProblemKind.WARNING, "letters_lost", lost_letters_text(names.display)
            )
        number = clean_cell(number_raw)
        if number is not None and check_number(self.log, line, number):
            self.uses.append(NumberUse(line, number, names))
        period = clean_cell(period_raw)
        if period is not None:
            check_period(self.log, line, period)
        course = clean_cell(course_raw)
        if number is not None:
            earlier = self.enrolments.setdefault((number, names.key, period, course), line)
            if earlier != line:
                self.log.skip(
                    line,
                    "duplicate_row",
                    f"the same student, period and course as line {earlier}, skipped",
                )
                return
        grade = parse_grade(self.log, line, grade_raw)
        self.rows.append(
            RosterRow(
                line,
                number,
                names.given,
                names.family,
                names.preferred,
                grade,
                period,
                course,
                clean_cell(teacher),
            )
        )

    def _not_a_student(self, cells: tuple[str, ...], line: int) -> bool:
        """Repeated header rows (page breaks), title lines, totals lines and a gradebook's own
        rows are skipped."""
        if self.repeated_header.skips(cells, line, self.log):
            return True
        if self.gradebook is not None:
            code, why = self.gradebook.non_student(
                cells, self.name_columns, self.mapping.columns.values()
            )
            if code:
                self.log.skip(line, code, f"{why}, skipped")
                return True
        first = cells[0]
        if not first or first.isspace():
            first = next((cell for cell in cells if cell and not cell.isspace()), "")
        if not (":" in first or _SUSPECT.match(first)):
            return False  # the usual row: cheap checks only
        filled = [cell.strip() for cell in cells if cell.strip()]
        first = filled[0]
        if _TOTALS.match(first) or (
            _TOTALS_LABEL.match(first) and all(cell.isdigit() for cell in filled[1:])
        ):
            self.log.skip(
                line, "totals_row", f"'{' '.join(filled)}' looks like a totals line, skipped"
            )
            return True
        if len(filled) == 1 and (":" in first or _TITLE.match(first)):
            self.log.skip(
                line,
                "title_row",
                f"'{first}' looks like a title or page line, not a student, skipped",
            )
            return True
        return False

    def _names(self, line: int, given: str, family: str, preferred: str, full: str) -> Names | None:
        if self.use_full:
            full_name, changed = clean_name(full)
            given, family_in_full, nickname = split_full_name(full_name)
            names = build_names(
                self.log, line, given, family_in_full, preferred, changed=changed, nickname=nickname
            )
            if names is not None and family.strip():
                self._check_agree(line, full_name, Names("", family, None))
            return names
        names = build_names(self.log, line, given, family, preferred)
        if names is not None and full.strip():
            self._check_agree(line, full.strip(), names)
        return names

    def _check_agree(self, line: int, full: str, names: Names) -> None:
        """Both a full-name column and separate columns: they must name the same student."""
        compact = _letters(full)
        family_agrees = _letters(names.family) in compact
        given_agrees = _letters(names.given) in compact or (
            names.preferred is not None and _letters(names.preferred) in compact
        )
        if family_agrees and given_agrees:
            return
        full_header = self._header(self.full)
        separate = "/".join(self._header(c) for c in (self.given, self.family) if c is not None)
        self.log.add(
            line,
            ProblemKind.CONFLICT,
            "names_disagree",
            f"the {full_header} column says '{full}' but {separate} says '{names.display}'; "
            "check which is right",
        )

    def _header(self, column: int | None) -> str:
        headers = self.mapping.headers
        if column is None or column >= len(headers) or not headers[column].strip():
            return "full name" if column == self.full else f"column {(column or 0) + 1}"
        return headers[column]


def _letters(text: str) -> str:
    """Letters and digits only, without accents: 'Martínez, José' -> 'martinezjose'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())
