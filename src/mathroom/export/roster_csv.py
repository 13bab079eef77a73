"""A period's roster as CSV that Excel opens correctly: UTF-8 with BOM, formulas defused."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

from mathroom.atomic_files import write_bytes_atomically
from mathroom.domain.names import csv_safe

HEADER = ("Student number", "Family name", "Given name", "Preferred name", "Period", "Course")


@dataclass(frozen=True, slots=True)
class RosterCsvRow:
    student_number: str
    family_name: str
    given_name: str
    preferred_name: str
    period: str
    course: str


def roster_csv_bytes(rows: Sequence[RosterCsvRow]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([csv_safe(value) for value in astuple(row)])
    return buffer.getvalue().encode("utf-8-sig")


def write_roster_csv(rows: Sequence[RosterCsvRow], out: Path) -> None:
    write_bytes_atomically(out, roster_csv_bytes(rows))
