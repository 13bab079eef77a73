"""The grouping engine: plan one or more rounds of groups that keep every hard rule.

Where a known zero-repeat design fits the class (``designs.py``), the first restart starts
from it, labelled and repaired for absences and rules (``design_start.py``). Every other
restart builds every round (rules first, then the cheapest open group for everyone else),
anneals it when history or a readiness mode weigh in, and, when pairs still meet twice
within the plan, runs a tabu search on those repeats. Restarts go on until one finds no
repeats the rules do not force, one finds nothing better (with no avoidable repeats left), or
the work budget sized from the time limit runs out (see ``budget.py``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from mathroom.domain.grouping.budget import Budget
from mathroom.domain.grouping.constraints import RoundRules, broken_rules, compile_round
from mathroom.domain.grouping.construction import NODE_LIMIT, Outcome, build_round, diagnose
from mathroom.domain.grouping.design_start import design_plan
from mathroom.domain.grouping.errors import Rule
from mathroom.domain.grouping.history import PairHistory, pair
from mathroom.domain.grouping.modes import mode_cost
from mathroom.domain.grouping.plan_state import Groups, PlanState
from mathroom.domain.grouping.request import GroupingRequest
from mathroom.domain.grouping.result import (
    ConstraintNote,
    GroupingResult,
    GroupReason,
    PairMeeting,
    PlannedRound,
    RepeatSummary,
    StopReason,
)
from mathroom.domain.grouping.scoring import (
    PLAN_REPEAT_WEIGHT,
    Objective,
    history_matrix,
    plan_pair_cost,
)
from mathroom.domain.grouping.search import anneal, descend, tabu_search
from mathroom.domain.groups import Group
from mathroom.domain.ids import StudentId

ANNEAL_MOVES_PER_SEAT = 150
"""Annealing moves per restart, per present student per round."""

REROLL_ANNEAL_MOVES_PER_SEAT = 250
"""A single fresh-mix round against history (a re-roll) gets one longer annealing run and a
descent instead of restarts: as fresh, in about half the time (re-rolls must be quick)."""

TEMPERATURES = (1.0, 0.02)
"""Annealing starts by accepting a move that costs one fresh repeat (a meeting in the latest
group set) a third of the time, and ends almost greedy."""

TABU_STALL = 600
"""Tabu iterations without a new best before a restart gives up on its repeats."""

STALE_RESTARTS = 1
"""Restarts in a row that find nothing better before the search settles."""

MAX_RESTARTS = 200

BUILD_ATTEMPTS = 5
"""Fresh random orders tried when a round's placement search runs out of nodes."""

BUILD_WORK_PER_SEAT = 50
"""Work units charged for building a plan, per present student per round."""

_EPSILON = 1e-9


def _still() -> float:
    """A clock that never moves: the time limit never ends the search."""
    return 0.0


def form_groups(
    request: GroupingRequest,
    *,
    clock: Callable[[], float] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> GroupingResult:
    """Plan ``request.rounds`` group sets, preferring partners who have not met lately.

    Raises InfeasibleError naming the rule when the hard rules cannot all hold. ``progress``
    receives (per mille of the budget used, 1000); ``cancelled`` ends the search early with
    the best plan so far. Same request and seed, same groups, unless the clock or
    ``cancelled`` ended the search (see ``GroupingResult.stop_reason``). ``clock`` (seconds
    that only go forward, from the app's one clock): without it only the work budget ends
    the search, so the result is the same on every machine.
    """
    index_of = {s: i for i, s in enumerate(request.students)}
    rules = [compile_round(request, r, index_of) for r in range(request.rounds)]
    history = PairHistory.from_rounds(request.history, request.students)
    objective = Objective(
        size=len(request.students),
        plan_weight=PLAN_REPEAT_WEIGHT,
        history=history_matrix(history, request.students),
        group_cost=mode_cost(request, index_of),
    )
    rng = random.Random(request.seed)
    budget = Budget(request.time_limit_s, clock or _still, cancelled, progress)
    forced = _forced_units(rules)
    floor = objective.plan_weight * forced
    can_reach_floor = objective.history is None and objective.group_cost is None
    seats = sum(len(r.present) for r in rules)

    best: list[Groups] | None = None
    best_cost = 0.0
    best_units = 0
    stale = 0
    reason = StopReason.SETTLED
    reroll = request.rounds == 1 and objective.history is not None and objective.group_cost is None
    moves_per_seat = REROLL_ANNEAL_MOVES_PER_SEAT if reroll else ANNEAL_MOVES_PER_SEAT
    designed = design_plan(request, rules, objective, rng, budget)
    for restart in range(MAX_RESTARTS):
        if restart == 0 and designed is not None:
            plan: list[Groups] | None = designed
        else:
            plan = _build_plan(request, rules, objective, rng, index_of, budget, first=restart == 0)
        if plan is not None:
            state = PlanState(objective, rules, plan)
            if plan is designed and (best is None or state.cost < best_cost - _EPSILON):
                # Annealing starts hot and may leave a design that history already favours.
                best, best_cost, best_units = state.snapshot(), state.cost, state.plan_units
            if not can_reach_floor:
                # With only repeats to avoid, the greedy build is a better start for the
                # tabu search than an annealed plan.
                anneal(state, rng, moves_per_seat * seats, TEMPERATURES, budget)
                if reroll:
                    descend(state, budget)
            if state.plan_units > forced and budget.stop_reason is None:
                state = PlanState(
                    objective, rules, tabu_search(state, rng, TABU_STALL, forced, budget)
                )
            cost = state.recount()
            if best is None or cost < best_cost - _EPSILON:
                best, best_cost, best_units, stale = state.snapshot(), cost, state.plan_units, 0
            else:
                stale += 1
        else:
            stale += 1
        if budget.stop_reason is not None:
            reason = budget.stop_reason
            break
        if can_reach_floor and best is not None and best_cost <= floor + _EPSILON:
            reason = StopReason.OPTIMAL
            break
        if reroll and best is not None:
            break
        # While pairs still meet twice within the plan, keep restarting until the work
        # budget is spent; otherwise a few fruitless restarts mean the plan has settled.
        if stale >= STALE_RESTARTS and best_units <= forced:
            break
    if best is None:
        # Every build ran out of placement nodes: let the diagnosis say which rule is hard.
        raise diagnose(request, 0, index_of, budget)
    budget.finish()
    return _result(request, best, history, reason, best_cost)


def _build_plan(
    request: GroupingRequest,
    rules: Sequence[RoundRules],
    objective: Objective,
    rng: random.Random,
    index_of: dict[StudentId, int],
    budget: Budget,
    *,
    first: bool,
) -> list[Groups] | None:
    """Every round built in turn, each avoiding partners of the rounds before it.

    On the first restart a round without any arrangement raises InfeasibleError; later
    restarts just skip an unlucky build. Once the budget is spent the remaining rounds get
    the plain placement (rules only), so even the first plan keeps to the time limit.
    """
    size = len(request.students)
    counts = [[0] * size for _ in range(size)]
    plan: list[Groups] = []
    for round_rules in rules:
        groups: Groups | Outcome = Outcome.GAVE_UP
        for _ in range(BUILD_ATTEMPTS if budget.stop_reason is None else 0):
            groups = build_round(round_rules, objective, counts, rng, budget=budget)
            if not isinstance(groups, Outcome):
                break
            if groups is Outcome.INFEASIBLE:
                break
        if groups is Outcome.GAVE_UP:
            # The cost-guided orders ran out of nodes (or time); a plain search gets ten
            # times more nodes.
            groups = build_round(round_rules, node_limit=NODE_LIMIT * 10, budget=budget)
        budget.spend(BUILD_WORK_PER_SEAT * len(round_rules.present))
        if isinstance(groups, Outcome):
            if first:
                raise diagnose(request, round_rules.index, index_of, budget)
            return None
        for group in groups:
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    counts[a][b] += 1
                    counts[b][a] += 1
        plan.append(groups)
    return plan


def _forced_units(rules: Sequence[RoundRules]) -> int:
    """Repeat units the rules force: pairs kept together or fixed to one station each round."""
    together: dict[tuple[int, int], int] = {}
    for round_rules in rules:
        by_station: dict[int, list[int]] = {}
        for unit in round_rules.units:
            if unit.station >= 0:
                by_station.setdefault(unit.station, []).extend(unit.members)
        blocks = [list(u.members) for u in round_rules.units if u.station < 0]
        blocks += list(by_station.values())
        for block in blocks:
            for i, a in enumerate(block):
                for b in block[i + 1 :]:
                    key = (min(a, b), max(a, b))
                    together[key] = together.get(key, 0) + 1
    return sum(plan_pair_cost(count) for count in together.values())


def _result(
    request: GroupingRequest,
    plan: Sequence[Groups],
    history: PairHistory,
    reason: StopReason,
    cost: float,
) -> GroupingResult:
    students = request.students
    met_in_plan: dict[tuple[StudentId, StudentId], int] = {}
    rounds: list[PlannedRound] = []
    for index, groups in enumerate(plan):
        named = [tuple(sorted(students[i] for i in group)) for group in groups]
        problems = broken_rules(request, index, named)
        if problems:  # the moves make this impossible; a loud failure beats a broken rule
            raise AssertionError(f"round {index + 1} breaks {problems}")
        reasons = []
        for number, members in enumerate(named, start=1):
            pairs = []
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    key = pair(a, b)
                    pairs.append(PairMeeting(a, b, history.count(a, b), met_in_plan.get(key, 0)))
            reasons.append(GroupReason(number, tuple(pairs), _notes(request, members, number)))
        for members in named:
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    met_in_plan[(a, b)] = met_in_plan.get((a, b), 0) + 1
        rounds.append(
            PlannedRound(
                index=index,
                groups=tuple(Group(n, m) for n, m in enumerate(named, start=1)),
                reasons=tuple(reasons),
                absent=tuple(sorted(request.absent_in(index))),
            )
        )
    repeats = RepeatSummary(
        within_plan=sum(c - 1 for c in met_in_plan.values()),
        against_history=sum(1 for key in met_in_plan if history.counts.get(key, 0)),
        worst_pair_count=max(met_in_plan.values(), default=0),
        worst_pair_overall=max(
            (c + history.counts.get(key, 0) for key, c in met_in_plan.items()), default=0
        ),
    )
    return GroupingResult(tuple(rounds), repeats, request.mode, request.seed, reason, cost)


def _notes(
    request: GroupingRequest, members: tuple[StudentId, ...], number: int
) -> tuple[ConstraintNote, ...]:
    inside = set(members)
    notes: list[ConstraintNote] = []
    for a, b in request.keep_together:
        if a in inside and b in inside:
            notes.append(ConstraintNote(Rule.KEEP_TOGETHER, pair(a, b)))
    for fixed in request.fixed_stations:
        if fixed.student in inside:
            notes.append(ConstraintNote(Rule.FIXED_STATION, (fixed.student,), number))
    for rule in request.buddies:
        if rule.student in inside:
            with_them = tuple(sorted(b for b in rule.buddies if b in inside))
            notes.append(ConstraintNote(Rule.BUDDY, (rule.student, *with_them)))
    return tuple(notes)
