"""Roster import decisions and writes: a whole-school file refused, 2,000 students written.

The teacher's first evening: a 50,000-row whole-school export must be read and refused (it
holds several courses) within seconds, and a file of 2,000 new students (a year group of
50 sections, all chosen) written in one transaction at 20,000 rows/s or more.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from benchmarks.roster_parsing import write_csv
from mathroom.domain.roster_import import ImportDecisions
from mathroom.paths import DataFolder
from mathroom.services.roster_import import RosterImportService, _snapshot, _write
from mathroom.services.safety import SafetyNet
from mathroom.store.opening import open_database
from mathroom.store.unit_of_work import Store

SCHOOL_ROWS = 50_000
NEW_STUDENTS = 2_000
SECTIONS = 50  # 40 students each: no period holds more than a class can
NOW = datetime(2026, 11, 23, 19, 30)  # the figures do not move with the calendar


def write_year_group(path: Path) -> None:
    lines = ["Student ID,Last Name,First Name,Preferred Name,Section"]
    lines += [
        f"{800000 + n:07d},Family{n},Given{n},{'Sam' if n % 9 == 0 else ''},"
        f"Section {n % SECTIONS + 1}"
        for n in range(NEW_STUDENTS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time in seconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(label: str, rows: int, seconds: float) -> None:
    print(f"  {label:<40} {rows:>7,} rows: {seconds:6.3f} s, {rows / seconds:>9,.0f} rows/s")


def fresh_import(root: Path, name: str) -> tuple[RosterImportService, Store]:
    """The import service over a new, migrated database (as on the first start)."""
    folder = DataFolder(root / name)
    store = open_database(folder, NOW).store
    return RosterImportService(store, SafetyNet(folder, lambda: NOW), lambda: NOW), store


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="mathroom-import-bench-"))
    school = root / "school.csv"
    write_csv(school, SCHOOL_ROWS)
    importer, store = fresh_import(root, "refuse")

    def refuse() -> None:
        plan = importer.plan(importer.read(school), ImportDecisions())
        assert not plan.can_apply and plan.contents.whole_school, "a whole school is asked"

    print("roster import decisions and writes (median of 3)")
    report("whole-school csv read + refused", SCHOOL_ROWS, timed(refuse))
    store.close()

    year = root / "year.csv"
    write_year_group(year)
    parsed = RosterImportService.read(year)
    chosen = ImportDecisions(only_sections=frozenset(parsed.periods))
    write_times, apply_times = [], []
    for n in range(3):
        importer, store = fresh_import(root, f"write-{n}")
        plan = importer.plan(parsed, chosen)
        assert plan.can_apply and len(plan.planned) == NEW_STUDENTS
        start = time.perf_counter()
        with store.unit_of_work() as session:
            assert _write(session, plan, None, NOW).created == NEW_STUDENTS
        write_times.append(time.perf_counter() - start)
        store.close()

        importer, store = fresh_import(root, f"apply-{n}")
        start = time.perf_counter()
        result = importer.apply(parsed, chosen)
        apply_times.append(time.perf_counter() - start)
        assert result.created == NEW_STUDENTS and result.backup is not None
        with store.unit_of_work() as session:
            assert len(_snapshot(session).students) == NEW_STUDENTS
        store.close()
    report("2,000 new students: the write", NEW_STUDENTS, statistics.median(write_times))
    report("2,000 new students: plan, backup, write", NEW_STUDENTS, statistics.median(apply_times))


if __name__ == "__main__":
    main()
