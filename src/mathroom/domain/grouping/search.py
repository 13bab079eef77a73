"""The two search drivers: simulated annealing for weighted costs, tabu search for repeats.

Annealing tries random swaps and is cheap per move, which suits history weights and the
readiness modes. Tabu search (after Dotú and Van Hentenryck's social-golfer search) looks at
every swap that involves a student in a repeated pair and takes the best one not recently
undone; it is what drives a rotation to zero repeats.
"""

from __future__ import annotations

import math
import random

from mathroom.domain.grouping.budget import Budget
from mathroom.domain.grouping.plan_state import PlanState, RoundState

UNIT_MOVE_SHARE = 0.1
"""Share of annealing moves that try to move a keep-together chain (when a round has one)."""

TABU_TENURE = (2, 10)
"""A swapped pair may not be swapped back for this many iterations (drawn at random)."""

PERTURB_AFTER = 400
"""Non-improving tabu iterations before a couple of random swaps shake the search loose."""

ANNEAL_MOVE_WORK = 8
"""Work units per annealing move; a unit is one fast tabu swap evaluation (popcounts only)."""

SLOW_EVAL_WORK = 3
"""Work units per tabu evaluation when history weights are in play."""

MODE_WORK_FACTOR = 4
"""Readiness modes re-score both groups on every move."""

DESCENT_EVAL_WORK = 4
"""Work units per swap scored by the descent (rules and full cost, no popcount shortcut)."""

TABU_ITERATION_WORK = 200
"""Fixed work per tabu iteration (finding the students in repeated pairs)."""

_EPSILON = 1e-9


def anneal(
    plan: PlanState,
    rng: random.Random,
    moves: int,
    temperatures: tuple[float, float],
    budget: Budget,
) -> bool:
    """Random swaps, accepted by the Metropolis rule on a falling temperature.

    Returns False when the budget ran out first.
    """
    rounds = [s for s in plan.rounds if len(s.rules.movable) >= 2 and s.rules.shape.count >= 2]
    chain_rounds = [s for s in plan.rounds if s.rules.movable_units and s.rules.shape.count >= 2]
    if not rounds and not chain_rounds:
        return True
    if len(plan.rounds) == 1 and rounds and not chain_rounds and plan.group_cost is None:
        return _anneal_one_round(plan, rounds[0], rng, moves, temperatures, budget)
    move_work = ANNEAL_MOVE_WORK * (MODE_WORK_FACTOR if plan.group_cost else 1)
    t_start, t_end = temperatures
    ratio = t_end / t_start
    temperature = t_start
    random_ = rng.random
    exp = math.exp
    met1, met2, met3 = plan.met1, plan.met2, plan.met3
    weight = plan.weight
    history = plan.history
    group_cost = plan.group_cost
    for i in range(moves):
        if not i & 255:
            if budget.spend(256 * move_work):
                return False
            temperature = t_start * ratio ** (i / moves)
        if chain_rounds and (not rounds or random_() < UNIT_MOVE_SHARE):
            _chain_move(plan, chain_rounds[int(random_() * len(chain_rounds))], rng, temperature)
            continue
        # int(random() * n) rather than randrange(n): several times faster, equally fair here.
        # The swap's rules and cost are worked out inline (this loop is the hot path).
        state = rounds[int(random_() * len(rounds))]
        rules = state.rules
        movable = rules.movable
        x = movable[int(random_() * len(movable))]
        y = movable[int(random_() * len(movable))]
        where = state.where
        gx, gy = where[x], where[y]
        if gx == gy:
            continue
        bx, by = 1 << x, 1 << y
        g_rest = state.masks[gx] & ~bx
        h_rest = state.masks[gy] & ~by
        apart = rules.apart
        if apart[x] & h_rest or apart[y] & g_rest:
            continue
        if rules.buddy_touch & (bx | by) and not plan.swap_allowed(state, x, y):
            continue
        m1x, m2x, m1y, m2y = met1[x], met2[x], met1[y], met2[y]
        delta = weight * (
            (m1x & h_rest).bit_count()
            + (m2x & h_rest).bit_count()
            - (m2x & g_rest).bit_count()
            - (met3[x] & g_rest).bit_count()
            + (m1y & g_rest).bit_count()
            + (m2y & g_rest).bit_count()
            - (m2y & h_rest).bit_count()
            - (met3[y] & h_rest).bit_count()
        )
        if history is not None:
            hx, hy = state.hsum[x], state.hsum[y]
            delta += hx[gy] - hx[gx] + hy[gx] - hy[gy] - 2.0 * history[x][y]
        if group_cost is not None:
            members = state.members
            delta += (
                group_cost([y if m == x else m for m in members[gx]])
                + group_cost([x if m == y else m for m in members[gy]])
                - state.gcost[gx]
                - state.gcost[gy]
            )
        if delta <= 0.0 or random_() < exp(-delta / temperature):
            plan.apply_swap(state, x, y, delta)
    return True


def _anneal_one_round(
    plan: PlanState,
    state: RoundState,
    rng: random.Random,
    moves: int,
    temperatures: tuple[float, float],
    budget: Budget,
) -> bool:
    """``anneal`` for one round whose only cost is history (a re-roll), with the loop's
    lookups hoisted: within one round no swap changes repeats."""
    history = plan.history
    if history is None:
        return True  # nothing to weigh: every arrangement costs the same
    t_start, t_end = temperatures
    ratio = t_end / t_start
    temperature = t_start
    random_ = rng.random
    exp = math.exp
    rules = state.rules
    movable = rules.movable
    count = len(movable)
    where, masks, hsum = state.where, state.masks, state.hsum
    apart = rules.apart
    buddy_touch = rules.buddy_touch
    for i in range(moves):
        if not i & 255:
            if budget.spend(256 * ANNEAL_MOVE_WORK):
                return False
            temperature = t_start * ratio ** (i / moves)
        x = movable[int(random_() * count)]
        y = movable[int(random_() * count)]
        gx, gy = where[x], where[y]
        if gx == gy:
            continue
        bx, by = 1 << x, 1 << y
        if apart[x] & masks[gy] & ~by or apart[y] & masks[gx] & ~bx:
            continue
        if buddy_touch & (bx | by) and not plan.swap_allowed(state, x, y):
            continue
        hx, hy = hsum[x], hsum[y]
        delta = hx[gy] - hx[gx] + hy[gx] - hy[gy] - 2.0 * history[x][y]
        if delta <= 0.0 or random_() < exp(-delta / temperature):
            plan.apply_swap(state, x, y, delta)
    return True


def descend(plan: PlanState, budget: Budget) -> None:
    """Take every improving swap, student by student, until none is left (a local optimum).

    Annealing's random moves can end beside an improving swap they never tried; one sweep
    over all pairs costs about as much as a few hundred annealing moves.
    """
    improved = True
    while improved:
        improved = False
        for state in plan.rounds:
            movable = state.rules.movable
            if budget.spend(len(movable) * len(movable) // 2 * DESCENT_EVAL_WORK):
                return
            where = state.where
            for i, x in enumerate(movable):
                for y in movable[i + 1 :]:
                    if where[x] == where[y] or not plan.swap_allowed(state, x, y):
                        continue
                    delta = plan.swap_delta(state, x, y)
                    if delta < -_EPSILON:
                        plan.apply_swap(state, x, y, delta)
                        improved = True


def _chain_move(plan: PlanState, state: RoundState, rng: random.Random, temperature: float) -> None:
    """Try swapping a keep-together chain with as many students of another group."""
    rules = state.rules
    unit = rules.units[rules.movable_units[rng.randrange(len(rules.movable_units))]]
    outgoing = unit.members
    home = state.where[outgoing[0]]
    other = rng.randrange(rules.shape.count - 1)
    other += other >= home
    movable_mask = state.movable_mask
    singles = [m for m in state.members[other] if movable_mask >> m & 1]
    chains = [
        rules.units[rules.unit_of[m]].members
        for m in state.members[other]
        if rules.unit_of[m] in rules.movable_units
        and len(rules.units[rules.unit_of[m]].members) == len(outgoing)
        and rules.units[rules.unit_of[m]].members[0] == m
    ]
    options: list[tuple[int, ...]] = list(chains)
    if len(singles) >= len(outgoing):
        options.append(tuple(rng.sample(singles, len(outgoing))))
    if not options:
        return
    incoming = options[rng.randrange(len(options))]
    if not plan.exchange_allowed(state, outgoing, incoming):
        return
    delta = plan.exchange(state, outgoing, incoming)
    if delta > 0.0 and rng.random() >= math.exp(-delta / temperature):
        plan.exchange(state, incoming, outgoing)


def tabu_search(
    plan: PlanState,
    rng: random.Random,
    stall_limit: int,
    target_units: int,
    budget: Budget,
) -> list[list[list[int]]]:
    """Conflict-directed tabu search; returns the best plan seen (as groups per round).

    Ends when the plan's repeat units reach ``target_units`` (repeats the rules force), after
    ``stall_limit`` iterations without a new best, or when the budget runs out.
    """
    best_cost = plan.cost
    best = plan.snapshot()
    size = plan.size
    tabu: list[dict[int, int]] = [{} for _ in plan.rounds]
    fast = plan.history is None and plan.group_cost is None
    eval_work = 1 if fast else SLOW_EVAL_WORK * (MODE_WORK_FACTOR if plan.group_cost else 1)
    iteration = 0
    since = 0
    while plan.plan_units > target_units and since < stall_limit:
        iteration += 1
        move, evaluated = _best_move(plan, tabu, iteration, best_cost, fast, rng)
        if budget.spend(evaluated * eval_work + TABU_ITERATION_WORK) or move is None:
            break
        r, x, y, delta = move
        state = plan.rounds[r]
        plan.apply_swap(state, x, y, delta)
        until = iteration + rng.randint(*TABU_TENURE)
        tabu[r][x * size + y] = until
        tabu[r][y * size + x] = until
        if plan.cost < best_cost - _EPSILON:
            best_cost = plan.cost
            best = plan.snapshot()
            since = 0
        else:
            since += 1
            if not since % PERTURB_AFTER:
                _perturb(plan, rng, 2)
    return best


def _best_move(
    plan: PlanState,
    tabu: list[dict[int, int]],
    iteration: int,
    best_cost: float,
    fast: bool,
    rng: random.Random,
) -> tuple[tuple[int, int, int, float] | None, int]:
    """The best allowed swap involving a student in a repeated pair (ties broken at random).

    Also returns how many swaps it scored (the work done).
    """
    met1, met2, met3 = plan.met1, plan.met2, plan.met3
    weight = plan.weight
    size = plan.size
    cost = plan.cost
    best_delta = math.inf
    found: list[tuple[int, int, int]] = []
    evaluated = 0
    for r, state in enumerate(plan.rounds):
        rules = state.rules
        movable_mask = state.movable_mask
        masks = state.masks
        members = state.members
        apart = rules.apart
        buddy_touch = rules.buddy_touch
        taboo = tabu[r]
        leave: list[int] | None = None
        most_leave: list[int] = []
        for g, group in enumerate(members):
            g_mask = masks[g]
            for x in group:
                bx = 1 << x
                g_rest = g_mask & ~bx
                if not movable_mask & bx or not met2[x] & g_rest:
                    continue
                m1x, m2x = met1[x], met2[x]
                x_leave = (m2x & g_rest).bit_count() + (met3[x] & g_rest).bit_count()
                if fast and leave is None:
                    leave, most_leave = _leave_gains(plan, state)
                for h, other in enumerate(members):
                    if h == g:
                        continue
                    h_mask = masks[h]
                    x_join = 0
                    evaluated += 1
                    if fast:
                        assert leave is not None
                        x_join = (m1x & h_mask).bit_count() + (m2x & h_mask).bit_count()
                        if weight * (x_join - 2 - x_leave - most_leave[h]) > best_delta:
                            continue
                    for y in other:
                        by = 1 << y
                        if not movable_mask & by:
                            continue
                        h_rest = h_mask & ~by
                        if apart[x] & h_rest or apart[y] & g_rest:
                            continue
                        if buddy_touch & (bx | by) and not plan.swap_allowed(state, x, y):
                            continue
                        evaluated += 1
                        if fast:
                            assert leave is not None
                            units = (
                                x_join
                                - (m1x >> y & 1)
                                - (m2x >> y & 1)
                                - x_leave
                                + (met1[y] & g_rest).bit_count()
                                + (met2[y] & g_rest).bit_count()
                                - leave[y]
                            )
                            delta = weight * units
                        else:
                            delta = plan.swap_delta(state, x, y)
                        if delta > best_delta + _EPSILON:
                            continue
                        # A tabu swap is allowed only if it beats the best plan seen.
                        until = taboo.get(x * size + y)
                        if (
                            until is not None
                            and until > iteration
                            and cost + delta >= best_cost - _EPSILON
                        ):
                            continue
                        if delta < best_delta - _EPSILON:
                            best_delta = delta
                            found = [(r, x, y)]
                        else:
                            found.append((r, x, y))
    if not found:
        return None, evaluated
    r, x, y = found[rng.randrange(len(found))]
    return (r, x, y, best_delta), evaluated


def _leave_gains(plan: PlanState, state: RoundState) -> tuple[list[int], list[int]]:
    """Repeat units each student would shed by leaving their group, and each group's most."""
    leave = [0] * plan.size
    most = [0] * len(state.members)
    met2, met3 = plan.met2, plan.met3
    for g, group in enumerate(state.members):
        mask = state.masks[g]
        for y in group:
            rest = mask & ~(1 << y)
            gain = (met2[y] & rest).bit_count() + (met3[y] & rest).bit_count()
            leave[y] = gain
            most[g] = max(most[g], gain)
    return leave, most


def _perturb(plan: PlanState, rng: random.Random, swaps: int) -> None:
    """A few random allowed swaps, whatever they cost."""
    rounds = [s for s in plan.rounds if len(s.rules.movable) >= 2 and s.rules.shape.count >= 2]
    if not rounds:
        return
    for _ in range(swaps * 10):
        state = rounds[rng.randrange(len(rounds))]
        movable = state.rules.movable
        x, y = rng.choice(movable), rng.choice(movable)
        if state.where[x] != state.where[y] and plan.swap_allowed(state, x, y):
            plan.apply_swap(state, x, y, plan.swap_delta(state, x, y))
            swaps -= 1
            if not swaps:
                return
