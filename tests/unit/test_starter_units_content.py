"""The starter units (resources/units/grade7_units.json) hold together with the starter bank.

A unit names skills and starter tasks by code and slug; planning takes a unit's next
warm-up, board tasks and exit ticket, so every unit must have enough of each to fill
days without repeating itself.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from typing import Any

import pytest

from mathroom import paths
from mathroom.domain.tasks import TaskKind
from mathroom.domain.units import UNIT_NAME_MAX, UNIT_WEEKS_RANGE
from mathroom.importers.skill_map import load_skill_map
from mathroom.importers.task_bank import load_task_bank

BOARD_KINDS = {TaskKind.WHITEBOARD, TaskKind.DISCUSSION, TaskKind.MATH_ART}
MIN_WARMUPS = 5
MIN_EXIT_TICKETS = 5
MIN_BOARD_TASKS = 8
SCHOOL_YEAR_WEEKS = 36


@cache
def units() -> tuple[dict[str, Any], ...]:
    data = json.loads(paths.resource("units", "grade7_units.json").read_text("utf-8"))
    assert data["format"] == 1
    return tuple(data["units"])


@cache
def task_kinds() -> dict[str, TaskKind]:
    """Slug to kind for every starter task."""
    return {
        task.slug: task.kind
        for task in load_task_bank(paths.resource("tasks", "starter_tasks.json"))
        if task.slug is not None
    }


def unit_ids() -> list[str]:
    return [unit["slug"] for unit in units()]


def test_units_file_has_the_documented_shape() -> None:
    assert len(units()) >= 8
    slugs = [unit["slug"] for unit in units()]
    assert len(set(slugs)) == len(slugs)
    low, high = UNIT_WEEKS_RANGE
    for unit in units():
        assert set(unit) == {"slug", "name", "weeks", "summary", "skills", "tasks"}, unit["slug"]
        assert unit["slug"].startswith("g7-"), unit["slug"]
        assert 0 < len(unit["name"]) <= UNIT_NAME_MAX, unit["slug"]
        assert unit["summary"].strip(), unit["slug"]
        assert isinstance(unit["weeks"], int) and low <= unit["weeks"] <= high, unit["slug"]
        assert all(isinstance(code, str) for code in unit["skills"]), unit["slug"]
        assert all(isinstance(slug, str) for slug in unit["tasks"]), unit["slug"]


def test_units_fit_in_a_school_year_and_include_rational_numbers() -> None:
    assert sum(unit["weeks"] for unit in units()) <= SCHOOL_YEAR_WEEKS
    by_name = {unit["name"]: unit for unit in units()}
    assert by_name["Operations with rational numbers"]["weeks"] == 3


def test_every_unit_skill_is_in_the_skill_map_and_every_grade_7_skill_is_taught() -> None:
    skills = load_skill_map(paths.resource("skills", "skill_map.json")).skills
    codes = {skill.code for skill in skills}
    for unit in units():
        assert set(unit["skills"]) <= codes, (unit["slug"], set(unit["skills"]) - codes)
        assert len(set(unit["skills"])) == len(unit["skills"]), unit["slug"]
    taught = {code for unit in units() for code in unit["skills"]}
    assert {skill.code for skill in skills if skill.grade == 7} <= taught


def test_every_unit_task_is_in_the_starter_bank_and_every_starter_task_has_a_unit() -> None:
    kinds = task_kinds()
    for unit in units():
        unknown = [slug for slug in unit["tasks"] if slug not in kinds]
        assert not unknown, (unit["slug"], unknown)
    used = {slug for unit in units() for slug in unit["tasks"]}
    assert set(kinds) <= used, sorted(set(kinds) - used)


@pytest.mark.parametrize("unit_slug", unit_ids())
def test_unit_has_enough_warmups_exit_tickets_and_board_tasks(unit_slug: str) -> None:
    (unit,) = [u for u in units() if u["slug"] == unit_slug]
    counts = Counter(task_kinds()[slug] for slug in unit["tasks"])
    assert counts[TaskKind.WARMUP] >= MIN_WARMUPS
    assert counts[TaskKind.EXIT_TICKET] >= MIN_EXIT_TICKETS
    assert sum(counts[kind] for kind in BOARD_KINDS) >= MIN_BOARD_TASKS


@pytest.mark.parametrize("unit_slug", unit_ids())
def test_unit_lists_no_task_twice_and_practises_every_skill_it_names(unit_slug: str) -> None:
    (unit,) = [u for u in units() if u["slug"] == unit_slug]
    repeated = [slug for slug, n in Counter(unit["tasks"]).items() if n > 1]
    assert not repeated
    bank = {t.slug: t for t in load_task_bank(paths.resource("tasks", "starter_tasks.json"))}
    practised = {code for slug in unit["tasks"] for code in bank[slug].skill_codes}
    assert [code for code in unit["skills"] if code not in practised] == []


def test_unit_opens_with_a_warmup_before_its_first_exit_ticket() -> None:
    """Teaching order: a unit starts low-floor, and checks understanding after teaching."""
    kinds = task_kinds()
    for unit in units():
        order = [kinds[slug] for slug in unit["tasks"]]
        assert order.index(TaskKind.WARMUP) < order.index(TaskKind.EXIT_TICKET), unit["slug"]
        assert order[-1] is not TaskKind.WARMUP, unit["slug"]


def test_starter_slugs_are_unique_across_the_bank() -> None:
    raw = json.loads(paths.resource("tasks", "starter_tasks.json").read_text("utf-8"))
    slugs = Counter(task["slug"] for task in raw["tasks"])
    assert [slug for slug, n in slugs.items() if n > 1] == []
    assert len(slugs) == len(task_kinds())
