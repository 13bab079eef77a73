"""Start-up costs a teacher feels: the window's first paint and the command-line verbs as
whole processes (each a ratio to its floor measured in the same run), then first run with the
demo, a normal open and a roster PDF in process."""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from benchmarks.floors import mathroom_command, process_seconds, python, ratio_line
from mathroom.clock import ShiftedClock
from mathroom.composition import open_services
from mathroom.paths import DataFolder

DAY = date(2026, 11, 23)  # a planned Monday: the figures do not move with the calendar
CLOCK = ShiftedClock(DAY)
WINDOW_TARGET = 3.0  # × a bare QMainWindow with a list and a table
VERB_TARGET = 8.0  # × python -c pass


def whole_processes(demo: DataFolder, root: Path) -> None:
    """The window to its first paint and the verbs, as a teacher starts them."""
    bare_window = process_seconds([python(), "-m", "benchmarks.first_paint", "bare"])
    # A copy per run would time the first start's backup; the teacher's usual start has
    # none due, so every run opens the same folder.
    app = process_seconds([python(), "-m", "benchmarks.first_paint", "app", str(demo.root)])
    filled = process_seconds([python(), "-m", "benchmarks.first_paint", "filled", str(demo.root)])
    floor = process_seconds([python(), "-c", "pass"])
    request = root / "grouping.json"
    students = [f"s{n}" for n in range(28)]
    request.write_text(json.dumps({"students": students, "group_size": 4, "rounds": 1}))
    command = mathroom_command()
    data = ["--data-dir", str(demo.root)]
    verbs = {
        "mathroom --version": [*command, "--version"],
        "mathroom check": [*command, "check", *data],
        "mathroom grouping (28 in fours)": [*command, "grouping", str(request)],
    }
    print("start-up as whole processes (median of 5 after a warm-up)")
    print(
        f"  floors: bare QMainWindow {bare_window * 1000:.0f} ms, python -c pass "
        f"{floor * 1000:.0f} ms"
    )
    print(
        ratio_line("window to first paint (demo)", app, bare_window, WINDOW_TARGET, "bare window")
    )
    print(
        f"  {'… its Today page filled and painted':<38} {filled * 1000:7.0f} ms = "
        f"{filled / bare_window:5.1f}× bare window (database opened, the day read)"
    )
    for label, argv in verbs.items():
        seconds = process_seconds(argv)
        print(ratio_line(label, seconds, floor, VERB_TARGET, "python -c pass"))


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
    whole_processes(demo, root)

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
    shutil.rmtree(root, ignore_errors=True)
