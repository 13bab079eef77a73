"""The one reader behind every import: a delimited text file or a workbook as rows of text cells.

The bytes decide what a file is (the name's suffix only breaks ties): empty files, images,
PDFs, web pages and binary data are refused with a plain reason. Workbooks (.xlsx, .xlsm,
Excel 97-2003 .xls, OpenDocument .ods) are read by ``table_workbook``. Text is decoded by
``text_encoding`` (UTF-8, UTF-16 with BOM, else detected: Windows-1252, Mac Roman, ...) and
split as RFC 4180 says: a quoted cell may hold delimiters, line breaks and doubled quotation
marks, and a quotation mark that never closes refuses the file, naming the line. The delimiter
is a comma, semicolon or tab, whichever splits the first rows most consistently. Blank rows
are dropped, and every row keeps its physical line number (its row number in a workbook) so
problems can name where they are.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from mathroom.domain.import_problems import ImportFileError
from mathroom.importers.text_encoding import UTF8_BOM, UTF16_BOMS, decode_text, encoding_label

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

CHECK_EVERY = 2000  # rows between looks at the Cancel button and reports of progress
NOT_A_WORKBOOK = (
    "not a readable Excel workbook (it may be damaged); open it in Excel and save it again, "
    "or save it as CSV"
)
PASSWORD_PROTECTED = (
    "this workbook is password-protected; remove the password in Excel, "
    "or save it as .xlsx or CSV without one"
)
MAX_BYTES = 50 * 1024 * 1024
_DELIMITERS = (",", ";", "\t")
_DELIMITER_WORDS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_SAMPLE_ROWS = 50
_SAMPLE_CHARS = 64 * 1024
# Longer than any name or note: a cell this long is a quotation mark that never closed.
_FIELD_LIMIT = 128 * 1024
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Excel wraps a password-protected .xlsx in an OLE2 file with this stream (MS-OFFCRYPTO).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_SNIFF = 4096
# Text files hold tabs and line breaks; anything else below 0x20 means binary data.
_CONTROL_BYTES = frozenset(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}) | {0x7F}
# One physical line with its ending: CR LF, LF or a lone CR (old Mac files) end a line.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


@dataclass(frozen=True, slots=True)
class FileKind:
    """What the file should hold, as refusals say it: 'not a roster', 'score files over 50 MB'."""

    thing: str  # "roster"
    file: str  # "roster file"
    contents: str  # "the roster": "export the roster as CSV or Excel instead"

    def size_problem(self, size: int) -> str:
        return f"the file is {size / 1_048_576:.0f} MB; {self.file}s over 50 MB can't be imported"

    @property
    def export_instead(self) -> str:
        return f"export {self.contents} as CSV or Excel instead"


ROSTER = FileKind("roster", "roster file", "the roster")
SCORES = FileKind("score file", "score file", "the scores")


@dataclass(frozen=True, slots=True)
class RawTable:
    """Every non-blank row of a file as text cells, with where each row came from."""

    source: str  # the file's name (not full path), for messages
    rows: tuple[tuple[str, ...], ...]  # trailing empty cells trimmed
    line_numbers: tuple[int, ...]  # 1-based physical line (text) or row number (workbook)
    # Python's name: "utf-8", "utf-8-sig", "utf-16", "cp1252", "mac_roman", ...; None for
    # a workbook
    encoding: str | None
    delimiter: str | None  # ",", ";", "\t"; None for a workbook
    sheet: str | None  # the worksheet used

    @property
    def file_format(self) -> str:
        """How the file was read, for the preview's title: 'Mac Roman, commas' or 'sheet Roster'."""
        if self.sheet is not None:
            return f"sheet {self.sheet}"
        encoding = encoding_label(self.encoding) if self.encoding else ""
        delimiter = _DELIMITER_WORDS.get(self.delimiter or "", "")
        return ", ".join(part for part in (encoding, delimiter) if part)


def read_table(
    path: Path,
    kind: FileKind,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RawTable:
    """Read a file from disk; refuses (ImportFileError) what can't be a table of ``kind``."""
    source = path.name
    try:
        if path.is_dir():
            raise ImportFileError(source, f"this is a folder, not a {kind.file}")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFileError(source, kind.size_problem(size))
        held = [path.read_bytes()]
    except FileNotFoundError as exc:
        raise ImportFileError(source, "the file was not found") from exc
    except OSError as exc:
        raise ImportFileError(source, f"the file can't be opened ({exc.strerror})") from exc
    return _read(held, source, kind, path.suffix.lower(), progress, cancelled)


def read_table_bytes(
    data: bytes,
    source: str,
    kind: FileKind,
    *,
    suffix: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RawTable:
    """Read a file's bytes; the content decides the format, the suffix only breaks ties."""
    return _read([data], source, kind, suffix.lower(), progress, cancelled)


def _read(
    held: list[bytes],
    source: str,
    kind: FileKind,
    suffix: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> RawTable:
    # The bytes come in a list so that, once decoded, the last reference to them can go:
    # a 50 MB file is never held as bytes, text and rows at once.
    data = held.pop()
    what = _classify(data, source, kind, suffix)
    if what is _Kind.WORKBOOK:
        from mathroom.importers.table_workbook import read_workbook  # calamine loads on use

        # An unreadable OLE2 file named .xlsx is Excel's wrapper around a protected workbook.
        protected = data.startswith(_OLE2_MAGIC) and suffix in _XLSX_SUFFIXES
        unreadable = PASSWORD_PROTECTED if protected else NOT_A_WORKBOOK
        sheet = read_workbook(data, source, progress, cancelled, unreadable=unreadable)
        return RawTable(source, sheet.rows, sheet.line_numbers, None, None, sheet.sheet)
    # Anything else that is text (.csv, .tsv, .txt, and the tab-separated ".xls" some
    # student information systems produce) is read as delimited text.
    if not data.startswith(UTF16_BOMS):
        data = data.rstrip(b"\x00")  # some exporters pad the end of a file with NUL bytes
    text, encoding = decode_text(data)
    del data
    if not text.strip():
        raise ImportFileError(source, "the file is empty")
    delimiter = detect_delimiter(text, prefer_tab=suffix == ".tsv")
    rows, lines = _read_delimited(text, delimiter, source, progress, cancelled)
    if not rows:
        raise ImportFileError(source, "the file is empty")
    return RawTable(source, rows, lines, encoding, delimiter, None)


def data_rows(
    table: RawTable,
    header_index: int,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Iterator[tuple[tuple[str, ...], int]]:
    """(cells, line) of every row under the header, looking at Cancel now and then."""
    first = header_index + 1
    total = len(table.rows) - first
    for done, index in enumerate(range(first, len(table.rows)), start=1):
        if done % CHECK_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ImportFileError(table.source, "import cancelled")
            if progress is not None:
                progress(done, total)
        yield table.rows[index], table.line_numbers[index]


def phase(progress: Progress | None, number: int) -> Progress | None:
    """Reading reports 0-500 of 1000, parsing 500-1000, so one bar moves forward only."""
    if progress is None:
        return None
    report = progress

    def scaled(done: int, total: int) -> None:
        report(number * 500 + done * 500 // max(total, 1), 1000)

    return scaled


# -- what the bytes are -------------------------------------------------------------------
class _Kind(Enum):
    TEXT = "text"
    WORKBOOK = "workbook"


def _classify(data: bytes, source: str, kind: FileKind, suffix: str) -> _Kind:
    """Refuse empty, binary, image, PDF and web-page files; say whether the rest is a workbook."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(source, kind.size_problem(len(data)))
    if not data.strip(b" \t\r\n\x00"):
        raise ImportFileError(source, "the file is empty")
    head = data[:_SNIFF]
    for magic, name in _IMAGES:
        if head.startswith(magic):
            raise ImportFileError(source, f"this looks like an image ({name}), not a {kind.thing}")
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        raise ImportFileError(source, f"this looks like an image (WebP), not a {kind.thing}")
    if head.startswith(b"%PDF-"):
        raise ImportFileError(source, f"this is a PDF, not a {kind.file}; {kind.export_instead}")
    if head.startswith(_OLE2_MAGIC):
        # An Excel 97-2003 .xls, or Excel's wrapper around a password-protected .xlsx.
        if _ENCRYPTED_PACKAGE in data:
            raise ImportFileError(source, PASSWORD_PROTECTED)
        return _Kind.WORKBOOK
    if head.startswith(_ZIP):
        if not _is_workbook_zip(data):
            raise ImportFileError(source, NOT_A_WORKBOOK)
        return _Kind.WORKBOOK
    if suffix in _XLSX_SUFFIXES:
        raise ImportFileError(source, NOT_A_WORKBOOK)
    if head.startswith(UTF16_BOMS):
        return _Kind.TEXT  # Excel's "Unicode Text": UTF-16 with tabs, full of NUL bytes
    if b"\x00" in data.rstrip(b"\x00") or _mostly_control(head.rstrip(b"\x00")):
        raise ImportFileError(
            source,
            f"this doesn't look like a {kind.thing} (it holds binary data); " + kind.export_instead,
        )
    start = head.lstrip(b" \t\r\n" + UTF8_BOM)[:64].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<body")):
        raise ImportFileError(
            source, f"this is a web page (HTML), not a {kind.file}; {kind.export_instead}"
        )
    if start.startswith(b"<?xml"):
        raise ImportFileError(
            source, "this is an XML file (perhaps an Excel 2003 XML sheet); save as .xlsx or CSV"
        )
    return _Kind.TEXT


def _is_workbook_zip(data: bytes) -> bool:
    """An Office Open XML workbook (.xlsx, .xlsm) or an OpenDocument spreadsheet (.ods)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return archive.read("mimetype").strip() == _ODS_MIMETYPE
            return "[Content_Types].xml" in names and any(
                name.startswith("xl/workbook") for name in names
            )
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        return False  # damaged, or an unsupported compression: not readable either way


def _mostly_control(head: bytes) -> bool:
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return controls > max(4, len(head) // 20)


# -- delimited text -----------------------------------------------------------------------
def detect_delimiter(text: str, *, prefer_tab: bool = False) -> str:
    """Comma, semicolon or tab: whichever splits the first rows most consistently.

    Excel's "sep=;" first line, when present, decides.
    """
    if text[:4].lower() == "sep=" and text[4:5] in _DELIMITERS and text[5:6] in ("\r", "\n", ""):
        return text[4]
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS:
        sample = sample[: max(sample.rfind("\n"), 0)]
    order = ("\t", ",", ";") if prefer_tab else _DELIMITERS
    best, best_score = order[0], (0, 0)  # a single-column file keeps the first choice
    for delimiter in order:
        widths: Counter[int] = Counter()
        try:
            for row in csv.reader(_physical_lines(sample), delimiter=delimiter):
                while row and not row[-1].strip():
                    row.pop()
                if row:
                    widths[len(row)] += 1
                    if widths.total() >= _SAMPLE_ROWS:
                        break
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
        score = (count, width)
        if width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def _physical_lines(text: str) -> Iterator[str]:
    """Each line with its ending kept, as the csv module needs to see line breaks in cells."""
    return (match.group() for match in _LINE.finditer(text))


def _read_delimited(
    text: str,
    delimiter: str,
    source: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> tuple[tuple[tuple[str, ...], ...], tuple[int, ...]]:
    """Every non-blank record and the physical line it starts on, read as RFC 4180 says."""
    # strict: text after a closing quotation mark, or the end of the file inside a quoted
    # cell, is an error rather than a guess that may put one student's name in another cell.
    reader = csv.reader(_physical_lines(text), delimiter=delimiter, strict=True)
    estimate = max(text.count("\n"), text.count("\r")) + 1
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    append_row, append_line = rows.append, lines.append
    end = 0
    previous_limit = csv.field_size_limit(_FIELD_LIMIT)
    try:
        for count, row in enumerate(reader, start=1):
            start, end = end + 1, reader.line_num
            if count % CHECK_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise ImportFileError(source, "import cancelled")
                if progress is not None:
                    progress(end, max(end, estimate))
            if row and not row[-1].strip():
                while row and not row[-1].strip():
                    row.pop()
            if row:
                append_row(tuple(row))
                append_line(start)
    except csv.Error as exc:
        raise _unreadable(text, source, end + 1, reader.line_num, str(exc)) from exc
    finally:
        csv.field_size_limit(previous_limit)
    return tuple(rows), tuple(lines)


def _unreadable(text: str, source: str, start: int, reached: int, error: str) -> ImportFileError:
    """The refusal for a record the csv module could not read: where it starts, what to do."""
    fix = "fix the quote in the file, or export it again from the program that made it"
    if "end of data" in error or ("field larger" in error and _has_quote(text, start, reached)):
        return ImportFileError(
            source, f"a quotation mark opens a cell that never closes; {fix}", line=start
        )
    if "expected after" in error:
        if reached > start:
            problem = (
                f"a quotation mark opens a cell that runs on to line {reached} and ends in the "
                f"middle of a cell there; {fix}"
            )
        else:
            problem = (
                "a quoted cell has more text after its closing quotation mark; put the whole "
                'cell in quotes and write each " inside it twice (""), or export the file again'
            )
        return ImportFileError(source, problem, line=start)
    if "field larger" in error:
        return ImportFileError(
            source,
            f"a cell here holds more than {_FIELD_LIMIT:,} characters, so this is not a table "
            "of names; export the file again",
            line=start,
        )
    return ImportFileError(
        source, f"this line can't be read as part of a table ({error})", line=reached
    )


def _has_quote(text: str, start: int, reached: int) -> bool:
    for number, line in enumerate(_physical_lines(text), start=1):
        if number > reached:
            break
        if number >= start and '"' in line:
            return True
    return False
