"""Command-line verbs for scripts and tests: demo, check, backup, import-roster, import-scores,
grouping and packet.

Expected failures print a plain message to stderr and exit non-zero; no tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

from mathroom import __version__, paths
from mathroom.clock import Clock
from mathroom.composition import Services, open_services
from mathroom.domain.errors import MathroomError
from mathroom.importers.roster_plan import ChangeKind, ImportDecisions, ImportPlan
from mathroom.logging_setup import configure_logging
from mathroom.packet_cli import add_packet_parser, write_packet
from mathroom.paths import DataFolder
from mathroom.services.maintenance import MaintenanceService

EXIT_OK = 0
EXIT_FAILED = 1


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"data folder (default: {paths.default_data_dir()}; env {paths.DATA_DIR_ENV})",
    )
    parser = argparse.ArgumentParser(
        prog="mathroom",
        description="Mathroom: plan, group and print for a middle-school math classroom. "
        "Without a command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"Mathroom {__version__}")
    parser.add_argument(
        "--self-test",
        type=Path,
        metavar="DIR",
        help="smoke-test this build in an empty folder DIR (headless) and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo", parents=[common], help="create the demo classroom in an empty data folder"
    )
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help="do nothing (and succeed) when the folder already holds a classroom",
    )
    commands.add_parser(
        "check", parents=[common], help="check integrity and schema version (exit 0 = healthy)"
    )
    backup = commands.add_parser(
        "backup", parents=[common], help="write a verified backup of the database"
    )
    backup.add_argument("--out", type=Path, help="backup file to write (default: backups/)")
    roster = commands.add_parser(
        "import-roster",
        parents=[common],
        help="import students from CSV/TSV/TXT/XLSX or a OneRoster folder/zip (never prompts)",
    )
    roster.add_argument("file", type=Path, help="the export from the student information system")
    roster.add_argument(
        "--period", metavar="NAME", help="put every student in this period (files without one)"
    )
    roster.add_argument(
        "--only", metavar="SECTIONS", help="comma-separated sections of the file to import"
    )
    roster.add_argument("--yes", action="store_true", help="accept warnings (not conflicts)")
    roster.add_argument(
        "--skip-conflicts", action="store_true", help="settle conflicts by skipping those rows"
    )
    roster.add_argument(
        "--archive-leaving",
        action="store_true",
        help="archive students of the imported periods who are missing from the file",
    )
    roster.add_argument("--dry-run", action="store_true", help="show the plan; change nothing")
    grouping = commands.add_parser(
        "grouping",
        help="plan groups from a JSON request (FILE or - for stdin); prints JSON (see README)",
    )
    grouping.add_argument("file", help="the JSON request, or - to read standard input")
    scores = commands.add_parser(
        "import-scores",
        parents=[common],
        help="import scores or levels (CSV/TSV/TXT/XLSX) as evidence (never prompts)",
    )
    scores.add_argument("file", type=Path, help="a diagnostic or quiz export")
    scores.add_argument("--period", metavar="NAME", help="match student names in this period")
    scores.add_argument(
        "--date", metavar="YYYY-MM-DD", type=date.fromisoformat, help="date for rows without one"
    )
    scores.add_argument("--yes", action="store_true", help="accept warnings and suggested codes")
    scores.add_argument(
        "--skip-unmatched", action="store_true", help="leave out rows that can't be read or matched"
    )
    scores.add_argument("--dry-run", action="store_true", help="show the plan; change nothing")
    add_packet_parser(commands, common)
    return parser


def data_folder(args: argparse.Namespace) -> DataFolder:
    return DataFolder(getattr(args, "data_dir", None) or paths.default_data_dir())


def run_command(args: argparse.Namespace, clock: Clock) -> int:
    """Run one verb on ``clock`` (the entry point's, so a script and the window agree)."""
    if args.command == "grouping":
        return _grouping(args.file)  # pure: no data folder, no lock
    folder = data_folder(args)
    handlers: dict[str, Callable[[argparse.Namespace, DataFolder, Clock], int]] = {
        "demo": _demo,
        "check": _check,
        "backup": _backup,
        "import-roster": _import_roster,
        "import-scores": _import_scores,
        "packet": _packet,
    }
    try:
        folder.ensure()
        configure_logging(folder.logs)
        return handlers[args.command](args, folder, clock)
    except MathroomError as exc:
        _err(str(exc))
        return EXIT_FAILED
    except OSError as exc:
        _err(f"{exc.strerror or exc}: {exc.filename or folder.root}")
        return EXIT_FAILED


def _demo(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    with _locked_services(folder, clock) as services:
        if args.if_empty and not services.demo.is_empty():
            _out(f"{folder.root} already holds a classroom; left as it is.")
            return EXIT_OK
        summary = services.demo.create(clock.today())
    _out(
        f"Demo classroom created in {folder.root}: {summary.periods} periods, "
        f"{summary.students} students, {summary.skills} skills, {summary.tasks} tasks, "
        f"{summary.evidence} pieces of evidence, {summary.plans} day plans for this school week."
    )
    return EXIT_OK


def _check(_args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    report = MaintenanceService(folder, clock.now).check()
    for line in report.lines():
        (_out if report.ok else _err)(line)
    return EXIT_OK if report.ok else EXIT_FAILED


def _backup(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    path = MaintenanceService(folder, clock.now).backup_now(args.out)
    _out(f"Backup written: {path}")
    return EXIT_OK


def _import_roster(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    with _locked_services(folder, clock) as services:
        importer = services.roster_import
        parsed = importer.read(args.file)
        decisions = ImportDecisions(
            period_for_all=args.period,
            only_sections=(
                frozenset(s.strip() for s in args.only.split(",") if s.strip())
                if args.only
                else None
            ),
        )
        plan = importer.plan(parsed, decisions)
        if args.skip_conflicts and plan.conflicts:
            decisions = replace(decisions, skip_lines=frozenset(p.line for p in plan.conflicts))
            plan = importer.plan(parsed, decisions)
        for line in plan_report(plan):
            _out(line)
        if not plan.can_apply:
            for problem in plan.conflicts:
                _err(f"{plan.source}, {problem.message} (conflict)")
            for question in plan.decisions_needed:
                _err(f"{plan.source}: {question}")
            _err("nothing was imported; settle the above (or use --skip-conflicts)")
            return EXIT_FAILED
        if plan.warnings and not args.yes:
            _err(
                f"{plan.source}: {len(plan.warnings)} warnings (listed above); nothing was "
                "imported. Run again with --yes to accept them."
            )
            return EXIT_FAILED
        if args.dry_run:
            _out("Dry run: nothing was changed.")
            return EXIT_OK
        decisions = replace(decisions, archive_leaving=args.archive_leaving)
        result = importer.apply(parsed, decisions)
    _out(result.summary())
    if result.backup is not None:
        _out(f"Backup taken first: {result.backup}")
    return EXIT_OK


def _grouping(source: str) -> int:
    from mathroom.domain.grouping import InfeasibleError
    from mathroom.services.grouping_json import solve_json

    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        _out(solve_json(text))
    except OSError as exc:
        _err(f"{source}: {exc.strerror or exc}")
        return EXIT_FAILED
    except UnicodeDecodeError:
        _err(f"{source}: not UTF-8 text")
        return EXIT_FAILED
    except (MathroomError, InfeasibleError) as exc:
        _err(f"{source}: {exc}")
        return EXIT_FAILED
    return EXIT_OK


def _import_scores(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    from mathroom.score_cli import import_scores

    with _locked_services(folder, clock) as services:
        return import_scores(
            services,
            args.file,
            period=args.period,
            on=args.date,
            yes=args.yes,
            skip_unmatched=args.skip_unmatched,
            dry_run=args.dry_run,
            out=_out,
            err=_err,
        )


def _packet(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    with _locked_services(folder, clock) as services:
        write_packet(services, args, _out)
    return EXIT_OK


def plan_report(plan: ImportPlan) -> list[str]:
    """The plan in plain lines: summary, then each group with names and line numbers."""
    lines = [f"{plan.source}: {plan.summary()}"]
    if plan.filtered_out_rows:
        lines.append(f"  {plan.filtered_out_rows} rows belong to other sections and are left out")
    if plan.new_periods:
        lines.append(f"  new periods: {', '.join(plan.new_periods)}")
    for kind in (ChangeKind.NEW, ChangeKind.UPDATED, ChangeKind.MOVED, ChangeKind.RETURNING):
        for item in plan.of_kind(kind):
            where = ", ".join(t.name for t in item.targets)
            detail = f" ({'; '.join(item.changes)})" if item.changes else ""
            if kind is ChangeKind.MOVED:
                detail = f" (from {', '.join(item.from_periods)})"
            lines.append(
                f"  {kind.label.lower()}: line {item.row.line} {item.display} → {where}{detail}"
            )
    for leaving in plan.leaving:
        name = f"{leaving.student.given_name} {leaving.student.family_name}".strip()
        action = (
            "will be archived"
            if plan.archives_leaving
            else "not in the file (--archive-leaving to archive)"
        )
        lines.append(f"  leaving: {name} ({', '.join(leaving.period_names)}) {action}")
    for problem in plan.skipped:
        lines.append(f"  skipped: {problem.message}")
    for problem in plan.warnings:
        lines.append(f"  warning: {problem.message}")
    if plan.ignored_columns:
        lines.append(f"  columns not imported: {', '.join(plan.ignored_columns)}")
    return lines


@contextmanager
def _locked_services(folder: DataFolder, clock: Clock) -> Iterator[Services]:
    """Services for a writing verb, holding the same lock as the window."""
    from mathroom.instance_lock import InstanceLock

    lock = InstanceLock(folder.lock_file)
    lock.acquire()
    try:
        services = open_services(folder, clock)
        try:
            yield services
        finally:
            services.close()
    finally:
        lock.release()


def _out(message: str) -> None:
    sys.stdout.write(message + "\n")


def _err(message: str) -> None:
    sys.stderr.write(f"mathroom: {message}\n")


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
