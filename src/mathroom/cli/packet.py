"""`mathroom packet`: print the day's packet from a script, without opening the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from mathroom.cli.common import EXIT_OK, locked_services, out
from mathroom.clock import Clock
from mathroom.composition import Services
from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId
from mathroom.domain.packet_gaps import GapKind
from mathroom.domain.roster import Period
from mathroom.export.layout import PaperSize
from mathroom.export.packet_model import PacketOptions, Section
from mathroom.export.roster_sheet import ExportReport
from mathroom.export.task_cards import CardLayout
from mathroom.paths import DataFolder


def _period(periods: Sequence[Period], wanted: str) -> Period:
    key = wanted.strip().casefold()
    for period in periods:
        name = period.name.casefold()
        if name == key or name.split()[-1:] == [key]:
            return period
    names = ", ".join(p.name for p in periods)
    raise ValidationError("period", f"no period called {wanted!r} (there are: {names})")


def options_from(args: argparse.Namespace, paper: PaperSize) -> PacketOptions:
    sections = frozenset(Section)
    if args.sections:
        try:
            sections = frozenset(Section(s.strip()) for s in args.sections.split(",") if s.strip())
        except ValueError:
            choices = ", ".join(s.value for s in Section)
            raise ValidationError("sections", f"use some of: {choices}") from None
    if args.no_answer_key:
        sections -= {Section.ANSWER_KEY}
    if args.copies < 1 or args.copies > 40:
        raise ValidationError("copies", "must be between 1 and 40")
    options = PacketOptions(
        sections=sections,
        card_layout=CardLayout(args.cards),
        paper=paper,
        paper_saver=args.paper_saver,
    )
    return replace(options, copies=args.copies)


def run_packet(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    with locked_services(folder, clock) as services:
        out(write_packet(services, args))
    return EXIT_OK


def write_packet(services: Services, args: argparse.Namespace) -> str:
    """Build the packet the options ask for; returns the line that says where it went."""
    report = build_packet(services, args, args.out)
    pages = "1 page" if report.pages == 1 else f"{report.pages} pages"
    return f"Packet for {args.date.isoformat()} written: {report.path} ({pages})"


def build_packet(services: Services, args: argparse.Namespace, out: Path) -> ExportReport:
    """The packet the options of `packet` (or `print`) ask for, written to ``out``."""
    packet_service = services.packet
    paper = PaperSize(args.paper) if args.paper else packet_service.paper()
    options = options_from(args, paper)
    periods = None
    if args.period:
        all_periods = services.classroom.overview().periods
        periods = [_period(all_periods, name).id for name in args.period]
    warn_about_gaps(services, args, periods, options)
    return packet_service.build(args.date, out, periods, options)


def warn_about_gaps(
    services: Services,
    args: argparse.Namespace,
    periods: Sequence[PeriodId] | None,
    options: PacketOptions,
) -> None:
    """What the packet will leave out, one `warning: ` line each on stderr, before it is
    built: the packet is still made (exit 0), but a script's log shows the empty sections."""
    for gap in services.packet.gaps(args.date, periods, options.sections):
        if gap.kind is not GapKind.NOTHING_PLANNED:  # the build's own refusal says that
            sys.stderr.write(f"warning: {gap.text}\n")
