"""What the grouping engine returns: the rounds, why each group looks as it does, and totals."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mathroom.domain.grouping.errors import Rule
from mathroom.domain.grouping.request import GroupingMode
from mathroom.domain.groups import Group
from mathroom.domain.ids import StudentId


class StopReason(StrEnum):
    """Why the search stopped.

    ``OPTIMAL`` and ``SETTLED`` are reached the same way every time, so the same seed and
    request give the same groups; ``TIME_UP`` and ``CANCELLED`` depend on the machine.
    """

    OPTIMAL = "optimal"  # nothing left to improve: no repeats the rules do not force
    SETTLED = "settled"  # fresh restarts stopped finding anything better
    TIME_UP = "time_up"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class PairMeeting:
    """Two members of a group and how often they had been grouped before this group."""

    a: StudentId
    b: StudentId
    in_history: int
    earlier_in_plan: int

    @property
    def before(self) -> int:
        return self.in_history + self.earlier_in_plan


@dataclass(frozen=True, slots=True)
class ConstraintNote:
    """A hard rule that decided part of a group."""

    rule: Rule
    students: tuple[StudentId, ...]
    station: int | None = None

    def describe(self) -> str:
        """Plain words with student ids, e.g. ``kept together: 3 & 7``; the UI uses names."""
        names = " & ".join(str(s) for s in self.students)
        if self.rule is Rule.KEEP_TOGETHER:
            return f"kept together: {names}"
        if self.rule is Rule.FIXED_STATION:
            return f"fixed to station {self.station}: {names}"
        if self.rule is Rule.BUDDY:
            first, *rest = self.students
            return f"buddy: {first} with {' & '.join(str(s) for s in rest)}"
        return f"kept apart: {names}"


@dataclass(frozen=True, slots=True)
class GroupReason:
    """Why a group is as it is: its pairs' past meetings and the rules that shaped it."""

    number: int
    pairs: tuple[PairMeeting, ...]
    shaped_by: tuple[ConstraintNote, ...]

    @property
    def new_pairs(self) -> int:
        return sum(1 for p in self.pairs if p.before == 0)

    @property
    def repeated_pairs(self) -> tuple[PairMeeting, ...]:
        return tuple(p for p in self.pairs if p.before > 0)

    def describe(self) -> str:
        """One line with student ids, e.g. ``5 of 6 pairs new; 3 & 9 met 2× before; buddy``."""
        parts = [f"{self.new_pairs} of {len(self.pairs)} pairs new"]
        parts += [f"{p.a} & {p.b} met {p.before}× before" for p in self.repeated_pairs]
        parts += [note.describe() for note in self.shaped_by]
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class PlannedRound:
    """One planned group set: groups in station order, with a reason for each group."""

    index: int
    groups: tuple[Group, ...]
    reasons: tuple[GroupReason, ...]
    absent: tuple[StudentId, ...] = ()


@dataclass(frozen=True, slots=True)
class RepeatSummary:
    """How fresh the plan's partners are.

    ``within_plan`` counts pair meetings in the new rounds beyond each pair's first;
    ``against_history`` counts pairs meeting in the new rounds that had met in the history.
    Their sum, ``total``, is the number of meetings in the new rounds whose pair had already
    met (earlier in the plan or in the history).
    """

    within_plan: int
    against_history: int
    worst_pair_count: int  # most meetings of any one pair within the new rounds
    worst_pair_overall: int  # most meetings of any one pair, history included

    @property
    def total(self) -> int:
        return self.within_plan + self.against_history


@dataclass(frozen=True, slots=True)
class GroupingResult:
    rounds: tuple[PlannedRound, ...]
    repeats: RepeatSummary
    mode: GroupingMode
    seed: int
    stop_reason: StopReason
    cost: float  # the search's own score (lower is better), for comparing runs
