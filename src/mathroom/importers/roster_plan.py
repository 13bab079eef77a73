"""What an import would do to the roster: new, updated, moved, returning, leaving, skipped.

Pure logic over a parsed file and a snapshot of the current roster; nothing is written here.
The teacher sees the plan in the wizard (or the CLI prints it) before anything changes.

A row is matched to a student by student number, else by name among the students of the
period it goes to: the one name key of ``domain.names`` (case, accents, punctuation and name
order ignored; the preferred name counts as a given name), the same key the score import uses.
A name the file writes with less care than Mathroom ('Jose' for 'José') keeps Mathroom's
spelling; one a spreadsheet damaged ('Nguy?n') is a conflict and never replaces the name.

A file that holds more than the teacher's classes (several courses or teachers, many
sections, or more students for one period than a class holds) is never merged on a guess:
the plan lists what the file holds and waits for the teacher to choose. So does a section
name that is close to, but not, one of the teacher's periods ("Perod 1").
The plan's types live in ``domain.roster_import``; the command line imports three from here.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace

from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.import_problems import ProblemKind, RowProblem
from mathroom.domain.names import (
    NameIndex,
    has_lost_letters,
    is_damaged_copy,
    name_key,
    same_person,
    spelling_lost,
)
from mathroom.domain.roster import Period, Student
from mathroom.domain.roster_import import ChangeKind as ChangeKind
from mathroom.domain.roster_import import (
    CurrentStudent,
    FileContents,
    LeavingStudent,
    ParsedRoster,
    PeriodQuestion,
    PeriodTarget,
    PlannedStudent,
    RosterRow,
    RosterSnapshot,
    Tally,
    listing,
)
from mathroom.domain.roster_import import ImportDecisions as ImportDecisions
from mathroom.domain.roster_import import ImportPlan as ImportPlan
from mathroom.domain.roster_import import period_key as period_key

# More distinct sections than this in a file, not all of them the teacher's periods, looks
# like a whole-school export: it is never written wholesale without an explicit choice.
WHOLE_SCHOOL_SECTIONS = 8
# No 7th-grade class holds more; a period that would is a whole-school file taken whole.
CLASS_LIMIT = 45
# How alike two period names must be (difflib ratio) to ask "did you mean ...?".
CLOSE_NAMES = 0.8


def close_period(name: str, periods: Iterable[Period]) -> Period | None:
    """The teacher's period a name is close to without being it ('Perod 1' → 'Period 1').

    Two numbered periods are different periods however alike they look ('Period 12' is not a
    misspelt 'Period 1')."""
    key = period_key(name)
    text = " ".join(name.casefold().split())
    best: tuple[float, Period] | None = None
    for period in periods:
        other = period_key(period.name)
        if other == key or (key.startswith("#") and other.startswith("#")):
            continue
        ratio = difflib.SequenceMatcher(None, text, " ".join(period.name.casefold().split()))
        score = ratio.ratio()
        if score >= CLOSE_NAMES and (best is None or score > best[0]):
            best = (score, period)
    return best[1] if best else None


def choose_values(text: str, available: Collection[str]) -> tuple[frozenset[str], list[str]]:
    """The file's values named in a comma-separated option, and the names that are none.

    Case and spacing are forgiven; a value that itself holds a comma ('Rivera, Ana') is found
    whole."""
    by_key = {_value_key(v): v for v in available}
    parts = [p.strip() for p in text.split(",")]
    chosen: set[str] = set()
    unknown: list[str] = []
    start = 0
    while start < len(parts):
        # the longest run of parts that names a value wins: "Rivera, Ana" before "Rivera"
        for end in range(len(parts), start, -1):
            found = by_key.get(_value_key(", ".join(parts[start:end])))
            if found is not None:
                chosen.add(found)
                start = end
                break
        else:
            if parts[start]:
                unknown.append(parts[start])
            start += 1
    return frozenset(chosen), unknown


def _value_key(value: str) -> str:
    return " ".join(value.casefold().split())


def plan_import(
    parsed: ParsedRoster, roster: RosterSnapshot, decisions: ImportDecisions
) -> ImportPlan:
    """Match the file's rows against the roster and say what would change."""
    periods_by_key = {period_key(p.name): p for p in roster.periods}
    period_names = {p.id: p.name for p in roster.periods}
    needed: list[str] = []

    contents = describe_file(parsed, periods_by_key)
    rows = _rows_of_chosen(parsed.rows, decisions, contents, needed)
    sections = tuple(parsed.periods)
    taken = _taken_sections(rows, contents, decisions, periods_by_key, needed)
    targets_by_section: dict[str | None, PeriodTarget] = {}
    questions: dict[str, PeriodQuestion] = {}

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
            targets_by_section[wanted] = _target(wanted, roster.periods, periods_by_key, decisions)
        target = targets_by_section[wanted]
        if target.is_new and not decisions.answer_for(wanted)[0]:
            close = close_period(wanted, roster.periods)
            if close is not None:
                asked = questions.get(wanted)
                line = None if decisions.period_for_all else row.line
                questions[wanted] = (
                    replace(asked, rows=asked.rows + 1)
                    if asked
                    else PeriodQuestion(wanted, close.name, 1, line)
                )
        return target

    unsettled = {p.line for p in parsed.conflicts} - decisions.accept_lines - decisions.skip_lines
    skip = set(decisions.skip_lines)
    conflicts = tuple(p for p in parsed.conflicts if p.line in unsettled)

    by_number = {c.student.student_number: c for c in roster.students if c.student.student_number}
    by_name: dict[PeriodId, NameIndex[CurrentStudent]] = {}
    members: dict[PeriodId, list[CurrentStudent]] = {}
    for known in roster.students:
        student = known.student
        for period_id in known.period_ids:
            index = by_name.setdefault(period_id, NameIndex())
            index.add(known, student.given_name, student.family_name, student.preferred_name)
            members.setdefault(period_id, []).append(known)

    grouped: dict[object, list[tuple[RosterRow, PeriodTarget]]] = {}
    order: list[object] = []
    filtered_out = len(parsed.rows) - len(rows)
    missing_period_lines: list[int] = []
    for row in rows:
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
        needed.append(
            f"{_rows(len(missing_period_lines))} no period ({_lines(missing_period_lines)}): "
            "choose the period they belong to (--period NAME on the command line)."
        )

    planned: list[PlannedStudent] = []
    matched: set[StudentId] = set()
    row_conflicts: list[RowProblem] = []
    for identity in order:
        entries = grouped[identity]
        row = entries[0][0]
        targets = tuple(dict.fromkeys(t for _, t in entries))
        current: CurrentStudent | None = (
            by_number.get(row.student_number) if row.student_number else None
        )
        if current is None:
            current = _find_by_name(row, targets, by_name, members)
        if current is not None:
            matched.add(current.student.id)
            row, damaged = _keep_stored_names(row, current.student)
            accepted = row.line in decisions.accept_lines
            mismatch = _number_names_someone_else(row, current.student)
            if mismatch is not None and not accepted:
                row_conflicts.append(mismatch)
                continue
            if damaged and not accepted:
                row_conflicts.append(_damaged_conflict(row.line, damaged))
                continue
        planned.append(_classify(row, targets, current, period_names))

    needed.extend(_over_capacity(planned, roster.students, decisions.archive_leaving))
    needed.extend(q.message for q in questions.values())
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
        conflicts=conflicts + tuple(row_conflicts),
        new_periods=new_periods,
        sections=sections,
        taken_sections=tuple(s for s in sections if s in taken),
        filtered_out_rows=filtered_out,
        ignored_columns=tuple(parsed.ignored_columns),
        decisions_needed=tuple(needed),
        archives_leaving=decisions.archive_leaving,
        contents=contents,
        period_questions=tuple(questions.values()),
    )


def describe_file(parsed: ParsedRoster, periods_by_key: Mapping[str, Period]) -> FileContents:
    """The courses, teachers and sections a file holds, and whether the teacher must choose."""
    courses = Counter(row.course for row in parsed.rows if row.course)
    teachers = Counter(row.teacher for row in parsed.rows if row.teacher)
    sections = Counter(row.period for row in parsed.rows if row.period)
    why: list[str] = []
    if len(courses) > 1:
        why.append(f"{len(courses)} courses")
    if len(teachers) > 1:
        why.append(f"{len(teachers)} teachers")
    if len(sections) > WHOLE_SCHOOL_SECTIONS and any(
        period_key(s) not in periods_by_key for s in sections
    ):
        why.append(f"{len(sections)} sections")
    return FileContents(_tallies(courses), _tallies(teachers), _tallies(sections), tuple(why))


def _tallies(counts: Counter[str]) -> tuple[Tally, ...]:
    return tuple(Tally(name, n) for name, n in sorted(counts.items(), key=lambda kv: kv[0]))


def _rows_of_chosen(
    rows: Sequence[RosterRow],
    decisions: ImportDecisions,
    contents: FileContents,
    needed: list[str],
) -> Sequence[RosterRow]:
    """The rows of the courses and teachers chosen; none while a whole-school file waits."""
    if contents.whole_school and not decisions.chose_part:
        needed.append(contents.question)
        return ()
    courses, teachers = decisions.only_courses, decisions.only_teachers
    for chosen, tallies, what, option in (
        (courses, contents.courses, "course", "--course"),
        (teachers, contents.teachers, "teacher", "--teacher"),
    ):
        if chosen is None:
            continue
        unknown = sorted(chosen - {t.name for t in tallies})
        if unknown:
            named = ", ".join(f"'{u}'" for u in unknown)
            listed = "; ".join(t.label for t in tallies) or f"none (the file has no {what} column)"
            needed.append(
                f"The file has no {what} named {named}. Its {what}s: {listed}. "
                f"Choose from these ({option} NAME)."
            )
    if courses is None and teachers is None:
        return rows
    return [
        row
        for row in rows
        if (courses is None or row.course in courses)
        and (teachers is None or row.teacher in teachers)
    ]


def _taken_sections(
    rows: Sequence[RosterRow],
    contents: FileContents,
    decisions: ImportDecisions,
    periods_by_key: Mapping[str, Period],
    needed: list[str],
) -> set[str]:
    """Which of the file's sections to import: chosen, or those matching the teacher's periods."""
    sections = set(row.period for row in rows if row.period)
    if decisions.period_for_all:
        return sections
    if decisions.only_sections is not None:
        known = {t.name for t in contents.sections}
        unknown = sorted(decisions.only_sections - known)
        if unknown:
            named = ", ".join(f"'{u}'" for u in unknown)
            needed.append(
                f"The file has no section named {named}. Its sections: "
                f"{listing(contents.sections, 40)}. Choose from these (--only SECTIONS)."
            )
        return set(decisions.only_sections) & sections
    matching = {s for s in sections if period_key(s) in periods_by_key}
    # rows for other sections are filtered out and counted
    return matching or sections


def _target(
    wanted: str,
    periods: Sequence[Period],
    periods_by_key: Mapping[str, Period],
    decisions: ImportDecisions,
) -> PeriodTarget:
    existing = periods_by_key.get(period_key(wanted))
    answered, answer = decisions.answer_for(wanted)
    if existing is None and answered and answer is not None:
        existing = next((p for p in periods if p.name == answer), None)
    return PeriodTarget(existing.id, existing.name) if existing else PeriodTarget(None, wanted)


def _over_capacity(
    planned: Sequence[PlannedStudent], roster: Sequence[CurrentStudent], archiving: bool
) -> list[str]:
    """A period that would hold more students than a class can: a whole school taken whole."""
    size: Counter[PeriodTarget] = Counter()
    first_lines: dict[PeriodTarget, list[int]] = {}
    arriving: set[StudentId] = set()
    for item in planned:
        if item.student_id is not None:
            arriving.add(item.student_id)
        for target in item.targets:
            size[target] += 1
            first_lines.setdefault(target, []).append(item.row.line)
    if not archiving:  # students already there and not in the file stay in the period
        for known in roster:
            if known.student.id in arriving or known.student.archived:
                continue
            for target in size:
                if target.period_id in known.period_ids:
                    size[target] += 1
    return [
        f"{target.name} would have {n} students ({_lines(first_lines[target])}); a class holds "
        f"at most {CLASS_LIMIT}, so this file seems to hold other teachers' classes too. Choose "
        "your courses, your name or your sections (--course NAME, --teacher NAME or --only "
        "SECTIONS on the command line)."
        for target, n in size.items()
        if n > CLASS_LIMIT
    ]


def _rows(n: int) -> str:
    return "1 row has" if n == 1 else f"{n} rows have"


def _lines(lines: Sequence[int], shown: int = 5) -> str:
    text = ", ".join(str(n) for n in lines[:shown])
    more = "…" if len(lines) > shown else ""
    return f"line {text}" if len(lines) == 1 else f"lines {text}{more}"


def _find_by_name(
    row: RosterRow,
    targets: Sequence[PeriodTarget],
    by_name: Mapping[PeriodId, NameIndex[CurrentStudent]],
    members: Mapping[PeriodId, Sequence[CurrentStudent]],
) -> CurrentStudent | None:
    """The student of the target periods the row names: by the name key, else the one
    student whose name the row's '?'-damaged name is a copy of."""
    for target in targets:
        if target.period_id is not None and target.period_id in by_name:
            found = by_name[target.period_id].find(
                row.given_name, row.family_name, row.preferred_name
            )
            current = _closest(row, found)
            if current is not None:
                return current
    if not (has_lost_letters(row.given_name) or has_lost_letters(row.family_name)):
        return None
    candidates = {
        c.student.id: c
        for t in targets
        if t.period_id is not None
        for c in members.get(t.period_id, ())
        if _names_agree(row.given_name, c.student.given_name, c.student.preferred_name)
        and _names_agree(row.family_name, c.student.family_name, None)
    }
    return next(iter(candidates.values())) if len(candidates) == 1 else None


def _names_agree(written: str, stored: str, preferred: str | None) -> bool:
    return any(
        name is not None
        and (name_key(written, "") == name_key(name, "") or is_damaged_copy(written, name))
        for name in (stored, preferred)
    )


def _keep_stored_names(row: RosterRow, student: Student) -> tuple[RosterRow, list[str]]:
    """The row with Mathroom's spelling kept where the file's is poorer or damaged; and the
    damaged names, worded for the conflict ("family name 'Nguy?n' for 'Nguyễn'")."""
    damaged: list[str] = []
    kept: dict[str, str] = {}
    for field, label, stored in (
        ("given_name", "given name", student.given_name),
        ("family_name", "family name", student.family_name),
        ("preferred_name", "preferred name", student.preferred_name),
    ):
        written = getattr(row, field)
        if not written or not stored or written == stored:
            continue
        if is_damaged_copy(written, stored):
            damaged.append(f"{label} '{written}' for '{stored}'")
            kept[field] = stored
        elif spelling_lost(written, stored):
            kept[field] = stored
    if not kept:
        return row, damaged
    kept_row = replace(
        row,
        given_name=kept.get("given_name", row.given_name),
        family_name=kept.get("family_name", row.family_name),
        preferred_name=kept.get("preferred_name", row.preferred_name),
    )
    return kept_row, damaged


def _damaged_conflict(line: int, damaged: Sequence[str]) -> RowProblem:
    return RowProblem(
        line=line,
        kind=ProblemKind.CONFLICT,
        code="name_damaged",
        message=(
            f"line {line}: the file has {' and '.join(damaged)}: letters were turned into '?' "
            "(a spreadsheet saved the file without them). Mathroom keeps its own spelling; "
            "keep it and take the rest of the row, or skip the row (better: re-export the file "
            "as CSV UTF-8)"
        ),
    )


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
