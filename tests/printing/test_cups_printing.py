"""Printing to a real CUPS queue that writes PDFs (cups-pdf): the demo packet, the options
lp gets, a missing printer, and the `mathroom print` verb. No mocks here."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from mathroom.composition import Services
from mathroom.domain.paper import PageRun
from mathroom.paths import DataFolder
from mathroom.print_queue import PrintError, PrintOptions, describe_job
from tests.printing.cups import PdfQueue, copies_of
from tests.store.test_cli import mathroom

# Printing hands a finished PDF to CUPS: the same on any day (the packet's dates are tested
# with the packet), so the date reruns leave these out.
pytestmark = [pytest.mark.cups, pytest.mark.any_date]


def _packet(services: Services, school_day: date, tmp_path: Path) -> tuple[Path, int]:
    report = services.packet.build(school_day, tmp_path / "packet.pdf")
    return report.path, report.pages


def test_the_whole_demo_packet_is_queued_in_seconds(
    services: Services, school_day: date, tmp_path: Path, cups_printer: PdfQueue
) -> None:
    path, pages = _packet(services, school_day, tmp_path)
    assert pages > 100
    start = time.perf_counter()
    job = services.print_jobs.print_pdf(
        path, pages, PrintOptions(cups_printer.name, title="packet")
    )
    assert time.perf_counter() - start < 5  # queued, not drawn page by page
    assert describe_job(job).startswith(f"Sent {pages} pages to {cups_printer.name} (job ")
    printed = cups_printer.wait_for(job.job)
    assert len(PdfReader(printed).pages) == pages
    # The choice is remembered for the next print dialog.
    choices = services.print_jobs.choices()
    assert choices.available and choices.printer == cups_printer.name


def test_copies_two_sided_and_pages_reach_lp(
    services: Services, school_day: date, tmp_path: Path, cups_printer: PdfQueue
) -> None:
    path, pages = _packet(services, school_day, tmp_path)
    options = PrintOptions(cups_printer.name, copies=2, pages="1-3, 7", two_sided=True)
    job = services.print_jobs.print_pdf(path, pages, options)
    assert (job.pages, job.copies) == (4, 2)
    printed = cups_printer.wait_for(job.job)
    assert len(PdfReader(printed).pages) == 4  # cups-pdf writes one copy of the range
    attributes = cups_printer.job_attributes(job.job)
    assert copies_of(attributes) == 2
    assert b"two-sided-long-edge" in attributes
    assert services.print_jobs.choices().two_sided


def test_a_missing_printer_names_the_installed_ones(
    services: Services, school_day: date, tmp_path: Path, cups_printer: PdfQueue
) -> None:
    path, pages = _packet(services, school_day, tmp_path)
    with pytest.raises(PrintError) as caught:
        services.print_jobs.print_pdf(path, pages, PrintOptions("NoSuchPrinter"))
    message = str(caught.value)
    assert message.startswith("The printer 'NoSuchPrinter' is not installed (installed: ")
    assert cups_printer.name in message


def test_the_print_verb_lists_printers_and_prints_the_packet(
    demo_folder: DataFolder, school_day: date, cups_printer: PdfQueue
) -> None:
    data = demo_folder.root
    listed = mathroom("print", "--list-printers", data=data, today=school_day)
    assert listed.returncode == 0, listed.stderr
    assert cups_printer.name in [line.split("\t")[0] for line in listed.stdout.splitlines()]

    day = school_day.isoformat()
    printed = mathroom(
        "print",
        "--date",
        day,
        "--printer",
        cups_printer.name,
        "--pages",
        "2-5",
        "--period",
        "1",
        data=data,
        today=school_day,
    )
    assert printed.returncode == 0, printed.stderr
    written, sent = printed.stdout.splitlines()
    assert written.startswith(f"Packet for {day} written: ")
    assert sent.startswith(f"Sent 4 pages to {cups_printer.name} (job ")
    number = sent.rsplit("job ", 1)[1].rstrip(")")
    assert len(PdfReader(cups_printer.wait_for(f"{cups_printer.name}-{number}")).pages) == 4

    missing = mathroom("print", "--date", day, "--printer", "Nope", data=data, today=school_day)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr.startswith("mathroom: The printer 'Nope' is not installed (installed: ")

    usage = mathroom("print", data=data)
    assert usage.returncode == 2 and "--date YYYY-MM-DD is required" in usage.stderr


def _numbered_pdf(path: Path, pages: int) -> Path:
    """A PDF whose every page says its number, to see each one arrive."""
    drawing = canvas.Canvas(str(path))
    for page in range(1, pages + 1):
        drawing.drawString(72, 720, f"Page {page}")
        drawing.showPage()
    drawing.save()
    return path


def test_two_sided_sends_a_job_per_run_and_every_page_arrives(
    services: Services, tmp_path: Path, cups_printer: PdfQueue
) -> None:
    path = _numbered_pdf(tmp_path / "packet.pdf", 8)
    # Run sheet and key on both sides; cards and slips (4-6) to be cut, on one.
    runs = (PageRun(1, 3, True), PageRun(4, 5, False), PageRun(6, 6, False), PageRun(7, 8, True))
    options = PrintOptions(cups_printer.name, two_sided=True, title="runs")
    job = services.print_jobs.print_pdf(path, 8, options, runs)
    assert len(job.jobs) == 3 and job.pages == 8
    assert describe_job(job).startswith(f"Sent 8 pages to {cups_printer.name} (jobs ")
    assert describe_job(job).endswith("Cut and posted pages print on one side.")
    arrived: list[str] = []
    for name, two_sided in zip(job.jobs, (True, False, True), strict=True):
        printed = PdfReader(cups_printer.wait_for(name))
        arrived += [page.extract_text().strip() for page in printed.pages]
        attributes = cups_printer.job_attributes(name)
        assert (b"two-sided-long-edge" in attributes) == two_sided
        assert (b"one-sided" in attributes) == (not two_sided)
    assert arrived == [f"Page {n}" for n in range(1, 9)]
