"""What a score import reads (rows, problems) and what it would record (the plan).

Plain data: the importers fill it in, the services write it, the wizard and the command line
show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from mathroom.domain.ids import PeriodId, SkillId, StudentId
from mathroom.domain.import_problems import RowProblem
from mathroom.domain.roster import Student
from mathroom.domain.scores import CutPoints
from mathroom.domain.skills import Evidence, EvidenceSource, Level, Skill

_SHOWN_LINES = 6
# Row problems that lose a score the file meant to give: they block the import until the file
# is fixed or the teacher chooses to skip them. The rest (a blank score, a class-average line,
# a repeated header) lose nothing.
BLOCKING_CODES = frozenset(
    {"no_student", "no_skill", "bad_score", "score_out_of_range", "bad_date"}
)


# -- the file -----------------------------------------------------------------------------
class ScoreLayout(StrEnum):
    LONG = "long"  # one row per student and skill
    WIDE = "wide"  # one row per student, one column per skill


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One student's result on one skill, as the file gives it (nothing matched yet)."""

    line: int
    student_number: str | None  # text, leading zeros kept
    student_name: str | None  # as written, or "Family, Given" from separate name columns
    skill_code: str
    score: Decimal | None  # percent, exact
    level: Level | None  # a level the file states itself ("Got it", or 3 on a 1–4 scale)
    observed_on: date | None  # None: the teacher picks the date for these rows
    raw_score: str  # the cell as written: "17/20", "Got it"

    @property
    def student_label(self) -> str:
        """What the file calls the student: 'Okafor, Amara (0700123)'."""
        if self.student_name and self.student_number:
            return f"{self.student_name} ({self.student_number})"
        return self.student_name or self.student_number or "(no student)"


@dataclass(frozen=True, slots=True)
class ParsedScores:
    source: str
    rows: tuple[ScoreRow, ...]
    problems: tuple[RowProblem, ...]  # ordered by line; every kind is SKIPPED
    ignored_columns: tuple[str, ...]
    layout: ScoreLayout = ScoreLayout.LONG
    columns: tuple[str, ...] = ()  # how each used column was read: "Score (/20): points of 20"
    notes: tuple[str, ...] = ()  # readings the teacher should know about ("1–4 read as levels")
    file_format: str = ""  # "utf-8, commas" or "sheet Quiz 3", for the preview's title

    @property
    def blocking(self) -> tuple[RowProblem, ...]:
        """Rows whose score would be lost: fix the file, or skip them on purpose."""
        return tuple(p for p in self.problems if p.code in BLOCKING_CODES)

    @property
    def skipped(self) -> tuple[RowProblem, ...]:
        """Rows left out that hold no score (blank cells, average lines, repeated headers)."""
        return tuple(p for p in self.problems if p.code not in BLOCKING_CODES)

    def describe(self, problem: RowProblem) -> str:
        """The problem with its file named, as the command line prints it."""
        return f"{self.source}, {problem.message}"


# -- what the plan is made from -----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ScoreChoices:
    """What the teacher chose: where names are looked up, the date for undated rows, the cut
    points, and whether to leave out rows that can't be read or matched, or take suggestions."""

    period: PeriodId | None
    default_date: date
    cuts: CutPoints
    skip_unmatched: bool = False
    use_suggestions: bool = False


RecordedKey = tuple[StudentId, SkillId, date, Level]


@dataclass(frozen=True, slots=True)
class ScoreSnapshot:
    """The classroom as one read saw it: every student with their current periods, every
    skill, and what earlier imports recorded for the students the file may name."""

    students: tuple[tuple[Student, frozenset[PeriodId]], ...]
    skills: tuple[Skill, ...]
    recorded: frozenset[RecordedKey]
    today: date


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
    def key(self) -> RecordedKey:
        return (self.student.id, self.skill.id, self.observed_on, self.level)

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
        return f"{lines_text(self.lines)}: {self.reason}"


@dataclass(frozen=True, slots=True)
class UnknownSkill:
    code: str
    lines: tuple[int, ...]
    suggestion: str | None  # the one skill code it most likely means
    candidates: tuple[str, ...]  # every code it might mean (more than one: no suggestion)
    rows: int

    @property
    def message(self) -> str:
        text = f"{lines_text(self.lines)}: skill {self.code} is not in your skill map"
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
            f"{count(len(self.matched), 'score')} to record"
            + (f" ({count(students, 'student')}, {count(skills, 'skill')})" if students else "")
        ]
        if self.already_recorded:
            parts.append(f"{len(self.already_recorded)} already in Mathroom")
        if self.unmatched_rows:
            verb = "left out" if self.skip_unmatched else "to decide"
            parts.append(f"{count(self.unmatched_rows, self.unit)} not read or matched, {verb}")
        if self.skipped:
            parts.append(f"{count(len(self.skipped), 'row')} without a score")
        if self.warnings:
            parts.append(count(len(self.warnings), "warning"))
        return ", ".join(parts)


def count(n: int, one: str) -> str:
    """'1 score', '2 scores'."""
    return f"{n} {one if n == 1 else one + 's'}"


def lines_text(lines: Sequence[int]) -> str:
    """'line 4', 'lines 4, 5, 6, 7, 8, 9 and 3 more'."""
    if len(lines) == 1:
        return f"line {lines[0]}"
    shown = ", ".join(str(n) for n in lines[:_SHOWN_LINES])
    more = f" and {len(lines) - _SHOWN_LINES} more" if len(lines) > _SHOWN_LINES else ""
    return f"lines {shown}{more}"
