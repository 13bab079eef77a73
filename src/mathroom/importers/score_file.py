"""Score files (a quiz or diagnostic export) into score rows plus named problems.

Two shapes are read:

- **long**: one row per student and skill: a student column (number and/or name), a Skill
  column and a Score and/or Level column, optionally a Date column;
- **wide**: one row per student and one column per skill code ("Student ID, Name, 7.NS.A.1b,
  7.NS.A.2a, …"), the cells holding scores or levels; a blank cell means "not assessed".

Columns are found by ``score_columns`` and cells read by ``score_values``. Files are read with
the shared ``table_file`` reader, so every refusal of the roster importer (empty, image, PDF,
binary, damaged workbook, over 50 MB) applies here too.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from mathroom.domain.import_problems import ProblemKind, ProblemLog
from mathroom.domain.names import clean_name, has_lost_letters, lost_letters_text
from mathroom.domain.score_import import ParsedScores, ScoreLayout, ScoreRow
from mathroom.domain.scores import parse_number
from mathroom.importers.score_columns import OUT_OF, Field, ScoreHeader, code_key, find_header
from mathroom.importers.score_values import BadValueError, Mode, Reader, parse_date
from mathroom.importers.table_file import (
    SCORES,
    Cancelled,
    Progress,
    RawTable,
    data_rows,
    phase,
    read_table,
)
from mathroom.importers.table_headers import RepeatedHeader, normalise_header

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
    """Read a CSV/TSV/TXT/XLSX score file; ImportFileError when it can't be read at all."""
    table = read_table(path, SCORES, progress=phase(progress, 0), cancelled=cancelled)
    return parse_score_table(
        table, known_codes=known_codes, progress=phase(progress, 1), cancelled=cancelled
    )


def parse_score_table(
    table: RawTable,
    *,
    known_codes: Collection[str] = (),
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ParsedScores:
    """Find the header and read every row under it; problems name the line and the reason."""
    header = find_header(table, frozenset(code_key(c) for c in known_codes))
    parser = _RowParser(table, header)
    for row, line in data_rows(table, header.index, progress=progress, cancelled=cancelled):
        parser.parse(row, line)
    return parser.result()


class _RowParser:
    def __init__(self, table: RawTable, header: ScoreHeader) -> None:
        self.table = table
        self.header = header
        self.headers = table.rows[header.index]
        self.log = ProblemLog()
        self.rows: list[ScoreRow] = []
        self.excel = table.sheet is not None
        self.wide = header.layout is ScoreLayout.WIDE
        columns = header.columns
        used = [*columns.values(), *header.skill_columns]
        self.width = max(used, default=0) + 1
        self.repeated_header = RepeatedHeader(self.headers, used)
        data = table.rows[header.index + 1 :]
        self.level_reader = Reader(Mode.LEVELS)
        if self.wide:
            cells = [_cell(row, c) for row in data for c in header.skill_columns]
            self.reader = Reader.choose(cells, "", None, has_possible=False)
            self.level_reader = self.reader
            note = self.reader.note("the skill columns")
        elif (score_column := columns.get(Field.SCORE)) is not None:
            key = normalise_header(OUT_OF.sub("", self.headers[score_column]))
            self.reader = Reader.choose(
                [_cell(row, score_column) for row in data],
                key,
                header.out_of,
                Field.POSSIBLE in columns,
            )
            note = self.reader.note(f"the {self.headers[score_column]} column")
        else:
            self.reader, note = Reader(Mode.PERCENT), None
        self.notes = (note,) if note else ()

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
            notes=self.notes,
            file_format=self.table.file_format,
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
        if self.repeated_header.skips(row, line, self.log):
            return
        columns = self.header.columns
        number = _clean(row, columns.get(Field.STUDENT_NUMBER))
        name = self._name(row)
        summary = next((text for text in (number, name) if text and _SUMMARY.match(text)), None)
        if summary is not None:
            self.log.skip(
                line,
                "summary_row",
                f"'{summary}' looks like a summary line, not a student, skipped",
            )
            return
        values = self._values(row)
        if not any(cell.strip() or level.strip() for _code, cell, level in values):
            self.log.skip(line, "no_score", "no score or level, skipped")
            return
        if number is None and name is None:
            self.log.skip(
                line,
                "no_student",
                "no student number or name in this row, so its scores can't be recorded",
            )
            return
        if name is not None and has_lost_letters(name):
            self.log.add(line, ProblemKind.WARNING, "letters_lost", lost_letters_text(name))
        try:
            observed_on = parse_date(_cell(row, columns.get(Field.DATE)), excel_serials=self.excel)
        except ValueError as exc:
            self.log.skip(line, "bad_date", str(exc))
            return
        possible_text = _cell(row, columns.get(Field.POSSIBLE)).strip()
        possible = parse_number(possible_text) if possible_text else None
        for code, cell, level_cell in values:
            if not cell.strip() and not level_cell.strip():
                continue  # wide layout: not assessed on this skill
            if not code:
                said = cell.strip() or level_cell
                self.log.skip(
                    line, "no_skill", f"no skill code in this row (the score was '{said}')"
                )
                continue
            try:
                score, level = self.reader.read(cell, possible) if cell.strip() else (None, None)
                if level_cell.strip():
                    # A Level column wins over the score; "85%" there is still a score.
                    level_score, stated = self.level_reader.read(level_cell, None)
                    level = stated or level
                    score = score if score is not None else level_score
            except BadValueError as exc:
                self.log.skip(line, exc.code, f"{code}: {exc}" if self.wide else str(exc))
                continue
            raw = " / ".join(part.strip() for part in (cell, level_cell) if part.strip())
            self.rows.append(ScoreRow(line, number, name, code, score, level, observed_on, raw))

    def _values(self, row: tuple[str, ...]) -> list[tuple[str, str, str]]:
        """(skill code, score cell, level cell) for each skill this row speaks about."""
        if self.wide:
            return [(self.headers[c].strip(), row[c], "") for c in self.header.skill_columns]
        columns = self.header.columns
        code = " ".join(_cell(row, columns.get(Field.SKILL)).split())
        return [(code, _cell(row, columns.get(Field.SCORE)), _cell(row, columns.get(Field.LEVEL)))]

    def _name(self, row: tuple[str, ...]) -> str | None:
        columns = self.header.columns
        full = _clean(row, columns.get(Field.FULL_NAME))
        given = _clean(row, columns.get(Field.GIVEN_NAME))
        family = _clean(row, columns.get(Field.FAMILY_NAME))
        if given and family:
            return f"{family}, {given}"
        return full or given or family


def _cell(row: tuple[str, ...], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def _clean(row: tuple[str, ...], column: int | None) -> str | None:
    text, _changed = clean_name(_cell(row, column))
    return text or None
