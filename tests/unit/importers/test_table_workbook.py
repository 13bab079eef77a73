"""Workbooks through python-calamine: .xlsx, .xlsm, .xls and .ods, whatever the file is named."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import openpyxl
import openpyxl.styles
import pytest
import xlwt
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
from mathroom.importers.table_workbook import MAX_CELLS, cell_text, column_letters
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


# Text starting with "=" is a formula to openpyxl (no cached value until a spreadsheet
# program computes it), not text the teacher typed.
_TEXT = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=10)
    .filter(str.strip)
    .filter(lambda text: not text.startswith("="))
)
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


# Sheets whose filled cells lie far apart: calamine would hold the whole box between them
# (A1 to XFD1048576 is 17 billion cells, some 600 GB) and the process would end, so they
# are refused by a scan of the sheet's XML or records before calamine reads it.

_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_ODS_FILLED = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'


def ods_bytes(rows: str, name: str = "Roster") -> bytes:
    """An OpenDocument spreadsheet of one table whose rows are given as content.xml text."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {_ODS_NAMESPACES} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{name}">{rows}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/"'
        f' manifest:media-type="{ODS_MIMETYPE.decode()}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    files = {
        "mimetype": ODS_MIMETYPE,
        "content.xml": content.encode(),
        "META-INF/manifest.xml": manifest.encode(),
    }
    return deterministic_zip(files, stored=frozenset({"mimetype"}))


def sparse_workbook(cells: dict[str, str | int], *, title: str = "Roster") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for reference, value in cells.items():
        sheet[reference] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_an_xlsx_with_a_stray_cell_at_the_far_corner_is_refused_not_a_crash(suffix: str) -> None:
    data = sparse_workbook({"A1": "Name", "A2": "Ana", "XFD1048576": "x"})
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(data, f"roster{suffix}", ROSTER, suffix=suffix)
    assert str(caught.value) == (
        f'roster{suffix}: sheet "Roster" spans cells A1:XFD1048576 '
        "(1,048,576 rows by 16,384 columns), too far apart to read; "
        "delete the stray cell at XFD1048576 or copy the roster to a new sheet"
    )


def test_two_stray_cells_are_both_named() -> None:
    data = sparse_workbook({"B2": "Name", "B3": "Ana", "B900000": 1, "ZZ3": "x"})
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(data, "roster.xlsx", ROSTER, suffix=".xlsx")
    assert caught.value.problem == (
        'sheet "Roster" spans cells B2:ZZ900000 (900,000 rows by 701 columns), too far apart '
        "to read; delete the stray cells at B900000 and ZZ3 or copy the roster to a new sheet"
    )


def test_an_ods_with_content_after_repeated_blank_rows_and_columns_is_refused() -> None:
    rows = (
        f"<table:table-row>{_ODS_FILLED.format('Name')}</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="16383"/></table:table-row>'
        '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
        f"{_ODS_FILLED.format('x')}</table:table-row>"
    )
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(ods_bytes(rows), "roster.ods", ROSTER, suffix=".ods")
    assert str(caught.value) == (
        'roster.ods: sheet "Roster" spans cells A1:XFD1048576 '
        "(1,048,576 rows by 16,384 columns), too far apart to read; "
        "delete the stray cell at XFD1048576 or copy the roster to a new sheet"
    )


def test_an_ods_cell_repeated_far_to_the_right_is_refused() -> None:
    # One filled cell standing for 20 million: calamine would write every one of them.
    rows = (
        f"<table:table-row>{_ODS_FILLED.format('Name')}</table:table-row>"
        '<table:table-row><table:table-cell table:number-columns-repeated="20000000"'
        ' office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
    )
    with pytest.raises(ImportFileError, match=r"\(2 rows by 20,000,000 columns\)"):
        read_table_bytes(ods_bytes(rows), "roster.ods", ROSTER, suffix=".ods")


def test_blank_rows_and_cells_repeated_to_the_edge_of_an_ods_are_harmless() -> None:
    # LibreOffice ends every sheet this way: blank cells and rows out to the last ones.
    rows = (
        f"<table:table-row>{_ODS_FILLED.format('Name')}"
        '<table:table-cell table:number-columns-repeated="16383"/></table:table-row>'
        f"<table:table-row>{_ODS_FILLED.format('Ana')}"
        '<table:table-cell table:number-columns-repeated="16383"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    table = read_table_bytes(ods_bytes(rows), "roster.ods", ROSTER, suffix=".ods")
    assert table.rows == (("Name",), ("Ana",))


def test_an_xls_with_a_stray_cell_at_the_far_corner_is_refused() -> None:
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("Roster")
    sheet.write(0, 0, "Name")
    sheet.write(1, 0, "Ana")
    sheet.write(65535, 255, "x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(buffer.getvalue(), "roster.xls", ROSTER, suffix=".xls")
    assert caught.value.problem == (
        'sheet "Roster" spans cells A1:IV65536 (65,536 rows by 256 columns), too far apart '
        "to read; delete the stray cell at IV65536 or copy the roster to a new sheet"
    )


def test_a_wide_but_small_sheet_and_a_far_styled_blank_cell_still_read() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"], sheet["XFD1"], sheet["A3"] = "Name", "Notes", "Ana"
    sheet["XFD1048576"].font = openpyxl.styles.Font(bold=True)  # a style, no value
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table_bytes(buffer.getvalue(), "wide.xlsx", ROSTER, suffix=".xlsx")
    assert table.rows == (("Name", *[""] * 16382, "Notes"), ("Ana",))
    assert table.line_numbers == (1, 3)


def test_only_visible_sheets_are_judged() -> None:
    workbook = openpyxl.Workbook()
    hidden = workbook.active
    assert hidden is not None
    hidden.title = "Scratch"
    hidden["A1"], hidden["XFD1048576"] = "old", "x"
    hidden.sheet_state = "hidden"
    roster = workbook.create_sheet("Roster & Notes")
    roster["A1"], roster["A2"] = "Name", "Ana"
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table_bytes(buffer.getvalue(), "roster.xlsx", ROSTER, suffix=".xlsx")
    assert (table.sheet, table.rows) == ("Roster & Notes", (("Name",), ("Ana",)))


_POSITIONS = st.lists(
    st.tuples(st.integers(1, 2000), st.integers(1, 16384)), min_size=1, max_size=6, unique=True
).filter(
    lambda cells: (
        max(r for r, _ in cells) * (max(c for _, c in cells) - min(c for _, c in cells) + 1)
        <= MAX_CELLS
    )
)


@settings(max_examples=25, deadline=None)
@given(_POSITIONS)
def test_cells_anywhere_within_the_limit_read_in_their_place(cells: list[tuple[int, int]]) -> None:
    data = sparse_workbook({f"{column_letters(c)}{r}": f"v{r}-{c}" for r, c in cells})
    table = read_table_bytes(data, "sparse.xlsx", ROSTER, suffix=".xlsx")
    found = {
        (line, column + 1): text
        for line, row in zip(table.line_numbers, table.rows, strict=True)
        for column, text in enumerate(row)
        if text
    }
    assert found == {(r, c): f"v{r}-{c}" for r, c in cells}
