"""Whatever bytes arrive, the importer answers with rows or a ImportFileError, never a crash."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mathroom.domain.import_problems import ImportFileError
from mathroom.domain.roster_import import ParsedRoster, RosterField
from mathroom.importers.oneroster import read_oneroster
from mathroom.importers.roster_columns import detect_mapping
from mathroom.importers.roster_rows import parse_roster_file, parse_rows
from mathroom.importers.table_file import ROSTER, RawTable, read_table_bytes

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".dat", "")
PREFIXES = (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"PK\x03\x04", b"Name,ID\n", b"%PDF-")
WORKBOOK = (FIXTURES / "roster.xlsx").read_bytes()
ONEROSTER_ZIP = (FIXTURES / "oneroster.zip").read_bytes()


def parse_bytes(data: bytes, suffix: str) -> tuple[RawTable, ParsedRoster] | None:
    """The whole pipeline; None when the file is refused (the only allowed failure)."""
    try:
        table = read_table_bytes(data, f"fuzz{suffix}", ROSTER, suffix=suffix)
        return table, parse_rows(table, detect_mapping(table))
    except ImportFileError:
        return None


def check_invariants(table: RawTable, parsed: ParsedRoster) -> None:
    lines = set(table.line_numbers)
    assert all(row.given_name for row in parsed.rows)
    assert all(row.line in lines for row in parsed.rows)
    assert all(problem.line in lines for problem in parsed.problems)
    assert all(problem.message.startswith(f"line {problem.line}: ") for problem in parsed.problems)
    assert len(table.rows) == len(table.line_numbers)
    assert list(table.line_numbers) == sorted(set(table.line_numbers))


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.sampled_from(PREFIXES),
    data=st.binary(max_size=600),
    suffix=st.sampled_from(SUFFIXES),
)
def test_arbitrary_bytes(prefix: bytes, data: bytes, suffix: str) -> None:
    result = parse_bytes(prefix + data, suffix)
    if result is not None:
        check_invariants(*result)
        assert parse_bytes(prefix + data, suffix) == result


HEADERS = st.sampled_from(
    ["Student Number", "Last Name", "First Name", "Name", "Grade", "Period", "Course", "Email"]
)
CELLS = st.one_of(
    HEADERS,
    st.text(max_size=12),
    st.sampled_from(
        ["0700123", "700123", "1.23457E+11", "7.0", "=1+1", "Jan-01", "Okafor, Amara", "K", "FNU"]
    ),
    st.text(alphabet=",;\t\"'\r\n \u00a0\u200b\u202e", max_size=4),
)
ROWS = st.lists(st.lists(CELLS, max_size=6), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(rows=ROWS, delimiter=st.sampled_from([",", ";", "\t"]), quote=st.booleans())
@example(rows=[["Name"], ["Okafor, Amara"], ["Okafor, Amara"]], delimiter=",", quote=True)
def test_arbitrary_csv_text(rows: list[list[str]], delimiter: str, quote: bool) -> None:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if quote else text

    text = "\n".join(delimiter.join(cell(c) for c in row) for row in rows)
    for encoding in ("utf-8", "utf-8-sig"):
        result = parse_bytes(text.encode(encoding), ".csv")
        if result is not None:
            check_invariants(*result)
            assert parse_bytes(text.encode(encoding), ".csv") == result


@settings(max_examples=60, deadline=None)
@given(position=st.integers(0, len(WORKBOOK) - 1), value=st.integers(0, 255))
@example(position=2622, value=0)  # a broken deflate stream in the sheet (zlib.error)
def test_damaged_workbook(position: int, value: int) -> None:
    damaged = bytearray(WORKBOOK)
    damaged[position] = value
    result = parse_bytes(bytes(damaged), ".xlsx")
    if result is not None:
        check_invariants(*result)


@settings(max_examples=40, deadline=None)
@given(
    users=st.binary(max_size=200) | st.sampled_from([b"sourcedId,givenName,familyName\n"]),
    enrollments=st.text(max_size=200),
)
def test_damaged_oneroster_zip(users: bytes, enrollments: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("users.csv", users)
        archive.writestr("classes.csv", "sourcedId,title\nc1,Math 7\n")
        archive.writestr("enrollments.csv", enrollments)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "set.zip"
        path.write_bytes(buffer.getvalue())
        try:
            parsed = read_oneroster(path)
        except ImportFileError:
            return
    assert all(row.given_name for row in parsed.rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=300) | st.sampled_from([WORKBOOK, ONEROSTER_ZIP]),
    suffix=st.sampled_from((*SUFFIXES, ".zip")),
)
def test_parse_roster_file_on_disk(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"roster{suffix}"
        path.write_bytes(data)
        try:
            first = parse_roster_file(path)
        except ImportFileError:
            return
        assert parse_roster_file(path) == first
    assert all(row.given_name for row in first.rows)


POWERSCHOOL = read_table_bytes(
    (FIXTURES / "powerschool.csv").read_bytes(), "powerschool.csv", ROSTER, suffix=".csv"
)


@settings(max_examples=100, deadline=None)
@given(
    remaps=st.lists(
        st.tuples(
            st.sampled_from(list(RosterField)),
            st.none() | st.integers(0, len(POWERSCHOOL.rows[0]) - 1),
        ),
        max_size=6,
    )
)
def test_any_remap_the_teacher_makes(remaps: list[tuple[RosterField, int | None]]) -> None:
    mapping = detect_mapping(POWERSCHOOL)
    for field, column in remaps:
        mapping = mapping.with_column(field, column)
    assert len(set(mapping.columns.values())) == len(mapping.columns)  # one field per column
    parsed = parse_rows(POWERSCHOOL, mapping)
    check_invariants(POWERSCHOOL, parsed)
    assert parse_rows(POWERSCHOOL, mapping) == parsed
