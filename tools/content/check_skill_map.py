"""Check resources/skills/skill_map.json, the Mathroom skill map.

Standalone script (standard library only). It loads ``skill_map.json`` from the
same folder (or a path given as the first argument) and checks:

* top level: ``format == 1``, a string ``title``, the nine expected domains
  and a ``skills`` list;
* every skill has all fields with the right types; code ≤ 20 chars,
  name ≤ 40 chars, description ≤ 140 chars; codes are unique;
* ``standard`` looks like a CCSS-M code (e.g. ``7.RP.A.3``, ``5.NF.B.4a``),
  its grade digit equals ``grade``, and ``code`` is either the standard itself
  or the standard followed by ``-suffix`` (lowercase);
* domain is one of the listed domain codes; grade is 4..7;
* prerequisites exist, are not self-links, are not repeated, are not from a
  higher grade, and form no cycle (depth-first search);
* every grade-7 skill has at least one prerequisite;
* the total number of skills is 70..85;
* each of the grade-7 domains RP, NS, EE, G and SP has grade-7 skills.

Exit status 0 with a one-line summary when everything passes, otherwise
exit status 1 and one line per problem.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

MAP_PATH: Path = Path(__file__).resolve().parents[2] / "resources" / "skills" / "skill_map.json"

EXPECTED_DOMAINS: list[str] = ["NBT", "OA", "NF", "RP", "NS", "EE", "G", "MD", "SP"]
GRADE7_DOMAINS: list[str] = ["RP", "NS", "EE", "G", "SP"]
GRADES: range = range(4, 8)
MIN_SKILLS, MAX_SKILLS = 70, 85
MAX_CODE, MAX_NAME, MAX_DESCRIPTION = 20, 40, 140

# Grade . CCSS domain . cluster letter . standard number [sub-standard letter]
STANDARD_RE: re.Pattern[str] = re.compile(
    r"^([4-7])\.(OA|NBT|NF|MD|G|RP|NS|EE|SP)\.[A-D]\.\d{1,2}[a-d]?$"
)
SUFFIX_RE: re.Pattern[str] = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

FIELD_TYPES: dict[str, type] = {
    "code": str,
    "standard": str,
    "name": str,
    "description": str,
    "domain": str,
    "grade": int,
    "prerequisites": list,
}


def check_top_level(data: Any, problems: list[str]) -> list[dict[str, Any]]:
    """Check the top-level object and return the list of skill dicts found."""
    if not isinstance(data, dict):
        problems.append("top level is not a JSON object")
        return []
    if data.get("format") != 1 or isinstance(data.get("format"), bool):
        problems.append(f"format must be 1, got {data.get('format')!r}")
    if not isinstance(data.get("title"), str) or not data.get("title"):
        problems.append("title missing or not a non-empty string")

    domains = data.get("domains")
    if not isinstance(domains, list):
        problems.append("domains missing or not a list")
    else:
        codes: list[Any] = []
        for i, dom in enumerate(domains):
            if (
                not isinstance(dom, dict)
                or not isinstance(dom.get("code"), str)
                or not isinstance(dom.get("name"), str)
            ):
                problems.append(f"domains[{i}] must be an object with string code and name")
                continue
            codes.append(dom["code"])
        if codes != EXPECTED_DOMAINS:
            problems.append(f"domain codes must be {EXPECTED_DOMAINS}, got {codes}")

    skills = data.get("skills")
    if not isinstance(skills, list):
        problems.append("skills missing or not a list")
        return []
    good: list[dict[str, Any]] = []
    for i, skill in enumerate(skills):
        if isinstance(skill, dict):
            good.append(skill)
        else:
            problems.append(f"skills[{i}] is not an object")
    return good


def check_fields(
    skill: dict[str, Any], where: str, valid_domains: set[str], problems: list[str]
) -> bool:
    """Check presence, types and limits of one skill's fields; True if the types are usable."""
    ok = True
    for field, ftype in FIELD_TYPES.items():
        if field not in skill:
            problems.append(f"{where}: missing field '{field}'")
            ok = False
            continue
        value = skill[field]
        if not isinstance(value, ftype) or (ftype is int and isinstance(value, bool)):
            problems.append(
                f"{where}: field '{field}' should be {ftype.__name__}, got {type(value).__name__}"
            )
            ok = False
    extra = set(skill) - set(FIELD_TYPES)
    if extra:
        problems.append(f"{where}: unknown field(s) {sorted(extra)}")
    if not ok:
        return False

    code: str = skill["code"]
    standard: str = skill["standard"]
    if not code or len(code) > MAX_CODE:
        problems.append(f"{where}: code must be 1..{MAX_CODE} chars (has {len(code)})")
    if not skill["name"].strip() or len(skill["name"]) > MAX_NAME:
        problems.append(f"{where}: name must be 1..{MAX_NAME} chars (has {len(skill['name'])})")
    if not skill["description"].strip() or len(skill["description"]) > MAX_DESCRIPTION:
        problems.append(
            f"{where}: description must be 1..{MAX_DESCRIPTION} chars "
            f"(has {len(skill['description'])})"
        )
    if skill["domain"] not in valid_domains:
        problems.append(f"{where}: unknown domain {skill['domain']!r}")
    if skill["grade"] not in GRADES:
        problems.append(f"{where}: grade {skill['grade']} not in 4..7")

    match = STANDARD_RE.match(standard)
    if not match:
        problems.append(f"{where}: standard {standard!r} does not look like a CCSS-M code")
    elif int(match.group(1)) != skill["grade"]:
        problems.append(f"{where}: standard {standard!r} does not match grade {skill['grade']}")
    if code != standard:
        prefix = standard + "-"
        if not code.startswith(prefix) or not SUFFIX_RE.match(code[len(prefix) :]):
            problems.append(
                f"{where}: code must equal the standard or be '{standard}-<lowercase suffix>'"
            )

    prereqs: list[Any] = skill["prerequisites"]
    for p in prereqs:
        if not isinstance(p, str):
            problems.append(f"{where}: prerequisite {p!r} is not a string")
            ok = False
    return ok


def find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Return the cycles found by an iterative depth-first search (one per back edge)."""
    white, grey, black = 0, 1, 2
    color: dict[str, int] = {node: white for node in graph}
    cycles: list[list[str]] = []
    for root in graph:
        if color[root] != white:
            continue
        path: list[str] = [root]
        stack: list[tuple[str, int]] = [(root, 0)]
        color[root] = grey
        while stack:
            node, idx = stack[-1]
            children = graph.get(node, [])
            if idx < len(children):
                stack[-1] = (node, idx + 1)
                child = children[idx]
                if child not in color:
                    continue  # unknown code, reported elsewhere
                if color[child] == grey:
                    cycles.append([*path[path.index(child) :], child])
                elif color[child] == white:
                    color[child] = grey
                    path.append(child)
                    stack.append((child, 0))
            else:
                color[node] = black
                path.pop()
                stack.pop()
    return cycles


def check(data: Any) -> tuple[list[str], str]:
    """Run every check. Return (problems, summary line)."""
    problems: list[str] = []
    skills = check_top_level(data, problems)
    valid_domains = set(EXPECTED_DOMAINS)

    usable: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, skill in enumerate(skills):
        code = skill.get("code")
        where = f"skill[{i}] {code}" if isinstance(code, str) else f"skill[{i}]"
        if check_fields(skill, where, valid_domains, problems):
            usable.append(skill)
        if isinstance(code, str):
            if code in seen:
                problems.append(f"{where}: duplicate code")
            seen.add(code)

    by_code: dict[str, dict[str, Any]] = {s["code"]: s for s in usable}
    graph: dict[str, list[str]] = {}
    for skill in usable:
        code = skill["code"]
        prereqs: list[str] = skill["prerequisites"]
        graph[code] = list(prereqs)
        dupes = [p for p, n in Counter(prereqs).items() if n > 1]
        if dupes:
            problems.append(f"{code}: repeated prerequisite(s) {dupes}")
        for p in prereqs:
            if p == code:
                problems.append(f"{code}: lists itself as a prerequisite")
            elif p not in seen:
                problems.append(f"{code}: prerequisite {p!r} is not a skill code in the file")
            elif p in by_code and by_code[p]["grade"] > skill["grade"]:
                problems.append(
                    f"{code}: prerequisite {p} is from a higher grade ({by_code[p]['grade']})"
                )
        if skill["grade"] == 7 and not prereqs:
            problems.append(f"{code}: grade-7 skill has no prerequisites")

    for cycle in find_cycles(graph):
        problems.append("prerequisite cycle: " + " -> ".join(cycle))

    if not MIN_SKILLS <= len(skills) <= MAX_SKILLS:
        problems.append(f"skill count {len(skills)} not in {MIN_SKILLS}..{MAX_SKILLS}")

    grade7 = Counter(s["domain"] for s in usable if s["grade"] == 7)
    for dom in GRADE7_DOMAINS:
        if grade7[dom] == 0:
            problems.append(f"domain {dom} has no grade-7 skills")

    by_grade = Counter(s["grade"] for s in usable)
    by_domain = Counter(s["domain"] for s in usable)
    summary = (
        f"{len(skills)} skills: "
        + ", ".join(f"grade {g}: {by_grade[g]}" for g in GRADES)
        + "; "
        + ", ".join(f"{d} {by_domain[d]}" for d in EXPECTED_DOMAINS)
    )
    return problems, summary


def main(argv: list[str]) -> int:
    """Load the skill map, run the checks and report. Return the exit status."""
    path = Path(argv[1]) if len(argv) > 1 else MAP_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(f"cannot load {path}: {exc}")
        return 1
    problems, summary = check(data)
    if problems:
        print(f"{path.name}: {len(problems)} problem(s)")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
