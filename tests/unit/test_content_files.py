"""The bundled content loads and holds together: skill map, starter tasks, demo classroom."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mathroom import paths
from mathroom.domain.errors import ContentError
from mathroom.domain.tasks import TaskKind
from mathroom.importers.demo_classroom import load_demo_classroom
from mathroom.importers.skill_map import load_skill_map
from mathroom.importers.task_bank import load_task_bank


def test_skill_map_covers_grade_7_and_foundations() -> None:
    skill_map = load_skill_map(paths.resource("skills", "skill_map.json"))
    assert 60 <= len(skill_map.skills) <= 90
    grade7_domains = {s.domain for s in skill_map.skills if s.grade == 7}
    assert grade7_domains >= {"RP", "NS", "EE", "G", "SP"}
    assert {s.grade for s in skill_map.skills} >= {4, 5, 6, 7}


def test_starter_tasks_are_tagged_with_known_skills() -> None:
    codes = {s.code for s in load_skill_map(paths.resource("skills", "skill_map.json")).skills}
    tasks = load_task_bank(paths.resource("tasks", "starter_tasks.json"))
    assert len(tasks) >= 60
    assert {t.kind for t in tasks} == set(TaskKind)
    for task in tasks:
        assert set(task.skill_codes) <= codes, task.slug


def test_starter_bank_is_rich_enough_for_a_year_of_whiteboards() -> None:
    skills = load_skill_map(paths.resource("skills", "skill_map.json")).skills
    domain_of = {s.code: s.domain for s in skills}
    grade_of = {s.code: s.grade for s in skills}
    tasks = load_task_bank(paths.resource("tasks", "starter_tasks.json"))
    kinds = [t.kind for t in tasks]
    assert kinds.count(TaskKind.MATH_ART) >= 8
    assert kinds.count(TaskKind.PROJECT) >= 6
    grade7 = {domain_of[c] for t in tasks for c in t.skill_codes if grade_of[c] == 7}
    assert grade7 >= {"RP", "NS", "EE", "G", "SP"}
    gaps = {domain_of[c] for t in tasks for c in t.skill_codes if grade_of[c] < 7}
    assert gaps >= {"NBT", "NF", "RP", "NS"}  # the grade 4–6 gap areas
    for task in tasks:
        assert task.start or task.extensions, f"{task.slug} has no way in and no extension"
        assert task.hints, f"{task.slug} has no hint"


def test_every_starter_project_and_math_art_has_its_days_and_a_rubric() -> None:
    tasks = load_task_bank(paths.resource("tasks", "starter_tasks.json"))
    multi_day = [t for t in tasks if t.kind in (TaskKind.PROJECT, TaskKind.MATH_ART)]
    assert len(multi_day) >= 14
    for task in multi_day:
        assert len(task.milestones) >= 3, task.slug  # a launch, work, then the critique
        assert task.milestones[0].startswith("Launch"), task.slug
        assert "critique" in task.milestones[-1].casefold(), task.slug
        assert 3 <= len(task.rubric) <= 5, task.slug
    others = [t for t in tasks if t not in multi_day]
    assert all(not t.milestones and not t.rubric for t in others)


def test_a_bad_project_field_in_the_bank_names_the_task_and_field(tmp_path: Path) -> None:
    data = json.loads(paths.resource("tasks", "starter_tasks.json").read_text(encoding="utf-8"))
    number, quilt = next(
        (n, t) for n, t in enumerate(data["tasks"], start=1) if t["slug"] == "fraction-quilt"
    )
    quilt["rubric"] = ["Neat", 4]
    bad = tmp_path / "starter_tasks.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_task_bank(bad)
    message = str(caught.value)
    assert f"task {number}" in message and "Fraction Quilt Blocks" in message
    assert "'rubric' must be a list of strings" in message


def test_demo_classroom_has_three_periods_and_65_students() -> None:
    demo = load_demo_classroom(paths.resource("demo", "classroom.json"))
    assert len(demo.periods) == 3
    numbers = [s.number for p in demo.periods for s in p.students]
    assert len(numbers) == 65 == len(set(numbers))
    assert all(n.startswith("0") for n in numbers)  # leading zeros survive as text


def test_malformed_content_names_the_file_and_problem(tmp_path: Path) -> None:
    bad = tmp_path / "skill_map.json"
    bad.write_text(json.dumps({"format": 1, "domains": [], "skills": [{"code": "X"}]}))
    with pytest.raises(ContentError) as info:
        load_skill_map(bad)
    assert "skill_map.json" in str(info.value)
    bad.write_bytes(b"\xff\xfe not json")
    with pytest.raises(ContentError, match="not valid UTF-8 JSON"):
        load_skill_map(bad)


@pytest.mark.parametrize("checker", ["check_skill_map.py", "check_content.py"])
def test_content_checkers_pass(checker: str) -> None:
    """The stricter content checkers (prerequisite cycles, LaTeX subset, name variety...)."""
    script = Path(__file__).resolve().parents[2] / "tools" / "content" / checker
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_names_match_the_skill_map() -> None:
    from mathroom.domain.skills import DOMAIN_NAMES

    skill_map = load_skill_map(paths.resource("skills", "skill_map.json"))
    assert {d.code: d.name for d in skill_map.domains} == DOMAIN_NAMES
