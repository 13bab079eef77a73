"""The bundled starter task bank (resources/tasks/starter_tasks.json)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from mathroom.domain.errors import ContentError
from mathroom.domain.tasks import TaskKind, TaskSpec, validate_task
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
        specs.append(task_spec(item, where))
    return tuple(specs)


# The fields only multi-day tasks have; optional, so files written before them still load.
PROJECT_FIELDS = ("milestones", "rubric")


def task_spec(item: dict[str, Any], where: str, *, skills_key: str = "skills") -> TaskSpec:
    """One task object of the starter bank (or a task pack) as a spec, without its image.

    A project's ``milestones`` (its days, by name) and ``rubric`` (criteria rows) are lists
    of strings; a bad value is refused naming the task (title or number) and the field.
    """
    try:
        kind = TaskKind(required_text(item, "kind", where))
    except ValueError as exc:
        raise ContentError(where, f"unknown kind {item.get('kind')!r}") from exc
    minutes = item.get("minutes")
    # bool is an int in Python, and true is not a number of minutes.
    if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool)):
        raise ContentError(where, "'minutes' must be a whole number")
    spec = TaskSpec(
        title=required_text(item, "title", where),
        kind=kind,
        prompt=required_text(item, "prompt", where),
        start=text(item, "start", where, optional=True),
        extensions=string_list(item, "extensions", where),
        hints=string_list(item, "hints", where),
        answer=text(item, "answer", where, optional=True),
        teacher_notes=text(item, "teacher_notes", where, optional=True),
        skill_codes=string_list(item, skills_key, where),
        minutes=minutes,
        materials=text(item, "materials", where, optional=True),
        slug=text(item, "slug", where, optional=True),
    )
    return _with_project_fields(spec, item, where)


def _with_project_fields(spec: TaskSpec, item: dict[str, Any], where: str) -> TaskSpec:
    named = f"{where} (“{spec.title}”)"
    milestones = string_list(item, "milestones", named)
    rubric = string_list(item, "rubric", named)
    spec = replace(spec, milestones=milestones, rubric=rubric)
    for problem in validate_task(spec):
        if problem.field in PROJECT_FIELDS:
            raise ContentError(named, str(problem))
    return spec
