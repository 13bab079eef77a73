"""`mathroom packet`: print the day's packet from a script, without opening the window."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from mathroom.composition import Services
from mathroom.domain.errors import ValidationError
from mathroom.domain.roster import Period
from mathroom.export.layout import PaperSize
from mathroom.export.packet_model import PacketOptions, Section
from mathroom.export.task_cards import CardLayout


def iso_date(text: str) -> date:
    """An argparse type: a real calendar date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-24"
        ) from None


def add_packet_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    packet = commands.add_parser(
        "packet",
        parents=[common],
        help="write the day's PDF packet (all periods, or --period) to --out",
    )
    packet.add_argument("--date", required=True, type=iso_date, metavar="YYYY-MM-DD")
    packet.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    packet.add_argument(
        "--period",
        action="append",
        metavar="NAME",
        help="only this period (a name like 'Period 2' or just 2); repeat for several",
    )
    packet.add_argument(
        "--sections",
        metavar="LIST",
        help="comma-separated sections to include: " + ", ".join(s.value for s in Section),
    )
    packet.add_argument("--no-answer-key", action="store_true", help="leave the answer key out")
    packet.add_argument(
        "--cards",
        choices=[c.value for c in CardLayout],
        default=CardLayout.HALF.value,
        help="station card layout (default: half = 2 per page)",
    )
    packet.add_argument("--copies", type=int, default=1, help="copies of each station card")
    packet.add_argument(
        "--paper", choices=[p.value for p in PaperSize], help="paper size (default: settings)"
    )


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
    options = PacketOptions(sections=sections, card_layout=CardLayout(args.cards), paper=paper)
    return replace(options, copies=args.copies)


def write_packet(services: Services, args: argparse.Namespace, out: Callable[[str], None]) -> None:
    packet_service = services.packet
    paper = PaperSize(args.paper) if args.paper else packet_service.paper()
    options = options_from(args, paper)
    periods = None
    if args.period:
        all_periods = services.classroom.overview().periods
        periods = [_period(all_periods, name).id for name in args.period]
    report = packet_service.build(args.date, args.out, periods, options)
    pages = "1 page" if report.pages == 1 else f"{report.pages} pages"
    out(f"Packet for {args.date.isoformat()} written: {report.path} ({pages})")
