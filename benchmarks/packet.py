"""The day's packet for the demo classroom, as ratios to floors measured in the same run.

- in process: the packet against a bare ReportLab canvas writing the same text (every line
  of every page, read back from the packet) in one embedded font (target ≤ 4×);
- as a whole process: ``mathroom packet`` for the demo day (target ≤ 2 s);
- its own process's peak memory (the measuring runs in a child process, so the figure is the
  packet's, not the benchmark runner's); and paper: pages per student with the paper saver
  (target at most 1.2).

Each in-process run starts with the typesetting caches cleared, as the app's first packet of
the day would.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from benchmarks.floors import child_env, in_process_seconds, mathroom_command, process_seconds

DAY = date(2026, 11, 23)
IN_PROCESS_TARGET = 4.0  # × the bare canvas
PROCESS_TARGET_S = 2.0
TARGET_PER_STUDENT = 1.2


def _page_texts(pdf: Path) -> list[list[str]]:
    from pypdf import PdfReader

    return [(page.extract_text() or "").splitlines() for page in PdfReader(pdf).pages]


def _bare_canvas(pages: list[list[str]], out: Path) -> None:
    """The floor: the same lines on the same number of pages, one embedded TrueType font."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from mathroom import paths

    pdfmetrics.registerFont(TTFont("FloorSans", str(paths.resource("fonts", "DejaVuSans.ttf"))))
    canvas = Canvas(str(out), pagesize=letter)
    for lines in pages:
        canvas.setFont("FloorSans", 11)
        y = 750.0
        for line in lines:
            canvas.drawString(40, y, line)
            y = y - 13 if y > 40 else 750.0
        canvas.showPage()
    canvas.save()


def measure() -> None:
    """In the child process: build the demo, time packet and floor, print the figures."""
    from mathroom.clock import ShiftedClock
    from mathroom.composition import open_services
    from mathroom.export.rich_text import clear_caches
    from mathroom.paths import DataFolder
    from mathroom.services.packet import PacketOptions

    root = Path(tempfile.mkdtemp(prefix="mathroom-bench-packet-"))
    try:
        folder = DataFolder(root / "demo")
        services = open_services(folder, ShiftedClock(DAY))
        services.demo.create(DAY)
        packet_pdf = root / "packet.pdf"
        pages = services.packet.build(DAY, packet_pdf).pages

        def packet() -> None:
            clear_caches()
            services.packet.build(DAY, packet_pdf)

        texts = _page_texts(packet_pdf)
        floor = in_process_seconds(lambda: _bare_canvas(texts, root / "floor.pdf"))
        seconds = in_process_seconds(packet, runs=3)
        saver = services.packet.count(DAY, None, PacketOptions(paper_saver=True))
        plain = services.packet.count(DAY, None, PacketOptions())
        services.close()
        command = [
            *mathroom_command(),
            "packet",
            "--date",
            DAY.isoformat(),
            "--out",
            str(root / "process.pdf"),
            "--data-dir",
            str(folder.root),
        ]
        whole = process_seconds(command, runs=3)
        # A machine's very first packet parses its fonts (then kept in the cache folder).
        fresh = {**child_env(), "MATHROOM_CACHE_DIR": str(root / "fresh")}
        first = process_seconds(command, runs=1, env=fresh, warm_up=False)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size_mb = packet_pdf.stat().st_size / 1e6
        ratio = seconds / floor
        print(
            f"packet ({pages} pages, {size_mb:.1f} MB; this process's peak memory {peak_mb:.0f} MB)"
        )
        print(
            f"  in process {seconds * 1000:6.0f} ms = {ratio:4.1f}× a bare canvas writing the "
            f"same text ({floor * 1000:.0f} ms) (target ≤ {IN_PROCESS_TARGET:g}×: "
            f"{'ok' if ratio <= IN_PROCESS_TARGET else 'over'}); {pages / seconds:.0f} pages/s"
        )
        print(
            f"  mathroom packet as a whole process {whole:5.2f} s "
            f"(target ≤ {PROCESS_TARGET_S:g} s: {'ok' if whole <= PROCESS_TARGET_S else 'over'}); "
            f"the machine's first, fonts not yet kept: {first:5.2f} s"
        )
        per_student = saver.layout.pages / saver.students
        verdict = "ok" if per_student <= TARGET_PER_STUDENT else "TOO MUCH PAPER"
        print(
            f"  paper: {plain.layout.pages} pages for {plain.students} students "
            f"({plain.layout.pages / plain.students:.2f} per student); paper saver "
            f"{saver.layout.pages} pages ({per_student:.2f} per student, target "
            f"≤ {TARGET_PER_STUDENT}) {verdict}; two-sided where it makes sense "
            f"{saver.layout.sheets(True)} sheets ({saver.per_student(True):.2f} per student)"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    """Measure in a child process: its memory is the packet's alone."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.packet", "--child"], env=child_env(), check=False
    )
    if done.returncode != 0:
        print(f"packet benchmark failed (exit {done.returncode})")


if __name__ == "__main__":
    if "--child" in sys.argv:
        measure()
    else:
        main()
