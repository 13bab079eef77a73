"""The task bank."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mathroom.domain.ids import SkillId, TaskId
from mathroom.domain.tasks import Task, TaskKind, TaskSpec
from mathroom.store.tables import SkillRow, TaskRow, TaskSkillRow


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
            row = TaskRow(
                slug=spec.slug,
                title=spec.title,
                kind=spec.kind.value,
                prompt=spec.prompt,
                start_text=spec.start,
                extensions=list(spec.extensions),
                hints=list(spec.hints),
                answer=spec.answer,
                teacher_notes=spec.teacher_notes,
                minutes=spec.minutes,
                materials=spec.materials,
                created_at=now,
                updated_at=now,
            )
            self._session.add(row)
            self._session.flush()
            for code in spec.skill_codes:
                if code in skill_ids:
                    self._session.add(TaskSkillRow(task_id=row.id, skill_id=skill_ids[code]))
            if spec.slug:
                ids[spec.slug] = TaskId(row.id)
        return ids

    def tasks(self) -> list[Task]:
        """Active tasks with their skill codes, by title."""
        codes: dict[int, list[str]] = {}
        for task_id, code in self._session.execute(
            select(TaskSkillRow.task_id, SkillRow.code).join(SkillRow).order_by(SkillRow.position)
        ):
            codes.setdefault(task_id, []).append(code)
        rows = self._session.scalars(
            select(TaskRow).where(TaskRow.archived_at.is_(None)).order_by(TaskRow.title)
        )
        return [
            Task(
                id=TaskId(row.id),
                spec=TaskSpec(
                    title=row.title,
                    kind=TaskKind(row.kind),
                    prompt=row.prompt,
                    start=row.start_text,
                    extensions=tuple(row.extensions),
                    hints=tuple(row.hints),
                    answer=row.answer,
                    teacher_notes=row.teacher_notes,
                    skill_codes=tuple(codes.get(row.id, ())),
                    minutes=row.minutes,
                    materials=row.materials,
                    slug=row.slug,
                ),
            )
            for row in rows
        ]
