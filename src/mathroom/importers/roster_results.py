"""What a roster import produces: clean rows and the problems the teacher must see."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mathroom.importers.roster_columns import ColumnMapping


class ProblemKind(StrEnum):
    SKIPPED = "skipped"  # row not imported (no name, repeated header row, totals row)
    WARNING = "warning"  # imported, but the teacher should know (invisible characters removed)
    CONFLICT = "conflict"  # must be decided by the teacher; never settled silently


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    kind: ProblemKind
    code: str  # stable identifier, e.g. "no_name", "id_scientific"
    message: str  # plain words that start with the line: "line 14: no name in this row, skipped"


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


@dataclass(frozen=True, slots=True)
class ParsedRoster:
    source: str
    rows: tuple[RosterRow, ...]
    problems: tuple[RowProblem, ...]  # ordered by line
    mapping: ColumnMapping | None  # None for OneRoster
    ignored_columns: tuple[str, ...]
    periods: tuple[str, ...]  # distinct non-empty period values in file order

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
