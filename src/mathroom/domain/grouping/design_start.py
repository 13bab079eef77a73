"""A plan started from a known design (see ``designs.py``), labelled, chosen and repaired.

Students are put on the design's points by a permutation seeded by the class itself (the
sorted student ids), so a class that takes one round a day keeps walking through one design:
each day the round whose pairs met least lately comes next, and after d days the d used
rounds are the expensive ones. The request's seed then picks among equally fresh rounds and
shuffles the station order, so re-rolls differ. A second labelling drawn from the seed competes
when history exists (e.g. history made some other way); the cheaper against history wins.

Rounds with absences or hard rules are rebuilt by the ordinary placement, guided to keep
design partners together; the searches then repair what is left.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from mathroom.domain.grouping.budget import Budget
from mathroom.domain.grouping.constraints import RoundRules
from mathroom.domain.grouping.construction import Outcome, build_round
from mathroom.domain.grouping.designs import Design, Round, design_for
from mathroom.domain.grouping.plan_state import Groups
from mathroom.domain.grouping.request import GroupingRequest
from mathroom.domain.grouping.scoring import Objective

BUILD_WORK_PER_SEAT = 50
"""Work units for placing one student in a round (as for the engine's own builds)."""

LABEL_WORK_PER_PAIR = 1
"""Work units per pair scored when comparing labellings against history."""

_PARTNER = -1.0
_STRANGER = 1.0
"""Guide costs for rebuilding a round: join design partners, avoid others (repeats cost 10)."""

_ROSTER_MIX = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1


def design_plan(
    request: GroupingRequest,
    rules: Sequence[RoundRules],
    objective: Objective,
    rng: random.Random,
    budget: Budget,
) -> list[Groups] | None:
    """The rounds of a known design for this class, fitted to each round's rules; else None.

    Rounds beyond the design's get the ordinary build. Returns None when no design fits the
    class size and group size, or when a round's rules leave no arrangement (the ordinary
    search then reports why).
    """
    size = len(request.students)
    design = design_for(size, request.group_size, 1)
    if design is None:
        return None
    known = min(request.rounds, len(design.rounds))
    candidates = [_roster_labelling(request)]
    if objective.history is not None:
        seeded = list(range(size))
        rng.shuffle(seeded)
        candidates.append(seeded)
    best: tuple[float, list[int], list[int]] | None = None
    for labelling in candidates:
        costs = _round_costs(design, labelling, objective.history)
        budget.spend(LABEL_WORK_PER_PAIR * len(design.rounds) * size * design.size)
        order = sorted(range(len(design.rounds)), key=lambda r: (costs[r], rng.random()))
        chosen = order[:known]
        total = sum(costs[r] for r in chosen)
        if best is None or total < best[0]:
            best = (total, labelling, chosen)
    assert best is not None
    _, labelling, chosen = best
    counts = [[0] * size for _ in range(size)]
    plan: list[Groups] = []
    for index, round_rules in enumerate(rules):
        if budget.spend(BUILD_WORK_PER_SEAT * len(round_rules.present)):
            return None  # out of time: the plain placement finishes quicker
        if index >= known:
            # Beyond the design's rounds: the ordinary build, avoiding the partners so far.
            built = build_round(round_rules, objective, counts, rng, budget=budget)
            if isinstance(built, Outcome):
                return None
            groups = built
        else:
            groups = [[labelling[p] for p in group] for group in design.rounds[chosen[index]]]
            rng.shuffle(groups)
            if not _fits(round_rules, size, design):
                rebuilt = _rebuild(round_rules, groups, objective, counts, rng, budget)
                if rebuilt is None:
                    return None
                groups = rebuilt
        for group in groups:
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    counts[a][b] += 1
                    counts[b][a] += 1
        plan.append(groups)
    return plan


def _roster_labelling(request: GroupingRequest) -> list[int]:
    """Design point -> student index, the same for the same class whatever the seed."""
    key = 0
    for student in sorted(request.students):
        key = ((key ^ int(student)) * _ROSTER_MIX + 1) & _MASK64
    labelling = sorted(range(len(request.students)), key=lambda i: request.students[i])
    random.Random(key).shuffle(labelling)
    return labelling


def _round_costs(
    design: Design, labelling: Sequence[int], history: list[list[float]] | None
) -> list[float]:
    """Each design round's recency-weighted meetings in history under the labelling."""
    if history is None:
        return [0.0] * len(design.rounds)
    return [_round_cost(design_round, labelling, history) for design_round in design.rounds]


def _round_cost(design_round: Round, labelling: Sequence[int], history: list[list[float]]) -> float:
    cost = 0.0
    for group in design_round:
        students = [labelling[p] for p in group]
        for i, a in enumerate(students):
            row = history[a]
            for b in students[i + 1 :]:
                cost += row[b]
    return cost


def _fits(rules: RoundRules, size: int, design: Design) -> bool:
    """Whether the design round holds as it is: everyone present, no rule to place."""
    shape = rules.shape
    return (
        len(rules.present) == size
        and shape.big == 0
        and shape.base == design.size
        and not any(rules.constrained(unit) for unit in rules.units)
    )


def _rebuild(
    rules: RoundRules,
    groups: Groups,
    objective: Objective,
    counts: list[list[int]],
    rng: random.Random,
    budget: Budget,
) -> Groups | None:
    """The round placed by the ordinary builder, steered to keep design partners together."""
    size = objective.size
    guide = [[_STRANGER] * size for _ in range(size)]
    for group in groups:
        for a in group:
            row = guide[a]
            for b in group:
                row[b] = _PARTNER
    steer = Objective(size, objective.plan_weight, guide, None)
    built = build_round(rules, steer, counts, rng, budget=budget)
    return None if isinstance(built, Outcome) else built
