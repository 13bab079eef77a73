"""Undo for the Plan page: each change puts whole days back the way they were."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtGui import QUndoStack

from mathroom.domain.ids import PeriodId
from mathroom.domain.plan import DayPlan, PlanBlock
from mathroom.services.changes import Change
from mathroom.services.classroom import ClassroomService
from mathroom.services.plans import PlanService
from mathroom.ui.operations import Operations
from mathroom.ui.undo import push_done

# A plan change can make groups (fresh stations) too.
PLAN_CHANGES = Change.PLANS | Change.GROUPS

Snapshot = Mapping[PeriodId, DayPlan | None]


class PlanHistory:
    """Takes "before" and "after" pictures of the days a change touches and pushes one undo
    step that swaps between them. Days are restored whole, so every kind of change (a block
    edited, a template laid out, a plan copied to other periods) undoes the same way."""

    def __init__(
        self, ops: Operations, plans: PlanService, classroom: ClassroomService, undo: QUndoStack
    ) -> None:
        self._ops = ops
        self._plans = plans
        self._classroom = classroom
        self._undo = undo

    def read(self, periods: Iterable[PeriodId], day: date) -> dict[PeriodId, DayPlan | None]:
        """The picture of ``day`` for ``periods``, as it is now."""
        plans, wanted = self._plans, list(periods)
        return self._ops.query(lambda: {period: plans.plan(period, day) for period in wanted})

    def record(self, what: str, day: date, before: Snapshot) -> None:
        """The change is done: push an undo step from ``before`` to the days as they are now."""
        after = self.read(before.keys(), day)
        push_done(
            self._undo,
            self._ops,
            what,
            lambda: self._restore(day, after),
            lambda: self._restore(day, before),
            PLAN_CHANGES,
        )

    def _restore(self, day: date, snapshot: Snapshot) -> None:
        # Runs inside the undo's write, on the writer thread: services are called directly.
        for period, plan in snapshot.items():
            if plan is None:
                self._plans.delete_plan(period, day)
            else:
                self._plans.save_plan(period, day, self._restorable(plan.blocks), plan.notes)

    def _restorable(self, blocks: Sequence[PlanBlock]) -> tuple[PlanBlock, ...]:
        """Blocks to put back; groups made ahead and since dropped are left off."""
        out = []
        for block in blocks:
            if block.group_set_id is not None and (
                self._classroom.group_set(block.group_set_id) is None
            ):
                stations = tuple(replace(s, group_number=None) for s in block.stations)
                block = replace(block, group_set_id=None, stations=stations)
            out.append(block)
        return tuple(out)
