"""The bundled starter units (resources/units/grade7_units.json).

Each unit names its skills by code and its tasks by the starter bank's slugs; the library
turns them into ids when it seeds a data folder. Format 1::

    {"format": 1, "units": [{"slug": "...", "name": "...", "weeks": 3, "summary": "...",
                             "skills": ["7.NS.A.1b", ...], "tasks": ["integer-elevator", ...]}]}
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mathroom.domain.errors import ContentError
from mathroom.domain.ids import TaskId
from mathroom.domain.units import UNIT_WEEKS_RANGE, UnitSpec, validate_unit
from mathroom.importers.json_content import (
    load_json_object,
    object_list,
    required_text,
    string_list,
    text,
)


@dataclass(frozen=True, slots=True)
class StarterUnit:
    """A unit as the file has it: skills by code, tasks by slug, in the unit's order."""

    slug: str
    name: str
    weeks: int
    summary: str
    skill_codes: tuple[str, ...]
    task_slugs: tuple[str, ...]

    def spec(self, task_ids: tuple[TaskId, ...]) -> UnitSpec:
        """The unit with its tasks found (the caller maps slugs to ids)."""
        return UnitSpec(
            name=self.name,
            weeks=self.weeks,
            skill_codes=self.skill_codes,
            task_ids=task_ids,
            summary=self.summary,
            slug=self.slug,
        )


def load_unit_file(path: Path) -> tuple[StarterUnit, ...]:
    """Every unit of the file, checked; ContentError names the unit and the field at fault."""
    data = load_json_object(path, expected_format=1)
    source = path.name
    units: list[StarterUnit] = []
    slugs: set[str] = set()
    for index, item in enumerate(object_list(data, "units", source), start=1):
        label = item.get("slug") if isinstance(item.get("slug"), str) else None
        where = f"{source}, unit {index}" + (f" ({label})" if label else "")
        unit = _unit(item, where)
        if unit.slug in slugs:
            raise ContentError(where, f"'slug': {unit.slug} is used by an earlier unit")
        slugs.add(unit.slug)
        units.append(unit)
    return tuple(units)


def _unit(item: dict[str, Any], where: str) -> StarterUnit:
    weeks = item.get("weeks")
    low, high = UNIT_WEEKS_RANGE
    # bool is an int in Python, and true is not a number of weeks.
    if not isinstance(weeks, int) or isinstance(weeks, bool) or not low <= weeks <= high:
        raise ContentError(where, f"'weeks' must be a whole number from {low} to {high}")
    unit = StarterUnit(
        slug=required_text(item, "slug", where),
        name=required_text(item, "name", where),
        weeks=weeks,
        summary=text(item, "summary", where, optional=True) or "",
        skill_codes=string_list(item, "skills", where),
        task_slugs=string_list(item, "tasks", where),
    )
    for field, values in (("skills", unit.skill_codes), ("tasks", unit.task_slugs)):
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise ContentError(where, f"'{field}' lists {', '.join(repeated)} twice")
    if not unit.task_slugs:
        raise ContentError(where, "'tasks' must name at least one task of the starter bank")
    # The same rules as a unit saved in the app (name length, weeks).
    problems = validate_unit(unit.spec(()))
    if problems:
        raise ContentError(where, f"'{problems[0].field}': {problems[0].problem}")
    return unit
