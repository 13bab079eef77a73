"""What an import would do to the roster: new, updated, moved, returning, leaving, skipped.

Pure logic over a parsed file and a snapshot of the current roster; nothing is written here.
The teacher sees the plan in the wizard (or the CLI prints it) before anything changes.

A row is matched to a student by student number, else by name among the students of the
period it goes to: the one name key of ``domain.names`` (case, accents, punctuation and name
order ignored; the preferred name counts as a given name), the same key the score import uses.
The plan's types live in ``domain.roster_import``; the command line imports three from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.import_problems import ProblemKind, RowProblem
from mathroom.domain.names import NameIndex, name_key, same_person
from mathroom.domain.roster import Period, Student
from mathroom.domain.roster_import import ChangeKind as ChangeKind
from mathroom.domain.roster_import import (
    CurrentStudent,
    LeavingStudent,
    ParsedRoster,
    PeriodTarget,
    PlannedStudent,
    RosterRow,
    RosterSnapshot,
)
from mathroom.domain.roster_import import ImportDecisions as ImportDecisions
from mathroom.domain.roster_import import ImportPlan as ImportPlan

# More distinct sections than this in a file that matches none of the teacher's periods looks
# like a whole-school export: it is never written wholesale without an explicit choice.
WHOLE_SCHOOL_SECTIONS = 8
# Section and class numbers are deliberately not equated with period numbers: "Section 1" of a
# course is often not the teacher's first period.
_PERIOD_WORDS = re.compile(r"^(?:period|per|pd|p|hour|hr)?\s*[#.:-]?\s*0*(\d{1,2})$")


def period_key(name: str) -> str:
    """'Period 3', 'Per. 03', 'P3' and '3' all mean the same period."""
    text = " ".join(name.casefold().split())
    match = _PERIOD_WORDS.match(text)
    return f"#{int(match.group(1))}" if match else text


def plan_import(
    parsed: ParsedRoster, roster: RosterSnapshot, decisions: ImportDecisions
) -> ImportPlan:
    """Match the file's rows against the roster and say what would change."""
    periods_by_key = {period_key(p.name): p for p in roster.periods}
    period_names = {p.id: p.name for p in roster.periods}
    needed: list[str] = []

    sections = tuple(parsed.periods)
    taken = _taken_sections(parsed, roster, decisions, periods_by_key, needed)
    targets_by_section: dict[str | None, PeriodTarget] = {}

    def target_for(row: RosterRow) -> PeriodTarget | None:
        if decisions.period_for_all:
            wanted = decisions.period_for_all
        elif row.period:
            if row.period not in taken:
                return None
            wanted = row.period
        else:
            return None
        if wanted not in targets_by_section:
            existing = periods_by_key.get(period_key(wanted))
            targets_by_section[wanted] = (
                PeriodTarget(existing.id, existing.name) if existing else PeriodTarget(None, wanted)
            )
        return targets_by_section[wanted]

    unsettled = {p.line for p in parsed.conflicts} - decisions.accept_lines - decisions.skip_lines
    skip = set(decisions.skip_lines)
    conflicts = tuple(p for p in parsed.conflicts if p.line in unsettled)

    by_number = {c.student.student_number: c for c in roster.students if c.student.student_number}
    by_name: dict[PeriodId, NameIndex[CurrentStudent]] = {}
    for known in roster.students:
        student = known.student
        for period_id in known.period_ids:
            index = by_name.setdefault(period_id, NameIndex())
            index.add(known, student.given_name, student.family_name, student.preferred_name)

    grouped: dict[object, list[tuple[RosterRow, PeriodTarget]]] = {}
    order: list[object] = []
    filtered_out = 0
    missing_period_lines: list[int] = []
    for row in parsed.rows:
        if row.line in skip or row.line in unsettled:
            continue  # undecided conflicts are listed as conflicts, not planned
        target = target_for(row)
        if target is None:
            if row.period is None and not decisions.period_for_all:
                missing_period_lines.append(row.line)
            else:
                filtered_out += 1
            continue
        identity: object = row.student_number or (name_key(row.given_name, row.family_name),)
        if identity not in grouped:
            grouped[identity] = []
            order.append(identity)
        grouped[identity].append((row, target))

    if missing_period_lines:
        lines = ", ".join(str(n) for n in missing_period_lines[:5])
        more = "…" if len(missing_period_lines) > 5 else ""
        needed.append(
            f"{len(missing_period_lines)} rows have no period (lines {lines}{more}): choose the "
            "period they belong to (--period NAME on the command line)."
        )

    planned: list[PlannedStudent] = []
    matched: set[StudentId] = set()
    mismatches: list[RowProblem] = []
    for identity in order:
        rows = grouped[identity]
        row = rows[0][0]
        targets = tuple(dict.fromkeys(t for _, t in rows))
        current: CurrentStudent | None = (
            by_number.get(row.student_number) if row.student_number else None
        )
        if current is None:
            for target in targets:
                if target.period_id is not None and target.period_id in by_name:
                    found = by_name[target.period_id].find(
                        row.given_name, row.family_name, row.preferred_name
                    )
                    current = _closest(row, found)
                    if current is not None:
                        break
        if current is not None:
            matched.add(current.student.id)
            mismatch = _number_names_someone_else(row, current.student)
            if mismatch is not None and row.line not in decisions.accept_lines:
                mismatches.append(mismatch)
                continue
        planned.append(_classify(row, targets, current, period_names))

    touched_periods = {t.period_id for p in planned for t in p.targets if t.period_id is not None}
    leaving = tuple(
        LeavingStudent(c.student, tuple(sorted(period_names[p] for p in c.period_ids)))
        for c in roster.students
        if not c.student.archived and c.student.id not in matched and c.period_ids & touched_periods
    )
    new_periods = tuple(
        dict.fromkeys(t.name for p in planned for t in p.targets if t.period_id is None)
    )
    return ImportPlan(
        source=parsed.source,
        planned=tuple(planned),
        leaving=leaving,
        skipped=tuple(parsed.skipped)
        + tuple(p for p in parsed.conflicts if p.line in decisions.skip_lines),
        warnings=tuple(parsed.warnings),
        conflicts=conflicts + tuple(mismatches),
        new_periods=new_periods,
        sections=sections,
        taken_sections=tuple(s for s in sections if s in taken),
        filtered_out_rows=filtered_out,
        ignored_columns=tuple(parsed.ignored_columns),
        decisions_needed=tuple(needed),
        archives_leaving=decisions.archive_leaving,
    )


def _taken_sections(
    parsed: ParsedRoster,
    roster: RosterSnapshot,
    decisions: ImportDecisions,
    periods_by_key: Mapping[str, Period],
    needed: list[str],
) -> set[str]:
    """Which of the file's sections to import: chosen, or those matching the teacher's periods."""
    sections = list(parsed.periods)
    if decisions.period_for_all:
        return set(sections)
    if decisions.only_sections is not None:
        unknown = sorted(decisions.only_sections - set(sections))
        if unknown:
            needed.append(f"The file has no section named {', '.join(unknown)}.")
        return set(decisions.only_sections) & set(sections)
    matching = {s for s in sections if period_key(s) in periods_by_key}
    if matching:
        return matching  # rows for other sections are filtered out and counted
    if len(sections) > WHOLE_SCHOOL_SECTIONS:
        needed.append(
            f"The file lists {len(sections)} sections, none of them one of your periods: it "
            "looks like a whole-school export. Choose the sections to import "
            "(--only 'Section A,Section B' on the command line)."
        )
        return set()
    return set(sections)


def _classify(
    row: RosterRow,
    targets: tuple[PeriodTarget, ...],
    current: CurrentStudent | None,
    period_names: Mapping[PeriodId, str],
) -> PlannedStudent:
    if current is None:
        return PlannedStudent(ChangeKind.NEW, row, targets)
    student = current.student
    changes = tuple(_field_changes(student, row))
    wanted = {t.period_id for t in targets}
    from_periods = tuple(sorted(period_names.get(p, "?") for p in current.period_ids))
    if student.archived:
        kind = ChangeKind.RETURNING
    elif current.period_ids and not (wanted & current.period_ids):
        kind = ChangeKind.MOVED
    elif changes or (wanted - current.period_ids):
        kind = ChangeKind.UPDATED
    else:
        kind = ChangeKind.UNCHANGED
    return PlannedStudent(kind, row, targets, student.id, changes, from_periods)


def _closest(row: RosterRow, found: Sequence[CurrentStudent]) -> CurrentStudent | None:
    """The one student a name stands for; of several, one whose names are written the same."""
    if not found:
        return None
    exact = (row.given_name.casefold(), row.family_name.casefold())
    return next(
        (
            c
            for c in found
            if (c.student.given_name.casefold(), c.student.family_name.casefold()) == exact
        ),
        found[0],
    )


def _number_names_someone_else(row: RosterRow, student: Student) -> RowProblem | None:
    """Same student number, but no name in common: a data error or a reused number."""
    written = f"{row.given_name} {row.family_name} {row.preferred_name or ''}"
    if not row.student_number or same_person(
        written, student.given_name, student.family_name, student.preferred_name
    ):
        return None
    return RowProblem(
        line=row.line,
        kind=ProblemKind.CONFLICT,
        code="number_belongs_to_other",
        message=(
            f"line {row.line}: student number {row.student_number} belongs to "
            f"{student.given_name} {student.family_name} in Mathroom, but the file says "
            f"{row.given_name} {row.family_name}"
        ),
    )


def _field_changes(student: Student, row: RosterRow) -> Iterable[str]:
    pairs: Sequence[tuple[str, str | None, str | None]] = (
        ("given name", student.given_name, row.given_name),
        ("family name", student.family_name, row.family_name),
        ("student number", student.student_number, row.student_number),
    )
    for label, old, new in pairs:
        if (old or "") != (new or "") and new:
            yield f"{label}: {old or '—'} → {new}"
    # An empty preferred-name cell never erases a nickname the teacher typed in.
    if row.preferred_name and row.preferred_name != student.preferred_name:
        yield f"preferred name: {student.preferred_name or '—'} → {row.preferred_name}"
