"""What a roster import reads (columns, rows, problems) and what it would change (the plan).

Plain data: the importers fill it in, the services write it, the wizard and the command line
show it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.import_problems import ProblemKind, RowProblem
from mathroom.domain.roster import Period, Student

# A period is named by a word and a number anywhere in a section name ("Math 7 - Period 2",
# "MATH 7 (P2)", "Per 2 Math 7", "2nd period"); a bare number only when it is the whole name.
# Section and class numbers are deliberately not period numbers: "Section 1" of a course is
# often not the teacher's first period.
_PERIOD_WORD = r"(?:period|per|pd|p|hour|hr)"
_PERIOD_IN_TEXT = re.compile(
    rf"(?<![\w]){_PERIOD_WORD}\.?\s*[#.:-]?\s*0*(\d{{1,2}})(?!\w)"
    rf"|(?<![\w])0*(\d{{1,2}})(?:st|nd|rd|th)\s+{_PERIOD_WORD}(?!\w)"
)
_BARE_NUMBER = re.compile(r"^[#]?\s*0*(\d{1,2})$")


def period_key(name: str) -> str:
    """'Period 3', 'Per. 03', 'P3', '3', 'Math 7 - Period 3' and '3rd period' are one period."""
    text = " ".join(name.casefold().split())
    bare = _BARE_NUMBER.match(text)
    if bare:
        return f"#{int(bare.group(1))}"
    numbers = {int(a or b) for a, b in _PERIOD_IN_TEXT.findall(text)}
    return f"#{numbers.pop()}" if len(numbers) == 1 else text


# -- the file -----------------------------------------------------------------------------
class RosterField(StrEnum):
    """What a roster column can hold."""

    STUDENT_NUMBER = "student_number"
    FAMILY_NAME = "family_name"
    GIVEN_NAME = "given_name"
    PREFERRED_NAME = "preferred_name"
    FULL_NAME = "full_name"  # one column "Last, First" (or "First Last")
    GRADE = "grade"
    PERIOD = "period"
    COURSE = "course"
    TEACHER = "teacher"  # a whole-school export names each section's teacher

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


NAME_FIELDS = frozenset({RosterField.FAMILY_NAME, RosterField.GIVEN_NAME, RosterField.FULL_NAME})


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column holds which field, for one table; the teacher can change it."""

    header_index: int  # index into RawTable.rows of the header row
    columns: Mapping[RosterField, int]  # field -> column index
    headers: tuple[str, ...]  # the header row's cells
    ignored: tuple[str, ...]  # header names not imported, in file order

    @staticmethod
    def of(
        header_index: int, columns: Mapping[RosterField, int], headers: tuple[str, ...]
    ) -> ColumnMapping:
        ordered = dict(sorted(columns.items(), key=lambda item: item[1]))
        used = set(ordered.values())
        if RosterField.FULL_NAME in ordered and RosterField.GIVEN_NAME in ordered:
            used.discard(ordered[RosterField.FULL_NAME])  # only compared, never imported
        ignored = tuple(h for i, h in enumerate(headers) if i not in used and h.strip())
        return ColumnMapping(header_index, ordered, headers, ignored)

    def with_column(self, field: RosterField, column: int | None) -> ColumnMapping:
        """The same mapping with ``field`` read from ``column`` (None: not imported).

        A column holds one field, so whatever field it held before is unmapped.
        """
        if column is not None and not 0 <= column < len(self.headers):
            raise ValueError(f"column {column} is outside the header row")
        columns = {f: c for f, c in self.columns.items() if f != field and c != column}
        if column is not None:
            columns[field] = column
        return ColumnMapping.of(self.header_index, columns, self.headers)

    def uses_full_name(self) -> bool:
        """Names come from the full-name column (there is no separate given-name column)."""
        return RosterField.FULL_NAME in self.columns and RosterField.GIVEN_NAME not in self.columns


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One student in one period. Rows under a CONFLICT are included, so the teacher decides."""

    line: int
    student_number: str | None  # text, leading zeros kept; None if blank
    given_name: str  # never empty: a single-name student has only a given name
    family_name: str
    preferred_name: str | None
    grade: int | None
    period: str | None
    course: str | None
    teacher: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedRoster:
    source: str
    rows: tuple[RosterRow, ...]
    problems: tuple[RowProblem, ...]  # ordered by line
    mapping: ColumnMapping | None  # None for OneRoster
    ignored_columns: tuple[str, ...]
    periods: tuple[str, ...]  # distinct non-empty period values in file order
    file_format: str = ""  # "utf-8, commas" or "sheet Roster", for the preview's title

    @property
    def skipped(self) -> tuple[RowProblem, ...]:
        return self._of(ProblemKind.SKIPPED)

    @property
    def warnings(self) -> tuple[RowProblem, ...]:
        return self._of(ProblemKind.WARNING)

    @property
    def conflicts(self) -> tuple[RowProblem, ...]:
        return self._of(ProblemKind.CONFLICT)

    def describe(self, problem: RowProblem) -> str:
        """The problem with its file named, as the command line prints it."""
        return f"{self.source}, {problem.message}"

    def _of(self, kind: ProblemKind) -> tuple[RowProblem, ...]:
        return tuple(problem for problem in self.problems if problem.kind is kind)


# -- the roster it meets ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CurrentStudent:
    """A student already in Mathroom, with the periods they are enrolled in now."""

    student: Student
    period_ids: frozenset[PeriodId]


@dataclass(frozen=True, slots=True)
class RosterSnapshot:
    periods: tuple[Period, ...]
    students: tuple[CurrentStudent, ...]


# -- the plan -----------------------------------------------------------------------------
class ChangeKind(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    MOVED = "moved"
    RETURNING = "returning"  # archived earlier, listed again: restored

    @property
    def label(self) -> str:
        return "Moving period" if self is ChangeKind.MOVED else self.value.capitalize()


@dataclass(frozen=True, slots=True)
class PeriodTarget:
    """Where a file's section goes: an existing period, or a new one with this name."""

    period_id: PeriodId | None
    name: str

    @property
    def is_new(self) -> bool:
        return self.period_id is None


@dataclass(frozen=True, slots=True)
class ImportDecisions:
    """What the teacher settled in the wizard, or flags settled on the command line."""

    period_for_all: str | None = None  # every row goes to this period (--period)
    only_sections: frozenset[str] | None = None  # file sections to take; None = automatic
    only_courses: frozenset[str] | None = None  # file courses to take; None = every course
    only_teachers: frozenset[str] | None = None  # file teachers to take; None = every teacher
    # A name close to one of the teacher's periods ("Perod 1"): the period it means, or None
    # to create a new period under that name anyway.
    period_answers: tuple[tuple[str, str | None], ...] = ()
    skip_lines: frozenset[int] = frozenset()  # conflicts settled by skipping the row
    accept_lines: frozenset[int] = frozenset()  # conflicts settled by taking the row as is
    archive_leaving: bool = False

    @property
    def chose_part(self) -> bool:
        """The teacher said which part of the file is theirs (sections, courses or teachers)."""
        return not (
            self.only_sections is None and self.only_courses is None and self.only_teachers is None
        )

    def answer_for(self, name: str) -> tuple[bool, str | None]:
        """(answered, existing period name or None for a new one) for a close period name."""
        for asked, answer in self.period_answers:
            if asked == name:
                return True, answer
        return False, None


@dataclass(frozen=True, slots=True)
class Tally:
    """One value of a file's column (a course, a teacher, a section) and how many rows have it."""

    name: str
    rows: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.rows} {'row' if self.rows == 1 else 'rows'})"


@dataclass(frozen=True, slots=True)
class FileContents:
    """What a file holds, for the teacher to choose from when it is more than their classes."""

    courses: tuple[Tally, ...] = ()
    teachers: tuple[Tally, ...] = ()
    sections: tuple[Tally, ...] = ()
    # Why the teacher must choose: "4 courses", "12 teachers", "31 sections"; empty if not.
    whole_school: tuple[str, ...] = ()

    @property
    def question(self) -> str:
        """What the teacher must decide about a whole-school file, and how."""
        holds = " and ".join(self.whole_school)
        parts = [
            f"{what}: {listing(tallies)}"
            for what, tallies in (
                ("courses", self.courses),
                ("teachers", self.teachers),
                ("sections", self.sections),
            )
            if tallies
        ]
        return (
            f"This file holds {holds}: it looks like a whole-school export, so nothing is taken "
            f"until you choose which part is yours ({'; '.join(parts)}). Choose your courses, "
            "your name or your sections (--course NAME, --teacher NAME or --only SECTIONS on "
            "the command line; several separated by commas)."
        )


def listing(tallies: Sequence[Tally], shown: int = 12) -> str:
    """'Math 7 (30 rows), Math 8 (28 rows) and 3 more'."""
    text = ", ".join(t.label for t in tallies[:shown])
    return text + (f" and {len(tallies) - shown} more" if len(tallies) > shown else "")


@dataclass(frozen=True, slots=True)
class PeriodQuestion:
    """A section (or --period) close to one of the teacher's periods: "did you mean ...?"."""

    name: str  # as the file (or the command line) writes it
    suggestion: str  # the teacher's period it is close to
    rows: int
    first_line: int | None  # None for --period

    @property
    def message(self) -> str:
        if self.first_line is None:
            return (
                f"--period '{self.name}' is not one of your periods, but it is close to "
                f"'{self.suggestion}': did you mean '{self.suggestion}'? Run again with "
                f"--period '{self.suggestion}', or add --new-period '{self.name}' to create "
                "a new period."
            )
        has = "1 row has" if self.rows == 1 else f"{self.rows} rows have"
        return (
            f"The section '{self.name}' ({has} it, from line {self.first_line}) is not one of "
            f"your periods, but it is close to '{self.suggestion}': did you mean "
            f"'{self.suggestion}'? Choose the period (on the command line: fix the section in "
            f"the file, or add --new-period '{self.name}' to create a new period)."
        )


@dataclass(frozen=True, slots=True)
class PlannedStudent:
    kind: ChangeKind
    row: RosterRow
    targets: tuple[PeriodTarget, ...]
    student_id: StudentId | None = None
    changes: tuple[str, ...] = ()  # "family name: Okafor → Okafor-Reyes"
    from_periods: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        name = " ".join(p for p in (self.row.given_name, self.row.family_name) if p)
        return name or "(no name)"


@dataclass(frozen=True, slots=True)
class LeavingStudent:
    student: Student
    period_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportPlan:
    source: str
    planned: tuple[PlannedStudent, ...]
    leaving: tuple[LeavingStudent, ...]
    skipped: tuple[RowProblem, ...]
    warnings: tuple[RowProblem, ...]
    conflicts: tuple[RowProblem, ...]  # unsettled ones; the import cannot run while any remain
    new_periods: tuple[str, ...]
    sections: tuple[str, ...]  # every section value in the file
    taken_sections: tuple[str, ...]
    filtered_out_rows: int
    ignored_columns: tuple[str, ...]
    decisions_needed: tuple[str, ...] = ()
    archives_leaving: bool = False
    contents: FileContents = FileContents()
    period_questions: tuple[PeriodQuestion, ...] = ()

    def of_kind(self, kind: ChangeKind) -> tuple[PlannedStudent, ...]:
        return tuple(p for p in self.planned if p.kind is kind)

    @property
    def can_apply(self) -> bool:
        return not self.conflicts and not self.decisions_needed

    @property
    def changes_anything(self) -> bool:
        return any(p.kind is not ChangeKind.UNCHANGED for p in self.planned) or bool(
            self.leaving and self.archives_leaving
        )

    def summary(self) -> str:
        counts = [
            f"{len(self.of_kind(ChangeKind.NEW))} new",
            f"{len(self.of_kind(ChangeKind.UPDATED))} updated",
            f"{len(self.of_kind(ChangeKind.UNCHANGED))} unchanged",
            f"{len(self.of_kind(ChangeKind.MOVED))} moving period",
            f"{len(self.of_kind(ChangeKind.RETURNING))} returning",
            f"{len(self.leaving)} leaving",
            _count(len(self.skipped), "row skipped", "rows skipped"),
        ]
        if self.conflicts:
            counts.append(_count(len(self.conflicts), "conflict", "conflicts") + " to decide")
        return ", ".join(counts)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
