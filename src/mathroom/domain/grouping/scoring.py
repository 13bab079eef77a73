"""What the search minimises: repeated partners (recent ones most) plus the mode's wishes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mathroom.domain.grouping.history import PairHistory
from mathroom.domain.ids import StudentId

PLAN_REPEAT_WEIGHT = 10.0
"""Cost of a pair meeting again within the planned rounds, per extra meeting.

A meeting in the group set just before costs 3.0 (see ``recency_weight``), so the plan
prefers reusing even a recent partner over pairing the same two twice in one rotation ("no
pair meets twice while that is still possible").
A third meeting within the plan costs twice as much again, so repeats that cannot be avoided
are spread over many pairs instead of piling onto a few.
"""

GroupCost = Callable[[Sequence[int]], float]


def plan_pair_cost(meetings: int) -> int:
    """Repeat units of a pair that meets ``meetings`` times within the plan: 0, 0, 1, 3, 5..."""
    return max(0, meetings - 1) + max(0, meetings - 2)


@dataclass(frozen=True, slots=True)
class Objective:
    """The search's cost in index form.

    ``history[a][b]`` is the recency-weighted count of earlier meetings (``None`` without
    history); ``group_cost`` scores one group for the readiness modes (``None`` for fresh mix).
    """

    size: int
    plan_weight: float
    history: list[list[float]] | None
    group_cost: GroupCost | None

    def join_cost(
        self, members: Sequence[int], newcomers: Sequence[int], counts: list[list[int]]
    ) -> float:
        """Added cost of putting ``newcomers`` into a group holding ``members``.

        ``counts`` holds how often pairs already met in the rounds planned so far.
        """
        cost = 0.0
        weight = self.plan_weight
        history = self.history
        for x in newcomers:
            row = counts[x]
            for m in members:
                c = row[m]
                if c:
                    cost += weight * (1 + (c >= 2))
                if history is not None:
                    cost += history[x][m]
        if self.group_cost is not None:
            before = self.group_cost(members) if members else 0.0
            cost += self.group_cost([*members, *newcomers]) - before
        return cost


def history_matrix(history: PairHistory, students: Sequence[StudentId]) -> list[list[float]] | None:
    """The recency weights as a dense matrix over student indexes (``None`` if nobody met)."""
    index_of = {s: i for i, s in enumerate(students)}
    matrix: list[list[float]] | None = None
    for (a, b), weight in sorted(history.weights.items()):
        ia, ib = index_of.get(a), index_of.get(b)
        if ia is None or ib is None or weight <= 0.0:
            continue
        if matrix is None:
            matrix = [[0.0] * len(students) for _ in students]
        matrix[ia][ib] += weight
        matrix[ib][ia] += weight
    return matrix
