"""What a task, unit or plan template looks like in the department library, and back.

Content names other items by library item id (a unit's tasks, a template's tasks), never by
a laptop's own ids, which differ from laptop to laptop. Nothing here can hold a student:
only the fields of the items themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mathroom.domain.department import ItemContent, ItemKind
from mathroom.domain.errors import ValidationError
from mathroom.domain.tasks import TaskImage, TaskKind, TaskSpec, image_type, validate_task
from mathroom.domain.units import UNIT_WEEKS_RANGE

ItemIdOf = Callable[[int], str | None]  # a local id's library item id, if it has one


def task_content(spec: TaskSpec) -> ItemContent:
    """A task's library content; its skills by code (their order does not count)."""
    content: dict[str, Any] = {
        "title": spec.title,
        "kind": spec.kind.value,
        "prompt": spec.prompt,
        "start": spec.start,
        "extensions": list(spec.extensions),
        "hints": list(spec.hints),
        "answer": spec.answer,
        "teacher_notes": spec.teacher_notes,
        "skill_codes": sorted(set(spec.skill_codes)),
        "minutes": spec.minutes,
        "materials": spec.materials,
        "image_name": spec.image.name if spec.image else None,
        "milestones": list(spec.milestones),
        "rubric": list(spec.rubric),
    }
    image = spec.image.data if spec.image else None
    return ItemContent(ItemKind.TASK, spec.title, content, image, spec.slug)


def task_spec(content: Mapping[str, Any], image: bytes | None, slug: str | None) -> TaskSpec:
    """The task a library content describes; ValidationError naming the field at fault."""
    try:
        kind = TaskKind(str(content.get("kind")))
    except ValueError:
        raise ValidationError("kind", f"{content.get('kind')!r} is not a kind of task") from None
    picture = None
    if image is not None:
        name = str(content.get("image_name") or "image")
        picture = TaskImage(name, image, image_type(image) or "")
    spec = TaskSpec(
        title=_text(content, "title"),
        kind=kind,
        prompt=_text(content, "prompt"),
        start=_optional_text(content, "start"),
        extensions=_texts(content, "extensions"),
        hints=_texts(content, "hints"),
        answer=_optional_text(content, "answer"),
        teacher_notes=_optional_text(content, "teacher_notes"),
        skill_codes=_texts(content, "skill_codes"),
        minutes=_optional_int(content, "minutes"),
        materials=_optional_text(content, "materials"),
        slug=slug,
        image=picture,
        milestones=_texts(content, "milestones"),
        rubric=_texts(content, "rubric"),
    )
    problems = validate_task(spec)
    if problems:
        raise problems[0]
    return spec


def unit_content(
    name: str,
    weeks: int,
    summary: str,
    skill_codes: Sequence[str],
    task_items: Sequence[str],
    slug: str | None,
) -> ItemContent:
    """A unit's content: skills in teaching order, tasks as library item ids in order."""
    content = {
        "name": name,
        "weeks": weeks,
        "summary": summary,
        "skill_codes": list(skill_codes),
        "tasks": list(task_items),
    }
    return ItemContent(ItemKind.UNIT, name, content, None, slug)


def unit_fields(
    content: Mapping[str, Any],
) -> tuple[str, int, str, tuple[str, ...], tuple[str, ...]]:
    """(name, weeks, summary, skill codes, task item ids) of a unit's content, checked."""
    name = _text(content, "name")
    if not name.strip() or len(name) > 80:
        raise ValidationError("name", "a unit's name has 1 to 80 characters")
    weeks = _optional_int(content, "weeks")
    low, high = UNIT_WEEKS_RANGE
    if weeks is None or not low <= weeks <= high:
        raise ValidationError("weeks", f"a unit lasts {low} to {high} weeks")
    return (
        name,
        weeks,
        _optional_text(content, "summary") or "",
        _texts(content, "skill_codes"),
        _texts(content, "tasks"),
    )


def template_content(
    name: str, blocks: Sequence[Mapping[str, Any]], item_of: ItemIdOf
) -> ItemContent:
    """A plan template's content from its stored blocks: task ids become item ids (a task not
    in the library is left out, the block keeps its shape)."""
    shared = []
    for block in blocks:
        entry = {k: v for k, v in block.items() if k not in {"task_id", "station_tasks"}}
        entry.pop("task_slug", None)
        task_id = block.get("task_id")
        if isinstance(task_id, int) and (found := item_of(task_id)) is not None:
            entry["task"] = found
        stations = block.get("station_tasks") or []
        if stations:
            entry["station_tasks"] = [item_of(t) if isinstance(t, int) else None for t in stations]
        shared.append(entry)
    return ItemContent(ItemKind.PLAN_TEMPLATE, name, {"name": name, "blocks": shared})


def template_blocks(
    content: Mapping[str, Any], local_of: Callable[[str], int | None]
) -> tuple[str, list[dict[str, Any]]]:
    """(name, stored blocks) of a template's content, item ids turned into local task ids."""
    name = _text(content, "name")
    if not name.strip() or len(name) > 80:
        raise ValidationError("name", "a template's name has 1 to 80 characters")
    raw = content.get("blocks")
    if not isinstance(raw, list) or not all(isinstance(b, dict) for b in raw):
        raise ValidationError("blocks", "a template's blocks must be a list of objects")
    blocks = []
    for block in raw:
        if not isinstance(block.get("kind"), str) or not isinstance(block.get("minutes"), int):
            raise ValidationError("blocks", "every block needs a kind and its minutes")
        entry = {k: v for k, v in block.items() if k not in {"task", "station_tasks"}}
        task = block.get("task")
        if isinstance(task, str) and (local := local_of(task)) is not None:
            entry["task_id"] = local
        stations = block.get("station_tasks") or []
        if stations:
            entry["station_tasks"] = [local_of(t) if isinstance(t, str) else None for t in stations]
        blocks.append(entry)
    return name, blocks


def _text(content: Mapping[str, Any], field: str) -> str:
    value = content.get(field)
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
    return value


def _optional_text(content: Mapping[str, Any], field: str) -> str | None:
    value = content.get(field)
    if value is not None and not isinstance(value, str):
        raise ValidationError(field, "must be text")
    return value


def _optional_int(content: Mapping[str, Any], field: str) -> int | None:
    value = content.get(field)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise ValidationError(field, "must be a whole number")
    return value


def _texts(content: Mapping[str, Any], field: str) -> tuple[str, ...]:
    value = content.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(field, "must be a list of text")
    return tuple(value)
