"""The day's packet for the demo classroom: target under 2 s; pages per second, peak memory;
and paper: pages per student with the paper saver (target at most 1.2).

Each run starts in a fresh process state for math (caches cleared), as the app's first
packet of the day would.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from mathroom.clock import ShiftedClock
from mathroom.composition import open_services
from mathroom.export.rich_text import clear_caches
from mathroom.paths import DataFolder
from mathroom.services.packet import PacketOptions

DAY = date(2026, 11, 23)
CLOCK = ShiftedClock(DAY)
TARGET_S = 2.0
TARGET_PER_STUDENT = 1.2


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="mathroom-bench-packet-"))
    try:
        folder = DataFolder(root / "demo")
        services = open_services(folder, CLOCK)
        services.demo.create(DAY)
        samples: list[float] = []
        pages = 0
        for run in range(3):
            clear_caches()
            start = time.perf_counter()
            report = services.packet.build(DAY, root / f"packet-{run}.pdf")
            samples.append(time.perf_counter() - start)
            pages = report.pages
        saver = services.packet.count(DAY, None, PacketOptions(paper_saver=True))
        plain = services.packet.count(DAY, None, PacketOptions())
        services.close()
        median = statistics.median(samples)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size_mb = (root / "packet-0.pdf").stat().st_size / 1e6
        verdict = "ok" if median < TARGET_S else "SLOW"
        print(
            f"packet: {pages} pages, median {median:.2f} s (worst {max(samples):.2f} s, "
            f"target {TARGET_S:.0f} s) {verdict}; {pages / median:.0f} pages/s; "
            f"peak memory {peak_mb:.0f} MB; file {size_mb:.1f} MB"
        )
        per_student = saver.layout.pages / saver.students
        verdict = "ok" if per_student <= TARGET_PER_STUDENT else "TOO MUCH PAPER"
        print(
            f"paper: {plain.layout.pages} pages for {plain.students} students "
            f"({plain.layout.pages / plain.students:.2f} per student); paper saver "
            f"{saver.layout.pages} pages ({per_student:.2f} per student, target "
            f"≤ {TARGET_PER_STUDENT}) {verdict}; two-sided where it makes sense "
            f"{saver.layout.sheets(True)} sheets ({saver.per_student(True):.2f} per student)"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
