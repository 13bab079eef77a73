"""The teacher's hard grouping rules (keep apart, keep together, buddies) checked against
groups as they stand: which are broken, and where a late arrival can go without breaking one."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from mathroom.domain.groups import ConstraintKind, Group, PairConstraint
from mathroom.domain.ids import StudentId


@dataclass(frozen=True, slots=True)
class BrokenRule:
    """A rule the groups break, in the group where it shows (``a`` is the rule's student)."""

    kind: ConstraintKind
    a: StudentId
    b: StudentId  # for a buddy rule: one of the buddies
    group: int

    def key(self) -> str:
        """A stable text for the record of an override: ``kind:a:b``."""
        return f"{self.kind.value}:{int(self.a)}:{int(self.b)}"


def broken_rules(
    groups: Sequence[Group], rules: Sequence[PairConstraint], absent: Collection[StudentId] = ()
) -> tuple[BrokenRule, ...]:
    """Every hard rule the groups break. A rule about a student who is in no group (absent,
    or not placed yet) cannot be broken today; a buddy rule holds when none of the student's
    buddies is in a group."""
    where = {m: g.number for g in groups for m in g.members}
    out: list[BrokenRule] = []
    buddies: dict[StudentId, list[StudentId]] = {}
    for rule in rules:
        if rule.a in absent or rule.b in absent:
            continue
        a, b = where.get(rule.a), where.get(rule.b)
        if rule.kind is ConstraintKind.KEEP_APART and a is not None and a == b:
            out.append(BrokenRule(rule.kind, rule.a, rule.b, a))
        elif rule.kind is ConstraintKind.KEEP_TOGETHER and None not in (a, b) and a != b:
            assert a is not None
            out.append(BrokenRule(rule.kind, rule.a, rule.b, a))
        elif rule.kind is ConstraintKind.BUDDY and a is not None and b is not None:
            buddies.setdefault(rule.a, []).append(rule.b)
    for student, named in sorted(buddies.items()):
        group = where[student]
        if not any(where.get(b) == group for b in named):
            out.append(BrokenRule(ConstraintKind.BUDDY, student, named[0], group))
    return tuple(out)


def late_arrival_group(
    groups: Sequence[Group],
    rules: Sequence[PairConstraint],
    student: StudentId,
    absent: Collection[StudentId] = (),
) -> int | None:
    """The smallest group (lowest number on a tie) ``student`` can join without breaking a
    rule that holds now; None when every group would break one (the teacher decides)."""
    before = set(broken_rules(groups, rules, absent))
    for group in sorted(groups, key=lambda g: (len(g.members), g.number)):
        joined = [
            Group(g.number, (*g.members, student), g.roles) if g is group else g for g in groups
        ]
        if set(broken_rules(joined, rules, absent)) <= before:
            return group.number
    return None
