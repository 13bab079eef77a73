"""The one reader behind every import: a CSV, TSV, TXT or XLSX file as rows of text cells.

The bytes decide what a file is (the name's suffix only breaks ties): empty files, images,
PDFs, web pages, old .xls workbooks and binary data are refused with a plain reason. Text is
decoded as UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode Text") or
Windows-1252; the delimiter is a comma, semicolon or tab, whichever splits the first rows most
consistently. Blank rows are dropped, and every row keeps its physical line number (its row
number in a workbook) so problems can name where they are.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from mathroom.domain.import_problems import ImportFileError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

CHECK_EVERY = 2000  # rows between looks at the Cancel button and reports of progress
NOT_A_WORKBOOK = "not a readable Excel workbook"
MAX_BYTES = 50 * 1024 * 1024
_DELIMITERS = (",", ";", "\t")
_DELIMITER_WORDS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_SAMPLE_ROWS = 50
_SAMPLE_CHARS = 64 * 1024
# A quoted cell running over more lines than this is a stray quotation mark, not a note.
_MAX_CELL_LINES = 10
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
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
    line_numbers: tuple[int, ...]  # 1-based physical line (text) or row number (xlsx)
    encoding: str | None  # "utf-8", "utf-8-sig", "utf-16", "cp1252"; None for xlsx
    delimiter: str | None  # ",", ";", "\t"; None for xlsx
    sheet: str | None  # the xlsx worksheet used

    @property
    def file_format(self) -> str:
        """How the file was read, for the preview's title: 'utf-8, commas' or 'sheet Roster'."""
        if self.sheet is not None:
            return f"sheet {self.sheet}"
        delimiter = _DELIMITER_WORDS.get(self.delimiter or "", "")
        return ", ".join(part for part in (self.encoding, delimiter) if part)


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
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFileError(source, "the file was not found") from exc
    except OSError as exc:
        raise ImportFileError(source, f"the file can't be opened ({exc.strerror})") from exc
    return read_table_bytes(
        data, source, kind, suffix=path.suffix, progress=progress, cancelled=cancelled
    )


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
    suffix = suffix.lower()
    if suffix in _XLSX_SUFFIXES and data.startswith(_OLE2_MAGIC):
        # Excel wraps a password-protected .xlsx in the old container format.
        raise ImportFileError(
            source,
            "this workbook is password-protected (or an old .xls renamed); "
            "remove the password, or save it as .xlsx or CSV",
        )
    if _classify(data, source, kind) is _Kind.ZIP:
        from mathroom.importers.table_xlsx import read_xlsx  # openpyxl loads only when needed

        sheet = read_xlsx(data, source, progress, cancelled)
        return RawTable(source, sheet.rows, sheet.line_numbers, None, None, sheet.sheet)
    if suffix in _XLSX_SUFFIXES:
        raise ImportFileError(source, NOT_A_WORKBOOK)
    # Anything else that is text (.csv, .tsv, .txt, and the tab-separated ".xls" some
    # student information systems produce) is read as delimited text.
    text, encoding = _decode(data, source)
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
    ZIP = "zip"


def _classify(data: bytes, source: str, kind: FileKind) -> _Kind:
    """Refuse empty, binary, image, PDF and old-Excel files; say whether the rest is zip or text."""
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
        raise ImportFileError(
            source, "Excel 97-2003 .xls files can't be read; save as .xlsx or CSV"
        )
    if head.startswith(_ZIP):
        return _Kind.ZIP
    if head.startswith(_UTF16_BOMS):
        return _Kind.TEXT  # Excel's "Unicode Text": UTF-16 with tabs, full of NUL bytes
    if b"\x00" in data.rstrip(b"\x00") or _mostly_control(head.rstrip(b"\x00")):
        raise ImportFileError(
            source,
            f"this doesn't look like a {kind.thing} (it holds binary data); " + kind.export_instead,
        )
    start = head.lstrip(b" \t\r\n" + _UTF8_BOM)[:64].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<body")):
        raise ImportFileError(
            source, f"this is a web page (HTML), not a {kind.file}; {kind.export_instead}"
        )
    if start.startswith(b"<?xml"):
        raise ImportFileError(
            source, "this is an XML file (perhaps an Excel 2003 XML sheet); save as .xlsx or CSV"
        )
    return _Kind.TEXT


def _mostly_control(head: bytes) -> bool:
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return controls > max(4, len(head) // 20)


def _decode(data: bytes, source: str) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(_UTF8_BOM):
        text, encoding = data.decode("utf-8-sig", errors="replace"), "utf-8-sig"
    elif data.startswith(_UTF16_BOMS):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    else:
        data = data.rstrip(b"\x00")  # some exporters pad the end of a file with NUL bytes
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _utf8_or_cp1252(data)
    if not text.strip():
        raise ImportFileError(source, "the file is empty")
    return text, encoding


def _utf8_or_cp1252(data: bytes) -> tuple[str, str]:
    # One damaged byte in an otherwise UTF-8 file should not turn every "é" into "Ã©":
    # real Windows-1252 text almost never forms valid multi-byte UTF-8 sequences.
    as_utf8 = data.decode("utf-8", errors="replace")
    damaged = as_utf8.count("\ufffd")
    non_ascii = len(as_utf8) - len(as_utf8.encode("ascii", errors="ignore")) - damaged
    if non_ascii >= 2 * damaged:
        return as_utf8, "utf-8"
    # The five bytes Windows-1252 leaves undefined become U+FFFD rather than an error.
    return data.decode("cp1252", errors="replace"), "cp1252"


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
            for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
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


def _read_delimited(
    text: str,
    delimiter: str,
    source: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> tuple[tuple[tuple[str, ...], ...], tuple[int, ...]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    estimate = max(text.count("\n"), text.count("\r")) + 1
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    end = 0
    try:
        for count, row in enumerate(reader, start=1):
            start, end = end + 1, reader.line_num
            if end - start >= _MAX_CELL_LINES:
                raise ImportFileError(
                    source,
                    f"a quotation mark opens a cell here that runs on to line {end}; "
                    'check this line for a stray "',
                    line=start,
                )
            if count % CHECK_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise ImportFileError(source, "import cancelled")
                if progress is not None:
                    progress(end, max(end, estimate))
            while row and not row[-1].strip():
                row.pop()
            if row:
                rows.append(tuple(row))
                lines.append(start)
    except csv.Error as exc:
        raise ImportFileError(
            source, f"this line can't be read as part of a table ({exc})", line=end + 1
        ) from exc
    return tuple(rows), tuple(lines)
