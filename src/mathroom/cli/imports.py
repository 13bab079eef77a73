"""`mathroom import-roster FILE` and `mathroom import-scores FILE`: the imports for scripts.
They never prompt.

Where an import window would ask, the verb exits 1, names the file, the line and what to
decide, and changes nothing (README.md, "Command line").

Scores: rows that can't be read (no student, no skill, a score such as "abc", a bad date) or
matched (an unknown student or skill code) block the import: fix the file, or
``--skip-unmatched`` to leave them out. Warnings (a duplicate line, a student number that lost
its leading zeros, an archived student, a date in the future) need ``--yes``, which also takes
the suggested skill code where a code differs from one skill's code only in case or
punctuation. Scores become levels by the cut points saved in the import window (50/70/90% by
default). Rows without a date get ``--date`` (default: today). ``--period NAME`` limits
matching by name to that period's students; student numbers are matched across every student.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from mathroom.cli.common import EXIT_FAILED, EXIT_OK, err, locked_services, out
from mathroom.clock import Clock
from mathroom.composition import Services
from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import PeriodId
from mathroom.domain.roster_import import ParsedRoster
from mathroom.importers.roster_plan import (
    ChangeKind,
    ImportDecisions,
    ImportPlan,
    choose_values,
    close_period,
    period_key,
)
from mathroom.paths import DataFolder
from mathroom.services.score_import import ScorePlan


def run_import_roster(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    with locked_services(folder, clock) as services:
        importer = services.roster_import
        parsed = importer.read(args.file)
        # Decided before planning, so the report says what will happen to leaving students.
        decisions = replace(roster_decisions(args, parsed), archive_leaving=args.archive_leaving)
        plan = importer.plan(parsed, decisions)
        if args.skip_conflicts and plan.conflicts:
            decisions = replace(decisions, skip_lines=frozenset(p.line for p in plan.conflicts))
            plan = importer.plan(parsed, decisions)
        for line in with_format(roster_plan_report(plan), parsed.file_format):
            out(line)
        if not plan.can_apply:
            for problem in plan.conflicts:
                err(f"{plan.source}, {problem.message} (conflict)")
            for question in plan.decisions_needed:
                err(f"{plan.source}: {question}")
            # --skip-conflicts settles conflicts only; a decision needs its own option.
            hint = " (or use --skip-conflicts)" if plan.conflicts else ""
            err(f"nothing was imported; settle the above{hint}")
            return EXIT_FAILED
        if plan.warnings and not args.yes:
            err(
                f"{plan.source}: {len(plan.warnings)} warnings (listed above); nothing was "
                "imported. Run again with --yes to accept them."
            )
            return EXIT_FAILED
        if args.dry_run:
            out("Dry run: nothing was changed.")
            return EXIT_OK
        result = importer.apply(parsed, decisions)
    out(result.summary())
    if result.backup is not None:
        out(f"Backup taken first: {result.backup}")
    return EXIT_OK


def roster_decisions(args: argparse.Namespace, parsed: ParsedRoster) -> ImportDecisions:
    """The choices the options make; names the file doesn't have are kept, so the plan can
    refuse them and list the file's own."""

    def chosen(text: str | None, available: Iterable[str | None]) -> frozenset[str] | None:
        if not text:
            return None
        found, unknown = choose_values(text, {v for v in available if v})
        return found | frozenset(unknown)

    new_periods = [n.strip() for n in (args.new_period or "").split(",") if n.strip()]
    return ImportDecisions(
        period_for_all=args.period,
        only_sections=chosen(args.only, parsed.periods),
        only_courses=chosen(args.course, (row.course for row in parsed.rows)),
        only_teachers=chosen(args.teacher, (row.teacher for row in parsed.rows)),
        period_answers=tuple((name, None) for name in new_periods),
    )


def with_format(report: list[str], file_format: str) -> list[str]:
    """The report with how the file was read ("Mac Roman, commas") under its first line: a
    wrong guess shows as garbled names, and this says where to look."""
    if not file_format:
        return report
    return [*report[:1], f"  read as: {file_format}", *report[1:]]


def roster_plan_report(plan: ImportPlan) -> list[str]:
    """The plan in plain lines: summary, decisions, then each group with names and lines."""
    lines = [f"{plan.source}: {plan.summary()}"]
    lines.extend(f"  to decide: {question}" for question in plan.decisions_needed)
    if plan.filtered_out_rows:
        n = plan.filtered_out_rows
        lines.append(
            "  1 row is not for the chosen sections and is left out"
            if n == 1
            else f"  {n} rows are not for the chosen sections and are left out"
        )
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


def run_import_scores(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    with locked_services(folder, clock) as services:
        return import_scores(
            services,
            args.file,
            period=args.period,
            on=args.date,
            yes=args.yes,
            skip_unmatched=args.skip_unmatched,
            dry_run=args.dry_run,
            out=out,
            err=err,
        )


def import_scores(
    services: Services,
    file: Path,
    *,
    period: str | None,
    on: date | None,
    yes: bool,
    skip_unmatched: bool,
    dry_run: bool,
    out: Callable[[str], None],
    err: Callable[[str], None],
) -> int:
    """Read, print the plan, and (unless blocked or a dry run) import; returns the exit code.

    ``out`` gets the plan and the result; ``err`` gets one line per problem, without the
    "mathroom: " prefix (``common.err`` adds it)."""
    importer = services.score_import
    try:
        period_id = _period_id(services, period)
        parsed = importer.read(file)
        default_date = on or services.clock.today()
        # The plan and the import read the file the same way.
        what = (parsed, period_id, default_date, importer.cut_points())
        plan = importer.plan(*what, skip_unmatched=skip_unmatched, use_suggestions=yes)
        for line in with_format(score_plan_report(plan), parsed.file_format):
            out(line)
        if not plan.can_apply:
            for message in plan.blocking_messages():
                err(f"{plan.source}, {message}")
            hint = " (--yes to use the suggested skill codes)" if plan.suggestions else ""
            err(
                f"{plan.source}: nothing was imported; fix the file, or run again with "
                f"--skip-unmatched to leave those rows out{hint}"
            )
            return EXIT_FAILED
        if plan.warnings and not yes:
            err(
                f"{plan.source}: {len(plan.warnings)} warnings (listed above); nothing was "
                "imported. Run again with --yes to accept them."
            )
            return EXIT_FAILED
        if dry_run:
            out("Dry run: nothing was changed.")
            return EXIT_OK
        result = importer.apply(*what, skip_unmatched=skip_unmatched, use_suggestions=yes)
    except MathroomError as exc:
        err(str(exc))
        return EXIT_FAILED
    out(result.summary())
    if result.backup is not None:
        out(f"Backup taken first: {result.backup}")
    return EXIT_OK


def _period_id(services: Services, name: str | None) -> PeriodId | None:
    if name is None:
        return None
    periods = services.roster.periods()
    for period in periods:
        if period_key(period.name) == period_key(name):
            return period.id
    known = ", ".join(p.name for p in periods) or "none yet"
    close = close_period(name, periods)
    hint = f"; did you mean '{close.name}'?" if close is not None else ""
    raise MathroomError(f"--period {name}: no such period (your periods: {known}){hint}")


def score_plan_report(plan: ScorePlan) -> list[str]:
    """The plan in plain lines: counts first, then every score and problem with its line."""
    lines = [f"{plan.source}: {plan.summary()}"]
    lines.append(f"  levels: {plan.cuts.describe()}")
    if plan.dated_by_default:
        undated = (
            "1 score has" if plan.dated_by_default == 1 else f"{plan.dated_by_default} scores have"
        )
        lines.append(f"  {undated} no date and will be dated {plan.default_date.isoformat()}")
    lines.extend(f"  note: {note}" for note in plan.notes)
    for planned in plan.matched:
        lines.append(
            f"  record: line {planned.row.line} {planned.student.full_name}, "
            f"{planned.skill.code}: {planned.how} ({planned.observed_on.isoformat()})"
        )
    for planned in plan.already_recorded:
        lines.append(
            f"  already in Mathroom: line {planned.row.line} {planned.student.full_name}, "
            f"{planned.skill.code} ({planned.observed_on.isoformat()})"
        )
    verb = "left out" if plan.skip_unmatched else "to decide"
    lines.extend(f"  can't read ({verb}): {p.message}" for p in plan.unreadable)
    lines.extend(f"  unknown student ({verb}): {s.message}" for s in plan.unmatched_students)
    lines.extend(f"  unknown skill ({verb}): {s.message}" for s in plan.unknown_skills)
    lines.extend(f"  skipped: {p.message}" for p in plan.skipped)
    lines.extend(f"  warning: {p.message}" for p in plan.warnings)
    if plan.ignored_columns:
        lines.append(f"  columns not imported: {', '.join(plan.ignored_columns)}")
    return lines
