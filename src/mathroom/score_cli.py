"""`mathroom import-scores FILE`: the score import for scripts. It never prompts.

Where the import window would ask, it exits 1, names the file, the line and what to decide,
and changes nothing:

- rows that can't be read (no student, no skill, a score such as "abc", a bad date) or matched
  (an unknown student or skill code): fix the file, or ``--skip-unmatched`` to leave them out;
- warnings (a duplicate line, a student number that lost its leading zeros, an archived
  student, a date in the future): ``--yes`` accepts them. ``--yes`` also takes the suggested
  skill code where a code differs from one skill's code only in case or punctuation.

Scores become levels by the cut points saved in the import window (50/70/90% by default).
Rows without a date get ``--date`` (default: today). ``--period NAME`` limits matching by name
to that period's students; student numbers are matched across every student.

``out`` gets the plan and the result; ``err`` gets one line per problem, without the
"mathroom: " prefix (cli.py's ``_err`` adds it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from mathroom.composition import Services
from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import PeriodId
from mathroom.importers.roster_plan import period_key
from mathroom.services.score_import import ScorePlan

EXIT_OK = 0
EXIT_FAILED = 1


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
    """Read, print the plan, and (unless blocked or a dry run) import; returns the exit code."""
    importer = services.score_import
    try:
        period_id = _period_id(services, period)
        parsed = importer.read(file)
        default_date = on or services.clock.today()
        cuts = importer.cut_points()
        plan = importer.plan(
            parsed,
            period_id,
            default_date,
            cuts,
            skip_unmatched=skip_unmatched,
            use_suggestions=yes,
        )
        for line in plan_report(plan):
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
        result = importer.apply(
            parsed,
            period_id,
            default_date,
            cuts,
            skip_unmatched=skip_unmatched,
            use_suggestions=yes,
        )
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
    raise MathroomError(f"--period {name}: no such period (your periods: {known})")


def plan_report(plan: ScorePlan) -> list[str]:
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
