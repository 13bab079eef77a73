"""The command line's grammar: every verb, option and help line (README.md, "Command line")."""

from __future__ import annotations

import argparse
import calendar
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TypeAlias

from mathroom import paths

# Light modules only: `mathroom --version` must not wait for ReportLab.
from mathroom.domain.packet_sections import Section
from mathroom.export.layout import CardLayout, PaperSize

# A string: argparse's class is not subscriptable at run time.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


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
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    parser.add_argument(
        "--self-test",
        type=Path,
        metavar="DIR",
        help="smoke-test this build in an empty folder DIR (headless) and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_maintenance(commands, common)
    _add_import_roster(commands, common)
    grouping = commands.add_parser(
        "grouping",
        help="plan groups from a JSON request (FILE or - for stdin); prints JSON (see README)",
    )
    grouping.add_argument("file", help="the JSON request, or - to read standard input")
    _add_import_scores(commands, common)
    _add_packet(commands, common)
    _add_classroom(commands, common)
    _add_print(commands, common)
    _add_plan(commands, common)
    _add_practice(commands, common)
    _add_library(commands, common)
    return parser


def _add_practice(commands: Commands, common: argparse.ArgumentParser) -> None:
    practice = commands.add_parser(
        "practice", parents=[common], help="show each present student's practice sheet for a day"
    )
    verbs = practice.add_subparsers(dest="practice_command", metavar="ACTION", required=True)
    show = verbs.add_parser(
        "show", parents=[common], help="print a day's sheets (text or --json, see README)"
    )
    show.add_argument("--date", required=True, type=iso_date, metavar="YYYY-MM-DD")
    show.add_argument("--period", metavar="NAME", help="only this period")
    show.add_argument("--json", action="store_true", help="JSON for scripts (see README)")


def _add_library(commands: Commands, common: argparse.ArgumentParser) -> None:
    server = argparse.ArgumentParser(add_help=False, parents=[common])
    server.add_argument(
        "--server",
        required=True,
        metavar="postgresql://USER@HOST/DB",
        help="the department library (password from ~/.pgpass, PGPASSFILE or the keychain)",
    )
    server.add_argument(
        "--require-tls", action="store_true", help="refuse a connection without TLS"
    )
    library = commands.add_parser(
        "library",
        parents=[common],
        help="share tasks, units and plan templates with the department's library",
    )
    verbs = library.add_subparsers(dest="library_command", metavar="ACTION", required=True)
    init = verbs.add_parser(
        "init",
        parents=[server],
        help="create or upgrade the library's schema, policies and grants (the lead; safe "
        "to run again)",
    )
    init.add_argument(
        "--teacher", action="append", default=[], metavar="ROLE",
        help="make this login role one of the department's teachers (repeatable)",
    )  # fmt: skip
    init.add_argument(
        "--lead", action="append", default=[], metavar="ROLE",
        help="make this login role a department lead, who may retire items (repeatable)",
    )  # fmt: skip
    verbs.add_parser("status", parents=[server], help="what is new or changed on either side")
    publish = verbs.add_parser("publish", parents=[server], help="send new and changed items")
    publish.add_argument(
        "--pack",
        type=Path,
        metavar="FILE.mathroom-tasks",
        help="publish this task pack file instead: its tasks, and the pack naming them",
    )
    verbs.add_parser("pull", parents=[server], help="bring the department's new and changed items")
    resolve = verbs.add_parser("resolve", parents=[server], help="settle one conflict")
    resolve.add_argument("item", help="the library item's id (status and pull print it)")
    resolve.add_argument(
        "--keep", required=True, choices=["mine", "library"],
        help="mine: keep this laptop's version (the next publish sends it); library: take "
        "the library's",
    )  # fmt: skip
    retire = verbs.add_parser("retire", parents=[server], help="retire items (leads only)")
    retire.add_argument("items", nargs="+", metavar="ITEM", help="library item ids")


def _add_plan(commands: Commands, common: argparse.ArgumentParser) -> None:
    plan = commands.add_parser(
        "plan",
        parents=[common],
        help="plan the next school days from a period's unit, or show a day's plan",
    )
    verbs = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    upcoming = verbs.add_parser(
        "next",
        parents=[common],
        help="plan the period's next school days from its unit, as the Plan page does",
    )
    upcoming.add_argument(
        "--period", required=True, metavar="NAME", help="a name like 'Period 2' or just 2"
    )
    upcoming.add_argument(
        "--from",
        dest="first",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the first day (default: the first school day after today or after the "
        "period's last planned lesson, whichever is later)",
    )
    upcoming.add_argument("--days", type=int, default=1, help="how many school days (1 to 20)")
    upcoming.add_argument(
        "--replace",
        action="store_true",
        help="plan over days that have a plan (projects and teacher time set ahead stay)",
    )
    upcoming.add_argument(
        "--allow-repeats",
        action="store_true",
        help="reuse the task used longest ago when no task is fresh",
    )
    show = verbs.add_parser("show", parents=[common], help="print a day's plan (text or --json)")
    show.add_argument("--date", required=True, type=iso_date, metavar="YYYY-MM-DD")
    show.add_argument("--period", metavar="NAME", help="only this period")
    show.add_argument("--json", action="store_true", help="JSON for scripts (see README)")


def _add_classroom(commands: Commands, common: argparse.ArgumentParser) -> None:
    classroom = commands.add_parser(
        "classroom",
        parents=[common],
        help="list, start or switch classrooms (the demo and your own) in the data folder",
    )
    verbs = classroom.add_subparsers(dest="classroom_command", metavar="ACTION", required=True)
    verbs.add_parser("list", parents=[common], help="every classroom; * marks the one that opens")
    new = verbs.add_parser(
        "new",
        parents=[common],
        help="start an empty classroom with the open one's skill map and task bank",
    )
    new.add_argument("name", help="its name, e.g. 'Room 14, 2026-27'")
    new.add_argument(
        "--from-demo",
        action="store_true",
        help="take the skill map and task bank from the demo classroom instead",
    )
    new.add_argument("--use", action="store_true", help="open the new classroom from now on")
    use = verbs.add_parser(
        "use", parents=[common], help="open this classroom from now on (app and commands)"
    )
    use.add_argument("name", help="the classroom's name (or 'demo')")


def _add_maintenance(commands: Commands, common: argparse.ArgumentParser) -> None:
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
    restore = commands.add_parser(
        "restore",
        parents=[common],
        help="put a backup in place of the database (the current file is kept first)",
    )
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the backup to restore")
    which.add_argument(
        "--latest",
        action="store_true",
        help="the newest backup that passes its integrity check",
    )
    which.add_argument(
        "--start-empty",
        action="store_true",
        help="no backup: start with an empty classroom (a damaged file and backups are kept)",
    )


def _add_import_roster(commands: Commands, common: argparse.ArgumentParser) -> None:
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
    roster.add_argument(
        "--course",
        metavar="NAME",
        help="import only these courses of the file (comma-separated; for whole-school files)",
    )
    roster.add_argument(
        "--teacher",
        metavar="NAME",
        help="import only these teachers' sections (comma-separated; for whole-school files)",
    )
    roster.add_argument(
        "--new-period",
        metavar="NAMES",
        help="create these periods even though their names are close to one of yours",
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


def _add_import_scores(commands: Commands, common: argparse.ArgumentParser) -> None:
    scores = commands.add_parser(
        "import-scores",
        parents=[common],
        help="import scores or levels (CSV/TSV/TXT/XLSX) as evidence (never prompts)",
    )
    scores.add_argument("file", type=Path, help="a diagnostic or quiz export")
    scores.add_argument("--period", metavar="NAME", help="match student names in this period")
    scores.add_argument(
        "--date", metavar="YYYY-MM-DD", type=iso_date, help="date for rows without one"
    )
    scores.add_argument("--yes", action="store_true", help="accept warnings and suggested codes")
    scores.add_argument(
        "--skip-unmatched", action="store_true", help="leave out rows that can't be read or matched"
    )
    scores.add_argument("--dry-run", action="store_true", help="show the plan; change nothing")


def iso_date(text: str) -> date:
    """An argparse type: a real calendar date written YYYY-MM-DD; anything else is refused in
    plain words (``2026-02-30``: February 2026 has 28 days)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    shape = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if shape is None:
        problem = "is not a date; write it as YYYY-MM-DD, e.g. 2026-11-24"
    else:
        year, month, _day = (int(part) for part in shape.groups())
        if not 1 <= month <= 12:
            problem = f"is not a date: there is no month {month}"
        else:
            days = calendar.monthrange(year, month)[1]
            problem = f"is not a date: {calendar.month_name[month]} {year} has {days} days"
    raise argparse.ArgumentTypeError(f"{text!r} {problem}")


def _add_packet(commands: Commands, common: argparse.ArgumentParser) -> None:
    packet = commands.add_parser(
        "packet",
        parents=[common],
        help="write the day's PDF packet (all periods, or --period) to --out",
    )
    packet.add_argument("--date", required=True, type=iso_date, metavar="YYYY-MM-DD")
    packet.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    _add_packet_contents(packet)
    packet.add_argument("--copies", type=int, default=1, help="copies of each station card")


def _add_packet_contents(verb: argparse.ArgumentParser) -> None:
    """What goes in the packet: shared by `packet` and `print`."""
    verb.add_argument(
        "--period",
        action="append",
        metavar="NAME",
        help="only this period (a name like 'Period 2' or just 2); repeat for several",
    )
    verb.add_argument(
        "--sections",
        metavar="LIST",
        help="comma-separated sections to include: " + ", ".join(s.value for s in Section),
    )
    verb.add_argument("--no-answer-key", action="store_true", help="leave the answer key out")
    verb.add_argument(
        "--cards",
        choices=[c.value for c in CardLayout],
        default=CardLayout.HALF.value,
        help="station card layout (default: half = 2 per page)",
    )
    verb.add_argument(
        "--paper", choices=[p.value for p in PaperSize], help="paper size (default: settings)"
    )
    verb.add_argument(
        "--paper-saver",
        action="store_true",
        help="less paper, nothing dropped: practice two to a page (half sheets to cut), exit "
        "tickets six, gallery slips three, group names on the station cards instead of "
        "posters, an answers-only key",
    )


def _add_print(commands: Commands, common: argparse.ArgumentParser) -> None:
    printing = commands.add_parser(
        "print",
        parents=[common],
        help="make the day's packet and send it to a printer (or --list-printers)",
    )
    printing.add_argument(
        "--list-printers",
        action="store_true",
        help="list the installed printers, one a line (the default one marked) and exit",
    )
    printing.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD")
    printing.add_argument("--printer", metavar="NAME", help="printer (default: the system's)")
    # `packet --copies` counts station cards; here --copies counts printed copies, so the
    # packet's option is --card-copies, kept under the name `packet` reads (args.copies).
    printing.add_argument(
        "--copies", dest="print_copies", type=int, default=1, help="copies to print"
    )
    printing.add_argument(
        "--card-copies", dest="copies", type=int, default=1, help="copies of each station card"
    )
    printing.add_argument(
        "--pages", metavar="RANGE", default="", help="pages to print, like 1-4,9 (default: all)"
    )
    printing.add_argument(
        "--two-sided",
        action="store_true",
        help="teacher pages on both sides; cards, slips and practice stay one-sided",
    )
    printing.add_argument(
        "--out", type=Path, metavar="FILE.pdf", help="where the packet is kept (default: exports/)"
    )
    _add_packet_contents(printing)


class _Version(argparse.Action):
    """``--version``, reading the installed version only when it is asked for."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        import sys

        import mathroom

        sys.stdout.write(f"Mathroom {mathroom.__version__}\n")
        parser.exit()
