"""The search state's running cost matches a recount after every kind of move."""

from __future__ import annotations

import random

import pytest

from mathroom.domain.grouping import (
    GroupingMode,
    GroupingRequest,
    PairHistory,
    PastRound,
    SkillLevel,
)
from mathroom.domain.grouping.constraints import compile_round
from mathroom.domain.grouping.modes import mode_cost
from mathroom.domain.grouping.plan_state import PlanState
from mathroom.domain.grouping.scoring import PLAN_REPEAT_WEIGHT, Objective, history_matrix
from mathroom.domain.groups import deal_groups
from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.skills import Level
from tests.unit.grouping.helpers import klass


@pytest.mark.parametrize("mode", list(GroupingMode))
def test_running_cost_equals_a_recount(mode: GroupingMode) -> None:
    rng = random.Random(7)
    students = klass(14)
    history = tuple(
        PastRound(age, tuple(g.members for g in deal_groups(students, 3, rng)))
        for age in range(1, 6)
    )
    levels = tuple(
        SkillLevel(s, SkillId(skill), rng.choice(list(Level))) for s in students for skill in (1, 2)
    )
    request = GroupingRequest(
        students,
        3,
        rounds=3,
        keep_together=((StudentId(1), StudentId(2)), (StudentId(3), StudentId(4))),
        history=history,
        mode=mode,
        levels=levels,
    )
    index_of = {s: i for i, s in enumerate(students)}
    rules = [compile_round(request, r, index_of) for r in range(request.rounds)]
    objective = Objective(
        len(students),
        PLAN_REPEAT_WEIGHT,
        history_matrix(PairHistory.from_rounds(history), students),
        mode_cost(request, index_of),
    )
    plan = []
    for round_rules in rules:
        # 14 students in threes make two groups of four and two of three; the chains
        # (indexes 0-1 and 2-3) start in the first group.
        singles = [x for x in round_rules.present if x > 3]
        rng.shuffle(singles)
        flat = [0, 1, 2, 3, *singles]
        plan.append([flat[0:4], flat[4:8], flat[8:11], flat[11:14]])
    state = PlanState(objective, rules, plan)
    for _ in range(300):
        round_state = state.rounds[rng.randrange(len(state.rounds))]
        movable = round_state.rules.movable
        x, y = rng.choice(movable), rng.choice(movable)
        if round_state.where[x] != round_state.where[y] and state.swap_allowed(round_state, x, y):
            predicted = state.swap_delta(round_state, x, y)
            before = state.cost
            state.apply_swap(round_state, x, y, predicted)
            assert state.cost == pytest.approx(before + predicted)
        unit = round_state.rules.units[rng.choice(round_state.rules.movable_units)]
        home = round_state.where[unit.members[0]]
        other = next(g for g in range(len(round_state.members)) if g != home)
        incoming = [m for m in round_state.members[other] if m in movable][: len(unit.members)]
        if len(incoming) == len(unit.members) and state.exchange_allowed(
            round_state, unit.members, incoming
        ):
            state.exchange(round_state, unit.members, incoming)
        assert state.cost == pytest.approx(state.recount(), abs=1e-6)
    for round_state in state.rounds:
        assert round_state.where[0] == round_state.where[1]
        assert round_state.where[2] == round_state.where[3]
