"""A first valid arrangement of a round, and which rule is to blame when there is none.

Only students with rules attached (chains, fixed stations, keep-apart, buddies) need a search:
they are placed depth-first, most constrained first. Everyone else then goes, one at a time
in random order, to the open group where they add least cost; that always completes, because
sizes are decided as groups fill (any group may become one of the larger ones).
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Sequence
from enum import Enum
from typing import TypeVar

from mathroom.domain.grouping.budget import Budget
from mathroom.domain.grouping.constraints import ALL_RULES, RoundRules, Unit, compile_round
from mathroom.domain.grouping.errors import InfeasibleError, Rule
from mathroom.domain.grouping.request import GroupingRequest
from mathroom.domain.grouping.scoring import Objective
from mathroom.domain.ids import StudentId

Groups = list[list[int]]
T = TypeVar("T")

NODE_LIMIT = 20_000
"""Placements tried before the depth-first search gives up (proof runs get ten times more)."""

_NOISE = 0.3
"""Random jitter added to placement costs so restarts explore different arrangements."""


class Outcome(Enum):
    INFEASIBLE = "infeasible"
    GAVE_UP = "gave_up"


class _Placer:
    """Depth-first placement of the constrained units of one round."""

    def __init__(
        self,
        rules: RoundRules,
        objective: Objective | None,
        counts: list[list[int]] | None,
        rng: random.Random | None,
        node_limit: int,
        budget: Budget | None = None,
    ) -> None:
        self.rules = rules
        self.budget = budget
        self.shape = rules.shape
        self.objective = objective
        self.counts = counts
        self.rng = rng
        self.node_limit = node_limit
        self.nodes = 0
        count = rules.shape.count
        self.groups: Groups = [[] for _ in range(count)]
        self.masks = [0] * count
        self.placed = 0
        self.bigs = 0

    def out_of_nodes(self) -> bool:
        """Count a node; True when the node limit or the budget (every 1,024 nodes) ends."""
        self.nodes += 1
        if self.nodes > self.node_limit:
            return True
        budget = self.budget
        return budget is not None and not self.nodes & 1023 and budget.spend(1024)

    def fits(self, unit: Unit, g: int) -> bool:
        shape = self.shape
        fill = len(self.groups[g])
        new = fill + len(unit.members)
        if new > shape.largest:
            return False
        if new > shape.base and fill <= shape.base and self.bigs >= shape.big:
            return False
        return not unit.apart & self.masks[g]

    def closed(self, g: int) -> bool:
        fill = len(self.groups[g])
        shape = self.shape
        return fill >= shape.largest or (fill >= shape.base and self.bigs >= shape.big)

    def buddies_possible(self) -> bool:
        for student, wanted in self.rules.needs:
            if not self.placed >> student & 1:
                continue
            g = next(i for i, mask in enumerate(self.masks) if mask >> student & 1)
            if self.masks[g] & wanted:
                continue
            if self.closed(g) or not wanted & ~self.placed:
                return False
        return True

    def put(self, unit: Unit, g: int) -> None:
        fill = len(self.groups[g])
        if fill + len(unit.members) > self.shape.base >= fill:
            self.bigs += 1
        self.groups[g].extend(unit.members)
        self.masks[g] |= unit.mask
        self.placed |= unit.mask

    def take(self, unit: Unit, g: int) -> None:
        group = self.groups[g]
        del group[len(group) - len(unit.members) :]
        fill = len(group)
        if fill + len(unit.members) > self.shape.base >= fill:
            self.bigs -= 1
        self.masks[g] &= ~unit.mask
        self.placed &= ~unit.mask

    def choices(self, unit: Unit) -> list[int]:
        if unit.station >= 0:
            return [unit.station] if self.fits(unit, unit.station) else []
        options: list[int] = []
        empty_seen = False
        # fits() inlined: this loop runs for every node of the search.
        shape = self.shape
        largest, base = shape.largest, shape.base
        bigs_full = self.bigs >= shape.big
        adding, apart, masks = len(unit.members), unit.apart, self.masks
        for g, group in enumerate(self.groups):
            fill = len(group)
            new = fill + adding
            if new > largest or (new > base and fill <= base and bigs_full) or apart & masks[g]:
                continue
            if not group:
                # Empty groups are interchangeable: trying one of them is enough.
                if empty_seen:
                    continue
                empty_seen = True
            options.append(g)
        if self.objective is not None and self.counts is not None and self.rng is not None:
            objective, counts, rng = self.objective, self.counts, self.rng
            scored = [
                (
                    objective.join_cost(self.groups[g], unit.members, counts)
                    + _NOISE * rng.random(),
                    g,
                )
                for g in options
            ]
            options = [g for _, g in sorted(scored)]
        return options

    def search(self, order: Sequence[Unit], depth: int = 0) -> bool | None:
        """True when all units are placed, False when impossible, None when out of nodes."""
        if depth == len(order):
            return True
        unit = order[depth]
        gave_up = False
        for g in self.choices(unit):
            if self.out_of_nodes():
                return None
            self.put(unit, g)
            if self.buddies_possible():
                found = self.search(order, depth + 1)
                if found:
                    return True
                gave_up = gave_up or found is None
            self.take(unit, g)
            if gave_up:
                return None
        return False


def _placement_order(rules: RoundRules, rng: random.Random | None) -> list[Unit]:
    units = [u for u in rules.units if rules.constrained(u)]
    if rng is not None:
        rng.shuffle(units)
    present = rules.present_mask
    units.sort(
        key=lambda u: (
            u.station < 0,
            -len(u.members),
            -(u.apart & present).bit_count(),
            not u.mask & rules.buddy_touch,
        )
    )
    return units


def build_round(
    rules: RoundRules,
    objective: Objective | None = None,
    counts: list[list[int]] | None = None,
    rng: random.Random | None = None,
    node_limit: int = NODE_LIMIT,
    budget: Budget | None = None,
) -> Groups | Outcome:
    """Groups for the round that keep every rule, placed cheaply under ``objective``.

    ``counts`` are the pair meetings of rounds already built. Without an objective it only
    answers whether the rules can hold (deterministically). With a ``budget``, the search
    counts its nodes as work and gives up when the budget ends.
    """
    if rules.shape.count == 0:
        return []
    placer = _Placer(rules, objective, counts, rng, node_limit, budget)
    found = placer.search(_placement_order(rules, rng))
    if found is None:
        return Outcome.GAVE_UP
    if not found:
        return Outcome.INFEASIBLE
    free = [u.members[0] for u in rules.units if not rules.constrained(u)]
    if rng is not None:
        rng.shuffle(free)
    shape = rules.shape
    for x in free:
        best_g, best_cost = -1, 0.0
        for g, group in enumerate(placer.groups):
            fill = len(group)
            if fill > shape.base or (fill == shape.base and placer.bigs >= shape.big):
                continue
            if objective is not None and counts is not None and rng is not None:
                cost = objective.join_cost(group, (x,), counts) + _NOISE * rng.random()
            else:
                cost = float(fill)
            if best_g < 0 or cost < best_cost:
                best_g, best_cost = g, cost
        placer.put(Unit((x,), 1 << x, -1, 0), best_g)
    return placer.groups


_DIAGNOSIS_ORDER = (Rule.FIXED_STATION, Rule.KEEP_TOGETHER, Rule.KEEP_APART, Rule.BUDDY)


def diagnose(
    request: GroupingRequest,
    round_index: int,
    index_of: dict[StudentId, int],
    budget: Budget | None = None,
) -> InfeasibleError:
    """Name the kind of rule (and, where it can, the rules) that makes a round impossible.

    Kinds are switched on one at a time; the first whose addition leaves no arrangement is
    to blame. For keep-apart and buddy rules, rules are then dropped one by one while the
    round stays impossible, leaving a smallest set that cannot hold together. Once the
    ``budget`` ends, the searches give up and the dropping stops (the set left may then
    be larger than needed).
    """
    enabled: list[Rule] = []
    for rule in _DIAGNOSIS_ORDER:
        enabled.append(rule)
        try:
            rules = compile_round(request, round_index, index_of, enabled)
        except InfeasibleError as error:
            return error
        outcome = build_round(rules, node_limit=NODE_LIMIT * 10, budget=budget)
        if isinstance(outcome, Outcome):
            return _blame(request, round_index, index_of, rule, outcome, budget)
    return InfeasibleError(
        Rule.KEEP_APART,
        f"no arrangement of round {round_index + 1} keeps every rule",
        (),
        round_index,
    )


def _impossible(
    request: GroupingRequest,
    round_index: int,
    index_of: dict[StudentId, int],
    budget: Budget | None,
) -> bool:
    try:
        rules = compile_round(request, round_index, index_of, ALL_RULES)
    except InfeasibleError:
        return True
    return isinstance(build_round(rules, node_limit=NODE_LIMIT * 10, budget=budget), Outcome)


def _blame(
    request: GroupingRequest,
    round_index: int,
    index_of: dict[StudentId, int],
    rule: Rule,
    outcome: Outcome,
    budget: Budget | None,
) -> InfeasibleError:
    where = f"round {round_index + 1}"
    if outcome is Outcome.GAVE_UP:
        where += " (no arrangement was found in the search limit)"
    if rule is Rule.KEEP_APART:
        present = set(request.present_in(round_index))
        pairs = [p for p in request.keep_apart if p[0] in present and p[1] in present]
        core = _smallest_core(
            pairs,
            lambda subset: _impossible(
                dataclasses.replace(request, keep_apart=tuple(subset), buddies=()),
                round_index,
                index_of,
                budget,
            ),
            budget,
        )
        students = tuple(sorted({s for p in core for s in p}))
        position = {s: i for i, s in enumerate(students)}
        listed = ", ".join(f"{{{position[a]}}} & {{{position[b]}}}" for a, b in core)
        return InfeasibleError(
            rule,
            f"keep-apart rules {listed} cannot all hold with groups of "
            f"{request.group_size} in {where}",
            students,
            round_index,
        )
    if rule is Rule.BUDDY:
        present = set(request.present_in(round_index))
        buddies = [b for b in request.buddies if b.student in present]
        core_rules = _smallest_core(
            buddies,
            lambda subset: _impossible(
                dataclasses.replace(request, buddies=tuple(subset)), round_index, index_of, budget
            ),
            budget,
        )
        students = tuple(sorted({b.student for b in core_rules}))
        return InfeasibleError(
            rule,
            f"the buddy rules for {{students}} cannot hold alongside the other rules in {where}",
            students,
            round_index,
        )
    label = "fixed-station" if rule is Rule.FIXED_STATION else "keep-together"
    return InfeasibleError(
        rule,
        f"the {label} rules cannot all hold with these group sizes in {where}",
        (),
        round_index,
    )


def _smallest_core(
    items: Sequence[T], impossible: Callable[[list[T]], bool], budget: Budget | None
) -> list[T]:
    """Drop items one at a time while what is left stays impossible (a deletion filter)."""
    core = list(items)
    i = 0
    while i < len(core) and len(core) > 1:
        trial = core[:i] + core[i + 1 :]
        found = impossible(trial)
        if budget is not None and budget.stop_reason is not None:
            break  # a search that gave up for time proves nothing
        if found:
            core = trial
        else:
            i += 1
    return core
