"""Day plans with their timed blocks and stations."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from mathroom.domain.ids import DayPlanId, GroupSetId, PeriodId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock, Station
from mathroom.store.tables import DayPlanRow, GroupRow, PlanBlockRow, StationRow, TaskRow


def _details(block: PlanBlock) -> dict[str, object]:
    details: dict[str, object] = {}
    if block.skill_code:
        details["skill_code"] = block.skill_code
    if block.students:
        details["students"] = [int(s) for s in block.students]
    if block.concurrent:
        details["concurrent"] = True
    return details


class PlanRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_plan(
        self,
        period: PeriodId,
        plan_date: date,
        blocks: tuple[PlanBlock, ...],
        now: datetime,
        *,
        group_ids: Mapping[int, int] | None = None,
        notes: str = "",
    ) -> DayPlanId:
        """Store a plan; ``group_ids`` maps group numbers to rows for the stations."""
        plan = DayPlanRow(
            period_id=period, plan_date=plan_date, notes=notes, created_at=now, updated_at=now
        )
        for position, block in enumerate(blocks):
            block_row = PlanBlockRow(
                position=position,
                kind=block.kind.value,
                title=block.title,
                minutes=block.minutes,
                task_id=block.task_id,
                group_set_id=block.group_set_id,
                details=_details(block),
            )
            block_row.stations = [
                StationRow(
                    number=station.number,
                    task_id=station.task_id,
                    group_id=(group_ids or {}).get(station.group_number or -1),
                )
                for station in block.stations
            ]
            plan.blocks.append(block_row)
        self._session.add(plan)
        self._session.flush()
        return DayPlanId(plan.id)

    def plans(self, period: PeriodId, first: date, last: date) -> list[DayPlan]:
        """The period's plans dated between ``first`` and ``last`` inclusive, by date."""
        titles = {
            task_id: title
            for task_id, title in self._session.execute(select(TaskRow.id, TaskRow.title))
        }
        rows = self._session.scalars(
            select(DayPlanRow)
            .where(
                DayPlanRow.period_id == period,
                DayPlanRow.plan_date >= first,
                DayPlanRow.plan_date <= last,
            )
            .options(selectinload(DayPlanRow.blocks).selectinload(PlanBlockRow.stations))
            .order_by(DayPlanRow.plan_date)
        )
        return [self._to_plan(row, titles) for row in rows]

    def _to_plan(self, row: DayPlanRow, titles: Mapping[int, str]) -> DayPlan:
        blocks = []
        for block in row.blocks:
            group_numbers = self._group_numbers(block)
            blocks.append(
                PlanBlock(
                    kind=BlockKind(block.kind),
                    minutes=block.minutes,
                    title=block.title,
                    task_id=TaskId(block.task_id) if block.task_id else None,
                    task_title=titles.get(block.task_id) if block.task_id else None,
                    group_set_id=GroupSetId(block.group_set_id) if block.group_set_id else None,
                    skill_code=(block.details or {}).get("skill_code"),
                    students=tuple(StudentId(s) for s in (block.details or {}).get("students", [])),
                    concurrent=bool((block.details or {}).get("concurrent", False)),
                    stations=tuple(
                        Station(
                            station.number,
                            TaskId(station.task_id) if station.task_id else None,
                            group_numbers.get(station.group_id) if station.group_id else None,
                        )
                        for station in block.stations
                    ),
                )
            )
        return DayPlan(
            DayPlanId(row.id), PeriodId(row.period_id), row.plan_date, tuple(blocks), row.notes
        )

    def _group_numbers(self, block: PlanBlockRow) -> dict[int, int]:
        if not block.group_set_id:
            return {}
        rows = self._session.execute(
            select(GroupRow.id, GroupRow.number).where(GroupRow.group_set_id == block.group_set_id)
        )
        return {group_id: number for group_id, number in rows}

    def append_block(
        self, period: PeriodId, plan_date: date, block: PlanBlock, now: datetime, *, after: str
    ) -> DayPlanId:
        """Add a block to the day's plan (creating the plan if needed).

        It goes after the first block of kind ``after`` and any blocks already running inside
        it, or at the end when there is none.
        """
        row = self._session.scalars(
            select(DayPlanRow).where(
                DayPlanRow.period_id == period, DayPlanRow.plan_date == plan_date
            )
        ).first()
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
        new = PlanBlockRow(
            position=index,
            kind=block.kind.value,
            title=block.title,
            minutes=block.minutes,
            details=_details(block),
        )
        for later in row.blocks[index:]:
            later.position += 1
        row.blocks.insert(index, new)
        row.updated_at = now
        self._session.flush()
        return DayPlanId(row.id)

    def remove_block(self, period: PeriodId, plan_date: date, title: str) -> None:
        """Remove the day's block with this title (undo of an added block)."""
        row = self._session.scalars(
            select(DayPlanRow).where(
                DayPlanRow.period_id == period, DayPlanRow.plan_date == plan_date
            )
        ).first()
        if row is None:
            return
        for block in list(row.blocks):
            if block.title == title:
                row.blocks.remove(block)
                break
        for position, block in enumerate(row.blocks):
            block.position = position

    def use_group_set(
        self, period: PeriodId, plan_date: date, group_set: GroupSetId, group_ids: Mapping[int, int]
    ) -> bool:
        """Point the day's stations block at a group set: station n gets group n.

        Tasks stay on their stations; stations are added or removed to match the groups.
        Returns False when the day has no plan with a stations block.
        """
        row = self._session.scalars(
            select(DayPlanRow).where(
                DayPlanRow.period_id == period, DayPlanRow.plan_date == plan_date
            )
        ).first()
        block = next((b for b in row.blocks if b.kind == "stations"), None) if row else None
        if block is None:
            return False
        tasks = [s.task_id for s in block.stations]
        block.group_set_id = group_set
        block.stations.clear()
        self._session.flush()
        for number, group_id in sorted(group_ids.items()):
            task = tasks[(number - 1) % len(tasks)] if tasks else None
            block.stations.append(StationRow(number=number, task_id=task, group_id=group_id))
        return True
