"""Reading roster files into raw tables: encodings, delimiters, workbooks and refusals."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from mathroom.importers.roster_errors import RosterImportError
from mathroom.importers.roster_table import detect_delimiter, read_table, read_table_bytes
from mathroom.importers.roster_xlsx import cell_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"


def test_utf8_csv() -> None:
    table = read_table(FIXTURES / "utf8.csv")
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
    table = read_table(FIXTURES / "utf8_bom.csv")
    assert table.encoding == "utf-8-sig"
    assert table.rows[0][0] == "Student Number"
    assert table.rows[2] == ("0700124", "Martínez", "José", "7")


def test_windows_1252_accents() -> None:
    table = read_table(FIXTURES / "cp1252.csv")
    assert table.encoding == "cp1252"
    assert [row[2] for row in table.rows[1:]] == ["José", "Zoë", "Renée", "Siobhán"]
    assert table.rows[4][1] == "O’Brien"


def test_semicolons() -> None:
    table = read_table(FIXTURES / "semicolon.csv")
    assert table.delimiter == ";"
    assert table.rows[2] == ("0700202", "Okafor, Jr.", "Amara", "7", "2")


@pytest.mark.parametrize("name", ["tab.tsv", "tab.txt"])
def test_tabs_with_commas_inside_names(name: str) -> None:
    table = read_table(FIXTURES / name)
    assert table.delimiter == "\t"
    assert table.rows[1] == ("0700301", "Okafor, Amara", "7", "2")


def test_excel_unicode_text_is_utf16() -> None:
    table = read_table(FIXTURES / "unicode_text.txt")
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows[2] == ("0700402", "王", "小明")


def test_tab_separated_text_named_xls_is_read() -> None:
    table = read_table(FIXTURES / "export.xls")
    assert table.delimiter == "\t"
    assert table.rows[1] == ("0701301", "Okafor", "Amara", "2")


def test_blank_rows_are_dropped_and_lines_kept() -> None:
    table = read_table(FIXTURES / "title_rows.csv")
    assert table.rows[:4] == (
        ("Roster Report",),
        ("Printed 11/20/2026",),
        ("Teacher: Ms. Rivera",),
        ("Student Number", "Last Name", "First Name", "Grade", "Period"),
    )
    assert table.line_numbers == (1, 2, 3, 5, 6, 7, 8, 9, 10, 11)


def test_quoted_line_breaks_keep_physical_line_numbers() -> None:
    data = b'Name,Notes\r\n"Okafor, Amara","two\r\nlines"\r\n"Chen, Wei",x\r\n'
    table = read_table_bytes(data, "notes.csv", suffix=".csv")
    assert table.rows[1] == ("Okafor, Amara", "two\r\nlines")
    assert table.line_numbers == (1, 2, 4)


def test_utf8_with_one_damaged_byte_stays_utf8() -> None:
    data = "Name\nJosé Martínez\nZoë Müller\n".encode() + b"Bad \xff byte\n"
    table = read_table_bytes(data, "mixed.csv", suffix=".csv")
    assert table.encoding == "utf-8"
    assert table.rows[1] == ("José Martínez",)


def test_workbook() -> None:
    table = read_table(FIXTURES / "roster.xlsx")
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
    with pytest.raises(RosterImportError, match="the file is empty"):
        read_table_bytes(buffer.getvalue(), "blank.xlsx", suffix=".xlsx")


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
    with pytest.raises(RosterImportError) as caught:
        read_table(FIXTURES / name)
    assert str(caught.value) == problem
    assert caught.value.source == name


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RosterImportError, match=r"^gone\.csv: the file was not found$"):
        read_table(tmp_path / "gone.csv")


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(RosterImportError, match="this is a folder"):
        read_table(tmp_path)


def test_files_over_50_mb_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024 + 1)  # sparse: no 50 MB written
    with pytest.raises(RosterImportError, match=r"^huge\.csv: the file is 50 MB; roster files"):
        read_table(path)


def test_unknown_suffix_is_sniffed() -> None:
    data = (FIXTURES / "roster.xlsx").read_bytes()
    assert read_table_bytes(data, "download", suffix="").sheet == "Roster"
    text = (FIXTURES / "utf8.csv").read_bytes()
    assert read_table_bytes(text, "download.dat", suffix=".dat").delimiter == ","


def test_delimiter_by_consistency() -> None:
    assert detect_delimiter("a;b;c\n1;2,5;3\n4;5;6\n") == ";"
    assert detect_delimiter("Name\nAmara Okafor\n") == ","
    assert detect_delimiter("Title only\na\tb\tc\n1\t2\t3\n") == "\t"
    assert detect_delimiter("Name\nZaid\n", prefer_tab=True) == "\t"
    assert detect_delimiter("sep=;\r\nName,ID;x\r\n") == ";"


def test_trailing_nul_padding_is_ignored() -> None:
    table = read_table_bytes(b"Name\nAmara Okafor\n" + bytes(64), "padded.csv", suffix=".csv")
    assert table.rows == (("Name",), ("Amara Okafor",))


def test_nul_inside_text_is_binary() -> None:
    with pytest.raises(RosterImportError, match="binary data"):
        read_table_bytes(b"Name\nAmara\x00Okafor\n", "nul.csv", suffix=".csv")


def big_csv(rows: int) -> bytes:
    lines = ["Student Number,Last Name,First Name"]
    lines += [f"{n:07d},Family{n},Given{n}" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def test_progress_is_reported() -> None:
    reports: list[tuple[int, int]] = []
    table = read_table_bytes(
        big_csv(5000), "big.csv", suffix=".csv", progress=lambda d, t: reports.append((d, t))
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
    with pytest.raises(RosterImportError, match=r": import cancelled$"):
        read_table_bytes(data, f"big{suffix}", suffix=suffix, cancelled=lambda: True)
