"""OneRoster 1.1/1.2 CSV exports (ClassLink, most SIS) as a folder or a .zip.

One row per student enrolment (role "student") in a class. Students are users whose role is
"student" (1.1); a 1.2 users.csv has no role column, so there the enrolment's role decides.
Records with status "tobedeleted" (or 1.0's "inactive") are left out.

- student number: users.csv ``identifier``, else ``sourcedId``
- names: ``givenName``/``familyName``; preferred from ``preferredFirstName`` or 1.2's
  ``preferredGivenName``
- grade: the first of ``grades`` ("07" -> 7, "KG" -> 0)
- period: the class ``title`` (else ``classCode``), with the ``periods`` column appended when
  the title doesn't already say it: "Math 7 – Period 3"; this is what the teacher sees in the
  SIS and on the class list
- course: courses.csv ``title`` through the class's ``courseSourcedId``
- teacher: the class's teacher enrolment (the ``primary`` one first) as "Rivera, Ana"

A reference to a record that is not in its file at all (an enrolment naming a user missing
from users.csv) is a warning naming the file and line; one to a record marked for deletion is
a plain skip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mathroom.domain.import_problems import ImportFileError, ProblemKind, ProblemLog
from mathroom.domain.roster_import import ParsedRoster, RosterRow
from mathroom.importers.csv_set import (
    CsvFile,
    is_csv_set,
    on_enrolment_lines,
    person_display,
    read_files,
    read_tables,
)
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

USERS, CLASSES, ENROLLMENTS, COURSES = "users.csv", "classes.csv", "enrollments.csv", "courses.csv"
_REQUIRED = (USERS, CLASSES, ENROLLMENTS)
_NEEDS = "a OneRoster export needs users.csv, classes.csv and enrollments.csv"
_USED_USER_COLUMNS = (
    *("sourcedid", "status", "role", "identifier", "givenname", "familyname"),
    *("preferredfirstname", "preferredgivenname", "grades"),
)


def is_oneroster(path: Path) -> bool:
    """A folder, a .zip, or a zip under another name that holds users.csv or students.csv
    (read_roster sends a Clever set elsewhere first)."""
    return is_csv_set(path)


def read_oneroster(
    path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> ParsedRoster:
    """Students and their class enrolments from a OneRoster CSV folder or zip."""
    source = path.name
    files = read_files(path, (*_REQUIRED, COURSES), _REQUIRED, _NEEDS)
    order = (*_REQUIRED, COURSES)
    tables = read_tables(source, files, order, progress=progress, cancelled=cancelled)
    result = _Reader(source, tables, cancelled).read()
    if progress is not None:
        progress(len(order) + 1, len(order) + 1)
    return result


@dataclass(frozen=True, slots=True)
class _Student:
    line: int  # in users.csv
    number: str | None
    names: Names | None  # None: no name, so never imported
    grade: int | None


@dataclass(frozen=True, slots=True)
class _Class:
    line: int  # in classes.csv
    period: str
    course: str | None
    teacher: str | None


class _Reader:
    """Joins the files; problems about a student (or class) are reported on their enrolment
    lines, so that settling a conflict by line settles the rows it is about."""

    def __init__(
        self, source: str, tables: dict[str, CsvFile], cancelled: Cancelled | None
    ) -> None:
        self.source = source
        self.tables = tables
        self.cancelled = cancelled
        self.user_log = ProblemLog(USERS)
        self.class_log = ProblemLog(CLASSES)
        self.enrolment_log = ProblemLog(ENROLLMENTS)
        self.user_lines: dict[int, list[int]] = {}  # users.csv line -> enrolment lines
        self.class_lines: dict[int, list[int]] = {}  # classes.csv line -> enrolment lines
        tables[USERS].require("sourcedId", "givenName", "familyName")
        tables[CLASSES].require("sourcedId")
        tables[ENROLLMENTS].require("classSourcedId", "userSourcedId", "role")
        self.user_ids = _ids(tables[USERS])  # every user, deleted ones too: id -> active?
        self.class_ids = _ids(tables[CLASSES])

    def read(self) -> ParsedRoster:
        enrolments: list[tuple[int, dict[str, str]]] = []
        teaching: list[tuple[int, dict[str, str]]] = []
        for line, record in self.tables[ENROLLMENTS].records():
            role = record["role"].casefold()
            if role == "student":
                enrolments.append((line, record))
            elif role == "teacher":
                teaching.append((line, record))
        students = self._students({record["usersourcedid"] for _line, record in enrolments})
        taught = {record["classsourcedid"] for _line, record in enrolments}
        classes = self._classes(self._teachers(teaching, taught))
        rows: list[RosterRow] = []
        seen: dict[tuple[str, str], int] = {}
        for count, (line, record) in enumerate(enrolments, start=1):
            if count % CHECK_EVERY == 0 and self.cancelled is not None and self.cancelled():
                raise ImportFileError(self.source, "import cancelled")
            row = self._row(line, record, students, classes, seen)
            if row is not None:
                rows.append(row)
        ignored = self.tables[USERS].unused(_USED_USER_COLUMNS)
        periods = tuple(dict.fromkeys(row.period for row in rows if row.period))
        problems = on_enrolment_lines(
            self.enrolment_log,
            ((self.user_log, self.user_lines), (self.class_log, self.class_lines)),
        )
        return ParsedRoster(self.source, tuple(rows), problems, None, ignored, periods)

    def _row(
        self,
        line: int,
        record: dict[str, str],
        students: dict[str, _Student],
        classes: dict[str, _Class],
        seen: dict[tuple[str, str], int],
    ) -> RosterRow | None:
        user_id, class_id = record["usersourcedid"], record["classsourcedid"]
        student = students.get(user_id)
        if student is None:
            self._missing(line, "user", user_id, USERS, self.user_ids, "is not a student in")
            return None
        the_class = classes.get(class_id)
        if the_class is None:
            self._missing(line, "class", class_id, CLASSES, self.class_ids, "is not in")
            return None
        earlier = seen.setdefault((user_id, class_id), line)
        if earlier != line:
            self.enrolment_log.skip(
                line, "duplicate_row", f"the same enrolment as line {earlier}, skipped"
            )
            return None
        self.user_lines.setdefault(student.line, []).append(line)
        self.class_lines.setdefault(the_class.line, []).append(line)
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
            the_class.period,
            the_class.course,
            the_class.teacher,
        )

    def _missing(
        self, line: int, thing: str, key: str, file: str, ids: dict[str, bool], otherwise: str
    ) -> None:
        """An enrolment naming a record that is absent (a warning), deleted or not a student."""
        if key not in ids:
            self.enrolment_log.add(
                line,
                ProblemKind.WARNING,
                f"missing_{thing}",
                f"{thing} '{key}' is not in {file}, skipped",
            )
        elif not ids[key]:
            why = f"{thing} '{key}' is marked for deletion in {file}, skipped"
            self.enrolment_log.skip(line, f"unknown_{thing}", why)
        else:
            self.enrolment_log.skip(
                line, f"unknown_{thing}", f"{thing} '{key}' {otherwise} {file}, skipped"
            )

    def _students(self, enrolled: set[str]) -> dict[str, _Student]:
        """Enrolled students by sourcedId (users.csv role "student" where that column exists)."""
        users = self.tables[USERS]
        has_role = "role" in users.index
        students: dict[str, _Student] = {}
        uses: list[NumberUse] = []
        for line, record in users.records():
            user_id = record["sourcedid"]
            if user_id not in enrolled or user_id in students:
                continue
            if has_role and record["role"].casefold() != "student":
                continue
            preferred = record.get("preferredfirstname") or record.get("preferredgivenname", "")
            names = build_names(
                self.user_log, line, record["givenname"], record["familyname"], preferred
            )
            if names is None:
                self.user_log.skip(line, "no_name", "no name for this student, skipped")
                students[user_id] = _Student(line, None, None, None)
                continue
            number = clean_cell(record.get("identifier", "")) or clean_cell(user_id)
            if number is not None and check_number(self.user_log, line, number):
                uses.append(NumberUse(line, number, names))
            first_grade = record.get("grades", "").split(",")[0]
            grade = parse_grade(self.user_log, line, first_grade)
            students[user_id] = _Student(line, number, names, grade)
        check_numbers(self.user_log, uses)
        return students

    def _teachers(
        self, teaching: list[tuple[int, dict[str, str]]], taught: set[str]
    ) -> dict[str, str]:
        """Class sourcedId -> its teacher's name, for classes that have students."""
        wanted = [(line, record) for line, record in teaching if record["classsourcedid"] in taught]
        # The primary teacher first, then file order.
        wanted.sort(key=lambda item: item[1].get("primary", "").casefold() != "true")
        names = {
            record["sourcedid"]: person_display(record["givenname"], record["familyname"])
            for _line, record in self.tables[USERS].records()
        }
        teachers: dict[str, str] = {}
        for line, record in wanted:
            user_id, class_id = record["usersourcedid"], record["classsourcedid"]
            if user_id not in self.user_ids:
                self.enrolment_log.add(
                    line,
                    ProblemKind.WARNING,
                    "missing_teacher",
                    f"teacher '{user_id}' is not in {USERS}; class '{class_id}' gets no "
                    "teacher name from this line",
                )
                continue
            name = names.get(user_id)
            if name is not None:
                teachers.setdefault(class_id, name)
        return teachers

    def _classes(self, teachers: dict[str, str]) -> dict[str, _Class]:
        """Class sourcedId -> period as the teacher knows it, course title and teacher."""
        courses: dict[str, str | None] = {}
        has_courses = COURSES in self.tables
        if has_courses:
            for _line, record in self.tables[COURSES].all_records():
                if record.get("sourcedid"):
                    courses[record["sourcedid"]] = clean_cell(record.get("title", ""))
        classes: dict[str, _Class] = {}
        for line, record in self.tables[CLASSES].records():
            class_id = record["sourcedid"]
            title = (
                clean_cell(record.get("title", ""))
                or clean_cell(record.get("classcode", ""))
                or class_id
            )
            course_id = record.get("coursesourcedid", "")
            if has_courses and course_id and course_id not in courses:
                self.class_log.add(
                    line,
                    ProblemKind.WARNING,
                    "missing_course",
                    f"course '{course_id}' is not in {COURSES}; the course is left blank",
                )
            period = with_periods(title, record.get("periods", ""))
            course = courses.get(course_id)
            classes[class_id] = _Class(line, period, course, teachers.get(class_id))
        return classes


def _ids(table: CsvFile) -> dict[str, bool]:
    """sourcedId -> whether the record is active (False: marked for deletion)."""
    active = {line for line, _record in table.records()}
    ids: dict[str, bool] = {}
    for line, record in table.all_records():
        if record.get("sourcedid"):
            ids[record["sourcedid"]] = ids.get(record["sourcedid"], False) or line in active
    return ids


def with_periods(title: str, periods: str) -> str:
    """'Math 7' + '3' -> 'Math 7 – Period 3'; a title that already names its period stays."""
    numbers = [p.strip() for p in periods.split(",") if p.strip()]
    if not numbers or all(
        re.search(rf"(?<![^\W_]){re.escape(p)}(?![^\W_])", title) for p in numbers
    ):
        return title
    label = "Period" if len(numbers) == 1 else "Periods"
    return f"{title} – {label} {', '.join(numbers)}"
