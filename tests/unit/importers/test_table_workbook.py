"""Workbooks through python-calamine: .xlsx, .xlsm, .xls and .ods, whatever the file is named."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathroom.domain.import_problems import ImportFileError
from mathroom.importers.table_file import (
    NOT_A_WORKBOOK,
    PASSWORD_PROTECTED,
    ROSTER,
    read_table,
    read_table_bytes,
)
from mathroom.importers.table_workbook import cell_text
from tests.fixtures.rosters.reader_fixtures import ODS_MIMETYPE, deterministic_zip

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"
SIS_EXPORTS = ("sis_export.xlsx", "sis_export.xls", "sis_export.ods")


def workbook_bytes(*rows: Sequence[object], title: str = "Sheet") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", SIS_EXPORTS)
def test_an_sis_export_reads_the_same_in_every_format(name: str) -> None:
    table = read_table(FIXTURES / name, ROSTER)
    assert (table.sheet, table.encoding, table.delimiter) == ("Roster", None, None)
    assert table.rows == (
        ("Lincoln Middle School",),
        ("Class Roster – Math 7, Period 2",),
        ("Printed 11/20/2026",),
        ("Student Number", "Last Name", "First Name", "Grade", "Period", "Birthdate", "Average"),
        ("0700123", "Okafor", "Amara", "7", "2", "2013-04-02", "87.5"),
        ("700124", "Martínez", "José", "7", "2", "2012-09-12", "91"),
        ("0700125", "Müller", "Zoë", "07", "2", "", "78.25"),
        ("0700126", "Nguyễn", "Minh Anh", "7", "2", "2013-01-30"),
        ("Total students: 4", "", "", "", "", "", "85.58"),
    )
    # Spreadsheet row numbers: row 4 and row 10 are blank, the hidden Notes sheet is skipped.
    assert table.line_numbers == (1, 2, 3, 5, 6, 7, 8, 9, 11)


@pytest.mark.parametrize("name", SIS_EXPORTS)
@pytest.mark.parametrize("suffix", [".csv", ".txt", "", ".xlsx", ".xls", ".ods"])
def test_the_bytes_decide_the_kind_of_workbook_not_the_name(name: str, suffix: str) -> None:
    data = (FIXTURES / name).read_bytes()
    table = read_table_bytes(data, f"download{suffix}", ROSTER, suffix=suffix)
    assert table.sheet == "Roster" and table.rows[4][:3] == ("0700123", "Okafor", "Amara")


def test_columns_and_rows_keep_their_place_when_the_sheet_starts_lower_right() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["C3"] = "Student Number"
    sheet["D3"] = "Name"
    sheet["C5"] = "0700123"
    sheet["D5"] = "Okafor, Amara"
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table_bytes(buffer.getvalue(), "offset.xlsx", ROSTER, suffix=".xlsx")
    assert table.rows == (("", "", "Student Number", "Name"), ("", "", "0700123", "Okafor, Amara"))
    assert table.line_numbers == (3, 5)


def test_an_encrypted_workbook_is_password_protected_whatever_its_name() -> None:
    # Excel's wrapper: an OLE2 file holding an "EncryptedPackage" stream (MS-OFFCRYPTO).
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(data, "roster.xls", ROSTER, suffix=".xls")
    assert caught.value.problem == PASSWORD_PROTECTED


@pytest.mark.parametrize(
    "files",
    [
        {"notes.txt": b"Student Number,Name\n"},  # a zip of something else
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"},
        {"mimetype": ODS_MIMETYPE, "content.xml": b"<not closed"},  # a damaged spreadsheet
    ],
)
def test_zips_that_are_not_readable_spreadsheets_are_refused(files: dict[str, bytes]) -> None:
    data = deterministic_zip(files, stored=frozenset({"mimetype"}))
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(data, "roster.ods", ROSTER, suffix=".ods")
    assert str(caught.value) == f"roster.ods: {NOT_A_WORKBOOK}"


@pytest.mark.parametrize("keep", [512, 1024, 2000, 3000, 4000, 4096, 5000])
def test_a_damaged_xls_is_refused_not_read(keep: int) -> None:
    # Zeroed or cut-off sectors: calamine alone asks for gigabytes here, or panics.
    data = (FIXTURES / "sis_export.xls").read_bytes()
    for damaged in (data[:keep] + bytes(len(data) - keep), data[:keep]):
        with pytest.raises(ImportFileError, match="not a readable Excel workbook"):
            read_table_bytes(damaged, "roster.xls", ROSTER, suffix=".xls")


def test_a_workbook_whose_visible_sheets_are_blank_is_empty() -> None:
    data = workbook_bytes([], [None, "  "])
    with pytest.raises(ImportFileError, match="the file is empty"):
        read_table_bytes(data, "blank.xlsx", ROSTER, suffix=".xlsx")


def test_workbook_progress_and_cancel() -> None:
    data = workbook_bytes(*([f"{n:07d}", f"Family{n}"] for n in range(4500)))
    reports: list[tuple[int, int]] = []
    table = read_table_bytes(
        data, "big.xlsx", ROSTER, suffix=".xlsx", progress=lambda d, t: reports.append((d, t))
    )
    assert len(table.rows) == 4500 and table.line_numbers[-1] == 4500
    assert reports == [(2000, 4500), (4000, 4500)]
    with pytest.raises(ImportFileError, match=r"^big\.xlsx: import cancelled$"):
        read_table_bytes(data, "big.xlsx", ROSTER, suffix=".xlsx", cancelled=lambda: True)


def test_durations_read_as_hours_minutes_seconds() -> None:
    assert cell_text(timedelta(hours=1, minutes=30)) == "1:30:00"
    assert cell_text(timedelta(minutes=2, seconds=5)) == "0:02:05"


_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=10
).filter(str.strip)
# Numbers as a gradebook holds them; openpyxl writes floats to 15 significant digits.
_NUMBER = st.integers(-(10**12), 10**12) | st.integers(-(10**9), 10**9).map(lambda n: n / 100)
_CELL = st.none() | _TEXT | _NUMBER


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_CELL, max_size=5), min_size=1, max_size=8))
def test_any_sheet_of_text_and_numbers_reads_back_as_the_teacher_sees_it(
    rows: list[list[object]],
) -> None:
    data = workbook_bytes(*rows)
    expected = []
    for number, row in enumerate(rows, start=1):
        cells = [cell_text(value) for value in row]
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            expected.append((tuple(cells), number))
    if not expected:
        with pytest.raises(ImportFileError, match="the file is empty"):
            read_table_bytes(data, "any.xlsx", ROSTER, suffix=".xlsx")
        return
    table = read_table_bytes(data, "any.xlsx", ROSTER, suffix=".xlsx")
    assert list(zip(table.rows, table.line_numbers, strict=True)) == expected


def test_an_xls_whose_dimensions_wrap_around_is_refused() -> None:
    # DIMENSIONS (record 0x0200, 14 bytes): first row 215, last row + 1 = 11. calamine would
    # reserve room for rows 215 to 11, wrapped around: a terabyte, and the program would end.
    data = bytearray((FIXTURES / "sis_export.xls").read_bytes())
    at = data.rindex(b"\x00\x02\x0e\x00") + 4
    data[at : at + 4] = (215).to_bytes(4, "little")
    with pytest.raises(ImportFileError, match="not a readable Excel workbook"):
        read_table_bytes(bytes(data), "roster.xls", ROSTER, suffix=".xls")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5631), st.integers(0, 255)), min_size=1, max_size=12))
def test_a_randomly_damaged_xls_gives_rows_or_a_refusal_never_a_crash(
    damage: list[tuple[int, int]],
) -> None:
    data = bytearray((FIXTURES / "sis_export.xls").read_bytes())
    for offset, value in damage:
        data[offset % len(data)] = value
    try:
        table = read_table_bytes(bytes(data), "roster.xls", ROSTER, suffix=".xls")
    except ImportFileError as refusal:
        said = str(refusal)
        assert said.startswith("roster.xls: ")
        return
    assert list(table.line_numbers) == sorted(set(table.line_numbers))
