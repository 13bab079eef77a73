"""Personal practice sheets for the demo's 65 students: generated and laid out, target 1 s.

Generation is the pure domain work (problems, neighbours, answer banks); layout is the
sheets as the packet prints them (practice section only, math caches cleared first).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from mathroom.clock import ShiftedClock
from mathroom.composition import open_services
from mathroom.export.packet import build_packet
from mathroom.export.packet_model import Packet, PacketOptions, PeriodPacket, Section
from mathroom.export.rich_text import clear_caches
from mathroom.paths import DataFolder

DAY = date(2026, 11, 23)
CLOCK = ShiftedClock(DAY)
TARGET_S = 1.0


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="mathroom-bench-practice-"))
    try:
        services = open_services(DataFolder(root / "demo"), CLOCK)
        services.demo.create(DAY)
        periods = services.classroom.overview().periods
        generate, layout, total = [], [], []
        sheets = pages = 0
        for run in range(3):
            clear_caches()
            start = time.perf_counter()
            parts = tuple(
                PeriodPacket(
                    period.name,
                    period.course,
                    DAY,
                    practice=tuple(services.practice.printed_sheets(period.id, DAY)),
                )
                for period in periods
            )
            generated = time.perf_counter()
            only = Packet(DAY, parts, PacketOptions(sections=frozenset({Section.PRACTICE})))
            pages = build_packet(only, root / f"practice-{run}.pdf").pages
            done = time.perf_counter()
            sheets = sum(len(p.practice) for p in parts)
            generate.append(generated - start)
            layout.append(done - generated)
            total.append(done - start)
        services.close()
        median = statistics.median(total)
        verdict = "ok" if median < TARGET_S else "SLOW"
        print(
            f"practice: {sheets} sheets, {pages} pages; read and generate "
            f"{statistics.median(generate):.2f} s + lay out {statistics.median(layout):.2f} s "
            f"= {median:.2f} s "
            f"(target {TARGET_S:.0f} s) {verdict}"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
