"""The teacher's grouping rules (keep apart / keep together) and who has worked with whom."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from mathroom.domain.errors import ValidationError
from mathroom.domain.groups import ConstraintKind, PairConstraint, RuleEntry, pair_counts
from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.roster import Student
from mathroom.services.undo_journal import UndoJournalService
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.unit_of_work import Store


@dataclass(frozen=True, slots=True)
class RuleView:
    id: int
    kind: ConstraintKind
    a: StudentId
    b: StudentId
    a_name: str
    b_name: str
    reason: str  # private: shown to the teacher only, never projected or printed for students

    @property
    def label(self) -> str:
        if self.kind is ConstraintKind.BUDDY:
            return f"{self.a_name} needs a buddy in the group: {self.b_name} (or another buddy)"
        verb = "apart from" if self.kind is ConstraintKind.KEEP_APART else "together with"
        return f"Keep {self.a_name} {verb} {self.b_name}"


@dataclass(frozen=True, slots=True)
class PairMatrix:
    students: tuple[Student, ...]
    counts: dict[frozenset[StudentId], int]
    sets: int  # how many group sets the counts come from

    def met(self, a: StudentId, b: StudentId) -> int:
        return self.counts.get(frozenset((a, b)), 0)

    def never_met(self, student: StudentId) -> int:
        return sum(
            1 for other in self.students if other.id != student and not self.met(student, other.id)
        )


class GroupingRulesService:
    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    @property
    def journal(self) -> UndoJournalService:
        """Records what an action writes, for exact undo (see services/undo_journal.py)."""
        return UndoJournalService(self._store)

    def rules(self, period: PeriodId) -> list[RuleView]:
        with self._store.unit_of_work() as session:
            entries = GroupRepository(session).rules(period)
            students = {s.id: s for s in RosterRepository(session).students(period)}
        return [_view(e, students) for e in entries]

    def add_rule(
        self, period: PeriodId, kind: ConstraintKind, a: StudentId, b: StudentId, reason: str
    ) -> int:
        if a == b:
            raise ValidationError("student_b", "choose two different students")
        with self._store.unit_of_work() as session:
            repository = GroupRepository(session)
            enrolled = {s.id for s in RosterRepository(session).students(period)}
            if a not in enrolled or b not in enrolled:
                raise ValidationError("student_b", "both students must be in this period")
            for existing in repository.rules(period):
                c = existing.constraint
                if {c.a, c.b} == {a, b}:
                    if c.kind is kind and (kind is not ConstraintKind.BUDDY or c.a == a):
                        raise ValidationError("student_b", "this rule already exists")
                    apart = ConstraintKind.KEEP_APART
                    if apart in (c.kind, kind) and c.kind is not kind:
                        raise ValidationError(
                            "kind",
                            "these two already have the opposite rule; remove that one first",
                        )
            return repository.add_rule(PairConstraint(kind, a, b, reason.strip()), self._now())

    def remove_rule(self, rule: int) -> None:
        """Archive the rule (kept for the record, no longer applied)."""
        with self._store.unit_of_work() as session:
            GroupRepository(session).set_rule_archived(rule, self._now())

    def restore_rule(self, rule: int) -> None:
        with self._store.unit_of_work() as session:
            GroupRepository(session).set_rule_archived(rule, None)

    def pair_matrix(self, period: PeriodId, limit: int = 60) -> PairMatrix:
        with self._store.unit_of_work() as session:
            students = RosterRepository(session).students(period)
            # Groups made ahead for days still to come have not met yet.
            sets = GroupRepository(session).group_sets(period, limit, until=self._now().date())
        return PairMatrix(tuple(students), pair_counts(sets), len(sets))


def _view(entry: RuleEntry, students: dict[StudentId, Student]) -> RuleView:
    c = entry.constraint

    def name(student: StudentId) -> str:
        found = students.get(student)
        return found.full_name if found else "(left the class)"

    return RuleView(entry.id, c.kind, c.a, c.b, name(c.a), name(c.b), c.reason)
