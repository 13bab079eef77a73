"""The one error a roster import raises: it names the file and, where it applies, the line."""

from __future__ import annotations

from mathroom.domain.errors import MathroomError


class RosterImportError(MathroomError):
    """A roster file that can't be imported at all (as opposed to a row-level problem)."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        where = f"{source}, line {line}" if line is not None else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.problem = problem
        self.line = line
