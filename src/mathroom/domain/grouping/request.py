"""What the grouping engine is asked: who, how big, which rules, what history, which mode."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.skills import Level

MIN_GROUP_SIZE = 2
MAX_GROUP_SIZE = 6

# Limits checked before any work, so a request can neither run past its time limit nor
# fill the memory (the engine's tables grow with the square of the class).
MAX_STUDENTS = 120
"""Students in one request: a period, or a whole grade at most."""
MAX_ROUNDS = 40
"""Group sets planned together (a rotation; the history carries the rest of the year)."""
MAX_HISTORY_ROUNDS = 400
"""Earlier group sets given as history (meetings over 120 sets ago no longer count)."""
MAX_RULES = 500
"""Rules of each kind (keep-apart, keep-together, fixed stations, buddies) per request."""
MAX_SEED = 2**63 - 1
"""Seeds are whole numbers from -MAX_SEED to MAX_SEED."""
MAX_TIME_LIMIT_S = 600.0


class Remainder(StrEnum):
    """What happens when the class does not divide evenly: a few groups one larger or smaller."""

    LARGER = "larger"
    SMALLER = "smaller"


class GroupingMode(StrEnum):
    FRESH_MIX = "fresh_mix"
    MIXED_READINESS = "mixed_readiness"
    SAME_NEED = "same_need"
    PEER_PAIRS = "peer_pairs"


def check_limits(students: int, rounds: int, history: int, seed: int) -> None:
    """Refuse sizes beyond the documented limits, naming the field (ValidationError)."""
    if students > MAX_STUDENTS:
        raise ValidationError("students", f"at most {MAX_STUDENTS} students per request")
    if not 1 <= rounds <= MAX_ROUNDS:
        raise ValidationError("rounds", f"must be between 1 and {MAX_ROUNDS}")
    if history > MAX_HISTORY_ROUNDS:
        raise ValidationError("history", f"at most {MAX_HISTORY_ROUNDS} earlier group sets")
    if not -MAX_SEED <= seed <= MAX_SEED:
        raise ValidationError("seed", f"must be a whole number from -{MAX_SEED} to {MAX_SEED}")


@dataclass(frozen=True, slots=True)
class FixedStation:
    """``student`` always works at group (station) ``station``, counted from 1."""

    student: StudentId
    station: int


@dataclass(frozen=True, slots=True)
class BuddyRule:
    """``student`` needs at least one of ``buddies`` in their group."""

    student: StudentId
    buddies: frozenset[StudentId]


@dataclass(frozen=True, slots=True)
class PastRound:
    """An earlier group set of the period.

    ``rounds_ago`` is its age in group sets: 1 is the most recent one before the rounds being
    planned, 2 the one before that. Ages count group sets, not days, so a week without
    stations does not make old partners look new.
    """

    rounds_ago: int
    groups: tuple[tuple[StudentId, ...], ...]


@dataclass(frozen=True, slots=True)
class SkillLevel:
    """A student's current level on one of the skills the readiness modes look at."""

    student: StudentId
    skill: SkillId
    level: Level


@dataclass(frozen=True, slots=True)
class GroupingRequest:
    """One grouping job: ``rounds`` group sets for ``students``, planned together.

    ``absent[i]`` holds who is away in round ``i`` (0-based; missing entries mean nobody).
    History entries may name students who have left; they are ignored.
    """

    students: tuple[StudentId, ...]
    group_size: int
    remainder: Remainder = Remainder.LARGER
    rounds: int = 1
    absent: tuple[frozenset[StudentId], ...] = ()
    keep_apart: tuple[tuple[StudentId, StudentId], ...] = ()
    keep_together: tuple[tuple[StudentId, StudentId], ...] = ()
    fixed_stations: tuple[FixedStation, ...] = ()
    buddies: tuple[BuddyRule, ...] = ()
    history: tuple[PastRound, ...] = ()
    mode: GroupingMode = GroupingMode.FRESH_MIX
    levels: tuple[SkillLevel, ...] = ()
    seed: int = 0
    time_limit_s: float = 2.0

    def __post_init__(self) -> None:
        check_limits(len(self.students), self.rounds, len(self.history), self.seed)
        for name in ("keep_apart", "keep_together", "fixed_stations", "buddies"):
            if len(getattr(self, name)) > MAX_RULES:
                raise ValidationError(name, f"at most {MAX_RULES} rules of a kind")
        self._check_students()
        if not MIN_GROUP_SIZE <= self.group_size <= MAX_GROUP_SIZE:
            raise ValidationError(
                "group_size", f"must be between {MIN_GROUP_SIZE} and {MAX_GROUP_SIZE}"
            )
        if len(self.absent) > self.rounds:
            raise ValidationError("absent", "absences are given for more rounds than planned")
        for index, away in enumerate(self.absent):
            self._check_known(f"absent[{index}]", away)
        self._check_pairs("keep_apart", self.keep_apart)
        self._check_pairs("keep_together", self.keep_together)
        self._check_fixed_stations()
        self._check_buddies()
        for index, past in enumerate(self.history):
            if past.rounds_ago < 1:
                raise ValidationError(f"history[{index}]", "rounds_ago counts from 1")
        self._check_levels()
        if not (0 < self.time_limit_s <= MAX_TIME_LIMIT_S):
            raise ValidationError(
                "time_limit_s", f"must be above 0 and at most {MAX_TIME_LIMIT_S:g} seconds"
            )

    def absent_in(self, round_index: int) -> frozenset[StudentId]:
        return self.absent[round_index] if round_index < len(self.absent) else frozenset()

    def present_in(self, round_index: int) -> tuple[StudentId, ...]:
        away = self.absent_in(round_index)
        return tuple(s for s in self.students if s not in away)

    def _check_students(self) -> None:
        seen: set[StudentId] = set()
        for index, student in enumerate(self.students):
            if student in seen:
                raise ValidationError(f"students[{index}]", f"student {student} is listed twice")
            seen.add(student)

    def _check_known(self, field: str, students: Iterable[StudentId]) -> None:
        known = set(self.students)
        for student in sorted(students):
            if student not in known:
                raise ValidationError(field, f"student {student} is not in the class")

    def _check_pairs(self, name: str, pairs: tuple[tuple[StudentId, StudentId], ...]) -> None:
        for index, (a, b) in enumerate(pairs):
            field = f"{name}[{index}]"
            self._check_known(field, (a, b))
            if a == b:
                raise ValidationError(field, "a rule needs two different students")

    def _check_fixed_stations(self) -> None:
        counts = Counter(rule.student for rule in self.fixed_stations)
        for index, rule in enumerate(self.fixed_stations):
            field = f"fixed_stations[{index}]"
            self._check_known(field, (rule.student,))
            if rule.station < 1:
                raise ValidationError(field, "stations are numbered from 1")
            if counts[rule.student] > 1:
                raise ValidationError(field, f"student {rule.student} has two fixed stations")

    def _check_buddies(self) -> None:
        for index, rule in enumerate(self.buddies):
            field = f"buddies[{index}]"
            self._check_known(field, (rule.student, *rule.buddies))
            if not rule.buddies:
                raise ValidationError(field, "name at least one buddy")
            if rule.student in rule.buddies:
                raise ValidationError(field, "a student cannot be their own buddy")

    def _check_levels(self) -> None:
        seen: set[tuple[StudentId, SkillId]] = set()
        for index, item in enumerate(self.levels):
            field = f"levels[{index}]"
            self._check_known(field, (item.student,))
            if (item.student, item.skill) in seen:
                raise ValidationError(field, "one level per student and skill")
            seen.add((item.student, item.skill))
