"""The .xlsx half of the table reader: the first visible worksheet with data, as rows of text."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

import openpyxl

from mathroom.domain.import_problems import ImportFileError
from mathroom.importers.table_file import CHECK_EVERY, NOT_A_WORKBOOK, Cancelled, Progress


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
    return str(value)


def read_xlsx(
    data: bytes,
    source: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> SheetRows:
    """Rows of the first visible worksheet holding any non-blank cell."""
    # openpyxl warns about features it skips (data validation, styles); none matter here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # damaged zips and XML fail in many different ways
            raise ImportFileError(source, NOT_A_WORKBOOK) from exc
        try:
            for sheet in workbook.worksheets:
                if sheet.sheet_state != "visible":
                    continue
                estimate = sheet.max_row or 0
                # Some exporters write a wrong <dimension>; trusting it would drop rows.
                sheet.reset_dimensions()
                rows, lines = _sheet_rows(
                    sheet.iter_rows(values_only=True), source, estimate, progress, cancelled
                )
                if rows:
                    return SheetRows(sheet.title, rows, lines)
        except ImportFileError:
            raise
        except Exception as exc:  # a sheet's XML can be broken even when the workbook opens
            raise ImportFileError(source, NOT_A_WORKBOOK) from exc
        finally:
            workbook.close()
    raise ImportFileError(source, "the file is empty (no visible worksheet holds any data)")


def _sheet_rows(
    values: Iterable[tuple[object, ...]],
    source: str,
    estimate: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> tuple[tuple[tuple[str, ...], ...], tuple[int, ...]]:
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    for number, raw in enumerate(values, start=1):
        if number % CHECK_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ImportFileError(source, "import cancelled")
            if progress is not None:
                progress(number, max(number, estimate))
        cells = [cell_text(value) for value in raw]
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            rows.append(tuple(cells))
            lines.append(number)
    return tuple(rows), tuple(lines)
