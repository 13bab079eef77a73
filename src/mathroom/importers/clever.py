"""Clever-style SFTP exports (students.csv, sections.csv, enrollments.csv, teachers.csv,
schools.csv) as a folder or a .zip, read into the same rows as OneRoster.

One row per line of enrollments.csv (School_id, Section_id, Student_id).

- student number: students.csv ``Student_number``, else ``Student_id``
- names: ``First_name``/``Last_name`` (``Preferred_first_name`` when the export has it)
- grade: students.csv ``Grade`` ("7", "07", "Kindergarten" -> 0)
- period: the section's ``Name`` (else ``Course_name``, ``Section_number``, ``Section_id``)
  with its ``Period`` appended when the name doesn't already say it: "Math 7 – Period 2".
  The name keeps apart the sections of one period in a whole-school export.
- course: ``Course_name``, else ``Course_number``
- teacher: the section's ``Teacher_id`` in teachers.csv, as "Rivera, Ana"

teachers.csv and schools.csv are optional. An enrolment naming a student or section that is
not there, or a section naming a teacher missing from teachers.csv, is a warning naming the
file and line; the enrolment is skipped (the teacher left blank), never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mathroom.domain.import_problems import ImportFileError, ProblemKind, ProblemLog
from mathroom.domain.roster_import import ParsedRoster, RosterRow
from mathroom.importers.csv_set import (
    CsvFile,
    member_names,
    on_enrolment_lines,
    person_display,
    read_files,
    read_tables,
)
from mathroom.importers.oneroster import with_periods
from mathroom.importers.roster_checks import (
    Names,
    NumberUse,
    build_names,
    check_number,
    check_numbers,
    clean_cell,
    parse_grade,
)
from mathroom.importers.table_file import CHECK_EVERY, Cancelled, Progress

STUDENTS, SECTIONS, ENROLLMENTS = "students.csv", "sections.csv", "enrollments.csv"
TEACHERS, SCHOOLS = "teachers.csv", "schools.csv"
_REQUIRED = (STUDENTS, SECTIONS, ENROLLMENTS)
_NEEDS = "a Clever export needs students.csv, sections.csv and enrollments.csv"
_USED_STUDENT_COLUMNS = (
    *("student_id", "student_number", "first_name", "last_name", "grade"),
    "preferred_first_name",
)


def is_clever(path: Path) -> bool:
    """A folder or zip holding students.csv and no users.csv (which would make it OneRoster)."""
    names = member_names(path)
    return STUDENTS in names and "users.csv" not in names


def read_clever(
    path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> ParsedRoster:
    """Students and their section enrolments from a Clever-style CSV folder or zip."""
    source = path.name
    order = (*_REQUIRED, TEACHERS)
    files = read_files(path, order, _REQUIRED, _NEEDS)
    tables = read_tables(source, files, order, progress=progress, cancelled=cancelled)
    result = _Reader(source, tables, cancelled).read()
    if progress is not None:
        progress(len(order) + 1, len(order) + 1)
    return result


@dataclass(frozen=True, slots=True)
class _Student:
    line: int  # in students.csv
    number: str | None
    names: Names | None  # None: no name, so never imported
    grade: int | None


@dataclass(frozen=True, slots=True)
class _Section:
    line: int  # in sections.csv
    period: str
    course: str | None
    teacher: str | None


class _Reader:
    """Joins the files; problems about a student or section are reported on the enrolment
    lines that use it, so that settling a conflict by line settles the rows it is about."""

    def __init__(
        self, source: str, tables: dict[str, CsvFile], cancelled: Cancelled | None
    ) -> None:
        self.source = source
        self.tables = tables
        self.cancelled = cancelled
        self.student_log = ProblemLog(STUDENTS)
        self.section_log = ProblemLog(SECTIONS)
        self.enrolment_log = ProblemLog(ENROLLMENTS)
        self.student_lines: dict[int, list[int]] = {}
        self.section_lines: dict[int, list[int]] = {}
        tables[STUDENTS].require("Student_id", "First_name", "Last_name")
        tables[SECTIONS].require("Section_id")
        tables[ENROLLMENTS].require("Section_id", "Student_id")
        if TEACHERS in tables:
            tables[TEACHERS].require("Teacher_id", "First_name", "Last_name")

    def read(self) -> ParsedRoster:
        enrolments = self.tables[ENROLLMENTS].records()
        students = self._students({record["student_id"] for _line, record in enrolments})
        sections = self._sections()
        rows: list[RosterRow] = []
        seen: dict[tuple[str, str], int] = {}
        for count, (line, record) in enumerate(enrolments, start=1):
            if count % CHECK_EVERY == 0 and self.cancelled is not None and self.cancelled():
                raise ImportFileError(self.source, "import cancelled")
            row = self._row(line, record, students, sections, seen)
            if row is not None:
                rows.append(row)
        ignored = self.tables[STUDENTS].unused(_USED_STUDENT_COLUMNS)
        periods = tuple(dict.fromkeys(row.period for row in rows if row.period))
        problems = on_enrolment_lines(
            self.enrolment_log,
            ((self.student_log, self.student_lines), (self.section_log, self.section_lines)),
        )
        return ParsedRoster(self.source, tuple(rows), problems, None, ignored, periods)

    def _row(
        self,
        line: int,
        record: dict[str, str],
        students: dict[str, _Student],
        sections: dict[str, _Section],
        seen: dict[tuple[str, str], int],
    ) -> RosterRow | None:
        student_id, section_id = record["student_id"], record["section_id"]
        student = students.get(student_id)
        if student is None:
            self._missing(line, "student", student_id, STUDENTS)
            return None
        section = sections.get(section_id)
        if section is None:
            self._missing(line, "section", section_id, SECTIONS)
            return None
        earlier = seen.setdefault((student_id, section_id), line)
        if earlier != line:
            self.enrolment_log.skip(
                line, "duplicate_row", f"the same enrolment as line {earlier}, skipped"
            )
            return None
        self.student_lines.setdefault(student.line, []).append(line)
        self.section_lines.setdefault(section.line, []).append(line)
        if student.names is None:
            return None  # the student's own problem (no name) is reported on this line
        names = student.names
        return RosterRow(
            line,
            student.number,
            names.given,
            names.family,
            names.preferred,
            student.grade,
            section.period,
            section.course,
            section.teacher,
        )

    def _missing(self, line: int, thing: str, key: str, file: str) -> None:
        text = f"{thing} '{key}' is not in {file}, skipped" if key else f"no {thing}, skipped"
        self.enrolment_log.add(line, ProblemKind.WARNING, f"missing_{thing}", text)

    def _students(self, enrolled: set[str]) -> dict[str, _Student]:
        """Enrolled students by Student_id."""
        students: dict[str, _Student] = {}
        uses: list[NumberUse] = []
        for line, record in self.tables[STUDENTS].records():
            student_id = record["student_id"]
            if student_id not in enrolled or student_id in students:
                continue
            names = build_names(
                self.student_log,
                line,
                record["first_name"],
                record["last_name"],
                record.get("preferred_first_name", ""),
            )
            if names is None:
                self.student_log.skip(line, "no_name", "no name for this student, skipped")
                students[student_id] = _Student(line, None, None, None)
                continue
            number = clean_cell(record.get("student_number", "")) or clean_cell(student_id)
            if number is not None and check_number(self.student_log, line, number):
                uses.append(NumberUse(line, number, names))
            grade = parse_grade(self.student_log, line, record.get("grade", ""))
            students[student_id] = _Student(line, number, names, grade)
        check_numbers(self.student_log, uses)
        return students

    def _sections(self) -> dict[str, _Section]:
        """Section_id -> period as the teacher knows it, course and teacher."""
        teachers: dict[str, str | None] = {}
        if TEACHERS in self.tables:
            for _line, record in self.tables[TEACHERS].records():
                teachers[record["teacher_id"]] = person_display(
                    record["first_name"], record["last_name"]
                )
        sections: dict[str, _Section] = {}
        for line, record in self.tables[SECTIONS].records():
            section_id = record["section_id"]
            if not section_id or section_id in sections:
                continue
            course = clean_cell(record.get("course_name", "")) or clean_cell(
                record.get("course_number", "")
            )
            name = (
                clean_cell(record.get("name", ""))
                or course
                or clean_cell(record.get("section_number", ""))
            )
            period_column = clean_cell(record.get("period", ""))
            if name is None:
                period = f"Period {period_column}" if period_column else section_id
            else:
                period = with_periods(name, period_column or "")
            teacher_id = record.get("teacher_id", "")
            teacher = teachers.get(teacher_id)
            if teacher_id and TEACHERS in self.tables and teacher_id not in teachers:
                self.section_log.add(
                    line,
                    ProblemKind.WARNING,
                    "missing_teacher",
                    f"teacher '{teacher_id}' is not in {TEACHERS}; the section's teacher is "
                    "left blank",
                )
            sections[section_id] = _Section(line, period, course, teacher)
        return sections
