"""The task bank: tasks with their skills and diagram, and where they have been used."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from sqlalchemy import delete, func, select, union, union_all
from sqlalchemy.orm import Session

from mathroom.domain.ids import PeriodId, SkillId, TaskId
from mathroom.domain.tasks import Task, TaskImage, TaskKind, TaskSpec, TaskUse, image_type
from mathroom.store.tables import (
    DayPlanRow,
    PeriodRow,
    PlanBlockRow,
    SkillRow,
    StationRow,
    TaskRow,
    TaskSkillRow,
)


def _fill(row: TaskRow, spec: TaskSpec) -> None:
    row.slug = spec.slug
    row.title = spec.title
    row.kind = spec.kind.value
    row.prompt = spec.prompt
    row.start_text = spec.start
    row.extensions = list(spec.extensions)
    row.hints = list(spec.hints)
    row.answer = spec.answer
    row.teacher_notes = spec.teacher_notes
    row.minutes = spec.minutes
    row.materials = spec.materials
    row.image = spec.image.data if spec.image else None
    row.image_name = spec.image.name if spec.image else None
    row.milestones = list(spec.milestones)
    row.rubric = list(spec.rubric)


def _image(row: TaskRow) -> TaskImage | None:
    if row.image is None:
        return None
    # The media type is not stored: the bytes say what they are.
    return TaskImage(row.image_name or "image", row.image, image_type(row.image) or "")


def _to_task(row: TaskRow, codes: Iterable[str]) -> Task:
    spec = TaskSpec(
        title=row.title,
        kind=TaskKind(row.kind),
        prompt=row.prompt,
        start=row.start_text,
        extensions=tuple(row.extensions),
        hints=tuple(row.hints),
        answer=row.answer,
        teacher_notes=row.teacher_notes,
        skill_codes=tuple(codes),
        minutes=row.minutes,
        materials=row.materials,
        slug=row.slug,
        image=_image(row),
        milestones=tuple(row.milestones or ()),
        rubric=tuple(row.rubric or ()),
    )
    return Task(TaskId(row.id), spec, row.archived_at is not None, row.created_at, row.updated_at)


class TaskRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(TaskRow)) or 0

    def add_tasks(
        self, specs: Iterable[TaskSpec], skill_ids: Mapping[str, SkillId], now: datetime
    ) -> dict[str, TaskId]:
        """Insert tasks; returns ids by slug (tasks without a slug are not in the map)."""
        ids: dict[str, TaskId] = {}
        for spec in specs:
            task_id = self.add(spec, skill_ids, now)
            if spec.slug:
                ids[spec.slug] = task_id
        return ids

    def add(
        self,
        spec: TaskSpec,
        skill_ids: Mapping[str, SkillId],
        now: datetime,
        *,
        created_at: datetime | None = None,
        updated_at: datetime | None = None,
    ) -> TaskId:
        """Insert one task; codes missing from ``skill_ids`` are left out.

        ``created_at``/``updated_at`` keep an imported task's own dates.
        """
        row = TaskRow(created_at=created_at or now, updated_at=updated_at or now)
        _fill(row, spec)
        self._session.add(row)
        self._session.flush()
        self._link_skills(row.id, spec.skill_codes, skill_ids)
        return TaskId(row.id)

    def update(
        self, task_id: TaskId, spec: TaskSpec, skill_ids: Mapping[str, SkillId], now: datetime
    ) -> None:
        """Replace the task's content and skills."""
        row = self._row(task_id)
        _fill(row, spec)
        row.updated_at = now
        self._session.execute(delete(TaskSkillRow).where(TaskSkillRow.task_id == task_id))
        self._link_skills(task_id, spec.skill_codes, skill_ids)
        self._session.flush()

    def archive(self, task_id: TaskId, now: datetime) -> None:
        self._row(task_id).archived_at = now

    def restore(self, task_id: TaskId) -> None:
        self._row(task_id).archived_at = None

    def get(self, task_id: TaskId) -> Task:
        row = self._row(task_id)
        codes = self._session.scalars(
            select(SkillRow.code)
            .join(TaskSkillRow)
            .where(TaskSkillRow.task_id == task_id)
            .order_by(SkillRow.position, SkillRow.id)
        )
        return _to_task(row, codes)

    def tasks(self, *, include_archived: bool = False) -> list[Task]:
        """Tasks (active ones unless asked) with skill codes and diagrams, by title."""
        codes: dict[int, list[str]] = {}
        for task_id, code in self._session.execute(
            select(TaskSkillRow.task_id, SkillRow.code)
            .join(SkillRow)
            .order_by(SkillRow.position, SkillRow.id)
        ):
            codes.setdefault(task_id, []).append(code)
        query = select(TaskRow).order_by(TaskRow.title, TaskRow.id)
        if not include_archived:
            query = query.where(TaskRow.archived_at.is_(None))
        return [_to_task(row, codes.get(row.id, ())) for row in self._session.scalars(query)]

    def slug_owner(self, slug: str) -> TaskId | None:
        found = self._session.scalar(select(TaskRow.id).where(TaskRow.slug == slug))
        return TaskId(found) if found is not None else None

    def uses(self, task_id: TaskId) -> list[TaskUse]:
        """Days the task is planned, as a block or at a station; newest first, one per day."""
        blocks = (
            select(DayPlanRow.plan_date, PeriodRow.id, PeriodRow.name)
            .join(PlanBlockRow, PlanBlockRow.day_plan_id == DayPlanRow.id)
            .join(PeriodRow, PeriodRow.id == DayPlanRow.period_id)
            .where(PlanBlockRow.task_id == task_id)
        )
        stations = (
            select(DayPlanRow.plan_date, PeriodRow.id, PeriodRow.name)
            .join(PlanBlockRow, PlanBlockRow.day_plan_id == DayPlanRow.id)
            .join(StationRow, StationRow.block_id == PlanBlockRow.id)
            .join(PeriodRow, PeriodRow.id == DayPlanRow.period_id)
            .where(StationRow.task_id == task_id)
        )
        found = union(blocks, stations).subquery()  # UNION, not UNION ALL: one row per day
        rows = self._session.execute(
            select(found.c.plan_date, found.c.id, found.c.name).order_by(
                found.c.plan_date.desc(), found.c.name, found.c.id
            )
        )
        return [TaskUse(on, PeriodId(period_id), name) for on, period_id, name in rows]

    def last_used(self, period_id: PeriodId) -> dict[TaskId, date]:
        """The latest day each task is planned for the period (blocks and stations)."""
        blocks = (
            select(PlanBlockRow.task_id.label("task_id"), DayPlanRow.plan_date)
            .join(DayPlanRow, DayPlanRow.id == PlanBlockRow.day_plan_id)
            .where(DayPlanRow.period_id == period_id, PlanBlockRow.task_id.is_not(None))
        )
        stations = (
            select(StationRow.task_id.label("task_id"), DayPlanRow.plan_date)
            .join(PlanBlockRow, PlanBlockRow.id == StationRow.block_id)
            .join(DayPlanRow, DayPlanRow.id == PlanBlockRow.day_plan_id)
            .where(DayPlanRow.period_id == period_id, StationRow.task_id.is_not(None))
        )
        used = union_all(blocks, stations).subquery()
        rows = self._session.execute(
            select(used.c.task_id, func.max(used.c.plan_date)).group_by(used.c.task_id)
        )
        return {TaskId(task_id): last for task_id, last in rows}

    def _row(self, task_id: TaskId) -> TaskRow:
        row = self._session.get(TaskRow, task_id)
        if row is None:
            raise LookupError(f"task {task_id} not found")
        return row

    def _link_skills(
        self, task_id: int, codes: Iterable[str], skill_ids: Mapping[str, SkillId]
    ) -> None:
        linked = {skill_ids[code] for code in codes if code in skill_ids}
        self._session.add_all(TaskSkillRow(task_id=task_id, skill_id=s) for s in sorted(linked))
