"""What a score import would record: each row matched to a student and a skill, or named.

Pure logic over a parsed file and a snapshot of the classroom; nothing is written here.

Students are matched by student number among every student, archived ones too: a student who
left keeps their history, so a score for them is recorded there (with a warning) rather than
lost. Without a number (or with one Mathroom doesn't know) the name decides, by the one name
key of ``domain.names`` that the roster import uses too ("Last, First" or "First Last", a
nickname in brackets, the preferred name as a given name, case, accents and punctuation
ignored), among the current
students of the chosen period, otherwise among every current student of this school year.

Skill codes must be in the skill map. A code that differs from one skill's code only in case
or punctuation ("7.ns.a.1b", "7NSA1b"), or names one skill's standard or name, is offered as a
suggestion; ``use_suggestions`` takes every single suggestion.

A score already imported (same student, skill, date and level, from an import) is listed as
already in Mathroom and not written again, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from mathroom.domain.ids import PeriodId, SkillId, StudentId
from mathroom.domain.import_problems import ProblemKind, RowProblem
from mathroom.domain.names import NameIndex, name_words, same_person
from mathroom.domain.roster import Student
from mathroom.domain.score_import import (
    ParsedScores,
    PlannedScore,
    ScoreChoices,
    ScorePlan,
    ScoreRow,
    ScoreSnapshot,
    UnknownSkill,
    UnmatchedStudent,
    lines_text,
)
from mathroom.domain.scores import format_percent
from mathroom.domain.skills import Level, Skill
from mathroom.importers.score_columns import code_key


def plan_scores(parsed: ParsedScores, snapshot: ScoreSnapshot, choices: ScoreChoices) -> ScorePlan:
    """Match every row and say what would be recorded; nothing is written."""
    planner = _Planner(parsed, snapshot, choices)
    for row in parsed.rows:
        planner.match(row)
    return planner.result()


def may_name(
    parsed: ParsedScores, students: Iterable[tuple[Student, frozenset[PeriodId]]]
) -> list[StudentId]:
    """Every student a row of the file could be matched to, whatever the choices: the current
    students, and any student whose number (leading zeros aside) the file gives."""
    numbers = {r.student_number.lstrip("0") for r in parsed.rows if r.student_number}
    return [
        student.id
        for student, periods in students
        if (periods and not student.archived)
        or (student.student_number and student.student_number.lstrip("0") in numbers)
    ]


class _StudentIndex:
    def __init__(
        self, students: Iterable[tuple[Student, frozenset[PeriodId]]], period: PeriodId | None
    ) -> None:
        self.by_number: dict[str, Student] = {}
        self.by_short_number: dict[str, list[Student]] = {}  # leading zeros removed
        self.by_name: NameIndex[Student] = NameIndex()
        self.scope = "in this period" if period is not None else "among your current students"
        self._seen: dict[tuple[str | None, str | None], tuple[Student | None, str]] = {}
        for student, periods in students:
            if student.student_number:
                self.by_number[student.student_number] = student
                short = student.student_number.lstrip("0")
                self.by_short_number.setdefault(short, []).append(student)
            in_scope = period in periods if period is not None else bool(periods)
            if in_scope and not student.archived:
                self.by_name.add(
                    student, student.given_name, student.family_name, student.preferred_name
                )

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
                if name and not same_person(
                    name, student.given_name, student.family_name, student.preferred_name
                ):
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
        found = self.by_name.find_written(name)
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


class _SkillIndex:
    def __init__(self, skills: Sequence[Skill]) -> None:
        self.by_code = {s.code: s for s in skills}
        self.by_key: dict[str, list[Skill]] = {}
        for skill in skills:
            for key in dict.fromkeys(
                (code_key(skill.code), code_key(skill.standard), name_words(skill.name))
            ):
                if key:
                    self.by_key.setdefault(key, []).append(skill)

    def candidates(self, code: str) -> tuple[Skill, ...]:
        """Skills the code might mean: same code, standard or name ignoring case and punctuation."""
        key = code_key(code)
        exact = [s for s in self.by_key.get(key, []) if code_key(s.code) == key]
        found = exact or self.by_key.get(key) or self.by_key.get(name_words(code), [])
        return tuple({s.id: s for s in found}.values())


class _Planner:
    def __init__(
        self, parsed: ParsedScores, snapshot: ScoreSnapshot, choices: ScoreChoices
    ) -> None:
        self.parsed = parsed
        self.snapshot = snapshot
        self.choices = choices
        self.students = _StudentIndex(snapshot.students, choices.period)
        self.skills = _SkillIndex(snapshot.skills)
        self.planned: list[PlannedScore] = []
        self.unmatched: dict[tuple[str, str], list[int]] = {}  # (said, reason) -> lines
        self.unknown: dict[str, list[int]] = {}  # code -> lines
        self.used_suggestions: dict[tuple[str, str], list[int]] = {}
        self.notes: dict[str, list[int]] = {}  # warning text -> lines
        self.unmatched_rows = 0

    def match(self, row: ScoreRow) -> None:
        student, note = self.students.match(row)
        skill = self._skill(row)
        if student is None:
            self.unmatched.setdefault((row.student_label, note), []).append(row.line)
        elif note:
            self.notes.setdefault(note, []).append(row.line)
        if student is None or skill is None:
            self.unmatched_rows += 1  # once, even when both the student and skill are unknown
            return
        level, how = self._level(row)
        observed_on = row.observed_on or self.choices.default_date
        if row.observed_on is not None and row.observed_on > self.snapshot.today:
            future = f"the date {row.observed_on.isoformat()} is in the future; check it"
            self.notes.setdefault(future, []).append(row.line)
        self.planned.append(
            PlannedScore(row, student, skill, level, observed_on, how, row.observed_on is not None)
        )

    def _skill(self, row: ScoreRow) -> Skill | None:
        skill = self.skills.by_code.get(row.skill_code)
        if skill is not None:
            return skill
        candidates = self.skills.candidates(row.skill_code)
        if self.choices.use_suggestions and len(candidates) == 1:
            suggestion = (row.skill_code, candidates[0].code)
            self.used_suggestions.setdefault(suggestion, []).append(row.line)
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

    def result(self) -> ScorePlan:
        warnings: list[RowProblem] = []
        latest: dict[tuple[StudentId, SkillId, date], PlannedScore] = {}
        for planned in self.planned:
            key = (planned.student.id, planned.skill.id, planned.observed_on)
            before = latest.get(key)
            if before is not None and before.row.line != planned.row.line:
                warnings.append(
                    _warning(
                        "duplicate",
                        f"{planned.student.full_name}, {planned.skill.code} on "
                        f"{planned.observed_on.isoformat()} is also on line {planned.row.line}; "
                        f"line {planned.row.line} is kept",
                        [before.row.line],
                    )
                )
            latest[key] = planned
        kept = sorted(latest.values(), key=lambda p: p.row.line)  # stable: a line keeps its order
        recorded = self.snapshot.recorded
        for (said, code), lines in self.used_suggestions.items():
            warnings.append(_warning("suggested_code", f"{said} read as {code}", lines))
        for text, lines in self.notes.items():
            warnings.append(_warning("note", text, lines))
        parsed, choices = self.parsed, self.choices
        return ScorePlan(
            source=parsed.source,
            layout=parsed.layout,
            matched=tuple(p for p in kept if p.key not in recorded),
            already_recorded=tuple(p for p in kept if p.key in recorded),
            unmatched_students=tuple(
                UnmatchedStudent(said, tuple(dict.fromkeys(lines)), reason, len(lines))
                for (said, reason), lines in self.unmatched.items()
            ),
            unknown_skills=tuple(
                self._unknown(code, lines) for code, lines in self.unknown.items()
            ),
            unmatched_scores=self.unmatched_rows,
            unreadable=parsed.blocking,
            skipped=parsed.skipped,
            warnings=tuple(sorted(warnings, key=lambda w: w.line)),
            notes=parsed.notes,
            columns=parsed.columns,
            ignored_columns=parsed.ignored_columns,
            cuts=choices.cuts,
            default_date=choices.default_date,
            skip_unmatched=choices.skip_unmatched,
            use_suggestions=choices.use_suggestions,
        )

    def _unknown(self, code: str, lines: list[int]) -> UnknownSkill:
        candidates = self.skills.candidates(code)
        suggestion = candidates[0].code if len(candidates) == 1 else None
        codes = tuple(s.code for s in candidates[:4])
        return UnknownSkill(code, tuple(dict.fromkeys(lines)), suggestion, codes, len(lines))


def _warning(code: str, text: str, lines: Sequence[int]) -> RowProblem:
    shown = tuple(dict.fromkeys(lines))
    return RowProblem(shown[0], ProblemKind.WARNING, code, f"{lines_text(shown)}: {text}")
