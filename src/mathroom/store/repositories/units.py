"""Units (an ordered run of skills and tasks), each period's units over the year, and the
plan history that planning from a unit reads: which day the period had which task."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from sqlalchemy import Select, delete, func, select, union
from sqlalchemy.orm import Session

from mathroom.domain.ids import PeriodId, SkillId, TaskId, UnitId
from mathroom.domain.plan import TEACHER_TIME_KINDS, BlockKind
from mathroom.domain.units import Unit, UnitAssignment, UnitSpec
from mathroom.store.tables import (
    DayPlanRow,
    PeriodUnitRow,
    PlanBlockRow,
    SkillRow,
    StationRow,
    TaskRow,
    UnitRow,
    UnitSkillRow,
    UnitTaskRow,
)

_TEACHER_TIME = sorted(kind.value for kind in TEACHER_TIME_KINDS)


class UnitRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    # The units themselves

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(UnitRow)) or 0

    def units(self, *, include_archived: bool = False) -> list[Unit]:
        """Units (active ones unless asked) in the teacher's order, with skills and tasks."""
        query = select(UnitRow).order_by(UnitRow.position, UnitRow.id)
        if not include_archived:
            query = query.where(UnitRow.archived_at.is_(None))
        rows = list(self._session.scalars(query))
        ids = [row.id for row in rows]
        codes: dict[int, list[str]] = {}
        for unit_id, code in self._session.execute(
            select(UnitSkillRow.unit_id, SkillRow.code)
            .join(SkillRow, SkillRow.id == UnitSkillRow.skill_id)
            .where(UnitSkillRow.unit_id.in_(ids))
            .order_by(UnitSkillRow.unit_id, UnitSkillRow.position)
        ):
            codes.setdefault(unit_id, []).append(code)
        tasks: dict[int, list[TaskId]] = {}
        for unit_id, task_id in self._session.execute(
            select(UnitTaskRow.unit_id, UnitTaskRow.task_id)
            .where(UnitTaskRow.unit_id.in_(ids))
            .order_by(UnitTaskRow.unit_id, UnitTaskRow.position)
        ):
            tasks.setdefault(unit_id, []).append(TaskId(task_id))
        return [_to_unit(row, codes.get(row.id, ()), tasks.get(row.id, ())) for row in rows]

    def get(self, unit_id: UnitId) -> Unit:
        """The unit (archived or not); LookupError when there is none."""
        self._row(unit_id)
        return next(u for u in self.units(include_archived=True) if u.id == unit_id)

    def slug_owner(self, slug: str) -> UnitId | None:
        found = self._session.scalar(select(UnitRow.id).where(UnitRow.slug == slug))
        return UnitId(found) if found is not None else None

    def add(self, spec: UnitSpec, skill_ids: Mapping[str, SkillId], now: datetime) -> UnitId:
        """A new unit at the end of the list; codes missing from ``skill_ids`` are left out."""
        last = self._session.scalar(select(func.max(UnitRow.position)))
        row = UnitRow(created_at=now, updated_at=now, position=(last or 0) + 1)
        _fill(row, spec)
        self._session.add(row)
        self._session.flush()
        self._link(row.id, spec, skill_ids)
        return UnitId(row.id)

    def update(
        self, unit_id: UnitId, spec: UnitSpec, skill_ids: Mapping[str, SkillId], now: datetime
    ) -> None:
        row = self._row(unit_id)
        _fill(row, spec)
        row.updated_at = now
        self._session.execute(delete(UnitSkillRow).where(UnitSkillRow.unit_id == unit_id))
        self._session.execute(delete(UnitTaskRow).where(UnitTaskRow.unit_id == unit_id))
        self._link(unit_id, spec, skill_ids)
        self._session.flush()

    def set_archived(self, unit_id: UnitId, archived_at: datetime | None) -> None:
        self._row(unit_id).archived_at = archived_at

    def set_positions(self, order: Iterable[UnitId]) -> None:
        """The teacher's order of the units: ``order`` from first to last."""
        for position, unit_id in enumerate(order, start=1):
            self._row(unit_id).position = position

    # Each period's units

    def assign(self, period: PeriodId, unit_id: UnitId, starts_on: date) -> None:
        """From ``starts_on`` the period works on the unit (replacing one starting that day)."""
        row = self._session.scalar(
            select(PeriodUnitRow).where(
                PeriodUnitRow.period_id == period, PeriodUnitRow.starts_on == starts_on
            )
        )
        if row is None:
            self._session.add(PeriodUnitRow(period_id=period, unit_id=unit_id, starts_on=starts_on))
        else:
            row.unit_id = unit_id
        self._session.flush()

    def unassign(self, period: PeriodId, starts_on: date) -> bool:
        result = self._session.execute(
            delete(PeriodUnitRow).where(
                PeriodUnitRow.period_id == period, PeriodUnitRow.starts_on == starts_on
            )
        )
        return bool(getattr(result, "rowcount", 0))

    def assignments(self, period: PeriodId) -> list[UnitAssignment]:
        """The period's units by the day each starts."""
        rows = self._session.scalars(
            select(PeriodUnitRow)
            .where(PeriodUnitRow.period_id == period)
            .order_by(PeriodUnitRow.starts_on)
        )
        return [UnitAssignment(PeriodId(r.period_id), UnitId(r.unit_id), r.starts_on) for r in rows]

    # What the period has had

    def task_days(self, period: PeriodId) -> dict[TaskId, set[date]]:
        """Every day the period has each task in a plan, as a block's task or at a station."""
        blocks = (
            select(PlanBlockRow.task_id.label("task_id"), DayPlanRow.plan_date)
            .join(DayPlanRow, DayPlanRow.id == PlanBlockRow.day_plan_id)
            .where(DayPlanRow.period_id == period, PlanBlockRow.task_id.is_not(None))
        )
        stations = (
            select(StationRow.task_id.label("task_id"), DayPlanRow.plan_date)
            .join(PlanBlockRow, PlanBlockRow.id == StationRow.block_id)
            .join(DayPlanRow, DayPlanRow.id == PlanBlockRow.day_plan_id)
            .where(DayPlanRow.period_id == period, StationRow.task_id.is_not(None))
        )
        found = union(blocks, stations).subquery()
        days: dict[TaskId, set[date]] = {}
        for task_id, day in self._session.execute(select(found.c.task_id, found.c.plan_date)):
            days.setdefault(TaskId(task_id), set()).add(day)
        return days

    def lesson_days(self, period: PeriodId, before: date) -> list[date]:
        """The period's lesson days before ``before``, newest first: days whose plan is not a
        project day (no project block) and holds more than teacher time set ahead (pulls,
        conferences). A new lesson can take its shape from them."""
        return list(
            self._session.scalars(
                self._lessons(period)
                .where(DayPlanRow.plan_date < before)
                .order_by(DayPlanRow.plan_date.desc())
            )
        )

    def last_planned(self, period: PeriodId) -> date | None:
        """The period's last day with a lesson or a project planned (teacher time set ahead
        for a later day does not count)."""
        busy = select(PlanBlockRow.day_plan_id).where(PlanBlockRow.kind.not_in(_TEACHER_TIME))
        return self._session.scalar(
            select(func.max(DayPlanRow.plan_date)).where(
                DayPlanRow.period_id == period, DayPlanRow.id.in_(busy)
            )
        )

    def _lessons(self, period: PeriodId) -> Select[date]:
        projects = select(PlanBlockRow.day_plan_id).where(
            PlanBlockRow.kind == BlockKind.PROJECT.value
        )
        lessons = select(PlanBlockRow.day_plan_id).where(PlanBlockRow.kind.not_in(_TEACHER_TIME))
        return select(DayPlanRow.plan_date).where(
            DayPlanRow.period_id == period,
            DayPlanRow.id.not_in(projects),
            DayPlanRow.id.in_(lessons),
        )

    def tasks_in_bank(self, task_ids: Iterable[TaskId]) -> set[TaskId]:
        """Those of ``task_ids`` that are in the task bank (archived or not)."""
        found = self._session.scalars(select(TaskRow.id).where(TaskRow.id.in_(list(task_ids))))
        return {TaskId(t) for t in found}

    # Helpers

    def _row(self, unit_id: UnitId) -> UnitRow:
        row = self._session.get(UnitRow, unit_id)
        if row is None:
            raise LookupError(f"unit {unit_id} not found")
        return row

    def _link(self, unit_id: int, spec: UnitSpec, skill_ids: Mapping[str, SkillId]) -> None:
        known = [skill_ids[c] for c in spec.skill_codes if c in skill_ids]
        self._session.add_all(
            UnitSkillRow(unit_id=unit_id, skill_id=s, position=n) for n, s in enumerate(known)
        )
        self._session.add_all(
            UnitTaskRow(unit_id=unit_id, task_id=t, position=n) for n, t in enumerate(spec.task_ids)
        )


def _fill(row: UnitRow, spec: UnitSpec) -> None:
    row.slug = spec.slug
    row.name = spec.name.strip()
    row.summary = spec.summary
    row.weeks = spec.weeks


def _to_unit(row: UnitRow, codes: Iterable[str], tasks: Iterable[TaskId]) -> Unit:
    spec = UnitSpec(
        name=row.name,
        weeks=row.weeks,
        skill_codes=tuple(codes),
        task_ids=tuple(tasks),
        summary=row.summary,
        slug=row.slug,
    )
    return Unit(UnitId(row.id), spec, row.position, row.archived_at is not None)
