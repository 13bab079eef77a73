"""Typed errors that carry the field or line at fault; the UI words them."""

from __future__ import annotations


class MathroomError(Exception):
    """Base class for expected failures that get a plain-language message, not a traceback."""


class ValidationError(MathroomError):
    """Input that breaks a rule: names the field (and line, for files) at fault."""

    def __init__(self, field: str, problem: str, line: int | None = None) -> None:
        where = f"line {line}, {field}" if line is not None else field
        super().__init__(f"{where}: {problem}")
        self.field = field
        self.problem = problem
        self.line = line


class ContentError(MathroomError):
    """A bundled or imported content file (skill map, task bank, demo) is malformed."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
