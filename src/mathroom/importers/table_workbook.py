"""The workbook half of the table reader: .xlsx, .xlsm, .xls and .ods through python-calamine.

The first visible worksheet holding any non-blank cell is read, as rows of text cells
numbered as the spreadsheet numbers them (row 1 is the top row, blank rows included).
"""

from __future__ import annotations

import html
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import python_calamine

from mathroom.domain.import_problems import ImportFileError
from mathroom.importers.table_file import (
    CHECK_EVERY,
    NOT_A_WORKBOOK,
    PASSWORD_PROTECTED,
    Cancelled,
    Progress,
)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_MINI_STREAM_CUTOFF = 4096
# calamine holds a sheet as one block of cells from its first row and column to its last:
# about 35 bytes each in Rust, and as many Python objects again when the rows are read. Ten
# million cells (some 350 MB) is hundreds of times any roster or gradebook; a sheet that spans
# more has a stray cell far from the rest, and A1 with XFD1048576 would ask for 600 GB.
MAX_CELLS = 10_000_000
_CHUNK = 1 << 20
# A .xlsx or .ods is a zip: what it unpacks to is checked from the zip's own directory, then
# while streaming (a directory can lie), before calamine or the scan inflates anything.
# Tens of times more than any roster or gradebook needs (README, "Limits").
MAX_ZIP_MEMBERS = 2_000
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # spreadsheet XML packs 5 to 30 times; a bomb packs thousands of times
_RATIO_FROM = 1024 * 1024  # tiny parts may pack tighter: only larger ones are judged
MAX_SHEETS = 200
MAX_ROWS = 200_000


def _failed(exc: BaseException) -> bool:
    """An error from reading, not Ctrl+C: calamine's Rust panics reach Python as pyo3's
    PanicException, which derives from BaseException."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


@dataclass(frozen=True, slots=True)
class SheetRows:
    sheet: str
    rows: tuple[tuple[str, ...], ...]
    line_numbers: tuple[int, ...]


def cell_text(value: object) -> str:
    """A cell's value as the teacher would read it: 700123 not 700123.0, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # repr is the shortest text that round-trips: 7.5, never 7.500000000000001
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):  # a duration cell ("1:30"): hours, minutes, seconds
        minutes, seconds = divmod(round(value.total_seconds()), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return str(value)


def read_workbook(
    data: bytes,
    source: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
    *,
    unreadable: str = NOT_A_WORKBOOK,
) -> SheetRows:
    """Rows of the first visible worksheet holding any non-blank cell.

    ``unreadable`` is the refusal when calamine can't open the file at all.
    """
    if not data.startswith(OLE2_MAGIC):
        refuse_zip_bomb(data, source)
    # Sheets whose cells lie far apart are refused before calamine holds the box between
    # them: every sheet of an .xls or .ods (calamine reads them all, hidden ones too, as it
    # opens the file), each visible .xlsx sheet just before it is read.
    found = scan_extents(data)
    if found is None:
        # calamine trusts an .xls's sector tables; a damaged one can make it ask for
        # gigabytes of memory, which ends the whole program instead of raising an error.
        raise ImportFileError(source, unreadable)
    extents, eager = found
    if len(extents) > MAX_SHEETS:
        raise ImportFileError(
            source,
            f"the workbook has {len(extents):,} worksheets; Mathroom reads workbooks of at "
            f"most {MAX_SHEETS}. Copy the roster to a new workbook",
        )
    if eager:
        for name in extents:
            _refuse_if_sprawling(source, name, extents)
    try:
        workbook = python_calamine.CalamineWorkbook.from_object(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise ImportFileError(source, PASSWORD_PROTECTED) from exc
    except BaseException as exc:  # damaged zips, XML and OLE2 fail in many different ways
        if not _failed(exc):
            raise
        raise ImportFileError(source, unreadable) from exc
    with workbook:
        try:
            for sheet_info in workbook.sheets_metadata:
                if (
                    sheet_info.visible != python_calamine.SheetVisibleEnum.Visible
                    or sheet_info.typ != python_calamine.SheetTypeEnum.WorkSheet
                ):
                    continue
                _refuse_if_sprawling(source, sheet_info.name, extents)
                sheet = workbook.get_sheet_by_name(sheet_info.name)
                start, end = sheet.start, sheet.end
                if start is None or end is None:
                    continue  # nothing in it at all
                rows, lines = _sheet_rows(
                    sheet.iter_rows(), start[1], source, end[0] + 1, progress, cancelled
                )
                del sheet  # the sheet's cells, held in Rust, go before the next is read
                if rows:
                    return SheetRows(sheet_info.name, rows, lines)
        except ImportFileError:
            raise
        except python_calamine.PasswordError as exc:
            raise ImportFileError(source, PASSWORD_PROTECTED) from exc
        except BaseException as exc:  # a sheet's XML can be broken when the workbook opens
            if not _failed(exc):
                raise
            raise ImportFileError(source, NOT_A_WORKBOOK) from exc
    raise ImportFileError(source, "the file is empty (no visible worksheet holds any data)")


def _sheet_rows(
    values: Iterable[Sequence[object]],
    first_column: int,
    source: str,
    estimate: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> tuple[tuple[tuple[str, ...], ...], tuple[int, ...]]:
    # calamine yields every row from row 1, but each starting at the first used column;
    # the cells left of it are blank, and put back so columns line up as in the sheet.
    padding = [""] * first_column
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    for number, raw in enumerate(values, start=1):
        if number % CHECK_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ImportFileError(source, "import cancelled")
            if progress is not None:
                progress(number, max(number, estimate))
        cells = [value if type(value) is str else cell_text(value) for value in raw]
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            rows.append(tuple(padding + cells) if padding else tuple(cells))
            lines.append(number)
    return tuple(rows), tuple(lines)


@dataclass(slots=True)
class Extent:
    """The box around a sheet's filled cells (1-based), and the cells at its far edges."""

    top: int
    left: int
    bottom: int
    right: int
    lowest: str  # a cell in the bottom row
    rightmost: str  # a cell in the right column

    @property
    def cells(self) -> int:
        # calamine's rows start at row 1 whatever the top, so the rows above count too.
        return self.bottom * (self.right - self.left + 1)

    def take(self, other: Extent) -> None:
        self.top, self.left = min(self.top, other.top), min(self.left, other.left)
        if other.bottom > self.bottom:
            self.bottom, self.lowest = other.bottom, other.lowest
        if other.right > self.right:
            self.right, self.rightmost = other.right, other.rightmost


def column_letters(number: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _cell(row: int, column: int) -> Extent:
    name = f"{column_letters(column)}{row}"
    return Extent(row, column, row, column, name, name)


def _plural(count: int, one: str) -> str:
    return f"{count:,} {one}" if count == 1 else f"{count:,} {one}s"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def refuse_zip_bomb(data: bytes, source: str) -> None:
    """Refuse an .xlsx or .ods that unpacks to more than any spreadsheet could need.

    The zip's directory is judged first (parts, sizes, how tightly each is packed), then
    every part is streamed and counted, so a directory that lies is caught too. A zip that
    can't be opened at all is left for calamine to refuse in its own words.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_ZIP_MEMBERS:
            raise ImportFileError(
                source, f"the file holds {len(parts):,} packed parts; a workbook has far fewer"
            )
        sheets = sum(1 for p in parts if p.filename.startswith("xl/worksheets/sheet"))
        if sheets > MAX_SHEETS:
            raise ImportFileError(
                source,
                f"the workbook has {sheets:,} worksheets; Mathroom reads workbooks of at "
                f"most {MAX_SHEETS}. Copy the roster to a new workbook",
            )
        total = 0
        for part in parts:
            size = part.file_size
            if size > MAX_MEMBER_BYTES or (
                size > _RATIO_FROM and size > MAX_RATIO * max(part.compress_size, 1)
            ):
                raise ImportFileError(source, _too_big(part.filename, size, part.compress_size))
            total += size
        if total > MAX_UNPACKED_BYTES:
            raise ImportFileError(
                source,
                f"the file unpacks to {_mb(total)}, more than the {_mb(MAX_UNPACKED_BYTES)} "
                "Mathroom reads; it is not an ordinary spreadsheet (save the roster as CSV)",
            )
        for part in parts:
            _stream_within(archive, part, source)


def _too_big(name: str, size: int, packed: int) -> str:
    return (
        f"its part {name} unpacks to {_mb(size)} from {packed:,} bytes, far more than a "
        "spreadsheet holds (a damaged or malicious file); save the roster as CSV"
    )


def _stream_within(archive: zipfile.ZipFile, part: zipfile.ZipInfo, source: str) -> None:
    """Inflate one deflated part a megabyte at a time, straight from its packed bytes, and
    refuse it as soon as it grows past the size its directory states (or the limit).

    Python's zipfile would stop at the stated size by itself; calamine would not, so a
    directory that understates a bomb is caught here, before calamine inflates it.
    """
    if part.compress_type != zipfile.ZIP_DEFLATED:
        return  # stored parts are as big as they are packed; others calamine refuses
    data = archive.fp.getvalue() if isinstance(archive.fp, io.BytesIO) else None
    if data is None:
        return
    header = data[part.header_offset : part.header_offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ImportFileError(source, NOT_A_WORKBOOK)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = part.header_offset + 30 + name_length + extra_length
    packed = memoryview(data)[start : start + part.compress_size]
    limit = min(part.file_size, MAX_MEMBER_BYTES)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    grown = 0
    fed = 0
    pending = b""
    try:
        while True:
            if not pending:
                if fed >= len(packed):
                    break
                pending, fed = bytes(packed[fed : fed + _CHUNK]), fed + _CHUNK
            grown += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
            if grown > part.file_size:
                raise ImportFileError(
                    source,
                    f"its part {part.filename} unpacks to more than the zip's directory says "
                    "(a damaged or malicious file); save the roster as CSV",
                )
            if grown > limit:
                raise ImportFileError(source, _too_big(part.filename, grown, part.compress_size))
            if inflater.eof:
                break
    except zlib.error as exc:
        raise ImportFileError(source, NOT_A_WORKBOOK) from exc


def _refuse_if_sprawling(source: str, sheet: str, extents: dict[str, Extent]) -> None:
    """Refuse a sheet whose filled cells lie so far apart that calamine can't hold the box.

    A sheet the scan did not find by name is judged by the largest box of any sheet.
    """
    extent = extents.get(sheet) or max(extents.values(), key=lambda e: e.cells, default=None)
    if extent is not None and extent.cells <= MAX_CELLS and extent.bottom > MAX_ROWS:
        raise ImportFileError(
            source,
            f'sheet "{sheet}" reaches row {extent.bottom:,}; Mathroom reads at most '
            f"{MAX_ROWS:,} rows. Delete the rows below the roster or copy it to a new sheet",
        )
    if extent is None or extent.cells <= MAX_CELLS:
        return
    corner = f"{column_letters(extent.left)}{extent.top}"
    far = f"{column_letters(extent.right)}{extent.bottom}"
    stray = (
        f"the stray cell at {extent.lowest}"
        if extent.lowest == extent.rightmost
        else f"the stray cells at {extent.lowest} and {extent.rightmost}"
    )
    raise ImportFileError(
        source,
        f'sheet "{sheet}" spans cells {corner}:{far} '
        f"({_plural(extent.bottom, 'row')} by "
        f"{_plural(extent.right - extent.left + 1, 'column')}), too far apart to read; "
        f"delete {stray} or copy the roster to a new sheet",
    )


def scan_extents(data: bytes) -> tuple[dict[str, Extent], bool] | None:
    """Each sheet's extent, found without calamine, and whether calamine reads every sheet
    as it opens the file (.xls, .ods) rather than each when asked (.xlsx, .xlsm).

    None for an .xls calamine must not be given (see ``xls_is_sound``).
    """
    if data.startswith(OLE2_MAGIC):
        found = _xls_extents(data)
        return None if found is None else (found, True)
    return _zip_extents(data)


def _zip_extents(data: bytes) -> tuple[dict[str, Extent], bool]:
    """Each sheet's extent in an .xlsx/.xlsm or .ods, read from its XML without calamine,
    and whether calamine reads every sheet as it opens the file (an .ods) or on demand.

    A zip that can't be read is left for calamine to refuse.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "content.xml" in names:
                return _ods_extents(archive), True
            return _xlsx_extents(archive, names), False
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError, RuntimeError):
        # zlib.error is no OSError: a damaged deflate stream raises it while the scan reads.
        return {}, False


def _chunks(archive: zipfile.ZipFile, name: str, cut: bytes) -> Iterator[bytes]:
    """A zip member's bytes in pieces of about a megabyte, each ending just after ``cut``,
    so that no piece splits what a scan looks for."""
    carry = b""
    with archive.open(name) as stream:
        while piece := stream.read(_CHUNK):
            carry += piece
            end = carry.rfind(cut)
            if end >= 0:
                end += len(cut)
                yield carry[:end]
                carry = carry[end:]
    if carry:
        yield carry


_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
# A cell holding a value (Office Open XML, ECMA-376 part 1, 18.3.1.4): its start tag, an
# optional formula, then <v> or <is>. Cells with only a style (<c r="Z9" s="1"/>) are
# skipped, as calamine skips them.
_XLSX_VALUE_CELL = re.compile(
    rb"<" + _PREFIX + rb"c(?=\s)[^>]*?\sr=\"([A-Za-z]{1,3})([0-9]{1,7})\"[^>]*?(?<!/)>\s*"
    rb"(?:<" + _PREFIX + rb"f\b[^>]*?(?:/>|>[^<]*</" + _PREFIX + rb"f>)\s*)?"
    rb"<" + _PREFIX + rb"(?:v|is)\b"
)
_XLSX_ANY_REFERENCE = re.compile(rb'r="([A-Za-z]{1,3})([0-9]{1,7})"')
_XLSX_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\s[^>]*>")
_XLSX_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\s[^>]*>")


def _attribute(tag: bytes, name: bytes) -> str | None:
    found = re.search(rb"\s" + name + rb'\s*=\s*(?:"([^"]*)"|\'([^\']*)\')', tag)
    if found is None:
        return None
    return html.unescape((found.group(1) or found.group(2) or b"").decode("utf-8", "replace"))


def _xlsx_extents(archive: zipfile.ZipFile, names: set[str]) -> dict[str, Extent]:
    """Each worksheet's extent, by the sheet names workbook.xml gives its parts."""
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for tag in _XLSX_RELATIONSHIP.findall(archive.read("xl/_rels/workbook.xml.rels")):
            key, target = _attribute(tag, b"Id"), _attribute(tag, b"Target")
            if key and target:
                path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                targets[key] = path.replace("/./", "/")
    parts: dict[str, str] = {}
    if "xl/workbook.xml" in names:
        for tag in _XLSX_SHEET.findall(archive.read("xl/workbook.xml")):
            sheet, key = _attribute(tag, b"name"), _attribute(tag, rb"[\w.-]+:id")
            if sheet is not None and key in targets and targets[key] in names:
                parts[sheet] = targets[key]
    if not parts:  # no way to tell the sheets apart: judge every worksheet part
        parts = {
            name: name
            for name in names
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        }
    return {sheet: extent for sheet, part in parts.items() if (extent := _xlsx_part(archive, part))}


def _xlsx_part(archive: zipfile.ZipFile, part: str) -> Extent | None:
    # Every cell reference first, styled blank cells and all: one quick pass that settles
    # nearly every sheet. Only a sheet that looks too big is scanned again for cells that
    # hold a value, the ones calamine keeps, and its far cells named.
    pieces = (_XLSX_ANY_REFERENCE.findall(piece) for piece in _chunks(archive, part, b"row>"))
    top = left = 1 << 62
    bottom = right = 0
    for found in pieces:
        if found:
            letters, digits = zip(*found, strict=True)
            rows = {int(row) for row in set(digits)}
            columns = {_column_number(column) for column in set(letters)}
            top, bottom = min(top, *rows), max(bottom, *rows)
            left, right = min(left, *columns), max(right, *columns)
    if not bottom:
        return None
    quick = Extent(top, left, bottom, right, "", "")
    if quick.cells <= MAX_CELLS:
        return quick
    extent: Extent | None = None
    for piece in _chunks(archive, part, b"row>"):
        for column, row in _XLSX_VALUE_CELL.findall(piece):
            box = _cell(int(row), _column_number(column))
            if extent is None:
                extent = box
            else:
                extent.take(box)
    return extent


# OpenDocument tables (ODF 1.2 part 1, 9.1): a row or cell may stand for many
# (number-rows-repeated, number-columns-repeated); blank ones repeated to the sheet's edge
# are how LibreOffice ends every sheet, and calamine drops them, but a filled cell after
# them sits that far out.
_ODS_TAG = re.compile(
    rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>"
)
_ROWS_REPEATED = re.compile(rb'number-rows-repeated\s*=\s*["\']([0-9]{1,12})')
_COLUMNS_REPEATED = re.compile(rb'number-columns-repeated\s*=\s*["\']([0-9]{1,12})')


def _ods_extents(archive: zipfile.ZipFile) -> dict[str, Extent]:
    extents: dict[str, Extent] = {}
    table = ""
    row = column = row_repeat = 0
    for piece in _chunks(archive, "content.xml", b"<"):
        for closing, kind, attributes, empty in _ODS_TAG.findall(piece):
            if kind == b"table-cell" or kind == b"covered-table-cell":
                if closing:
                    continue
                repeat = _COLUMNS_REPEATED.search(attributes)
                count = int(repeat.group(1)) if repeat else 1
                if not empty:  # a cell with content (a blank one is written <table-cell/>)
                    box = _cell(row + 1, column + 1)
                    box.bottom = row + max(row_repeat, 1)
                    box.right = column + max(count, 1)
                    box.lowest = f"{column_letters(box.left)}{box.bottom}"
                    box.rightmost = f"{column_letters(box.right)}{box.top}"
                    if table in extents:
                        extents[table].take(box)
                    else:
                        extents[table] = box
                column += count
            elif kind == b"table-row":
                if closing:
                    row += row_repeat
                    continue
                repeat = _ROWS_REPEATED.search(attributes)
                row_repeat, column = (int(repeat.group(1)) if repeat else 1), 0
                if empty:
                    row += row_repeat
            elif not closing:  # a table
                table = _attribute(attributes, b"table:name") or ""
                row = column = row_repeat = 0
    return extents


def xls_is_sound(data: bytes) -> bool:
    """Whether an OLE2 (Compound File, MS-CFB) workbook is safe to hand to calamine.

    Every sector chain must stay inside the file without looping, no stream may be longer
    than its chain, and every DIMENSIONS record of the Workbook stream must describe a real
    range (a damaged one makes calamine reserve first-to-last rows that wrap around).
    """
    return _xls_extents(data) is not None


# BIFF8 records holding a value, each starting with its row and column (MS-XLS 2.4):
# FORMULA, RSTRING, LABELSST, NUMBER, LABEL, BOOLERR, RK; MULRK is handled on its own.
# BLANK and MULBLANK (a style, no value) are skipped, as calamine skips them.
_XLS_VALUE_RECORDS = frozenset({0x0006, 0x00D6, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E})


def _xls_extents(data: bytes) -> dict[str, Extent] | None:
    """Each sheet's extent in a sound .xls (see ``xls_is_sound``); None if it is unsound."""
    try:
        workbook = _ole2_stream(data, ("Workbook", "Book"))
    except (struct.error, IndexError, ValueError):
        return None
    if workbook is None:
        return None
    sheets_at: dict[int, str] = {}
    extents: dict[str, Extent] = {}
    sheet: str | None = None
    encrypted = False
    at = 0
    while at + 4 <= len(workbook):
        kind, length = struct.unpack_from("<HH", workbook, at)
        body = at + 4
        if kind == 0x0200:  # DIMENSIONS: first row, last row + 1, first column, last + 1
            if length < 14 or body + length > len(workbook):
                return None
            first_row, end_row, first_column, end_column = struct.unpack_from(
                "<IIHH", workbook, body
            )
            if not (first_row <= end_row <= 65536 and first_column <= end_column <= 256):
                return None
        elif kind == 0x002F:  # FILEPASS: the records after it are encrypted
            encrypted = True
        elif kind == 0x0085 and length >= 8 and body + length <= len(workbook):
            sheets_at[struct.unpack_from("<I", workbook, body)[0]] = _xls_sheet_name(
                workbook[body + 6 : body + length]
            )
        elif kind == 0x0809:  # BOF: a sheet's records start here
            sheet = sheets_at.get(at)
        elif sheet is not None and not encrypted and body + length <= len(workbook):
            box: Extent | None = None
            if kind in _XLS_VALUE_RECORDS and length >= 4:
                row, column = struct.unpack_from("<HH", workbook, body)
                box = _cell(row + 1, column + 1)
            elif kind == 0x00BD and length >= 6:  # MULRK: row, first column, ..., last
                row, column = struct.unpack_from("<HH", workbook, body)
                (last,) = struct.unpack_from("<H", workbook, body + length - 2)
                box = _cell(row + 1, column + 1)
                box.take(_cell(row + 1, max(last, column) + 1))
            if box is not None:
                if sheet in extents:
                    extents[sheet].take(box)
                else:
                    extents[sheet] = box
        at = body + length
    return extents


def _xls_sheet_name(field: bytes) -> str:
    """A BOUNDSHEET8's name: a ShortXLUnicodeString (length, flags, then the characters)."""
    if len(field) < 2:
        return ""
    count, flags = field[0], field[1]
    if flags & 1:
        return field[2 : 2 + 2 * count].decode("utf-16-le", "replace")
    return field[2 : 2 + count].decode("latin-1")


def _ole2_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """The first stream called one of ``names``, or None if the file's chains are unsound."""
    if len(data) < 512:
        return None
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        return None
    size = 1 << shift
    sectors = (len(data) - 1) // size  # the header takes the first sector's place
    fat_count, directory_start = struct.unpack_from("<II", data, 0x2C)
    cutoff, mini_fat_start, mini_fat_count, difat_start, difat_count = struct.unpack_from(
        "<IIIII", data, 0x38
    )
    if fat_count > sectors or difat_count > sectors:
        return None
    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    per_difat = size // 4 - 1
    at = difat_start
    for _ in range(difat_count):
        if at >= sectors:
            return None
        entries = struct.unpack_from(f"<{per_difat + 1}I", data, (at + 1) * size)
        fat_sectors += entries[:per_difat]
        at = entries[per_difat]
    fat_sectors = fat_sectors[:fat_count]
    if len(fat_sectors) < fat_count or any(sector >= sectors for sector in fat_sectors):
        return None
    fat = b"".join(data[(sector + 1) * size : (sector + 2) * size] for sector in fat_sectors)
    table = struct.unpack(f"<{len(fat) // 4}I", fat)

    def chain(start: int, links: tuple[int, ...], count: int) -> list[int] | None:
        """The sectors from ``start`` to the end of its chain; None if it strays or loops."""
        found: list[int] = []
        at = start
        while at != _END_OF_CHAIN:
            if at >= count or at >= len(links) or len(found) > count:
                return None
            found.append(at)
            at = links[at]
        return found

    def read(start: int, length: int | None) -> bytes | None:
        """A stream in big sectors: ``length`` bytes of it, or all its chain holds (None)."""
        used = chain(start, table, sectors)
        if used is None or (length is not None and len(used) * size < length):
            return None
        return b"".join(data[(at + 1) * size : (at + 2) * size] for at in used)[:length]

    directory = read(directory_start, None)
    if not directory:
        return None
    mini_table: tuple[int, ...] = ()
    if mini_fat_count:
        mini_fat = read(mini_fat_start, mini_fat_count * size)
        if mini_fat is None:
            return None
        mini_table = struct.unpack(f"<{len(mini_fat) // 4}I", mini_fat)
    mini_stream = b""
    found: bytes | None = None
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset : offset + 128]
        name_length = min(struct.unpack_from("<H", entry, 0x40)[0], 64)
        name = entry[: max(name_length - 2, 0)].decode("utf-16-le", errors="replace")
        kind = entry[0x42]
        start, length = struct.unpack_from("<IQ", entry, 0x74)
        if size == 512:
            length &= 0xFFFFFFFF  # version 3 files leave the high half undefined
        if kind not in (2, 5) or not length or start in (_END_OF_CHAIN, _FREE):
            continue
        if length > len(data):
            return None
        if kind == 5 or length >= cutoff:
            stream = read(start, length)
            if stream is None:
                return None
            if kind == 5:
                mini_stream = stream
        elif name in names and found is None:
            used = chain(start, mini_table, len(mini_stream) // 64)
            if used is None or len(used) * 64 < length:
                return None
            stream = b"".join(mini_stream[at * 64 : (at + 1) * 64] for at in used)[:length]
        if name in names and found is None:
            found = stream
    return found
