"""Grouping rules and the who-has-worked-with-whom counts."""

from __future__ import annotations

from datetime import datetime

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.domain.groups import ConstraintKind
from mathroom.domain.plan import school_week
from mathroom.services.classroom import ClassroomService
from mathroom.services.grouping_rules import GroupingRulesService
from mathroom.store.unit_of_work import Store


def test_rules_add_refuse_contradictions_remove_restore(demo_store: Store, now: datetime) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    a, b, c = (e.student for e in classroom.roster(period.id)[:3])
    rules = GroupingRulesService(demo_store, lambda: now)
    before = len(rules.rules(period.id))
    rule = rules.add_rule(period.id, ConstraintKind.KEEP_APART, a.id, b.id, "lunch conflict")
    views = rules.rules(period.id)
    assert len(views) == before + 1
    assert views[-1].label == f"Keep {a.full_name} apart from {b.full_name}"
    with pytest.raises(ValidationError, match="already exists"):
        rules.add_rule(period.id, ConstraintKind.KEEP_APART, b.id, a.id, "")
    with pytest.raises(ValidationError, match="opposite rule"):
        rules.add_rule(period.id, ConstraintKind.KEEP_TOGETHER, a.id, b.id, "")
    with pytest.raises(ValidationError, match="two different students"):
        rules.add_rule(period.id, ConstraintKind.KEEP_APART, c.id, c.id, "")
    rules.remove_rule(rule)
    assert len(rules.rules(period.id)) == before
    rules.restore_rule(rule)
    assert len(rules.rules(period.id)) == before + 1


def test_pair_matrix_counts_the_demo_history(demo_store: Store, now: datetime) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    matrix = GroupingRulesService(demo_store, lambda: now).pair_matrix(period.id)
    everything = classroom.group_sets(period.id)
    sets = classroom.group_sets(period.id, until=now.date())
    assert matrix.sets == len(sets) >= 8  # days still to come are not history yet
    to_come = [d for d in school_week(now.date()) if d > now.date()]
    assert len(everything) - len(sets) == len(to_come)
    # every group of k students contributes k*(k-1)/2 pairs
    expected = sum(
        len(g.members) * (len(g.members) - 1) // 2 for v in sets for g in v.group_set.groups
    )
    assert sum(matrix.counts.values()) == expected
    student = matrix.students[0]
    assert 0 <= matrix.never_met(student.id) < len(matrix.students)
