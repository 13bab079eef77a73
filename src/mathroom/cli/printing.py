"""`mathroom print`: make the day's packet and hand it to the computer's print service;
`mathroom print --list-printers`: the installed printers."""

from __future__ import annotations

import argparse

from mathroom.cli.common import EXIT_FAILED, EXIT_OK, err, locked_services, out
from mathroom.cli.packet import build_packet
from mathroom.clock import Clock
from mathroom.composition import Services
from mathroom.paths import DataFolder
from mathroom.print_queue import PrintOptions, choose_printer, describe_job

EXIT_USAGE = 2


def run_print(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    if not args.list_printers and args.date is None:
        err("print: --date YYYY-MM-DD is required (or --list-printers)")
        return EXIT_USAGE
    with locked_services(folder, clock) as services:
        if args.list_printers:
            return list_printers(services)
        for line in print_packet(services, args):
            out(line)
    return EXIT_OK


def list_printers(services: Services) -> int:
    """One printer a line; the default one followed by a tab and "default"."""
    printers = services.print_jobs.printers()
    if not printers.names:
        err("no printers are installed; add one in the system's printer settings")
        return EXIT_FAILED
    for name in printers.names:
        out(f"{name}\tdefault" if name == printers.default else name)
    return EXIT_OK


def print_packet(services: Services, args: argparse.Namespace) -> list[str]:
    """Build the packet, queue it; returns the two lines that say what happened."""
    jobs = services.print_jobs
    # No print service, CUPS not running, no such printer: say so before building.
    choose_printer(jobs.printers(), args.printer)
    target = args.out or services.packet.default_path(args.date)
    report = build_packet(services, args, target)
    pages = "1 page" if report.pages == 1 else f"{report.pages} pages"
    options = PrintOptions(
        printer=args.printer,
        copies=args.print_copies,
        pages=args.pages,
        two_sided=args.two_sided,
        title=report.path.stem,
    )
    # Two-sided: the packet's teacher pages on both sides, its cut pages on one.
    job = jobs.print_pdf(report.path, report.pages, options, report.runs)
    return [
        f"Packet for {args.date.isoformat()} written: {report.path} ({pages})",
        describe_job(job),
    ]
