"""The starter units file: read in order, and refused with the unit and field named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mathroom.domain.errors import ContentError
from mathroom.domain.ids import TaskId
from mathroom.importers.skill_map import load_skill_map
from mathroom.importers.task_bank import load_task_bank
from mathroom.importers.unit_file import load_unit_file
from mathroom.paths import resource


def unit(**changes: Any) -> dict[str, Any]:
    return {
        "slug": "rational-ops",
        "name": "Operations with rational numbers",
        "weeks": 3,
        "summary": "Add, subtract, multiply and divide.",
        "skills": ["7.NS.A.1b", "7.NS.A.2a"],
        "tasks": ["integer-elevator", "negative-times-negative"],
        **changes,
    }


def write(tmp_path: Path, *units: dict[str, Any], form: int = 1) -> Path:
    path = tmp_path / "units.json"
    path.write_text(json.dumps({"format": form, "units": list(units)}), encoding="utf-8")
    return path


def test_units_keep_their_order_of_skills_and_tasks(tmp_path: Path) -> None:
    second = unit(slug="equations", name="Equations", weeks=2, tasks=["make-the-target"])
    loaded = load_unit_file(write(tmp_path, unit(), second))
    assert [u.slug for u in loaded] == ["rational-ops", "equations"]
    first = loaded[0]
    assert first.skill_codes == ("7.NS.A.1b", "7.NS.A.2a")
    assert first.task_slugs == ("integer-elevator", "negative-times-negative")
    spec = first.spec((TaskId(4), TaskId(2)))
    assert (spec.name, spec.weeks, spec.slug, spec.task_ids) == (
        "Operations with rational numbers",
        3,
        "rational-ops",
        (4, 2),
    )


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"weeks": 0}, "unit 1 (rational-ops): 'weeks' must be a whole number from 1 to 12"),
        ({"weeks": True}, "'weeks' must be a whole number"),
        ({"weeks": "3"}, "'weeks' must be a whole number"),
        ({"name": ""}, "unit 1 (rational-ops): 'name' must be a non-empty string"),
        ({"name": "x" * 81}, "'name': keep the name under 80 characters"),
        ({"slug": 7}, "unit 1: 'slug' must be a non-empty string"),
        ({"tasks": []}, "'tasks' must name at least one task"),
        ({"tasks": ["a", "b", "a"]}, "'tasks' lists a twice"),
        ({"skills": ["7.NS.A.1b", "7.NS.A.1b"]}, "'skills' lists 7.NS.A.1b twice"),
        ({"skills": "7.NS.A.1b"}, "'skills' must be a list of strings"),
    ],
)
def test_a_bad_unit_is_refused_naming_the_unit_and_field(
    tmp_path: Path, changes: dict[str, Any], problem: str
) -> None:
    with pytest.raises(ContentError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        load_unit_file(write(tmp_path, unit(**changes)))


def test_a_slug_used_twice_and_a_wrong_format_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"unit 2 \(rational-ops\): 'slug'"):
        load_unit_file(write(tmp_path, unit(), unit(name="Again")))
    with pytest.raises(ContentError, match="format 2, expected 1"):
        load_unit_file(write(tmp_path, unit(), form=2))
    with pytest.raises(ContentError, match="'units' must be a list of objects"):
        load_unit_file(write(tmp_path, "not a unit"))  # type: ignore[arg-type]  # bad on purpose


def test_the_bundled_units_name_starter_tasks_and_known_skills() -> None:
    units = load_unit_file(resource("units", "grade7_units.json"))
    assert units
    slugs = {t.slug for t in load_task_bank(resource("tasks", "starter_tasks.json"))}
    codes = {s.code for s in load_skill_map(resource("skills", "skill_map.json")).skills}
    for found in units:
        assert set(found.task_slugs) <= slugs, found.slug
        assert set(found.skill_codes) <= codes, found.slug
    assert any("rational" in u.name.casefold() for u in units)  # the demo's unit
