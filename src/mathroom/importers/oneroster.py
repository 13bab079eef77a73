"""OneRoster 1.1/1.2 CSV exports (Clever, ClassLink, most SIS) as a folder or a .zip.

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
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mathroom.domain.import_problems import ImportFileError, ProblemKind, ProblemLog, RowProblem
from mathroom.domain.roster_import import ParsedRoster, RosterRow
from mathroom.importers.roster_checks import (
    Names,
    NumberUse,
    build_names,
    check_number,
    check_numbers,
    clean_cell,
    parse_grade,
)
from mathroom.importers.table_file import (
    CHECK_EVERY,
    MAX_BYTES,
    ROSTER,
    Cancelled,
    Progress,
    RawTable,
    read_table_bytes,
)

USERS, CLASSES, ENROLLMENTS, COURSES = "users.csv", "classes.csv", "enrollments.csv", "courses.csv"
_REQUIRED = (USERS, CLASSES, ENROLLMENTS)
_NEEDS = "a OneRoster export needs users.csv, classes.csv and enrollments.csv"
_GONE = frozenset({"tobedeleted", "inactive"})
_USED_USER_COLUMNS = frozenset(
    {
        *("sourcedid", "status", "role", "identifier", "givenname", "familyname"),
        *("preferredfirstname", "preferredgivenname", "grades"),
    }
)
_TEXT_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".xls")


def is_oneroster(path: Path) -> bool:
    """A folder, a .zip, or a zip under another name that holds users.csv."""
    if path.is_dir() or path.suffix.lower() == ".zip":
        return True
    if path.suffix.lower() in _TEXT_SUFFIXES or not zipfile.is_zipfile(path):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return any(_base(name) == USERS for name in archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False


def read_oneroster(
    path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> ParsedRoster:
    """Students and their class enrolments from a OneRoster CSV folder or zip."""
    source = path.name
    files = _read_files(path, source)
    tables: dict[str, _Csv] = {}
    for step, name in enumerate((*_REQUIRED, COURSES), start=1):
        if cancelled is not None and cancelled():
            raise ImportFileError(source, "import cancelled")
        if name in files:
            tables[name] = _Csv(
                read_table_bytes(files[name], f"{source}/{name}", ROSTER, suffix=".csv")
            )
        if progress is not None:
            progress(step, 5)
    reader = _Reader(source, tables, cancelled)
    result = reader.read()
    if progress is not None:
        progress(5, 5)
    return result


def _base(name: str) -> str:
    return PurePosixPath(name).name.casefold()


def _read_files(path: Path, source: str) -> dict[str, bytes]:
    """The export's CSV files by lower-case name; refuses when a required one is missing."""
    wanted = (*_REQUIRED, COURSES)
    found: dict[str, bytes] = {}
    try:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                name = child.name.casefold()
                if name in wanted and child.is_file():
                    size = child.stat().st_size
                    if size > MAX_BYTES:
                        raise ImportFileError(f"{source}/{child.name}", ROSTER.size_problem(size))
                    found[name] = child.read_bytes()
        else:
            found = _read_zip(path, source, wanted)
    except FileNotFoundError as exc:
        raise ImportFileError(source, "the file was not found") from exc
    except OSError as exc:
        raise ImportFileError(source, f"the file can't be opened ({exc.strerror})") from exc
    for name in _REQUIRED:
        if name not in found:
            raise ImportFileError(source, f"{name} is missing; {_NEEDS}")
    return found


def _read_zip(path: Path, source: str, wanted: tuple[str, ...]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            # The shallowest copy wins; macOS adds "__MACOSX/._users.csv" shadows.
            members = sorted(
                (info for info in archive.infolist() if not info.filename.startswith("__MACOSX")),
                key=lambda info: info.filename.count("/"),
            )
            for info in members:
                name = _base(info.filename)
                if name in wanted and name not in found and not info.is_dir():
                    if info.file_size > MAX_BYTES:
                        raise ImportFileError(
                            f"{source}/{name}", ROSTER.size_problem(info.file_size)
                        )
                    found[name] = archive.read(info)
    except RuntimeError as exc:  # zipfile raises it for encrypted members
        raise ImportFileError(source, "the zip file is password-protected") from exc
    except (zipfile.BadZipFile, NotImplementedError, EOFError, ValueError) as exc:
        raise ImportFileError(source, "not a readable zip file") from exc
    return found


class _Csv:
    """A OneRoster CSV: columns by case-insensitive name, records with their line numbers."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.headers = table.rows[0]
        self.index = {
            cell.strip().casefold(): i for i, cell in reversed(list(enumerate(self.headers)))
        }

    def require(self, *columns: str) -> None:
        for column in columns:
            if column.casefold() not in self.index:
                raise ImportFileError(
                    self.table.source,
                    f"the column '{column}' is missing from the header",
                    line=self.table.line_numbers[0],
                )

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """(line, {column: value}) for every record that isn't marked for deletion."""
        result = []
        for row, line in zip(self.table.rows[1:], self.table.line_numbers[1:], strict=True):
            record = {
                name: row[i].strip() if i < len(row) else "" for name, i in self.index.items()
            }
            if record.get("status", "").casefold() not in _GONE:
                result.append((line, record))
        return result


@dataclass(frozen=True, slots=True)
class _Student:
    line: int  # in users.csv
    number: str | None
    names: Names | None  # None: no name, so never imported
    grade: int | None


class _Reader:
    """Joins the three files; problems about a student are reported on their enrolment lines,
    so that settling a conflict by line settles the rows it is about."""

    def __init__(self, source: str, tables: dict[str, _Csv], cancelled: Cancelled | None) -> None:
        self.source = source
        self.tables = tables
        self.cancelled = cancelled
        self.user_log = ProblemLog(USERS)
        self.enrolment_log = ProblemLog(ENROLLMENTS)
        self.enrolment_lines: dict[int, list[int]] = {}  # users.csv line -> enrolment lines
        tables[USERS].require("sourcedId", "givenName", "familyName")
        tables[CLASSES].require("sourcedId")
        tables[ENROLLMENTS].require("classSourcedId", "userSourcedId", "role")

    def read(self) -> ParsedRoster:
        enrolments = [
            (line, record)
            for line, record in self.tables[ENROLLMENTS].records()
            if record["role"].casefold() == "student"
        ]
        students = self._students({record["usersourcedid"] for _line, record in enrolments})
        classes = self._classes()
        rows: list[RosterRow] = []
        seen: dict[tuple[str, str], int] = {}
        for count, (line, record) in enumerate(enrolments, start=1):
            if count % CHECK_EVERY == 0 and self.cancelled is not None and self.cancelled():
                raise ImportFileError(self.source, "import cancelled")
            row = self._row(line, record, students, classes, seen)
            if row is not None:
                rows.append(row)
        ignored = tuple(
            header
            for header in self.tables[USERS].headers
            if header.strip().casefold() not in _USED_USER_COLUMNS and header.strip()
        )
        periods = tuple(dict.fromkeys(row.period for row in rows if row.period))
        return ParsedRoster(self.source, tuple(rows), self._problems(), None, ignored, periods)

    def _problems(self) -> tuple[RowProblem, ...]:
        """Enrolment problems plus student problems moved onto the student's enrolment lines."""
        problems = list(self.enrolment_log.problems())
        for finding in self.user_log.findings:
            lines = self.enrolment_lines.get(finding.line, [])
            if finding.kind is ProblemKind.WARNING:
                lines = lines[:1]  # said once per student is enough
            for line in lines:
                where = f"{ENROLLMENTS} line {line} ({USERS} line {finding.line})"
                problems.append(
                    RowProblem(line, finding.kind, finding.code, f"{where}: {finding.text}")
                )
        return tuple(sorted(problems, key=lambda problem: problem.line))

    def _row(
        self,
        line: int,
        record: dict[str, str],
        students: dict[str, _Student],
        classes: dict[str, tuple[str, str | None]],
        seen: dict[tuple[str, str], int],
    ) -> RosterRow | None:
        user_id, class_id = record["usersourcedid"], record["classsourcedid"]
        student = students.get(user_id)
        if student is None:
            self._skip(line, "unknown_user", f"user '{user_id}' is not a student in users.csv")
            return None
        if class_id not in classes:
            self._skip(line, "unknown_class", f"class '{class_id}' is not in classes.csv")
            return None
        earlier = seen.setdefault((user_id, class_id), line)
        if earlier != line:
            self._skip(line, "duplicate_row", f"the same enrolment as line {earlier}")
            return None
        self.enrolment_lines.setdefault(student.line, []).append(line)
        if student.names is None:
            return None  # the student's own problem (no name) is reported on this line
        period, course = classes[class_id]
        names = student.names
        return RosterRow(
            line,
            student.number,
            names.given,
            names.family,
            names.preferred,
            student.grade,
            period,
            course,
        )

    def _skip(self, line: int, code: str, why: str) -> None:
        self.enrolment_log.skip(line, code, f"{why}, skipped")

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

    def _classes(self) -> dict[str, tuple[str, str | None]]:
        """Class sourcedId -> (period as the teacher knows it, course title)."""
        courses: dict[str, str] = {}
        if COURSES in self.tables:
            for _line, record in self.tables[COURSES].records():
                title = clean_cell(record.get("title", ""))
                if title is not None and record.get("sourcedid"):
                    courses[record["sourcedid"]] = title
        classes: dict[str, tuple[str, str | None]] = {}
        for _line, record in self.tables[CLASSES].records():
            class_id = record["sourcedid"]
            title = (
                clean_cell(record.get("title", ""))
                or clean_cell(record.get("classcode", ""))
                or class_id
            )
            course = courses.get(record.get("coursesourcedid", ""))
            classes[class_id] = (_with_periods(title, record.get("periods", "")), course)
        return classes


def _with_periods(title: str, periods: str) -> str:
    """'Math 7' + '3' -> 'Math 7 – Period 3'; a title that already names its period stays."""
    numbers = [p.strip() for p in periods.split(",") if p.strip()]
    if not numbers or all(
        re.search(rf"(?<![^\W_]){re.escape(p)}(?![^\W_])", title) for p in numbers
    ):
        return title
    label = "Period" if len(numbers) == 1 else "Periods"
    return f"{title} – {label} {', '.join(numbers)}"
