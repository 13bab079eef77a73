"""Roster files (CSV, TSV, TXT, XLSX) into a raw table of text cells with line numbers."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mathroom.importers.roster_errors import RosterImportError
from mathroom.importers.roster_sniff import (
    MAX_BYTES,
    OLE2_MAGIC,
    Kind,
    classify,
    decode,
    size_problem,
)
from mathroom.importers.roster_xlsx import CHECK_EVERY, NOT_A_WORKBOOK, read_xlsx

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

_DELIMITERS = (",", ";", "\t")
_SAMPLE_ROWS = 50
_SAMPLE_CHARS = 64 * 1024
# A quoted cell running over more lines than this is a stray quotation mark, not a note.
_MAX_CELL_LINES = 10
_XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True, slots=True)
class RawTable:
    """Every non-blank row of a file as text cells, with where each row came from."""

    source: str  # the file's name (not full path), for messages
    rows: tuple[tuple[str, ...], ...]  # trailing empty cells trimmed
    line_numbers: tuple[int, ...]  # 1-based physical line (text) or row number (xlsx)
    encoding: str | None  # "utf-8", "utf-8-sig", "utf-16", "cp1252"; None for xlsx
    delimiter: str | None  # ",", ";", "\t"; None for xlsx
    sheet: str | None  # the xlsx worksheet used


def read_table(
    path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> RawTable:
    """Read a roster file from disk; refuses (RosterImportError) what can't be a roster."""
    source = path.name
    try:
        if path.is_dir():
            raise RosterImportError(source, "this is a folder, not a roster file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise RosterImportError(source, size_problem(size))
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise RosterImportError(source, "the file was not found") from exc
    except OSError as exc:
        raise RosterImportError(source, f"the file can't be opened ({exc.strerror})") from exc
    return read_table_bytes(
        data, source, suffix=path.suffix, progress=progress, cancelled=cancelled
    )


def read_table_bytes(
    data: bytes,
    source: str,
    *,
    suffix: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RawTable:
    """Read a roster from bytes; the content decides the format, the suffix only breaks ties."""
    suffix = suffix.lower()
    if suffix in _XLSX_SUFFIXES and data.startswith(OLE2_MAGIC):
        # Excel wraps a password-protected .xlsx in the old container format.
        raise RosterImportError(
            source,
            "this workbook is password-protected (or an old .xls renamed); "
            "remove the password, or save it as .xlsx or CSV",
        )
    if classify(data, source) is Kind.ZIP:
        sheet = read_xlsx(data, source, progress, cancelled)
        return RawTable(source, sheet.rows, sheet.line_numbers, None, None, sheet.sheet)
    if suffix in _XLSX_SUFFIXES:
        raise RosterImportError(source, NOT_A_WORKBOOK)
    # Anything else that is text (.csv, .tsv, .txt, and the tab-separated ".xls" some
    # student information systems produce) is read as delimited text.
    text, encoding = decode(data, source)
    delimiter = detect_delimiter(text, prefer_tab=suffix == ".tsv")
    rows, lines = _read_delimited(text, delimiter, source, progress, cancelled)
    if not rows:
        raise RosterImportError(source, "the file is empty")
    return RawTable(source, rows, lines, encoding, delimiter, None)


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
                raise RosterImportError(
                    source,
                    f"a quotation mark opens a cell here that runs on to line {end}; "
                    'check this line for a stray "',
                    line=start,
                )
            if count % CHECK_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise RosterImportError(source, "import cancelled")
                if progress is not None:
                    progress(end, max(end, estimate))
            while row and not row[-1].strip():
                row.pop()
            if row:
                rows.append(tuple(row))
                lines.append(start)
    except csv.Error as exc:
        raise RosterImportError(
            source, f"this line can't be read as part of a table ({exc})", line=end + 1
        ) from exc
    return tuple(rows), tuple(lines)
