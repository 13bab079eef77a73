"""Roster import speed: a whole-school CSV and a large workbook, parsed end to end."""

from __future__ import annotations

import csv
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from mathroom.importers.roster_columns import detect_mapping
from mathroom.importers.roster_rows import parse_roster_file, parse_rows
from mathroom.importers.table_file import ROSTER, read_table

CSV_ROWS = 50_000
XLSX_ROWS = 10_000
HEADER = (
    "Student Number",
    "Last Name",
    "First Name",
    "Preferred Name",
    "Grade",
    "Period",
    "Course",
    "Teacher",
    "Birthdate",
    "Gender",
    "Email",
    "State ID",
    "Notes",
)
GIVEN = ("Amara", "José", "Zoë", "Wei", "Layla", "Minh Anh", "Aoife", "Tolu", "Sam", "Ji-woo")
FAMILY = ("Okafor", "Martínez", "Müller", "Chen", "Haddad", "Nguyễn", "Ó Súilleabháin", "Lee")


def school_rows(count: int, seed: int = 7) -> Iterator[list[object]]:
    """Realistic rows: ids with leading zeros, a few nicknames, ignored columns filled in."""
    rng = random.Random(seed)
    born = date(2012, 9, 1)
    for n in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        yield [
            f"{700000 + n:07d}",
            family,
            given,
            "Ama" if n % 17 == 0 else "",
            rng.choice(("06", "07", "08")),
            str(rng.randint(1, 7)),
            rng.choice(("Math 6", "Math 7", "Math 8", "Algebra 1")),
            "Rivera, Ana",
            (born + timedelta(days=rng.randint(0, 700))).isoformat(),
            rng.choice("FMX"),
            f"{given.lower()}.{n}@students.example.org",
            f"CA{rng.randint(10**9, 10**10 - 1)}",
            "IEP; seat near front" if n % 41 == 0 else "",
        ]


def write_csv(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["Whole-school roster", "", "", "Printed 11/20/2026"])
        writer.writerow(HEADER)
        writer.writerows(school_rows(count))


def write_xlsx(path: Path, count: int) -> None:
    # A normal (not write-only) workbook: like Excel's, it states its size up front.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Roster"
    sheet.append(list(HEADER))
    for row in school_rows(count):
        row[4] = int(str(row[4]))  # grades typed as numbers, as teachers do
        sheet.append(row)
    workbook.save(path)


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time in seconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(label: str, rows: int, seconds: float) -> None:
    print(f"  {label:<34} {rows:>7,} rows: {seconds:6.2f} s, {rows / seconds:>9,.0f} rows/s")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="mathroom-roster-bench-"))
    csv_path, xlsx_path = folder / "school.csv", folder / "school.xlsx"
    write_csv(csv_path, CSV_ROWS)
    write_xlsx(xlsx_path, XLSX_ROWS)
    parsed = parse_roster_file(csv_path)
    assert len(parsed.rows) == CSV_ROWS, "every generated student is imported"
    table = read_table(csv_path, ROSTER)
    mapping = detect_mapping(table)

    print("roster parsing (median of 3)")
    report("csv read only", CSV_ROWS, timed(lambda: read_table(csv_path, ROSTER)))
    report("csv header + rows (already read)", CSV_ROWS, timed(lambda: parse_rows(table, mapping)))
    report("csv end to end", CSV_ROWS, timed(lambda: parse_roster_file(csv_path)))
    report("xlsx end to end", XLSX_ROWS, timed(lambda: parse_roster_file(xlsx_path)))
    size = csv_path.stat().st_size / 1_048_576
    print(f"  ({size:.1f} MB CSV; {len(parsed.problems)} problems, {len(parsed.periods)} periods)")


if __name__ == "__main__":
    main()
