"""Why a grouping cannot be made: the hard rule at fault, with the students involved."""

from __future__ import annotations

from enum import StrEnum

from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import StudentId


class Rule(StrEnum):
    """The kinds of hard rule a teacher can set; every one of them always holds in a result."""

    KEEP_APART = "keep_apart"
    KEEP_TOGETHER = "keep_together"
    FIXED_STATION = "fixed_station"
    BUDDY = "buddy"


class InfeasibleError(MathroomError):
    """The hard rules cannot all hold: ``rule`` names the kind that breaks, ``students`` who.

    ``round_index`` is the 0-based planned round where it breaks (absences differ per round).
    """

    def __init__(
        self,
        rule: Rule,
        message: str,
        students: tuple[StudentId, ...] = (),
        round_index: int | None = None,
    ) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.students = students
        self.round_index = round_index
