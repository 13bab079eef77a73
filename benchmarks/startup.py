"""Start-up costs a teacher feels: first run with the demo, a normal open, a roster PDF."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from mathroom.clock import ShiftedClock
from mathroom.composition import open_services
from mathroom.paths import DataFolder

DAY = date(2026, 11, 23)  # a planned Monday: the figures do not move with the calendar
CLOCK = ShiftedClock(DAY)


def timed(action: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """Median and worst wall time in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="mathroom-bench-"))
    counter = iter(range(1000))

    def first_run() -> None:
        folder = DataFolder(root / f"fresh-{next(counter)}")
        services = open_services(folder, CLOCK)
        services.demo.create(DAY)
        services.close()

    first_median, first_worst = timed(first_run, repeat=3)
    demo = DataFolder(root / "fresh-0")

    def normal_open() -> None:
        open_services(demo, CLOCK).close()

    open_median, open_worst = timed(normal_open)
    services = open_services(demo, CLOCK)
    period = services.classroom.overview().periods[0]

    def roster_pdf() -> None:
        services.printing.roster_sheet(period.id, DAY, root / "roster.pdf")

    pdf_median, pdf_worst = timed(roster_pdf)
    services.close()
    print("startup benchmarks (median / worst, ms)")
    print(f"  first run: migrate + demo classroom   {first_median:8.1f} / {first_worst:8.1f}")
    print(f"  open existing data folder (+ checks)  {open_median:8.1f} / {open_worst:8.1f}")
    print(f"  roster check sheet PDF (22 students)  {pdf_median:8.1f} / {pdf_worst:8.1f}")
