"""The plan being searched: every round's groups, their cost, and moves that keep the rules.

Each round's groups keep their sizes: a move swaps two students (or a keep-together chain for
as many students) between two groups of the same round, and a move that would break a rule is
never made. Pair counts across the planned rounds live in bit masks (``met1``: met at least
once, ``met2``: twice, ``met3``: three times) so a swap's effect on repeats costs a few
popcounts instead of a loop over the group.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import add

from mathroom.domain.grouping.constraints import RoundRules
from mathroom.domain.grouping.scoring import Objective

Groups = list[list[int]]


class RoundState:
    """One round's groups, with the masks and sums the move costs need."""

    __slots__ = ("gcost", "hsum", "masks", "members", "movable_mask", "rules", "where")

    def __init__(self, rules: RoundRules, groups: Groups, size: int) -> None:
        self.rules = rules
        self.movable_mask = _mask(rules.movable)
        self.members = [list(g) for g in groups]
        self.masks = [_mask(g) for g in groups]
        self.where = [-1] * size
        for number, group in enumerate(groups):
            for x in group:
                self.where[x] = number
        # hsum[x][g]: recency-weighted history between x and group g's members.
        self.hsum: list[list[float]] = []
        self.gcost: list[float] = []


class PlanState:
    """All planned rounds and their cost under an objective."""

    def __init__(
        self,
        objective: Objective,
        rules: Sequence[RoundRules],
        plan: list[Groups],
        *,
        cost_only: bool = False,
    ):
        size = objective.size
        self.objective = objective
        self.size = size
        self.weight = objective.plan_weight
        self.history = objective.history
        self.group_cost = objective.group_cost
        self.counts = [[0] * size for _ in range(size)]
        self.met1 = [0] * size
        self.met2 = [0] * size
        self.met3 = [0] * size
        self.plan_units = 0
        self.rounds = [RoundState(r, groups, size) for r, groups in zip(rules, plan, strict=True)]
        for state in self.rounds:
            for group in state.members:
                for i, a in enumerate(group):
                    for b in group[i + 1 :]:
                        self._bump(a, b, 1)
        self.cost = self.weight * self.plan_units
        for state in self.rounds:
            if self.history is not None:
                if not cost_only:
                    state.hsum = _group_sums(self.history, state.members, size)
                self.cost += sum(
                    self.history[a][b]
                    for group in state.members
                    for i, a in enumerate(group)
                    for b in group[i + 1 :]
                )
            if self.group_cost is not None:
                state.gcost = [self.group_cost(group) for group in state.members]
                self.cost += sum(state.gcost)

    def snapshot(self) -> list[Groups]:
        return [[list(g) for g in state.members] for state in self.rounds]

    def recount(self) -> float:
        """The cost computed from scratch (the running total drifts by float rounding)."""
        rules = [s.rules for s in self.rounds]
        fresh = PlanState(self.objective, rules, self.snapshot(), cost_only=True)
        return fresh.cost

    def _bump(self, a: int, b: int, step: int) -> None:
        """Count one more (step 1) or one fewer (step -1) meeting of a and b in the plan."""
        counts = self.counts
        before = counts[a][b]
        after = before + step
        counts[a][b] = after
        counts[b][a] = after
        # A step of one crosses exactly one threshold: the mask for that level changes.
        if step > 0:
            self.plan_units += (before >= 1) + (before >= 2)
            level = after
        else:
            self.plan_units -= (after >= 1) + (after >= 2)
            level = before
        if level > 3:
            return
        masks = self.met1 if level == 1 else self.met2 if level == 2 else self.met3
        masks[a] ^= 1 << b
        masks[b] ^= 1 << a

    # -- single-student swaps (the common, fast move) ------------------------------------

    def swap_allowed(self, state: RoundState, x: int, y: int) -> bool:
        """Whether swapping x and y (in different groups) keeps every hard rule."""
        rules = state.rules
        gx, gy = state.where[x], state.where[y]
        g_rest = state.masks[gx] & ~(1 << x)
        h_rest = state.masks[gy] & ~(1 << y)
        if rules.apart[x] & h_rest or rules.apart[y] & g_rest:
            return False
        if rules.buddy_touch & ((1 << x) | (1 << y)):
            return _buddies_hold(rules, g_rest | (1 << y), h_rest | (1 << x))
        return True

    def swap_delta(self, state: RoundState, x: int, y: int) -> float:
        """Cost change of swapping x and y (in different groups of the round)."""
        gx, gy = state.where[x], state.where[y]
        g_rest = state.masks[gx] & ~(1 << x)
        h_rest = state.masks[gy] & ~(1 << y)
        met1, met2, met3 = self.met1, self.met2, self.met3
        units = (
            (met1[x] & h_rest).bit_count()
            + (met2[x] & h_rest).bit_count()
            - (met2[x] & g_rest).bit_count()
            - (met3[x] & g_rest).bit_count()
            + (met1[y] & g_rest).bit_count()
            + (met2[y] & g_rest).bit_count()
            - (met2[y] & h_rest).bit_count()
            - (met3[y] & h_rest).bit_count()
        )
        delta = self.weight * units
        if self.history is not None:
            hxy = self.history[x][y]
            hx, hy = state.hsum[x], state.hsum[y]
            delta += hx[gy] - hx[gx] + hy[gx] - hy[gy] - 2.0 * hxy
        if self.group_cost is not None:
            delta += (
                self.group_cost(_replaced(state.members[gx], x, y))
                + self.group_cost(_replaced(state.members[gy], y, x))
                - state.gcost[gx]
                - state.gcost[gy]
            )
        return delta

    def apply_swap(self, state: RoundState, x: int, y: int, delta: float) -> None:
        gx, gy = state.where[x], state.where[y]
        g_group, h_group = state.members[gx], state.members[gy]
        for m in g_group:
            if m != x:
                self._bump(x, m, -1)
                self._bump(y, m, 1)
        for m in h_group:
            if m != y:
                self._bump(y, m, -1)
                self._bump(x, m, 1)
        g_group[g_group.index(x)] = y
        h_group[h_group.index(y)] = x
        state.where[x], state.where[y] = gy, gx
        both = (1 << x) | (1 << y)
        state.masks[gx] ^= both
        state.masks[gy] ^= both
        if self.history is not None:
            hx, hy = self.history[x], self.history[y]
            for z in state.rules.present:
                row = state.hsum[z]
                change = hy[z] - hx[z]
                row[gx] += change
                row[gy] -= change
        if self.group_cost is not None:
            state.gcost[gx] = self.group_cost(g_group)
            state.gcost[gy] = self.group_cost(h_group)
        self.cost += delta

    # -- moving keep-together chains --------------------------------------------------------

    def exchange(
        self, state: RoundState, outgoing: Sequence[int], incoming: Sequence[int]
    ) -> float:
        """Swap equal-sized sets between two groups and return the cost change.

        ``outgoing`` all sit in one group and ``incoming`` in another; the caller has checked
        the rules with ``exchange_allowed``. Only chains use it, so it simply re-scores the
        two groups rather than working out a delta first.
        """
        gx, gy = state.where[outgoing[0]], state.where[incoming[0]]
        g_old, h_old = state.members[gx], state.members[gy]
        g_new = [m for m in g_old if m not in outgoing] + list(incoming)
        h_new = [m for m in h_old if m not in incoming] + list(outgoing)
        units_before = self.plan_units
        old_local = self._local_cost(g_old) + self._local_cost(h_old)
        for old, new in ((g_old, g_new), (h_old, h_new)):
            for i, a in enumerate(old):
                for b in old[i + 1 :]:
                    self._bump(a, b, -1)
            for i, a in enumerate(new):
                for b in new[i + 1 :]:
                    self._bump(a, b, 1)
        state.members[gx], state.members[gy] = g_new, h_new
        state.masks[gx], state.masks[gy] = _mask(g_new), _mask(h_new)
        for x in g_new:
            state.where[x] = gx
        for x in h_new:
            state.where[x] = gy
        if self.history is not None:
            for z in state.rules.present:
                row = state.hsum[z]
                hz = self.history[z]
                row[gx] = sum(hz[m] for m in g_new)
                row[gy] = sum(hz[m] for m in h_new)
        if self.group_cost is not None:
            state.gcost[gx] = self.group_cost(g_new)
            state.gcost[gy] = self.group_cost(h_new)
        new_local = self._local_cost(g_new) + self._local_cost(h_new)
        delta = self.weight * (self.plan_units - units_before) + new_local - old_local
        self.cost += delta
        return delta

    def _local_cost(self, group: Sequence[int]) -> float:
        cost = 0.0
        if self.history is not None:
            history = self.history
            cost += sum(history[a][b] for i, a in enumerate(group) for b in group[i + 1 :])
        if self.group_cost is not None:
            cost += self.group_cost(group)
        return cost

    def exchange_allowed(
        self, state: RoundState, outgoing: Sequence[int], incoming: Sequence[int]
    ) -> bool:
        rules = state.rules
        gx, gy = state.where[outgoing[0]], state.where[incoming[0]]
        g_new = (state.masks[gx] & ~_mask(outgoing)) | _mask(incoming)
        h_new = (state.masks[gy] & ~_mask(incoming)) | _mask(outgoing)
        if any(rules.apart[x] & h_new for x in outgoing):
            return False
        if any(rules.apart[y] & g_new for y in incoming):
            return False
        if rules.buddy_touch & (_mask(outgoing) | _mask(incoming)):
            return _buddies_hold(rules, g_new, h_new)
        return True


def _buddies_hold(rules: RoundRules, *groups: int) -> bool:
    for student, wanted in rules.needs:
        for group in groups:
            if group >> student & 1 and not group & wanted:
                return False
    return True


def _replaced(group: list[int], old: int, new: int) -> list[int]:
    return [new if m == old else m for m in group]


def _group_sums(history: list[list[float]], groups: Groups, size: int) -> list[list[float]]:
    """``sums[x][g]``: x's history with group g's members, added in member order.

    Whole rows are added at a time (the matrix is symmetric), which is many times quicker
    than a sum per student and group and gives the very same floats.
    """
    columns = []
    for group in groups:
        total = [0.0] * size
        for m in group:
            total = list(map(add, total, history[m]))
        columns.append(total)
    return (
        [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in range(size)]
    )


def _mask(members: Sequence[int]) -> int:
    mask = 0
    for m in members:
        mask |= 1 << m
    return mask
