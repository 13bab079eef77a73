"""The workbook half of the table reader: .xlsx, .xlsm, .xls and .ods through python-calamine.

The first visible worksheet holding any non-blank cell is read, as rows of text cells
numbered as the spreadsheet numbers them (row 1 is the top row, blank rows included).
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterable, Sequence
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
    if data.startswith(OLE2_MAGIC) and not xls_is_sound(data):
        # calamine trusts an .xls's sector tables; a damaged one can make it ask for
        # gigabytes of memory, which ends the whole program instead of raising an error.
        raise ImportFileError(source, unreadable)
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


def xls_is_sound(data: bytes) -> bool:
    """Whether an OLE2 (Compound File, MS-CFB) workbook is safe to hand to calamine.

    Every sector chain must stay inside the file without looping, no stream may be longer
    than its chain, and every DIMENSIONS record of the Workbook stream must describe a real
    range (a damaged one makes calamine reserve first-to-last rows that wrap around).
    """
    try:
        workbook = _ole2_stream(data, ("Workbook", "Book"))
    except (struct.error, IndexError, ValueError):
        return False
    if workbook is None:
        return False
    at = 0
    while at + 4 <= len(workbook):
        kind, length = struct.unpack_from("<HH", workbook, at)
        if kind == 0x0200:  # DIMENSIONS: first row, last row + 1, first column, last + 1
            if length < 14 or at + 4 + length > len(workbook):
                return False
            first_row, end_row, first_column, end_column = struct.unpack_from(
                "<IIHH", workbook, at + 4
            )
            if not (first_row <= end_row <= 65536 and first_column <= end_column <= 256):
                return False
        at += 4 + length
    return True


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
