"""Queueing the demo day's packet on the computer's print service (the PDF itself, `lp`):
target under 2 s. Needs a printer; uses $MATHROOM_BENCH_PRINTER, else the default one (CUPS's
test queue MathroomTestPDF when the printing tests have set it up), and skips otherwise.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from mathroom.clock import ShiftedClock
from mathroom.composition import open_services
from mathroom.domain.errors import MathroomError
from mathroom.paths import DataFolder
from mathroom.print_queue import PrintOptions
from mathroom.services.print_jobs import PrintJobService

DAY = date(2026, 11, 23)
CLOCK = ShiftedClock(DAY)
TARGET_S = 2.0
TEST_QUEUE = "MathroomTestPDF"


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="mathroom-bench-print-"))
    try:
        folder = DataFolder(root / "demo")
        services = open_services(folder, CLOCK)
        services.demo.create(DAY)
        try:
            report = services.packet.build(DAY, root / "packet.pdf")
            _queue(services.print_jobs, report.path, report.pages)
        finally:
            services.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _queue(jobs: PrintJobService, path: Path, pages: int) -> None:
    try:
        printers = jobs.printers()
    except MathroomError as exc:
        print(f"print: skipped ({exc})")
        return
    wanted = os.environ.get("MATHROOM_BENCH_PRINTER")
    printer = wanted or (TEST_QUEUE if TEST_QUEUE in printers.names else printers.default)
    if printer is None:
        print("print: skipped (no printer; set MATHROOM_BENCH_PRINTER)")
        return
    samples: list[float] = []
    for _run in range(3):
        start = time.perf_counter()
        jobs.print_pdf(path, pages, PrintOptions(printer, title="bench"))
        samples.append(time.perf_counter() - start)
    median = statistics.median(samples)
    verdict = "ok" if median < TARGET_S else "SLOW"
    size_mb = path.stat().st_size / 1e6
    print(
        f"print: {pages} pages ({size_mb:.1f} MB) queued on {printer} in median "
        f"{median:.2f} s (worst {max(samples):.2f} s, target {TARGET_S:.0f} s) {verdict}"
    )


if __name__ == "__main__":
    main()
