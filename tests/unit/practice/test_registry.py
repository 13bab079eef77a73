"""The generator registry: enough skills, real skill-map codes, clear errors, pure code."""

from __future__ import annotations

import ast
import json
import random
import sys
from pathlib import Path

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.domain.practice import registry
from mathroom.domain.practice.registry import generator_for, make_problem, skill_codes

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "src" / "mathroom" / "domain" / "practice"


def test_at_least_thirty_skills_each_once() -> None:
    codes = skill_codes()
    assert len(codes) >= 30
    assert len(set(codes)) == len(codes)


def test_every_code_is_in_the_bundled_skill_map() -> None:
    skill_map = json.loads((ROOT / "resources" / "skills" / "skill_map.json").read_text("utf-8"))
    known = {skill["code"] for skill in skill_map["skills"]}
    assert set(skill_codes()) <= known, set(skill_codes()) - known


def test_generators_describe_themselves() -> None:
    for code in skill_codes():
        generator = generator_for(code)
        assert generator.skill_code == code and generator.title
        assert list(generator.difficulties) == [1, 2, 3]
        for difficulty in generator.difficulties:
            bounds = generator.ranges(difficulty)
            assert bounds.low <= bounds.high


def test_an_unknown_code_names_itself() -> None:
    with pytest.raises(ValidationError, match=r"no practice generator for '9\.ZZ\.Z\.9'") as info:
        generator_for("9.ZZ.Z.9")
    assert info.value.field == "skill_code"
    assert not registry.has_generator("9.ZZ.Z.9")


@pytest.mark.parametrize("difficulty", [0, 4, -1, True])
def test_a_difficulty_out_of_range_is_refused(difficulty: int) -> None:
    with pytest.raises(ValidationError, match="difficulty from 1 to 3") as info:
        make_problem("7.NS.A.1b", 1, difficulty)
    assert info.value.field == "difficulty"
    with pytest.raises(ValidationError):
        generator_for("7.NS.A.1b").ranges(difficulty)


def test_same_seed_same_problem_and_seeds_vary() -> None:
    for code in skill_codes():
        assert make_problem(code, 42, 2) == make_problem(code, 42, 2)
        prompts = {make_problem(code, seed, 2).prompt for seed in range(10)}
        assert len(prompts) > 3, code


def test_generators_leave_the_global_random_alone() -> None:
    random.seed(2026)
    state = random.getstate()
    for code in skill_codes():
        make_problem(code, 7, 3)
    assert random.getstate() == state


def test_the_practice_package_imports_only_the_standard_library_and_the_domain() -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__"}
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in allowed or name.startswith("mathroom.domain"), (path.name, name)


def test_every_skill_of_the_starter_map_has_practice_in_teaching_order() -> None:
    skill_map = json.loads((ROOT / "resources" / "skills" / "skill_map.json").read_text("utf-8"))
    known = [skill["code"] for skill in skill_map["skills"]]
    assert [code for code in known if not registry.has_generator(code)] == []
    assert list(skill_codes()) == known
