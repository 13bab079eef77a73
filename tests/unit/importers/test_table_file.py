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
    NOT_A_WORKBOOK,
    ROSTER,
    SCORES,
    FileKind,
    data_rows,
    detect_delimiter,
    read_table,
    read_table_bytes,
)
from mathroom.importers.table_workbook import cell_text

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
        ("old.xls", f"old.xls: {NOT_A_WORKBOOK}"),
        (
            "garbage.csv",
            "garbage.csv: this doesn't look like a roster (it holds binary data); "
            "export the roster as CSV or Excel instead",
        ),
        ("broken.xlsx", f"broken.xlsx: {NOT_A_WORKBOOK}"),
        (
            "protected.xlsx",
            "protected.xlsx: this workbook is password-protected; remove the password in "
            "Excel, or save it as .xlsx or CSV without one",
        ),
        ("not_a_workbook.xlsx", f"not_a_workbook.xlsx: {NOT_A_WORKBOOK}"),
        (
            "webpage.xls",
            "webpage.xls: this is a web page (HTML), not a roster file; "
            "export the roster as CSV or Excel instead",
        ),
        (
            "unclosed_quote.csv",
            "unclosed_quote.csv, line 3: a quotation mark opens a cell that never closes; "
            "fix the quote in the file, or export it again from the program that made it",
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
    assert read_table(FIXTURES / "semicolon.csv", ROSTER).file_format == "UTF-8, semicolons"
    assert read_table(FIXTURES / "unicode_text.txt", ROSTER).file_format == "UTF-16, tabs"
    assert read_table(FIXTURES / "cp1252.csv", ROSTER).file_format == "Windows-1252, commas"
    assert read_table(FIXTURES / "mac_roman.csv", ROSTER).file_format == "Mac Roman, commas"
    assert read_table(FIXTURES / "sis_export.ods", ROSTER).file_format == "sheet Roster"
    assert read_table(FIXTURES / "roster.xlsx", ROSTER).file_format == "sheet Roster"


def test_data_rows_are_the_rows_under_the_header_with_their_lines() -> None:
    table = read_table(FIXTURES / "title_rows.csv", ROSTER)
    rows = list(data_rows(table, 3))
    assert rows[0] == (table.rows[4], 6)
    assert [line for _row, line in rows] == list(table.line_numbers[4:])


# -- whatever the encoding, delimiter, line ends and blank lines, the cells come back ------
_UNICODE = "abcXYZ019 -'.éüñçøÉ王小明ễ"
# Words as a Windows-1252 or Mac Roman roster holds them (bytes 0x80-0xFF, which never pass
# for UTF-8); where accents stand tells the two encodings apart, so they stand as in real text.
_WESTERN_WORDS = ("José", "Zoë", "Müller", "O’Brien", "“Ama”", "Siobhán", "5 – 7", "£20", "Peña")
_WESTERN = ("cp1252", "mac_roman")
_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", *_WESTERN)


@st.composite
def delimited_files(draw: st.DrawFn) -> tuple[bytes, str, str, list[list[str]], list[int]]:
    """(bytes, encoding, delimiter, rows, each row's physical line) of a generated file."""
    encoding = draw(st.sampled_from(_ENCODINGS))
    if encoding in _WESTERN:
        word = st.sampled_from(_WESTERN_WORDS) | st.text("abcXYZ019-'.", min_size=1, max_size=6)
        cell = st.lists(word, min_size=1, max_size=3).map(" ".join)
    else:
        cell = st.text(_UNICODE, min_size=1, max_size=8).filter(str.strip)
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
    text = "\n".join(cell for row in rows for cell in row)
    if text.isascii():
        assert table.encoding == ("utf-8" if encoding in _WESTERN else encoding)
    elif encoding in _WESTERN and all(text.encode(encoding).decode(e) == text for e in _WESTERN):
        assert table.encoding in _WESTERN  # "£20" is the same byte in both
    else:
        assert table.encoding == encoding


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


# -- RFC 4180: quoted cells hold delimiters, line breaks and doubled quotes ----------------
def test_quoted_cells_hold_delimiters_line_breaks_and_doubled_quotes() -> None:
    data = (
        b'Name,Notes,Period\r\n"Okafor, Amara","said ""hi""\nthen left",1\r\n'
        b'"Chen, Wei","a\r\nb\rc",2\r\nLee,plain,3\r\n'
    )
    table = read_table_bytes(data, "notes.csv", ROSTER, suffix=".csv")
    assert table.rows[1:] == (
        ("Okafor, Amara", 'said "hi"\nthen left', "1"),
        ("Chen, Wei", "a\r\nb\rc", "2"),
        ("Lee", "plain", "3"),
    )
    assert table.line_numbers == (1, 2, 4, 7)


def test_old_mac_line_ends_count_as_lines() -> None:
    table = read_table_bytes(b"Name,ID\rOkafor,1\r\rChen,2\r", "mac.csv", ROSTER, suffix=".csv")
    assert table.rows == (("Name", "ID"), ("Okafor", "1"), ("Chen", "2"))
    assert table.line_numbers == (1, 2, 4)


def test_a_quotation_mark_inside_an_unquoted_cell_is_text() -> None:
    data = b'ID,Name\n0700501,Okafor "Amy" Amara\n0700502,5\'6"\n'
    table = read_table_bytes(data, "nick.csv", ROSTER, suffix=".csv")
    assert table.rows[1:] == (("0700501", 'Okafor "Amy" Amara'), ("0700502", "5'6\""))


def test_a_quote_that_never_closes_names_the_line_its_record_starts_on() -> None:
    lines = ["ID,Last,First,Grade"] + [f"07005{n:02d},Student{n},Pat,7" for n in range(20)]
    lines[13] = '0700513,"Okafor,Amy,7'
    data = ("\n".join(lines) + "\n").encode()
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(data, "roster.csv", ROSTER, suffix=".csv")
    assert caught.value.line == 14
    assert str(caught.value) == (
        "roster.csv, line 14: a quotation mark opens a cell that never closes; fix the quote "
        "in the file, or export it again from the program that made it"
    )


def test_a_stray_quote_closed_by_a_later_one_is_refused_not_merged() -> None:
    # The later student's own quoted name would close the stray quote in mid-cell.
    data = b'ID,Name,Grade\n0700501,"Okafor,7\n0700502,Chen Wei,7\n0700503,"Lee, Sam",7\n'
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(data, "roster.csv", ROSTER, suffix=".csv")
    assert str(caught.value) == (
        "roster.csv, line 2: a quotation mark opens a cell that runs on to line 4 and ends in "
        "the middle of a cell there; fix the quote in the file, or export it again from the "
        "program that made it"
    )


def test_text_after_a_closing_quote_is_refused() -> None:
    data = b'ID,Name\n0700501,Okafor\n0700502,"Chen" Wei\n'
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(data, "roster.csv", ROSTER, suffix=".csv")
    assert caught.value.line == 3
    assert "more text after its closing quotation mark" in caught.value.problem


def test_a_quote_swallowing_a_huge_file_is_refused_at_its_line() -> None:
    rows = "".join(f"07{n:05d},Student{n},Pat,7\n" for n in range(8000))  # > 128 K characters
    data = ('ID,Last,First,Grade\n0700000,"Okafor,Amy,7\n' + rows + '0799999,"x",7\n').encode()
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(data, "big.csv", ROSTER, suffix=".csv")
    assert caught.value.line == 2
    assert "never closes" in caught.value.problem


def test_an_enormous_unquoted_cell_is_not_a_table() -> None:
    data = b"Name\n" + b"x" * 200_000 + b"\n"
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(data, "blob.csv", ROSTER, suffix=".csv")
    assert caught.value.line == 2
    assert "more than 131,072 characters" in caught.value.problem


_CELL_TEXT = st.text(
    st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\t\n\r"
    ).filter(lambda char: char != "\ufeff"),
    max_size=12,
)
_ROW_OF_CELLS = st.lists(_CELL_TEXT, min_size=1, max_size=5).filter(
    lambda row: bool(row[-1].strip()) and not row[0].lower().startswith("sep=")
)


def _write_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _lines_before(text: str, offset: int) -> int:
    """The physical line number of ``offset`` (CR LF, LF and CR each end a line)."""
    return text[:offset].replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


@given(st.lists(_ROW_OF_CELLS, min_size=1, max_size=8))
def test_any_csv_written_by_pythons_csv_module_reads_back_identically(
    rows: list[list[str]],
) -> None:
    # Cells hold anything: commas, quotes, CR, LF, tabs, semicolons, accents, emoji.
    text = _write_csv(rows)
    table = read_table_bytes(("sep=,\r\n" + text).encode(), "any.csv", SCORES, suffix=".csv")
    assert table.rows[1:] == tuple(tuple(row) for row in rows)
    starts, offset = [], len("sep=,\r\n")
    for row in rows:
        starts.append(_lines_before("sep=,\r\n" + text, offset))
        offset += len(_write_csv([row]))
    assert table.line_numbers[1:] == tuple(starts)


@given(
    st.lists(_ROW_OF_CELLS, min_size=1, max_size=6),
    st.text(alphabet='ab,"\n\r ', min_size=1, max_size=10),
    st.data(),
)
def test_any_file_cut_inside_a_quoted_cell_refuses_naming_its_line(
    rows: list[list[str]], quoted: str, data: st.DataObject
) -> None:
    before = _write_csv(rows)
    opened = len(before) + len("x,")  # where the quoted cell's opening mark is
    text = before + "x," + '"' + quoted.replace('"', '""')
    cut = data.draw(st.integers(opened + 1, len(text)))
    if text[opened + 1 : cut].count('"') % 2:
        return  # cut between the two marks of a doubled quote: that closes the cell
    with pytest.raises(ImportFileError) as caught:
        read_table_bytes(("sep=,\r\n" + text[:cut]).encode(), "cut.csv", SCORES, suffix=".csv")
    assert caught.value.line == _lines_before("sep=,\r\n" + text, len("sep=,\r\n") + len(before))
    assert "never closes" in caught.value.problem


# -- encodings ------------------------------------------------------------------------------
def test_mac_roman_names_read_right() -> None:
    table = read_table(FIXTURES / "mac_roman.csv", ROSTER)
    assert table.encoding == "mac_roman"
    assert [(row[1], row[2]) for row in table.rows[1:]] == [
        ("Martínez", "José"),
        ("Müller", "Zoë"),
        ("Ó Súilleabháin", "Siobhán"),
        ("Françoise", "Noël"),
        ("Peña", "Iñaki"),
    ]
    assert table.line_numbers == (1, 2, 3, 4, 5, 6)  # old Mac Excel ends lines with CR


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("Name\nAmara Okafor\n", "ascii", "utf-8"),
        ("Name\nJosé\n", "utf-8", "utf-8"),
        ("Name\nJosé\n", "cp1252", "cp1252"),
        ("Name\nJosé\n", "mac_roman", "mac_roman"),
        ("Name,Note\nAmara,“seat near front” – IEP\nSiobhán,O’Brien’s\n", "cp1252", "cp1252"),
        ("Name,Note\nZoë Müller,“seat near front”\nFrançois,Noël\n", "mac_roman", "mac_roman"),
        ("Name\nJOSÉ MARTÍNEZ\n", "cp1252", "cp1252"),
        ("Name\nJOSÉ MARTÍNEZ\n", "mac_roman", "mac_roman"),
        ("Name\nJosé\n", "utf-16", "utf-16"),
    ],
)
def test_encodings_are_told_apart(text: str, encoding: str, expected: str) -> None:
    table = read_table_bytes(text.encode(encoding), "names.csv", ROSTER, suffix=".csv")
    assert table.encoding == expected
    assert "\n".join(",".join(row) for row in table.rows) + "\n" == text


def test_a_large_cp1252_file_is_judged_by_its_accented_lines() -> None:
    lines = ["ID,Name"] + [f"{n:07d},Student {n}" for n in range(20_000)]
    lines[15_000] = "0715000,Siobhán O’Brien"
    data = ("\n".join(lines) + "\n").encode("cp1252")
    table = read_table_bytes(data, "school.csv", ROSTER, suffix=".csv")
    assert table.encoding == "cp1252"
    assert table.rows[15_000] == ("0715000", "Siobhán O’Brien")
