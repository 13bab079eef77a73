"""Why a grouping cannot be made: the hard rule at fault, with the students involved."""

from __future__ import annotations

from collections.abc import Callable
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
    ``template`` words it with ``{0}``, ``{1}``... for ``students`` by position,
    ``{students}`` for all of them and ``{others}`` for all but the first, so a caller can
    put names in (``describe``); the exception's own message shows students by ``label``
    (their ids by default).
    """

    def __init__(
        self,
        rule: Rule,
        template: str,
        students: tuple[StudentId, ...] = (),
        round_index: int | None = None,
        label: Callable[[StudentId], str] = str,
    ) -> None:
        self.rule = rule
        self.template = template
        self.students = students
        self.round_index = round_index
        self.message = self.describe(label)
        super().__init__(self.message)

    def describe(self, label: Callable[[StudentId], str] = str) -> str:
        """The plain message with each student shown by ``label``."""
        labels = [label(s) for s in self.students]
        return self.template.format(
            *labels, students=", ".join(labels), others=", ".join(labels[1:])
        )
