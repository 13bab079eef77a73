"""Command-line verbs for scripts and tests: demo, check, backup.

Expected failures print a plain message to stderr and exit non-zero; no tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from mathroom import __version__, paths
from mathroom.composition import local_now, open_services
from mathroom.domain.errors import MathroomError
from mathroom.logging_setup import configure_logging
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
    return parser


def data_folder(args: argparse.Namespace) -> DataFolder:
    return DataFolder(getattr(args, "data_dir", None) or paths.default_data_dir())


def run_command(args: argparse.Namespace) -> int:
    folder = data_folder(args)
    handlers: dict[str, Callable[[argparse.Namespace, DataFolder], int]] = {
        "demo": _demo,
        "check": _check,
        "backup": _backup,
    }
    try:
        folder.ensure()
        configure_logging(folder.logs)
        return handlers[args.command](args, folder)
    except MathroomError as exc:
        _err(str(exc))
        return EXIT_FAILED
    except OSError as exc:
        _err(f"{exc.strerror or exc}: {exc.filename or folder.root}")
        return EXIT_FAILED


def _demo(args: argparse.Namespace, folder: DataFolder) -> int:
    from PySide6.QtCore import QCoreApplication

    from mathroom.instance_lock import InstanceLock

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    lock = InstanceLock(folder.lock_file)
    lock.acquire()
    try:
        services = open_services(folder)
        try:
            if args.if_empty and not services.demo.is_empty():
                _out(f"{folder.root} already holds a classroom; left as it is.")
                return EXIT_OK
            summary = services.demo.create(date.today())
        finally:
            services.close()
    finally:
        lock.release()
        del app
    _out(
        f"Demo classroom created in {folder.root}: {summary.periods} periods, "
        f"{summary.students} students, {summary.skills} skills, {summary.tasks} tasks, "
        f"{summary.evidence} pieces of evidence, {summary.plans} plans for today."
    )
    return EXIT_OK


def _check(_args: argparse.Namespace, folder: DataFolder) -> int:
    report = MaintenanceService(folder, local_now).check()
    for line in report.lines():
        (_out if report.ok else _err)(line)
    return EXIT_OK if report.ok else EXIT_FAILED


def _backup(args: argparse.Namespace, folder: DataFolder) -> int:
    path = MaintenanceService(folder, local_now).backup_now(args.out)
    _out(f"Backup written: {path}")
    return EXIT_OK


def _out(message: str) -> None:
    sys.stdout.write(message + "\n")


def _err(message: str) -> None:
    sys.stderr.write(f"mathroom: {message}\n")


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
