"""Command-line verbs for scripts and tests: demo, check, backup, restore, import-roster,
import-scores, grouping, packet, print, classroom, plan, practice and library. No Qt: only the
window (``mathroom.app``, ``mathroom.desktop``) needs it.

Expected failures print a plain message to stderr and exit non-zero; no tracebacks.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from mathroom import paths
from mathroom.cli.common import EXIT_FAILED, err
from mathroom.cli.parser import build_parser, parse
from mathroom.clock import Clock
from mathroom.domain.errors import MathroomError
from mathroom.garbage import fewer_collections
from mathroom.logging_setup import configure_logging
from mathroom.paths import DataFolder

if TYPE_CHECKING:
    from mathroom.services.classrooms import Classrooms

__all__ = ["build_parser", "data_folder", "data_root", "parse", "run_command"]

Verb = Callable[[argparse.Namespace, DataFolder, Clock], int]
# The verbs that work in a data folder (`grouping` needs none): module of this package and
# function. A verb's module is imported when it runs, so `--version` or `check` starts
# without loading every service.
VERBS: dict[str, tuple[str, str]] = {
    "demo": ("maintenance", "run_demo"),
    "check": ("maintenance", "run_check"),
    "backup": ("maintenance", "run_backup"),
    "restore": ("maintenance", "run_restore"),
    "import-roster": ("imports", "run_import_roster"),
    "import-scores": ("imports", "run_import_scores"),
    "packet": ("packet", "run_packet"),
    "classroom": ("classrooms", "run_classroom"),
    "print": ("printing", "run_print"),
    "plan": ("plans", "run_plan"),
    "practice": ("practice", "run_practice"),
    "library": ("library", "run_library"),
}
# Verbs about the data folder as a whole, not the classroom that opens.
ROOT_VERBS = {"classroom"}


def _verb(command: str) -> Verb:
    module, function = VERBS[command]
    verb: Verb = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return verb


def data_root(args: argparse.Namespace) -> DataFolder:
    """The data folder itself: ``--data-dir``, MATHROOM_DATA_DIR or the platform's."""
    return DataFolder(getattr(args, "data_dir", None) or paths.default_data_dir())


def data_folder(args: argparse.Namespace, clock: Clock) -> DataFolder:
    """The classroom a verb works in: the data folder's open classroom (its root, unless
    another was chosen with `mathroom classroom use` or in the app)."""
    from mathroom.services.classrooms import Classrooms

    classrooms = Classrooms(data_root(args).root, clock.now)
    if args.command == "demo":
        # The demo only ever goes into the demo classroom (or a root never given another
        # name), never into the teacher's own empty classroom.
        return demo_target(classrooms)
    return classrooms.open_one().data_folder


def demo_target(classrooms: Classrooms) -> DataFolder:
    demo = classrooms.demo()
    if demo is not None:
        return demo.data_folder
    opened = classrooms.open_one()
    if not opened.is_root:
        raise MathroomError(
            f"The open classroom {opened.name!r} is your own; the demo is only made in the "
            "first classroom of a data folder. Use another --data-dir to try the demo."
        )
    return opened.data_folder


def run_command(args: argparse.Namespace, clock: Clock) -> int:
    """Run one verb on ``clock`` (the entry point's, so a script and the window agree)."""
    if args.command == "grouping":
        from mathroom.cli.grouping import run_grouping

        return run_grouping(args.file, clock.monotonic)  # no data folder, no lock
    folder = data_root(args)
    try:
        folder.ensure()
        configure_logging(folder.logs)
        with fewer_collections():  # a verb is one short build: imports, reads, a file
            if args.command not in ROOT_VERBS:
                folder = data_folder(args, clock)
            return _verb(args.command)(args, folder, clock)
    except MathroomError as exc:
        err(str(exc))
        return EXIT_FAILED
    except OSError as exc:
        err(f"{exc.strerror or exc}: {exc.filename or folder.root}")
        return EXIT_FAILED
