"""The bundled starter task bank (resources/tasks/starter_tasks.json)."""

from __future__ import annotations

from pathlib import Path

from mathroom.domain.errors import ContentError
from mathroom.domain.tasks import TaskKind, TaskSpec
from mathroom.importers.json_content import (
    load_json_object,
    object_list,
    required_text,
    string_list,
    text,
)


def load_task_bank(path: Path) -> tuple[TaskSpec, ...]:
    data = load_json_object(path, expected_format=1)
    source = path.name
    specs: list[TaskSpec] = []
    slugs: set[str] = set()
    for index, item in enumerate(object_list(data, "tasks", source), start=1):
        where = f"{source}, task {index}"
        slug = required_text(item, "slug", where)
        if slug in slugs:
            raise ContentError(where, f"duplicate slug {slug}")
        slugs.add(slug)
        try:
            kind = TaskKind(required_text(item, "kind", where))
        except ValueError as exc:
            raise ContentError(where, f"unknown kind {item.get('kind')!r}") from exc
        minutes = item.get("minutes")
        if minutes is not None and not isinstance(minutes, int):
            raise ContentError(where, "'minutes' must be a whole number")
        specs.append(
            TaskSpec(
                title=required_text(item, "title", where),
                kind=kind,
                prompt=required_text(item, "prompt", where),
                start=text(item, "start", where, optional=True),
                extensions=string_list(item, "extensions", where),
                hints=string_list(item, "hints", where),
                answer=text(item, "answer", where, optional=True),
                teacher_notes=text(item, "teacher_notes", where, optional=True),
                skill_codes=string_list(item, "skills", where),
                minutes=minutes,
                materials=text(item, "materials", where, optional=True),
                slug=slug,
            )
        )
    return tuple(specs)
