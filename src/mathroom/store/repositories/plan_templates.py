"""The teacher's saved plan templates (the built-in ones live in the domain)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import TaskId
from mathroom.domain.plan import BlockKind
from mathroom.domain.plan_templates import (
    BUILTIN_NAMES,
    PlanTemplate,
    TemplateBlock,
    TemplateExistsError,
)
from mathroom.store.tables import PlanTemplateRow, TaskRow


class PlanTemplateRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def templates(self) -> list[PlanTemplate]:
        """Saved templates, by name."""
        rows = list(self._session.scalars(select(PlanTemplateRow).order_by(PlanTemplateRow.name)))
        tasks = self._tasks(block for row in rows for block in row.blocks)
        return [_to_template(row, tasks) for row in rows]

    def template(self, name: str) -> PlanTemplate | None:
        row = self._row(name)
        return _to_template(row, self._tasks(row.blocks)) if row is not None else None

    def save_template(
        self, template: PlanTemplate, now: datetime, *, overwrite: bool = False
    ) -> None:
        """Store the template under its name; TemplateExistsError unless ``overwrite``."""
        if template.name.strip().casefold() in BUILTIN_NAMES:
            raise ValidationError("name", f"“{template.name}” is a built-in template's name")
        slugs = self._slugs(b.task_id for b in template.blocks)
        blocks = [_to_json(block, slugs) for block in template.blocks]
        row = self._row(template.name)
        if row is not None and not overwrite:
            raise TemplateExistsError(template.name)
        if row is None:
            row = PlanTemplateRow(name=template.name.strip(), created_at=now)
            self._session.add(row)
        row.blocks = blocks
        row.updated_at = now
        self._session.flush()

    def delete_template(self, name: str) -> bool:
        row = self._row(name)
        if row is None:
            return False
        self._session.delete(row)
        return True

    def _row(self, name: str) -> PlanTemplateRow | None:
        return self._session.scalars(
            select(PlanTemplateRow).where(PlanTemplateRow.name == name.strip())
        ).first()

    def _slugs(self, ids: Iterable[TaskId | None]) -> dict[int, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        rows = self._session.execute(select(TaskRow.id, TaskRow.slug).where(TaskRow.id.in_(wanted)))
        return {task_id: slug for task_id, slug in rows if slug}

    def _tasks(self, blocks: Iterable[Mapping[str, Any]]) -> _TaskIndex:
        """The tasks templates refer to, by id and slug, looked up in two queries at most."""
        items = list(blocks)
        ids = {int(b["task_id"]) for b in items if b.get("task_id")}
        ids |= {int(t) for b in items for t in b.get("station_tasks", []) if t}
        slugs = {str(b["task_slug"]) for b in items if b.get("task_slug")}
        known: frozenset[int] = frozenset()
        if ids:
            known = frozenset(self._session.scalars(select(TaskRow.id).where(TaskRow.id.in_(ids))))
        by_slug: dict[str, int] = {}
        if slugs:
            rows = self._session.execute(
                select(TaskRow.slug, TaskRow.id).where(TaskRow.slug.in_(slugs))
            )
            by_slug = {slug: task_id for slug, task_id in rows if slug}
        return _TaskIndex(known, by_slug)


@dataclass(frozen=True, slots=True)
class _TaskIndex:
    """Which referenced tasks still exist; a slug wins over an id (ids change on re-import)."""

    ids: frozenset[int]
    by_slug: Mapping[str, int]

    def resolve(self, task_id: object, slug: object) -> TaskId | None:
        if isinstance(slug, str) and slug in self.by_slug:
            return TaskId(self.by_slug[slug])
        if isinstance(task_id, int) and task_id in self.ids:
            return TaskId(task_id)
        return None


def _to_json(block: TemplateBlock, slugs: Mapping[int, str]) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": block.kind.value, "minutes": block.minutes}
    if block.title:
        data["title"] = block.title
    if block.task_id is not None:
        data["task_id"] = int(block.task_id)
        if block.task_id in slugs:
            data["task_slug"] = slugs[block.task_id]
    elif block.task_slug:
        data["task_slug"] = block.task_slug
    if block.stations:
        data["stations"] = block.stations
    if block.station_tasks:
        data["station_tasks"] = [int(t) if t is not None else None for t in block.station_tasks]
    if block.rotation_minutes is not None:
        data["rotation_minutes"] = block.rotation_minutes
    if block.concurrent:
        data["concurrent"] = True
    return data


def _to_template(row: PlanTemplateRow, tasks: _TaskIndex) -> PlanTemplate:
    blocks = []
    for data in row.blocks:
        slug = data.get("task_slug")
        blocks.append(
            TemplateBlock(
                kind=BlockKind(data["kind"]),
                minutes=int(data["minutes"]),
                title=str(data.get("title", "")),
                task_id=tasks.resolve(data.get("task_id"), slug),
                task_slug=slug if isinstance(slug, str) else None,
                stations=int(data.get("stations", 0)),
                station_tasks=tuple(tasks.resolve(t, None) for t in data.get("station_tasks", [])),
                rotation_minutes=data.get("rotation_minutes"),
                concurrent=bool(data.get("concurrent", False)),
            )
        )
    return PlanTemplate(row.name, tuple(blocks))
