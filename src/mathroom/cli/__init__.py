"""Command-line verbs for scripts and tests: demo, check, backup, import-roster, import-scores,
grouping, packet and print. No Qt: only the window (``mathroom.app``, ``mathroom.desktop``)
needs it.

Expected failures print a plain message to stderr and exit non-zero; no tracebacks.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from mathroom import paths
from mathroom.cli.common import EXIT_FAILED, err
from mathroom.cli.parser import build_parser, parse
from mathroom.clock import Clock
from mathroom.domain.errors import MathroomError
from mathroom.logging_setup import configure_logging
from mathroom.paths import DataFolder

__all__ = ["build_parser", "data_folder", "parse", "run_command"]

Verb = Callable[[argparse.Namespace, DataFolder, Clock], int]
# The verbs that work in a data folder (`grouping` needs none): module of this package and
# function. A verb's module is imported when it runs, so `--version` or `check` starts
# without loading every service.
VERBS: dict[str, tuple[str, str]] = {
    "demo": ("maintenance", "run_demo"),
    "check": ("maintenance", "run_check"),
    "backup": ("maintenance", "run_backup"),
    "import-roster": ("imports", "run_import_roster"),
    "import-scores": ("imports", "run_import_scores"),
    "packet": ("packet", "run_packet"),
    "print": ("printing", "run_print"),
}


def _verb(command: str) -> Verb:
    module, function = VERBS[command]
    verb: Verb = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return verb


def data_folder(args: argparse.Namespace) -> DataFolder:
    return DataFolder(getattr(args, "data_dir", None) or paths.default_data_dir())


def run_command(args: argparse.Namespace, clock: Clock) -> int:
    """Run one verb on ``clock`` (the entry point's, so a script and the window agree)."""
    if args.command == "grouping":
        from mathroom.cli.grouping import run_grouping

        return run_grouping(args.file)  # pure: no data folder, no lock
    folder = data_folder(args)
    try:
        folder.ensure()
        configure_logging(folder.logs)
        return _verb(args.command)(args, folder, clock)
    except MathroomError as exc:
        err(str(exc))
        return EXIT_FAILED
    except OSError as exc:
        err(f"{exc.strerror or exc}: {exc.filename or folder.root}")
        return EXIT_FAILED
