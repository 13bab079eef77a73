"""The bundled skill map (resources/skills/skill_map.json)."""

from __future__ import annotations

from pathlib import Path

from mathroom.domain.errors import ContentError
from mathroom.domain.skills import SkillDomain, SkillMap, SkillSpec
from mathroom.importers.json_content import (
    load_json_object,
    object_list,
    required_text,
    string_list,
)


def load_skill_map(path: Path) -> SkillMap:
    """Parse and validate the skill map: unique codes, known domains, existing prerequisites."""
    data = load_json_object(path, expected_format=1)
    source = path.name
    domains = tuple(
        SkillDomain(required_text(d, "code", source), required_text(d, "name", source))
        for d in object_list(data, "domains", source)
    )
    domain_codes = {d.code for d in domains}
    skills: list[SkillSpec] = []
    seen: set[str] = set()
    for index, item in enumerate(object_list(data, "skills", source), start=1):
        where = f"{source}, skill {index}"
        code = required_text(item, "code", where)
        if code in seen:
            raise ContentError(where, f"duplicate code {code}")
        seen.add(code)
        domain = required_text(item, "domain", where)
        if domain not in domain_codes:
            raise ContentError(where, f"unknown domain {domain}")
        grade = item.get("grade")
        if not isinstance(grade, int):
            raise ContentError(where, "'grade' must be a whole number")
        skills.append(
            SkillSpec(
                code=code,
                standard=str(item.get("standard") or ""),
                name=required_text(item, "name", where),
                description=str(item.get("description") or ""),
                domain=domain,
                grade=grade,
                prerequisites=string_list(item, "prerequisites", where),
            )
        )
    for spec in skills:
        missing = [p for p in spec.prerequisites if p not in seen or p == spec.code]
        if missing:
            raise ContentError(source, f"{spec.code} lists unknown prerequisites {missing}")
    return SkillMap(str(data.get("title") or ""), domains, tuple(skills))
