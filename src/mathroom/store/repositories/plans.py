"""Day plans with their timed blocks and stations."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import DayPlanId, GroupSetId, PeriodId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock, Station
from mathroom.store.tables import (
    DayPlanRow,
    GroupRow,
    GroupSetRow,
    PlanBlockRow,
    StationRow,
    TaskRow,
)


def _details(block: PlanBlock) -> dict[str, object]:
    details: dict[str, object] = {}
    if block.skill_code:
        details["skill_code"] = block.skill_code
    if block.students:
        details["students"] = [int(s) for s in block.students]
    if block.concurrent:
        details["concurrent"] = True
    if block.practice_skills:
        details["practice_skills"] = list(block.practice_skills)
    if block.milestone is not None:
        details["milestone"] = block.milestone
    return details


def _block_row(block: PlanBlock, position: int, group_ids: Mapping[int, int]) -> PlanBlockRow:
    row = PlanBlockRow(
        position=position,
        kind=block.kind.value,
        title=block.title,
        minutes=block.minutes,
        task_id=block.task_id,
        group_set_id=block.group_set_id,
        rotation_minutes=block.rotation_minutes,
        details=_details(block),
    )
    row.stations = [
        StationRow(
            number=station.number,
            task_id=station.task_id,
            group_id=group_ids.get(station.group_number)
            if station.group_number is not None
            else None,
        )
        for station in block.stations
    ]
    return row


def _to_block(
    row: PlanBlockRow, titles: Mapping[int, str], group_numbers: Mapping[int, int]
) -> PlanBlock:
    details: dict[str, Any] = row.details or {}
    return PlanBlock(
        kind=BlockKind(row.kind),
        minutes=row.minutes,
        title=row.title,
        task_id=TaskId(row.task_id) if row.task_id else None,
        task_title=titles.get(row.task_id) if row.task_id else None,
        group_set_id=GroupSetId(row.group_set_id) if row.group_set_id else None,
        skill_code=details.get("skill_code"),
        students=tuple(StudentId(s) for s in details.get("students", [])),
        concurrent=bool(details.get("concurrent", False)),
        rotation_minutes=row.rotation_minutes,
        practice_skills=tuple(str(code) for code in details.get("practice_skills", [])),
        milestone=int(details["milestone"]) if details.get("milestone") is not None else None,
        stations=tuple(
            Station(
                station.number,
                TaskId(station.task_id) if station.task_id else None,
                group_numbers.get(station.group_id) if station.group_id else None,
            )
            for station in row.stations
        ),
    )


class PlanRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def plan(self, period: PeriodId, plan_date: date) -> DayPlan | None:
        plans = self.plans_between([period], plan_date, plan_date)
        return plans[0] if plans else None

    def plans(self, period: PeriodId, first: date, last: date) -> list[DayPlan]:
        """The period's plans dated between ``first`` and ``last`` inclusive, by date."""
        return self.plans_between([period], first, last)

    def plans_between(
        self, periods: Collection[PeriodId], first: date, last: date
    ) -> list[DayPlan]:
        """The periods' plans from ``first`` to ``last`` inclusive, by date then period.

        A fixed handful of queries however many plans there are: plans, blocks, stations,
        then the task titles and group numbers they refer to.
        """
        rows = list(
            self._session.scalars(
                select(DayPlanRow)
                .where(
                    DayPlanRow.period_id.in_(list(periods)),
                    DayPlanRow.plan_date >= first,
                    DayPlanRow.plan_date <= last,
                )
                .options(selectinload(DayPlanRow.blocks).selectinload(PlanBlockRow.stations))
                .order_by(DayPlanRow.plan_date, DayPlanRow.period_id)
            )
        )
        blocks = [block for row in rows for block in row.blocks]
        task_ids = {block.task_id for block in blocks if block.task_id}
        group_ids = {s.group_id for block in blocks for s in block.stations if s.group_id}
        titles: dict[int, str] = {}
        if task_ids:
            named = self._session.execute(
                select(TaskRow.id, TaskRow.title).where(TaskRow.id.in_(task_ids))
            )
            titles = {task_id: title for task_id, title in named}
        numbers: dict[int, int] = {}
        if group_ids:
            found = self._session.execute(
                select(GroupRow.id, GroupRow.number).where(GroupRow.id.in_(group_ids))
            )
            numbers = {group_id: number for group_id, number in found}
        return [
            DayPlan(
                DayPlanId(row.id),
                PeriodId(row.period_id),
                row.plan_date,
                tuple(_to_block(block, titles, numbers) for block in row.blocks),
                row.notes,
            )
            for row in rows
        ]

    def save_plan(
        self,
        period: PeriodId,
        plan_date: date,
        blocks: Sequence[PlanBlock],
        now: datetime,
        notes: str = "",
    ) -> DayPlanId:
        """Replace the day's plan with these blocks (created_at is kept when it existed).

        Station groups are found by number in each block's group set. Raises
        ValidationError, before changing anything, for a block that cannot be stored.
        """
        group_ids = {
            set_id: self._checked_group_ids(period, set_id)
            for set_id in {b.group_set_id for b in blocks if b.group_set_id is not None}
        }
        for index, block in enumerate(blocks):
            _check_block(index, block, group_ids.get(block.group_set_id or GroupSetId(-1), {}))
        row = self._row(period, plan_date)
        if row is None:
            row = DayPlanRow(period_id=period, plan_date=plan_date, created_at=now)
            self._session.add(row)
        else:
            row.blocks.clear()
            self._session.flush()  # old stations go before new ones take their numbers
        row.notes = notes
        row.updated_at = now
        row.blocks = [
            _block_row(block, position, group_ids.get(block.group_set_id or GroupSetId(-1), {}))
            for position, block in enumerate(blocks)
        ]
        self._session.flush()
        return DayPlanId(row.id)

    def delete_plan(self, period: PeriodId, plan_date: date) -> bool:
        """Remove the day's plan; False when there was none. Group sets stay in the history."""
        row = self._row(period, plan_date)
        if row is None:
            return False
        self._session.delete(row)
        self._session.flush()
        return True

    def drop_unused_group_sets(self, candidates: Collection[GroupSetId], after: date) -> int:
        """Delete those of ``candidates`` made for a day after ``after`` that no plan uses.

        Groups made ahead for a day still to come and then replaced never met, so they must
        not stay in the history the grouping engine reads. Returns how many went.
        """
        if not candidates:
            return 0
        used = set(
            self._session.scalars(
                select(PlanBlockRow.group_set_id).where(
                    PlanBlockRow.group_set_id.in_(list(candidates))
                )
            )
        )
        rows = self._session.scalars(
            select(GroupSetRow).where(
                GroupSetRow.id.in_([c for c in candidates if c not in used]),
                GroupSetRow.made_on > after,
            )
        )
        dropped = 0
        for row in rows:
            self._session.delete(row)
            dropped += 1
        self._session.flush()
        return dropped

    def append_block(
        self, period: PeriodId, plan_date: date, block: PlanBlock, now: datetime, *, after: str
    ) -> DayPlanId:
        """Add a block to the day's plan (creating the plan if needed).

        It goes after the first block of kind ``after`` and any blocks already running inside
        it, or at the end when there is none.
        """
        row = self._row(period, plan_date)
        if row is None:
            row = DayPlanRow(
                period_id=period, plan_date=plan_date, notes="", created_at=now, updated_at=now
            )
            self._session.add(row)
        kinds = [b.kind for b in row.blocks]
        if after in kinds:
            index = kinds.index(after) + 1
            while index < len(row.blocks) and (row.blocks[index].details or {}).get("concurrent"):
                index += 1
        else:
            index = len(row.blocks)
        new = _block_row(block, index, {})
        for later in row.blocks[index:]:
            later.position += 1
        row.blocks.insert(index, new)
        row.updated_at = now
        self._session.flush()
        return DayPlanId(row.id)

    def remove_block(self, period: PeriodId, plan_date: date, title: str) -> None:
        """Remove the day's block with this title (undo of an added block)."""
        row = self._row(period, plan_date)
        if row is None:
            return
        for block in list(row.blocks):
            if block.title == title:
                row.blocks.remove(block)
                break
        for position, block in enumerate(row.blocks):
            block.position = position

    def use_group_set(
        self,
        period: PeriodId,
        plan_date: date,
        group_set: GroupSetId,
        group_ids: Mapping[int, int],
        *,
        add_or_remove_boards: bool,
    ) -> bool:
        """Point the day's stations block at a group set: station n gets group n.

        Tasks stay on their stations. A different number of groups than stations adds
        stations (repeating the tasks from station 1) or removes the last ones only with
        ``add_or_remove_boards`` (the teacher's choice); otherwise ValidationError, nothing
        changed. A block without stations yet gets one per group. Returns False when the
        day has no plan with a stations block.
        """
        row = self._row(period, plan_date)
        block = next((b for b in row.blocks if b.kind == "stations"), None) if row else None
        if block is None:
            return False
        tasks = [s.task_id for s in block.stations]
        if tasks and len(tasks) != len(group_ids) and not add_or_remove_boards:
            raise ValidationError(
                "group_ids",
                f"the plan has {len(tasks)} whiteboards and the set {len(group_ids)} groups",
            )
        block.group_set_id = group_set
        block.stations.clear()
        self._session.flush()
        for number, group_id in sorted(group_ids.items()):
            task = tasks[(number - 1) % len(tasks)] if tasks else None
            block.stations.append(StationRow(number=number, task_id=task, group_id=group_id))
        return True

    def _row(self, period: PeriodId, plan_date: date) -> DayPlanRow | None:
        return self._session.scalars(
            select(DayPlanRow).where(
                DayPlanRow.period_id == period, DayPlanRow.plan_date == plan_date
            )
        ).first()

    def _checked_group_ids(self, period: PeriodId, group_set: GroupSetId) -> dict[int, int]:
        """The set's group ids by number; the set must belong to the plan's period."""
        owner = self._session.scalar(
            select(GroupSetRow.period_id).where(GroupSetRow.id == group_set)
        )
        if owner is None:
            raise ValidationError("group_set_id", f"group set {group_set} does not exist")
        if owner != period:
            # Another period's groups would put its students on this period's whiteboards.
            raise ValidationError("group_set_id", f"group set {group_set} is another period's")
        rows = self._session.execute(
            select(GroupRow.number, GroupRow.id).where(GroupRow.group_set_id == group_set)
        )
        return {number: group_id for number, group_id in rows}


def _check_block(index: int, block: PlanBlock, group_ids: Mapping[int, int]) -> None:
    field = f"blocks[{index}]"
    if block.minutes < 0:
        raise ValidationError(field, "a block cannot last a negative number of minutes")
    if block.rotation_minutes is not None and block.rotation_minutes <= 0:
        raise ValidationError(field, "groups must stay at a station a minute or more")
    numbers = [s.number for s in block.stations]
    if len(set(numbers)) != len(numbers):
        raise ValidationError(field, "two stations have the same number")
    for station in block.stations:
        if station.group_number is None:
            continue
        if block.group_set_id is None:
            raise ValidationError(field, "stations name groups but the block has no group set")
        if station.group_number not in group_ids:
            raise ValidationError(
                field, f"group {station.group_number} is not in group set {block.group_set_id}"
            )
