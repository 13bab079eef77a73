"""The table reader alone: a 50,000-row CSV and a 50,000-row workbook, seconds and peak memory.

The workbook's line is followed by what the scan for far-apart cells (done before calamine
reads each sheet) costs of it.

Peak memory is what tracemalloc sees (Python objects); calamine's own buffers, held in Rust
while a workbook is read, are not counted.
"""

from __future__ import annotations

import tempfile
import tracemalloc
from functools import partial
from pathlib import Path

import openpyxl

from benchmarks.roster_parsing import HEADER, school_rows, timed, write_csv
from mathroom.importers.table_file import ROSTER, read_table
from mathroom.importers.table_workbook import scan_extents

ROWS = 50_000


def write_workbook(path: Path, count: int) -> None:
    workbook = openpyxl.Workbook(write_only=True)  # streams rows: 50,000 in seconds
    sheet = workbook.create_sheet("Roster")
    sheet.append(["Whole-school roster"])
    sheet.append(list(HEADER))
    for row in school_rows(count):
        row[4] = int(str(row[4]))  # grades typed as numbers, as teachers do
        sheet.append(row)
    workbook.save(path)


def peak_megabytes(path: Path) -> float:
    tracemalloc.start()
    try:
        table = read_table(path, ROSTER)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(table.rows) == ROWS + 2, "every generated row is read"
    return peak / 1_048_576


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="mathroom-table-bench-"))
    csv_path, cp1252_path, xlsx_path = (
        folder / "school.csv",
        folder / "school-cp1252.csv",
        folder / "school.xlsx",
    )
    write_csv(csv_path, ROWS)
    cp1252_path.write_bytes(csv_path.read_text(encoding="utf-8").encode("cp1252", "replace"))
    write_workbook(xlsx_path, ROWS)
    print("table reading (median of 3; peak = Python memory while reading)")
    for label, path in (
        ("csv, UTF-8", csv_path),
        ("csv, Windows-1252 (detected)", cp1252_path),
        ("xlsx (calamine)", xlsx_path),
    ):
        seconds = timed(partial(read_table, path, ROSTER))
        size = path.stat().st_size / 1_048_576
        peak = peak_megabytes(path)
        print(
            f"  {label:<30} {ROWS:>7,} rows: {seconds:6.2f} s, {ROWS / seconds:>9,.0f} rows/s, "
            f"file {size:5.1f} MB, peak {peak:6.1f} MB"
        )
    scan = timed(partial(scan_extents, xlsx_path.read_bytes()))
    print(f"  {'  of which the cell-range scan':<30} {scan:22.2f} s")


if __name__ == "__main__":
    main()
