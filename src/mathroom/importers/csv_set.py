"""A set of CSV files exported together (OneRoster, Clever): a folder or a .zip, read by name.

Files are found by their lower-case base name wherever they sit in a zip (the shallowest copy
wins; macOS "__MACOSX" shadows are ignored). Each file keeps its physical line numbers, and
problems about a record in one file (a student in users.csv) can be reported on the lines of
another (the enrolments that name it), so settling a problem by line settles the right rows.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from mathroom.domain.import_problems import ImportFileError, ProblemKind, ProblemLog, RowProblem
from mathroom.importers.table_file import (
    MAX_BYTES,
    ROSTER,
    Cancelled,
    Progress,
    RawTable,
    read_table_bytes,
)

# The file that marks each kind of set; a zip under another name holding one is a set too.
MARKERS = ("users.csv", "students.csv")
_GONE = frozenset({"tobedeleted", "inactive"})
_TEXT_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".xls")


def is_csv_set(path: Path) -> bool:
    """A folder, a .zip, or a zip under another name that holds users.csv or students.csv."""
    if path.is_dir() or path.suffix.lower() == ".zip":
        return True
    if path.suffix.lower() in _TEXT_SUFFIXES or not zipfile.is_zipfile(path):
        return False
    return bool(member_names(path) & set(MARKERS))


def member_names(path: Path) -> frozenset[str]:
    """Lower-case base names of the files in a folder or zip; empty when it can't be listed."""
    try:
        if path.is_dir():
            return frozenset(child.name.casefold() for child in path.iterdir() if child.is_file())
        with zipfile.ZipFile(path) as archive:
            return frozenset(
                _base(name)
                for name in archive.namelist()
                if not name.startswith("__MACOSX") and not name.endswith("/")
            )
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, ValueError):
        return frozenset()


def _base(name: str) -> str:
    return PurePosixPath(name).name.casefold()


def read_files(
    path: Path, wanted: tuple[str, ...], required: tuple[str, ...], needs: str
) -> dict[str, bytes]:
    """The set's wanted files by lower-case name; refuses when a required one is missing.

    ``needs`` finishes the refusal: "a OneRoster export needs users.csv, classes.csv and ..."
    """
    source = path.name
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
    for name in required:
        if name not in found:
            raise ImportFileError(source, f"{name} is missing; {needs}")
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


def read_tables(
    source: str,
    files: Mapping[str, bytes],
    order: tuple[str, ...],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> dict[str, CsvFile]:
    """Each present file of ``order`` as a CsvFile; progress counts one step per file + 1."""
    tables: dict[str, CsvFile] = {}
    for step, name in enumerate(order, start=1):
        if cancelled is not None and cancelled():
            raise ImportFileError(source, "import cancelled")
        if name in files:
            tables[name] = CsvFile(
                read_table_bytes(files[name], f"{source}/{name}", ROSTER, suffix=".csv")
            )
        if progress is not None:
            progress(step, len(order) + 1)
    return tables


class CsvFile:
    """One CSV of the set: columns by case-insensitive name, records with their line numbers."""

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

    def all_records(self) -> list[tuple[int, dict[str, str]]]:
        """(line, {lower-case column: value}) for every record, deleted ones too."""
        return [
            (line, {name: row[i].strip() if i < len(row) else "" for name, i in self.index.items()})
            for row, line in zip(self.table.rows[1:], self.table.line_numbers[1:], strict=True)
        ]

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """Like all_records, without the records marked for deletion (OneRoster's status)."""
        return [
            (line, record)
            for line, record in self.all_records()
            if record.get("status", "").casefold() not in _GONE
        ]

    def unused(self, used: Iterable[str]) -> tuple[str, ...]:
        """Header names of the columns not read, in file order (listed as not imported)."""
        taken = {name.casefold() for name in used}
        return tuple(
            header
            for header in self.headers
            if header.strip() and header.strip().casefold() not in taken
        )


def on_enrolment_lines(
    enrolments: ProblemLog, referenced: Iterable[tuple[ProblemLog, Mapping[int, list[int]]]]
) -> tuple[RowProblem, ...]:
    """Enrolment problems plus each referenced file's problems moved onto the enrolment lines
    that use the record ("enrollments.csv line 5 (users.csv line 3): ..."); a warning is said
    once per record, on its first enrolment line."""
    problems = list(enrolments.problems())
    for log, lines_of in referenced:
        for finding in log.findings:
            lines = lines_of.get(finding.line, [])
            if finding.kind is ProblemKind.WARNING:
                lines = lines[:1]
            for line in lines:
                where = f"{enrolments.where(line)} ({log.where(finding.line)})"
                problems.append(
                    RowProblem(line, finding.kind, finding.code, f"{where}: {finding.text}")
                )
    return tuple(sorted(problems, key=lambda problem: problem.line))


def person_display(given: str, family: str) -> str | None:
    """A teacher as the roster shows one: 'Rivera, Ana' (or the one name there is)."""
    given, family = given.strip(), family.strip()
    if given and family:
        return f"{family}, {given}"
    return given or family or None
