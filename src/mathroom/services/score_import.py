"""Import scores (a quiz or diagnostic export): read, plan, then write all-or-nothing.

The rules match the roster import: nothing is written until the plan holds no open question,
a backup is taken first, and every score goes in one transaction.

What blocks an import (settled by fixing the file, or by ``skip_unmatched=True``, which leaves
exactly those rows out):

- rows that can't be read: no student, no skill code, a score such as "abc" or "120%", a date
  such as "13/45/2026";
- students who can't be matched: an unknown number, a name that is nobody's or several
  students' name, or a number whose student has another name in Mathroom;
- skill codes that are not in the skill map. A code that differs from one skill's code only
  in case or punctuation ("7.ns.a.1b", "7NSA1b"), or names one skill's standard or name, is
  offered as a suggestion; ``use_suggestions=True`` takes every single suggestion.

Warnings (kept, but the teacher should know; the command line asks for ``--yes``): the same
student, skill and date twice in the file (the later line wins), a student number that lost
its leading zeros, an archived student, a suggested code taken, a date in the future.

Students are matched by student number among every student, archived ones too: a student who
left keeps their history, so a score for them is recorded there (with a warning) rather than
lost. Without a number (or with one Mathroom doesn't know) the name decides: "Last, First" or
"First Last", ignoring case and accents, among the current students of ``period`` when one is
given, otherwise among every current student of this school year.

A score already imported (same student, skill, date and level, from an import) is listed as
already in Mathroom and not written again, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import PeriodId, SkillId, StudentId
from mathroom.domain.roster import Student
from mathroom.domain.scores import CutPoints, format_percent
from mathroom.domain.skills import Evidence, EvidenceSource, Level, Skill
from mathroom.importers.score_file import (
    ParsedScores,
    ProblemKind,
    RowProblem,
    ScoreLayout,
    ScoreRow,
    code_key,
    parse_scores,
)
from mathroom.services.safety import SafetyNet
from mathroom.store.repositories.roster import RosterEditor
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.unit_of_work import Store

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

_SHOWN_LINES = 6


# -- the plan -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PlannedScore:
    """One score matched to a student and a skill, with the level it will be recorded at."""

    row: ScoreRow
    student: Student
    skill: Skill
    level: Level
    observed_on: date
    how: str  # how the level was reached: "17/20 = 85% → Got it", "Got it (in the file)"
    dated_in_file: bool

    @property
    def evidence(self) -> Evidence:
        return Evidence(
            self.student.id, self.skill.id, self.level, self.observed_on, EvidenceSource.IMPORT
        )


@dataclass(frozen=True, slots=True)
class UnmatchedStudent:
    said: str  # what the file calls the student
    lines: tuple[int, ...]
    reason: str  # "no student with number 0799999 in Mathroom"
    rows: int  # scores that can't be recorded because of it

    @property
    def message(self) -> str:
        return f"{_lines(self.lines)}: {self.reason}"


@dataclass(frozen=True, slots=True)
class UnknownSkill:
    code: str
    lines: tuple[int, ...]
    suggestion: str | None  # the one skill code it most likely means
    candidates: tuple[str, ...]  # every code it might mean (more than one: no suggestion)
    rows: int

    @property
    def message(self) -> str:
        text = f"{_lines(self.lines)}: skill {self.code} is not in your skill map"
        if self.suggestion:
            return f"{text}; did you mean {self.suggestion}?"
        if self.candidates:
            return f"{text}; did you mean one of {', '.join(self.candidates)}?"
        return text


@dataclass(frozen=True, slots=True)
class ScorePlan:
    source: str
    layout: ScoreLayout
    matched: tuple[PlannedScore, ...]  # will be written
    already_recorded: tuple[PlannedScore, ...]  # imported before: not written again
    unmatched_students: tuple[UnmatchedStudent, ...]
    unknown_skills: tuple[UnknownSkill, ...]
    unmatched_scores: int  # scores whose student or skill is unknown (each counted once)
    unreadable: tuple[RowProblem, ...]  # rows the file meant to give but can't be read
    skipped: tuple[RowProblem, ...]  # rows holding no score (blank, average line, header)
    warnings: tuple[RowProblem, ...]
    notes: tuple[str, ...]
    columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    cuts: CutPoints
    default_date: date
    skip_unmatched: bool
    use_suggestions: bool

    @property
    def unmatched_rows(self) -> int:
        """Scores that can't be recorded: unreadable rows plus unmatched students and skills."""
        return len(self.unreadable) + self.unmatched_scores

    @property
    def needs_decision(self) -> bool:
        return self.unmatched_rows > 0 and not self.skip_unmatched

    @property
    def can_apply(self) -> bool:
        return not self.needs_decision

    @property
    def changes_anything(self) -> bool:
        return bool(self.matched)

    @property
    def suggestions(self) -> tuple[UnknownSkill, ...]:
        return tuple(s for s in self.unknown_skills if s.suggestion)

    @property
    def dated_by_default(self) -> int:
        return sum(1 for p in (*self.matched, *self.already_recorded) if not p.dated_in_file)

    @property
    def unit(self) -> str:
        """What one unmatched item is to the teacher: a row of a long file, a cell of a wide one."""
        return "score" if self.layout is ScoreLayout.WIDE else "row"

    def blocking_messages(self) -> list[str]:
        """Every reason the import can't run yet, each starting with its line(s)."""
        return [
            *(p.message for p in self.unreadable),
            *(s.message for s in self.unmatched_students),
            *(s.message for s in self.unknown_skills),
        ]

    def summary(self) -> str:
        students = len({p.student.id for p in self.matched})
        skills = len({p.skill.id for p in self.matched})
        parts = [
            f"{_count(len(self.matched), 'score')} to record"
            + (f" ({_count(students, 'student')}, {_count(skills, 'skill')})" if students else "")
        ]
        if self.already_recorded:
            parts.append(f"{len(self.already_recorded)} already in Mathroom")
        if self.unmatched_rows:
            verb = "left out" if self.skip_unmatched else "to decide"
            parts.append(f"{_count(self.unmatched_rows, self.unit)} not read or matched, {verb}")
        if self.skipped:
            parts.append(f"{_count(len(self.skipped), 'row')} without a score")
        if self.warnings:
            parts.append(_count(len(self.warnings), "warning"))
        return ", ".join(parts)


def _count(n: int, one: str) -> str:
    return f"{n} {one if n == 1 else one + 's'}"


def _lines(lines: Sequence[int]) -> str:
    if len(lines) == 1:
        return f"line {lines[0]}"
    shown = ", ".join(str(n) for n in lines[:_SHOWN_LINES])
    more = f" and {len(lines) - _SHOWN_LINES} more" if len(lines) > _SHOWN_LINES else ""
    return f"lines {shown}{more}"


class ScoreImportNeedsDecisionError(MathroomError):
    """Rows can't be read or matched and were not chosen to be skipped; nothing was written."""

    def __init__(self, plan: ScorePlan) -> None:
        lines = plan.blocking_messages()
        super().__init__(
            f"{plan.source}: nothing was imported; {_count(plan.unmatched_rows, plan.unit)} "
            "can't be read or matched:\n  "
            + "\n  ".join(lines)
            + "\nFix the file, or choose to skip these rows."
        )
        self.plan = plan


@dataclass(frozen=True, slots=True)
class ScoreImportResult:
    plan: ScorePlan
    backup: Path | None
    evidence_ids: tuple[int, ...] = ()  # what was written, so an undo can remove exactly these

    @property
    def recorded(self) -> int:
        return len(self.evidence_ids)

    def summary(self) -> str:
        plan = self.plan
        if not self.recorded:
            text = "Nothing to record"
            if plan.already_recorded:
                text += (
                    f": all {_count(len(plan.already_recorded), 'score')} were already in Mathroom"
                )
            return text + "."
        students = len({p.student.id for p in plan.matched})
        skills = len({p.skill.id for p in plan.matched})
        text = (
            f"Recorded {_count(self.recorded, 'score')} for {_count(students, 'student')} "
            f"on {_count(skills, 'skill')}."
        )
        if plan.already_recorded:
            text += f" {len(plan.already_recorded)} were already in Mathroom."
        if plan.unmatched_rows:
            left_out = _count(plan.unmatched_rows, plan.unit)
            text += f" {left_out} that could not be read or matched were left out."
        return text


# -- the service --------------------------------------------------------------------------
class ScoreImportService:
    def __init__(self, store: Store, safety: SafetyNet, now: Callable[[], datetime]) -> None:
        self._store = store
        self._safety = safety
        self._now = now

    def read(
        self, path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> ParsedScores:
        """Parse a score file (slow work: off the GUI thread). Raises ScoreFileError."""
        with self._store.unit_of_work() as session:
            known = list(SkillRepository(session).ids_by_code())
        return parse_scores(path, known_codes=known, progress=progress, cancelled=cancelled)

    def cut_points(self) -> CutPoints:
        with self._store.unit_of_work() as session:
            return SettingsRepository(session).score_cut_points()

    def set_cut_points(self, cuts: CutPoints) -> None:
        with self._store.unit_of_work() as session:
            SettingsRepository(session).set_score_cut_points(cuts)

    def plan(
        self,
        parsed: ParsedScores,
        period: PeriodId | None,
        default_date: date,
        cuts: CutPoints,
        *,
        skip_unmatched: bool = False,
        use_suggestions: bool = False,
    ) -> ScorePlan:
        """What an import would record; nothing is written."""
        choices = _Choices(
            period, default_date, cuts, skip_unmatched, use_suggestions, self._now().date()
        )
        with self._store.unit_of_work() as session:
            return _plan(session, parsed, choices)

    def apply(
        self,
        parsed: ParsedScores,
        period: PeriodId | None,
        default_date: date,
        cuts: CutPoints,
        *,
        skip_unmatched: bool = False,
        use_suggestions: bool = False,
    ) -> ScoreImportResult:
        """Back up, then record every matched score in one transaction and remember the cut
        points used. Raises ScoreImportNeedsDecisionError (writing nothing) while rows can't be
        read or matched and ``skip_unmatched`` is False."""
        choices = _Choices(
            period, default_date, cuts, skip_unmatched, use_suggestions, self._now().date()
        )
        plan = self.plan(
            parsed,
            period,
            default_date,
            cuts,
            skip_unmatched=skip_unmatched,
            use_suggestions=use_suggestions,
        )
        if not plan.can_apply:
            raise ScoreImportNeedsDecisionError(plan)
        if not plan.changes_anything:
            return ScoreImportResult(plan, None)
        backup = self._safety.before_import()
        with self._store.unit_of_work() as session:
            plan = _plan(session, parsed, choices)  # fresh, inside the write
            if not plan.can_apply:
                raise ScoreImportNeedsDecisionError(plan)
            ids = SkillRepository(session).record_evidence(
                (p.evidence for p in plan.matched), self._now()
            )
            SettingsRepository(session).set_score_cut_points(cuts)
        return ScoreImportResult(plan, backup, tuple(ids))


@dataclass(frozen=True, slots=True)
class _Choices:
    period: PeriodId | None
    default_date: date
    cuts: CutPoints
    skip_unmatched: bool
    use_suggestions: bool
    today: date


# -- planning -----------------------------------------------------------------------------
def _plan(session: Session, parsed: ParsedScores, choices: _Choices) -> ScorePlan:
    students = RosterEditor(session).students_with_periods()
    skills = SkillRepository(session).skills(include_hidden=True)
    planner = _Planner(
        parsed, choices, _StudentIndex(students, choices.period), _SkillIndex(skills)
    )
    planner.match_all()
    ids = {p.student.id for p in planner.planned}
    earlier = SkillRepository(session).evidence_of(ids) if ids else []
    return planner.result(earlier)


def name_key(text: str) -> str:
    """'García López, José' and 'jose garcia-lopez' → 'jose garcia lopez' (given name first)."""
    family, comma, given = text.partition(",")
    if comma:
        text = f"{given} {family}"
    return _plain_words(text)


def _plain_words(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(
        ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch)
    )
    return " ".join(letters.split())


class _StudentIndex:
    def __init__(
        self, students: Iterable[tuple[Student, frozenset[PeriodId]]], period: PeriodId | None
    ) -> None:
        self.by_number: dict[str, Student] = {}
        self.by_short_number: dict[str, list[Student]] = {}  # leading zeros removed
        self.by_name: dict[str, list[Student]] = {}
        self.by_reversed_name: dict[str, list[Student]] = {}  # "Okafor Amara" without a comma
        self.scope = "in this period" if period is not None else "among your current students"
        self._seen: dict[tuple[str | None, str | None], tuple[Student | None, str]] = {}
        for student, periods in students:
            if student.student_number:
                self.by_number[student.student_number] = student
                short = student.student_number.lstrip("0")
                self.by_short_number.setdefault(short, []).append(student)
            in_scope = period in periods if period is not None else bool(periods)
            if student.archived or not in_scope:
                continue
            for given in dict.fromkeys(filter(None, (student.given_name, student.preferred_name))):
                key = _plain_words(f"{given} {student.family_name}")
                self.by_name.setdefault(key, []).append(student)
                reverse = _plain_words(f"{student.family_name} {given}")
                self.by_reversed_name.setdefault(reverse, []).append(student)

    def match(self, row: ScoreRow) -> tuple[Student | None, str]:
        """(student, note): the note is a warning when matched, the reason when not."""
        key = (row.student_number, row.student_name)
        if key not in self._seen:  # a student has a row per skill: match each once
            self._seen[key] = self._match(*key)
        return self._seen[key]

    def _match(self, number: str | None, name: str | None) -> tuple[Student | None, str]:
        if number:
            student = self.by_number.get(number)
            note = ""
            if student is None:
                short = self.by_short_number.get(number.lstrip("0"), [])
                if len(short) == 1 and number.isdigit():
                    student = short[0]
                    note = (
                        f"student number {number} read as {student.student_number} "
                        "(the leading zeros were lost, as spreadsheets do)"
                    )
            if student is not None:
                if name and not _same_person(name, student):
                    return None, (
                        f"student number {number} is {student.full_name} in Mathroom, but the "
                        f"file says {name}; check the number"
                    )
                if student.archived:
                    note = (note + "; " if note else "") + (
                        f"{student.full_name} is archived; the score is kept with their history"
                    )
                return student, note
            if not name:
                return None, f"no student with number {number} in Mathroom"
        assert name is not None  # parse_scores never yields a row without number and name
        key = name_key(name)
        found = self.by_name.get(key) or self.by_reversed_name.get(key, [])
        found = list({s.id: s for s in found}.values())
        if not found:
            missing = f"no student called {name} {self.scope}"
            return None, missing + (f" (and number {number} is not in Mathroom)" if number else "")
        if len(found) > 1:
            return None, (
                f"{len(found)} students {self.scope} are called {name}; add student numbers "
                "to the file"
            )
        student = found[0]
        if number and student.student_number and student.student_number != number:
            return None, (
                f"number {number} is not in Mathroom, and {student.full_name} has number "
                f"{student.student_number}; check the number"
            )
        return student, ""


def _same_person(name: str, student: Student) -> bool:
    """A name and a number agree when they share at least one name word ('Amy Okafor')."""
    words = set(name_key(name).split())
    known = set(
        _plain_words(
            " ".join(
                filter(None, (student.given_name, student.preferred_name, student.family_name))
            )
        ).split()
    )
    return bool(words & known)


class _SkillIndex:
    def __init__(self, skills: Sequence[Skill]) -> None:
        self.by_code = {s.code: s for s in skills}
        self.by_key: dict[str, list[Skill]] = {}
        for skill in skills:
            for key in dict.fromkeys(
                (code_key(skill.code), code_key(skill.standard), _plain_words(skill.name))
            ):
                if key:
                    self.by_key.setdefault(key, []).append(skill)

    def match(self, code: str) -> Skill | None:
        return self.by_code.get(code)

    def candidates(self, code: str) -> tuple[Skill, ...]:
        """Skills the code might mean: same code, standard or name ignoring case and punctuation."""
        exact = [
            s for s in self.by_key.get(code_key(code), []) if code_key(s.code) == code_key(code)
        ]
        found = exact or self.by_key.get(code_key(code)) or self.by_key.get(_plain_words(code), [])
        return tuple({s.id: s for s in found}.values())


class _Planner:
    def __init__(
        self,
        parsed: ParsedScores,
        choices: _Choices,
        students: _StudentIndex,
        skills: _SkillIndex,
    ) -> None:
        self.parsed = parsed
        self.choices = choices
        self.students = students
        self.skills = skills
        self.planned: list[PlannedScore] = []
        self.unmatched: dict[tuple[str, str], list[int]] = {}  # (said, reason) -> lines
        self.unknown: dict[str, list[int]] = {}  # code -> lines
        self.used_suggestions: dict[tuple[str, str], list[int]] = {}
        self.notes: dict[str, list[int]] = {}  # warning text -> lines
        self.unmatched_rows = 0

    def match_all(self) -> None:
        for row in self.parsed.rows:
            student, note = self.students.match(row)
            skill = self._skill(row)
            if student is None:
                self.unmatched.setdefault((row.student_label, note), []).append(row.line)
            elif note:
                self.notes.setdefault(note, []).append(row.line)
            if student is None or skill is None:
                self.unmatched_rows += 1  # once, even when both the student and skill are unknown
                continue
            level, how = self._level(row)
            observed_on = row.observed_on or self.choices.default_date
            if row.observed_on is not None and row.observed_on > self.choices.today:
                self.notes.setdefault(
                    f"the date {row.observed_on.isoformat()} is in the future; check it", []
                ).append(row.line)
            self.planned.append(
                PlannedScore(
                    row, student, skill, level, observed_on, how, row.observed_on is not None
                )
            )

    def _skill(self, row: ScoreRow) -> Skill | None:
        skill = self.skills.match(row.skill_code)
        if skill is not None:
            return skill
        candidates = self.skills.candidates(row.skill_code)
        if self.choices.use_suggestions and len(candidates) == 1:
            self.used_suggestions.setdefault((row.skill_code, candidates[0].code), []).append(
                row.line
            )
            return candidates[0]
        self.unknown.setdefault(row.skill_code, []).append(row.line)
        return None

    def _level(self, row: ScoreRow) -> tuple[Level, str]:
        raw = row.raw_score.strip()
        if row.level is not None:
            label = row.level.label
            if row.score is not None:
                return row.level, f"{label} (the file's level; it also gives {raw})"
            if raw.isdigit():
                return row.level, f"{raw} = {label} (1–4 scale)"
            return row.level, f"{label} (in the file)"
        assert row.score is not None  # parse_scores never yields a row without either
        level = self.choices.cuts.level_for(row.score)
        percent = format_percent(row.score)
        shown = percent if raw in (percent, percent[:-1]) else f"{raw} = {percent}"
        return level, f"{shown} → {level.label}"

    def result(self, earlier: Iterable[Evidence]) -> ScorePlan:
        recorded = {
            (e.student_id, e.skill_id, e.observed_on, e.level)
            for e in earlier
            if e.source is EvidenceSource.IMPORT
        }
        warnings: list[RowProblem] = []
        latest: dict[tuple[StudentId, SkillId, date], PlannedScore] = {}
        for planned in self.planned:
            key = (planned.student.id, planned.skill.id, planned.observed_on)
            before = latest.get(key)
            if before is not None and before.row.line != planned.row.line:
                warnings.append(
                    _warning(
                        before.row.line,
                        "duplicate",
                        f"{planned.student.full_name}, {planned.skill.code} on "
                        f"{planned.observed_on.isoformat()} is also on line {planned.row.line}; "
                        f"line {planned.row.line} is kept",
                    )
                )
            latest[key] = planned
        kept = sorted(latest.values(), key=lambda p: p.row.line)  # stable: a line keeps its order
        matched = tuple(
            p for p in kept if (p.student.id, p.skill.id, p.observed_on, p.level) not in recorded
        )
        already = tuple(
            p for p in kept if (p.student.id, p.skill.id, p.observed_on, p.level) in recorded
        )
        for (said, code), lines in self.used_suggestions.items():
            warnings.append(_warning(lines[0], "suggested_code", f"{said} read as {code}", lines))
        for text, lines in self.notes.items():
            warnings.append(_warning(lines[0], "note", text, lines))
        unmatched = tuple(
            UnmatchedStudent(said, tuple(dict.fromkeys(lines)), reason, len(lines))
            for (said, reason), lines in self.unmatched.items()
        )
        unknown = tuple(
            UnknownSkill(
                code,
                tuple(dict.fromkeys(lines)),
                candidates[0].code if len(candidates) == 1 else None,
                tuple(s.code for s in candidates[:4]),
                len(lines),
            )
            for code, lines in self.unknown.items()
            for candidates in [self.skills.candidates(code)]
        )
        parsed = self.parsed
        return ScorePlan(
            source=parsed.source,
            layout=parsed.layout,
            matched=matched,
            already_recorded=already,
            unmatched_students=unmatched,
            unknown_skills=unknown,
            unmatched_scores=self.unmatched_rows,
            unreadable=parsed.blocking,
            skipped=parsed.skipped,
            warnings=tuple(sorted(warnings, key=lambda w: w.line)),
            notes=parsed.notes,
            columns=parsed.columns,
            ignored_columns=parsed.ignored_columns,
            cuts=self.choices.cuts,
            default_date=self.choices.default_date,
            skip_unmatched=self.choices.skip_unmatched,
            use_suggestions=self.choices.use_suggestions,
        )


def _warning(line: int, code: str, text: str, lines: Sequence[int] = ()) -> RowProblem:
    where = _lines(tuple(dict.fromkeys(lines))) if lines else f"line {line}"
    return RowProblem(line, ProblemKind.WARNING, code, f"{where}: {text}")
