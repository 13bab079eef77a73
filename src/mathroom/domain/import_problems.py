"""What goes wrong in an import file, named for the teacher: where it is and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mathroom.domain.errors import MathroomError


class ImportFileError(MathroomError):
    """A file that can't be imported at all (as opposed to a problem in one of its rows)."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        where = f"{source}, line {line}" if line is not None else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.problem = problem
        self.line = line


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


def where(line: int, file: str | None) -> str:
    return f"{file} line {line}" if file else f"line {line}"


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem before it is worded with its place."""

    line: int
    kind: ProblemKind
    code: str
    text: str


class ProblemLog:
    """Collects problems; each message starts with where it is ("line 5" or "users.csv line 5")."""

    def __init__(self, file: str | None = None) -> None:
        self.file = file
        self.findings: list[Finding] = []

    def add(self, line: int, kind: ProblemKind, code: str, text: str) -> None:
        self.findings.append(Finding(line, kind, code, text))

    def skip(self, line: int, code: str, text: str) -> None:
        self.add(line, ProblemKind.SKIPPED, code, text)

    def where(self, line: int) -> str:
        return where(line, self.file)

    def problems(self) -> tuple[RowProblem, ...]:
        return tuple(
            RowProblem(f.line, f.kind, f.code, f"{self.where(f.line)}: {f.text}")
            for f in sorted(self.findings, key=lambda finding: finding.line)
        )
