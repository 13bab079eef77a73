"""The one reader behind roster and score imports: encodings, delimiters, workbooks, refusals."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.import_problems import ImportFileError
from mathroom.importers.table_file import (
    ROSTER,
    SCORES,
    FileKind,
    data_rows,
    detect_delimiter,
    read_table,
    read_table_bytes,
)
from mathroom.importers.table_xlsx import cell_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"


def test_utf8_csv() -> None:
    table = read_table(FIXTURES / "utf8.csv", ROSTER)
    assert (table.source, table.encoding, table.delimiter, table.sheet) == (
        "utf8.csv",
        "utf-8",
        ",",
        None,
    )
    assert table.rows[0] == (
        "Student Number",
        "Last Name",
        "First Name",
        "Grade",
        "Period",
        "Course",
    )
    assert table.rows[2] == ("0700124", "Martínez", "José", "7", "1", "Math 7")
    assert table.line_numbers == (1, 2, 3, 4)


def test_utf8_bom_is_removed() -> None:
    table = read_table(FIXTURES / "utf8_bom.csv", ROSTER)
    assert table.encoding == "utf-8-sig"
    assert table.rows[0][0] == "Student Number"
    assert table.rows[2] == ("0700124", "Martínez", "José", "7")


def test_windows_1252_accents() -> None:
    table = read_table(FIXTURES / "cp1252.csv", ROSTER)
    assert table.encoding == "cp1252"
    assert [row[2] for row in table.rows[1:]] == ["José", "Zoë", "Renée", "Siobhán"]
    assert table.rows[4][1] == "O’Brien"


def test_semicolons() -> None:
    table = read_table(FIXTURES / "semicolon.csv", ROSTER)
    assert table.delimiter == ";"
    assert table.rows[2] == ("0700202", "Okafor, Jr.", "Amara", "7", "2")


@pytest.mark.parametrize("name", ["tab.tsv", "tab.txt"])
def test_tabs_with_commas_inside_names(name: str) -> None:
    table = read_table(FIXTURES / name, ROSTER)
    assert table.delimiter == "\t"
    assert table.rows[1] == ("0700301", "Okafor, Amara", "7", "2")


def test_excel_unicode_text_is_utf16() -> None:
    table = read_table(FIXTURES / "unicode_text.txt", ROSTER)
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows[2] == ("0700402", "王", "小明")


def test_tab_separated_text_named_xls_is_read() -> None:
    table = read_table(FIXTURES / "export.xls", ROSTER)
    assert table.delimiter == "\t"
    assert table.rows[1] == ("0701301", "Okafor", "Amara", "2")


def test_blank_rows_are_dropped_and_lines_kept() -> None:
    table = read_table(FIXTURES / "title_rows.csv", ROSTER)
    assert table.rows[:4] == (
        ("Roster Report",),
        ("Printed 11/20/2026",),
        ("Teacher: Ms. Rivera",),
        ("Student Number", "Last Name", "First Name", "Grade", "Period"),
    )
    assert table.line_numbers == (1, 2, 3, 5, 6, 7, 8, 9, 10, 11)


def test_quoted_line_breaks_keep_physical_line_numbers() -> None:
    data = b'Name,Notes\r\n"Okafor, Amara","two\r\nlines"\r\n"Chen, Wei",x\r\n'
    table = read_table_bytes(data, "notes.csv", ROSTER, suffix=".csv")
    assert table.rows[1] == ("Okafor, Amara", "two\r\nlines")
    assert table.line_numbers == (1, 2, 4)


def test_utf8_with_one_damaged_byte_stays_utf8() -> None:
    data = "Name\nJosé Martínez\nZoë Müller\n".encode() + b"Bad \xff byte\n"
    table = read_table_bytes(data, "mixed.csv", ROSTER, suffix=".csv")
    assert table.encoding == "utf-8"
    assert table.rows[1] == ("José Martínez",)


def test_workbook() -> None:
    table = read_table(FIXTURES / "roster.xlsx", ROSTER)
    assert (table.encoding, table.delimiter, table.sheet) == (None, None, "Roster")
    assert table.rows[0] == ("Period 3 roster",)
    assert table.rows[1] == (
        "Student Number",
        "Last Name",
        "First Name",
        "Grade",
        "Period",
        "Birthdate",
    )
    assert table.rows[2] == ("0700123", "Okafor", "Amara", "7", "3", "2013-04-02")
    assert table.rows[3] == ("700124", "Chen", "Wei", "7", "3", "2012-09-12")
    assert table.rows[4] == ("0700125", "Nguyễn", "Minh Anh", "07", "2026-01-03")
    assert table.rows[5] == ("0700126", "Adeyemi", "Tolu", "7", "3")
    assert table.line_numbers == (1, 3, 4, 5, 6, 7)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (700123, "700123"),
        (7.0, "7"),
        (7.5, "7.5"),
        (123456789012.0, "123456789012"),
        (True, "TRUE"),
        (date(2026, 1, 3), "2026-01-03"),
        (datetime(2026, 1, 3), "2026-01-03"),
        (datetime(2026, 1, 3, 8, 30), "2026-01-03 08:30:00"),
        (time(8, 30), "08:30:00"),
        ("0700123", "0700123"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_workbook_with_only_empty_sheets_is_empty() -> None:
    workbook = openpyxl.Workbook()
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFileError, match="the file is empty"):
        read_table_bytes(buffer.getvalue(), "blank.xlsx", ROSTER, suffix=".xlsx")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("empty.csv", "empty.csv: the file is empty"),
        ("blank_lines.csv", "blank_lines.csv: the file is empty"),
        ("image.png", "image.png: this looks like an image (PNG), not a roster"),
        ("photo.csv", "photo.csv: this looks like an image (JPEG), not a roster"),
        (
            "scan.pdf",
            "scan.pdf: this is a PDF, not a roster file; export the roster as CSV or Excel instead",
        ),
        ("old.xls", "old.xls: Excel 97-2003 .xls files can't be read; save as .xlsx or CSV"),
        (
            "garbage.csv",
            "garbage.csv: this doesn't look like a roster (it holds binary data); "
            "export the roster as CSV or Excel instead",
        ),
        ("broken.xlsx", "broken.xlsx: not a readable Excel workbook"),
        (
            "protected.xlsx",
            "protected.xlsx: this workbook is password-protected (or an old .xls renamed); "
            "remove the password, or save it as .xlsx or CSV",
        ),
        ("not_a_workbook.xlsx", "not_a_workbook.xlsx: not a readable Excel workbook"),
        (
            "webpage.xls",
            "webpage.xls: this is a web page (HTML), not a roster file; "
            "export the roster as CSV or Excel instead",
        ),
        (
            "unclosed_quote.csv",
            "unclosed_quote.csv, line 3: a quotation mark opens a cell here that runs on to "
            'line 15; check this line for a stray "',
        ),
    ],
)
def test_refusals_name_the_file(name: str, problem: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        read_table(FIXTURES / name, ROSTER)
    assert str(caught.value) == problem
    assert caught.value.source == name


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"^gone\.csv: the file was not found$"):
        read_table(tmp_path / "gone.csv", ROSTER)


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="this is a folder"):
        read_table(tmp_path, ROSTER)


def test_files_over_50_mb_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024 + 1)  # sparse: no 50 MB written
    with pytest.raises(ImportFileError, match=r"^huge\.csv: the file is 50 MB; roster files"):
        read_table(path, ROSTER)


def test_unknown_suffix_is_sniffed() -> None:
    data = (FIXTURES / "roster.xlsx").read_bytes()
    assert read_table_bytes(data, "download", ROSTER, suffix="").sheet == "Roster"
    text = (FIXTURES / "utf8.csv").read_bytes()
    assert read_table_bytes(text, "download.dat", ROSTER, suffix=".dat").delimiter == ","


def test_delimiter_by_consistency() -> None:
    assert detect_delimiter("a;b;c\n1;2,5;3\n4;5;6\n") == ";"
    assert detect_delimiter("Name\nAmara Okafor\n") == ","
    assert detect_delimiter("Title only\na\tb\tc\n1\t2\t3\n") == "\t"
    assert detect_delimiter("Name\nZaid\n", prefer_tab=True) == "\t"
    assert detect_delimiter("sep=;\r\nName,ID;x\r\n") == ";"


def test_trailing_nul_padding_is_ignored() -> None:
    table = read_table_bytes(
        b"Name\nAmara Okafor\n" + bytes(64), "padded.csv", ROSTER, suffix=".csv"
    )
    assert table.rows == (("Name",), ("Amara Okafor",))


def test_nul_inside_text_is_binary() -> None:
    with pytest.raises(ImportFileError, match="binary data"):
        read_table_bytes(b"Name\nAmara\x00Okafor\n", "nul.csv", ROSTER, suffix=".csv")


def big_csv(rows: int) -> bytes:
    lines = ["Student Number,Last Name,First Name"]
    lines += [f"{n:07d},Family{n},Given{n}" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def test_progress_is_reported() -> None:
    reports: list[tuple[int, int]] = []
    table = read_table_bytes(
        big_csv(5000),
        "big.csv",
        ROSTER,
        suffix=".csv",
        progress=lambda d, t: reports.append((d, t)),
    )
    assert len(table.rows) == 5001
    assert len(reports) == 2
    assert all(0 < done <= total for done, total in reports)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cancel(suffix: str) -> None:
    data = big_csv(5000)
    if suffix == ".xlsx":
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        for line in data.decode().splitlines():
            sheet.append(line.split(","))
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
    with pytest.raises(ImportFileError, match=r": import cancelled$"):
        read_table_bytes(data, f"big{suffix}", ROSTER, suffix=suffix, cancelled=lambda: True)


def test_refusals_speak_of_the_kind_of_file() -> None:
    picture = b"\x89PNG\r\n\x1a\n" + bytes(200)
    pdf = b"%PDF-1.7\n" + bytes(20)
    for kind, image, document in (
        (ROSTER, "not a roster", "not a roster file; export the roster as CSV"),
        (SCORES, "not a score file", "not a score file; export the scores as CSV"),
    ):
        with pytest.raises(ImportFileError, match=image):
            read_table_bytes(picture, "x.csv", kind, suffix=".csv")
        with pytest.raises(ImportFileError, match=document):
            read_table_bytes(pdf, "x.pdf", kind, suffix=".pdf")


def test_file_format_names_the_encoding_and_delimiter_or_the_sheet() -> None:
    assert read_table(FIXTURES / "semicolon.csv", ROSTER).file_format == "utf-8, semicolons"
    assert read_table(FIXTURES / "unicode_text.txt", ROSTER).file_format == "utf-16, tabs"
    assert read_table(FIXTURES / "roster.xlsx", ROSTER).file_format == "sheet Roster"


def test_data_rows_are_the_rows_under_the_header_with_their_lines() -> None:
    table = read_table(FIXTURES / "title_rows.csv", ROSTER)
    rows = list(data_rows(table, 3))
    assert rows[0] == (table.rows[4], 6)
    assert [line for _row, line in rows] == list(table.line_numbers[4:])


# -- whatever the encoding, delimiter, line ends and blank lines, the cells come back ------
_UNICODE = "abcXYZ019 -'.éüñçøÉ王小明ễ"
# Bytes 0x80-0xBF in Windows-1252, so no run of them can pass for UTF-8.
_CP1252 = "abcXYZ019 -'.’“”–£©°½"
_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252")


@st.composite
def delimited_files(draw: st.DrawFn) -> tuple[bytes, str, str, list[list[str]], list[int]]:
    """(bytes, encoding, delimiter, rows, each row's physical line) of a generated file."""
    encoding = draw(st.sampled_from(_ENCODINGS))
    alphabet = _CP1252 if encoding == "cp1252" else _UNICODE
    cell = st.text(alphabet, min_size=1, max_size=8).filter(str.strip)
    width = draw(st.integers(2, 5))
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=12))
    delimiter = draw(st.sampled_from((",", ";", "\t")))
    newline = draw(st.sampled_from(("\n", "\r\n")))
    blanks = ("", "   ", delimiter * width)  # lines holding no cell
    lines: list[str] = []
    numbers: list[int] = []
    for row in rows:
        for _ in range(draw(st.integers(0, 2))):
            lines.append(draw(st.sampled_from(blanks)))
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="").writerow(row)
        lines.append(buffer.getvalue())
        numbers.append(len(lines))
    lines += [""] * draw(st.integers(0, 2))
    data = (newline.join(lines) + newline).encode(encoding)
    return data, encoding, delimiter, rows, numbers


@given(delimited_files(), st.sampled_from((".csv", ".txt", ".tsv", "")))
def test_any_delimited_file_reads_back_its_cells(
    generated: tuple[bytes, str, str, list[list[str]], list[int]], suffix: str
) -> None:
    data, encoding, delimiter, rows, numbers = generated
    table = read_table_bytes(data, f"file{suffix}", SCORES, suffix=suffix)
    assert table.rows == tuple(tuple(row) for row in rows)
    assert table.line_numbers == tuple(numbers)
    assert table.delimiter == delimiter
    text = "".join(cell for row in rows for cell in row)
    assert table.encoding == ("utf-8" if encoding == "cp1252" and text.isascii() else encoding)


@given(st.binary(max_size=300), st.sampled_from((ROSTER, SCORES)))
def test_any_bytes_give_a_table_or_a_named_refusal(data: bytes, kind: FileKind) -> None:
    try:
        table = read_table_bytes(data, "any.csv", kind, suffix=".csv")
    except ImportFileError as refusal:
        said = str(refusal)
        assert said.startswith("any.csv")
        return
    assert table.rows and all(row[-1].strip() for row in table.rows)
    assert list(table.line_numbers) == sorted(set(table.line_numbers))
