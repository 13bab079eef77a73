"""Check Mathroom's bundled content: the demo classroom and the starter task bank.

Standalone script (Python 3.11, standard library only). By default it checks

* ``resources/demo/classroom.json``   (the fictional demo classroom),
* ``resources/tasks/starter_tasks.json`` (the starter task bank),

located relative to this file, and, when it exists,
``resources/skills/skill_map.json`` for skill codes. Paths can be overridden
with ``--classroom``, ``--tasks`` and ``--skill-map``.

Classroom checks: ``format == 1``; no school year (the demo takes the year around today);
exactly three periods named Period 1, 3 and 5 with 22, 21 and 22 students
(65 in all); course, room, meeting days and ``HH:MM`` times; every student has
a unique 7-digit number starting with ``07`` (kept as a string), a non-empty
given name, a string family name and a preferred name that is null or a
non-empty string; ``keep_apart`` (4 pairs) and ``keep_together`` (2 pairs)
name two different existing students in the same period, with a reason.

Task checks: ``format == 1``; every task has all fields with the right types;
unique kebab-case slugs; titles of at most 50 characters; a known ``kind``;
minimum counts per kind (at least 60 tasks); 5..60 minutes; 1..3 skills;
every task except exit tickets has at least one hint and one extension;
whiteboard tasks have a ``start`` and 2..3 hints; exit tickets take at most
10 minutes; only projects and math art may have ``milestones`` (2..15 day
names) and a ``rubric`` (3..5 criteria). In every text field: an even number
of unescaped ``$`` (``\\$`` does not count), no ``$$``, no ``\\text``, ``\\left``
or ``\\right``, only LaTeX commands from the allowed subset, no words inside math (a sign of a
bare dollar amount) and no control characters. When the skill map exists,
every skill code must be one of its codes, and the primary-skill domain
counts must reach the targets (RP 12, NS 12, EE 10, G 10, SP 6).

Prints a one-line summary and exits 0, or prints one line per problem and
exits 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, TypeGuard

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
DEFAULT_CLASSROOM = RESOURCES / "demo" / "classroom.json"
DEFAULT_TASKS = RESOURCES / "tasks" / "starter_tasks.json"
DEFAULT_SKILL_MAP = RESOURCES / "skills" / "skill_map.json"

EXPECTED_PERIODS: dict[str, int] = {"Period 1": 22, "Period 3": 21, "Period 5": 22}
TOTAL_STUDENTS = 65
DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
KEEP_APART_PAIRS = 4
KEEP_TOGETHER_PAIRS = 2

KIND_MINIMUMS: dict[str, int] = {
    "whiteboard": 25,
    "warmup": 6,
    "practice": 4,
    "project": 6,
    "math_art": 8,
    "exit_ticket": 6,
    "discussion": 4,
}
MIN_TASKS = 60
DOMAIN_TARGETS: dict[str, int] = {"RP": 12, "NS": 12, "EE": 10, "G": 10, "SP": 6}

TASK_FIELDS: tuple[str, ...] = (
    "slug",
    "title",
    "kind",
    "prompt",
    "start",
    "extensions",
    "hints",
    "answer",
    "teacher_notes",
    "skills",
    "minutes",
    "materials",
)
# Only projects and math art may have these: the days they run over and their rubric rows.
PROJECT_FIELDS: tuple[str, ...] = ("milestones", "rubric")
PROJECT_KINDS = {"project", "math_art"}
TEXT_FIELDS: tuple[str, ...] = ("title", "prompt", "start", "answer", "teacher_notes", "materials")
ALLOWED_COMMANDS = {"frac", "times", "div", "le", "ge", "ne", "pi", "circ", "cdot", "sqrt"}
FORBIDDEN_COMMANDS = {"text", "left", "right"}

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMBER_RE = re.compile(r"^07\d{5}$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
COMMAND_RE = re.compile(r"\\([A-Za-z]+)")
UNESCAPED_DOLLAR_RE = re.compile(r"(?<!\\)\$")
WORD_IN_MATH_RE = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{3,}")
CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


class Report:
    """Collects problems found while checking."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


def load_json(path: Path, report: Report) -> Any:
    """Load a UTF-8 JSON file, reporting (not raising) on failure."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        report.add(str(path), "file not found")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.add(str(path), f"not valid UTF-8 JSON ({exc})")
    return None


def is_nonempty_str(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and value.strip() != ""


# --------------------------------------------------------------------------
# Classroom
# --------------------------------------------------------------------------


def check_classroom(data: Any, report: Report) -> int:
    """Check the demo classroom; return the number of students found."""
    where = "classroom"
    if not isinstance(data, dict):
        report.add(where, "top level must be an object")
        return 0
    if data.get("format") != 1:
        report.add(where, "format must be 1")

    if "school_year" in data:
        report.add(where, "school_year is not read: the demo's year is the one around today")

    periods = data.get("periods")
    if not isinstance(periods, list):
        report.add(where, "periods must be a list")
        return 0
    if len(periods) != len(EXPECTED_PERIODS):
        report.add(where, f"expected {len(EXPECTED_PERIODS)} periods, found {len(periods)}")

    period_of: dict[str, str] = {}
    total = 0
    seen_names: set[str] = set()
    for index, period in enumerate(periods):
        pw = f"{where}.periods[{index}]"
        if not isinstance(period, dict):
            report.add(pw, "must be an object")
            continue
        name = period.get("name")
        if not is_nonempty_str(name):
            report.add(pw, "name must be a non-empty string")
            name = f"#{index}"
        elif name in seen_names:
            report.add(pw, f"duplicate period name {name!r}")
        seen_names.add(name)
        pw = f"{where}.{name}"
        for key in ("course", "room"):
            if not is_nonempty_str(period.get(key)):
                report.add(pw, f"{key} must be a non-empty string")
        days = period.get("meeting_days")
        if not isinstance(days, list) or not days or any(d not in DAYS for d in days):
            report.add(pw, "meeting_days must be a non-empty list of Mon..Sun")
        elif len(set(days)) != len(days):
            report.add(pw, "meeting_days has duplicates")
        start, end = period.get("starts_at"), period.get("ends_at")
        if not (
            isinstance(start, str)
            and TIME_RE.match(start)
            and isinstance(end, str)
            and TIME_RE.match(end)
        ):
            report.add(pw, "starts_at/ends_at must be HH:MM")
        elif start >= end:
            report.add(pw, "starts_at must be before ends_at")

        students = period.get("students")
        if not isinstance(students, list):
            report.add(pw, "students must be a list")
            continue
        expected = EXPECTED_PERIODS.get(name)
        if expected is None:
            report.add(pw, f"unexpected period name (expected one of {sorted(EXPECTED_PERIODS)})")
        elif len(students) != expected:
            report.add(pw, f"expected {expected} students, found {len(students)}")
        total += len(students)
        for s_index, student in enumerate(students):
            sw = f"{pw}.students[{s_index}]"
            if not isinstance(student, dict):
                report.add(sw, "must be an object")
                continue
            extra = set(student) - {"number", "given", "family", "preferred"}
            if extra:
                report.add(sw, f"unexpected fields {sorted(extra)}")
            number = student.get("number")
            if not (isinstance(number, str) and NUMBER_RE.match(number)):
                report.add(sw, f"number must be a 7-digit string starting with 07, got {number!r}")
            elif number in period_of:
                report.add(sw, f"duplicate student number {number}")
            else:
                period_of[number] = name
            if not is_nonempty_str(student.get("given")):
                report.add(sw, "given must be a non-empty string")
            if not isinstance(student.get("family"), str):
                report.add(sw, "family must be a string (may be empty)")
            preferred = student.get("preferred")
            if preferred is not None and not is_nonempty_str(preferred):
                report.add(sw, "preferred must be null or a non-empty string")
            for key in ("given", "family", "preferred"):
                value = student.get(key)
                if isinstance(value, str) and (value != value.strip() or CONTROL_RE.search(value)):
                    report.add(sw, f"{key} has stray whitespace or control characters")

    if total != TOTAL_STUDENTS:
        report.add(where, f"expected {TOTAL_STUDENTS} students in total, found {total}")

    for key, count in (("keep_apart", KEEP_APART_PAIRS), ("keep_together", KEEP_TOGETHER_PAIRS)):
        pairs = data.get(key)
        if not isinstance(pairs, list):
            report.add(where, f"{key} must be a list")
            continue
        if len(pairs) != count:
            report.add(where, f"{key} should have {count} pairs, found {len(pairs)}")
        seen_pairs: set[frozenset[str]] = set()
        for p_index, pair in enumerate(pairs):
            kw = f"{where}.{key}[{p_index}]"
            if not isinstance(pair, dict):
                report.add(kw, "must be an object")
                continue
            a, b = pair.get("a"), pair.get("b")
            if not is_nonempty_str(pair.get("reason")):
                report.add(kw, "reason must be a non-empty string")
            if a not in period_of or b not in period_of:
                report.add(kw, f"unknown student number(s): {a!r}, {b!r}")
                continue
            if a == b:
                report.add(kw, "a and b are the same student")
            elif period_of[a] != period_of[b]:
                report.add(
                    kw, f"{a} ({period_of[a]}) and {b} ({period_of[b]}) are in different periods"
                )
            pair_key = frozenset((a, b))
            if pair_key in seen_pairs:
                report.add(kw, "duplicate pair")
            seen_pairs.add(pair_key)
    return total


# --------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------


def check_math_text(text: str, where: str, report: Report) -> None:
    """Check the $...$ math conventions of one text field."""
    if CONTROL_RE.search(text):
        report.add(
            where, "contains a control character (a stray backslash escape such as \\f or \\t?)"
        )
    if "$$" in text:
        report.add(where, "contains $$ (display math / empty math is not allowed)")
    positions = [m.start() for m in UNESCAPED_DOLLAR_RE.finditer(text)]
    if len(positions) % 2:
        report.add(
            where,
            "odd number of unescaped $ (a bare dollar sign? write 'USD 4.50' or '4.50 dollars')",
        )
        return
    for command in COMMAND_RE.findall(text):
        if command in FORBIDDEN_COMMANDS:
            report.add(where, f"forbidden LaTeX command \\{command}")
        elif command not in ALLOWED_COMMANDS:
            report.add(where, f"LaTeX command \\{command} is outside the allowed subset")
    # Examine text outside and inside math.
    outside: list[str] = []
    last = 0
    for open_pos, close_pos in zip(positions[0::2], positions[1::2], strict=False):
        outside.append(text[last:open_pos])
        segment = text[open_pos + 1 : close_pos]
        last = close_pos + 1
        if not segment.strip():
            report.add(where, "empty math segment")
            continue
        if segment != segment.strip():
            report.add(where, f"math segment ${segment}$ starts or ends with a space")
        words = [w for w in WORD_IN_MATH_RE.findall(segment)]
        if words:
            report.add(where, f"words {words} inside math ${segment}$ (bare dollar amount?)")
        if segment.count("{") != segment.count("}"):
            report.add(where, f"unbalanced braces in ${segment}$")
        if re.search(r"(?<!\\)%", segment):
            report.add(where, f"unescaped % inside math ${segment}$ (write \\%)")
    outside.append(text[last:])
    plain = "".join(outside)
    if "\\" in plain.replace("\\$", ""):
        report.add(where, "backslash (LaTeX) outside $...$")


def check_task(task: Any, index: int, report: Report, skill_codes: set[str] | None) -> None:
    where = f"tasks[{index}]"
    if not isinstance(task, dict):
        report.add(where, "must be an object")
        return
    slug = task.get("slug")
    if isinstance(slug, str):
        where = f"task {slug}"
    missing = [f for f in TASK_FIELDS if f not in task]
    if missing:
        report.add(where, f"missing fields {missing}")
    extra = sorted(set(task) - set(TASK_FIELDS) - set(PROJECT_FIELDS))
    if extra:
        report.add(where, f"unexpected fields {extra}")

    if not (isinstance(slug, str) and SLUG_RE.match(slug)):
        report.add(where, "slug must be kebab-case")
    title = task.get("title")
    if not is_nonempty_str(title):
        report.add(where, "title must be a non-empty string")
    elif len(title) > 50:
        report.add(where, f"title is {len(title)} characters (max 50)")
    kind = task.get("kind")
    if kind not in KIND_MINIMUMS:
        report.add(where, f"unknown kind {kind!r}")
    for key in ("prompt", "answer", "teacher_notes", "materials"):
        if not is_nonempty_str(task.get(key)):
            report.add(where, f"{key} must be a non-empty string")
    start = task.get("start")
    if start is not None and not is_nonempty_str(start):
        report.add(where, "start must be null or a non-empty string")

    lists: dict[str, list[str]] = {}
    for key in ("extensions", "hints"):
        value = task.get(key)
        if not isinstance(value, list) or not all(is_nonempty_str(v) for v in value):
            report.add(where, f"{key} must be a list of non-empty strings")
            lists[key] = []
        else:
            lists[key] = value

    minutes = task.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 5 <= minutes <= 60:
        report.add(where, "minutes must be an integer from 5 to 60")

    skills = task.get("skills")
    if (
        not isinstance(skills, list)
        or not 1 <= len(skills) <= 3
        or not all(is_nonempty_str(s) for s in skills)
    ):
        report.add(where, "skills must be a list of 1 to 3 codes")
    else:
        if len(set(skills)) != len(skills):
            report.add(where, "skills has duplicates")
        if skill_codes is not None:
            unknown = [s for s in skills if s not in skill_codes]
            if unknown:
                report.add(where, f"skill codes not in skill_map.json: {unknown}")

    if kind != "exit_ticket":
        if not lists["extensions"]:
            report.add(where, "needs at least one extension")
        if not lists["hints"]:
            report.add(where, "needs at least one hint")
    elif isinstance(minutes, int) and minutes > 10:
        report.add(where, "exit tickets should take at most 10 minutes")
    if kind == "whiteboard":
        if not is_nonempty_str(start):
            report.add(where, "whiteboard tasks need a start")
        if not 2 <= len(lists["hints"]) <= 3:
            report.add(where, "whiteboard tasks need 2 to 3 hints")

    check_project_fields(task, where, report)

    for key in TEXT_FIELDS:
        value = task.get(key)
        if isinstance(value, str):
            check_math_text(value, f"{where}.{key}", report)
    for key in ("extensions", "hints"):
        for i, value in enumerate(lists[key]):
            check_math_text(value, f"{where}.{key}[{i}]", report)


def check_project_fields(task: dict[str, Any], where: str, report: Report) -> None:
    """Milestones: 2..15 day names of at most 60 characters, on projects and math art only;
    rubric: 3..5 criteria, text like the prompt's (math between dollar signs)."""
    present = [key for key in PROJECT_FIELDS if key in task]
    if present and task.get("kind") not in PROJECT_KINDS:
        report.add(where, f"only projects and math art have {present}")
        return
    if "milestones" in task:
        days = task["milestones"]
        if (
            not isinstance(days, list)
            or not 2 <= len(days) <= 15
            or not all(is_nonempty_str(d) and len(d) <= 60 for d in days)
        ):
            report.add(where, "milestones must be 2 to 15 day names of at most 60 characters")
    if "rubric" in task:
        rows = task["rubric"]
        if (
            not isinstance(rows, list)
            or not 3 <= len(rows) <= 5
            or not all(is_nonempty_str(r) for r in rows)
        ):
            report.add(where, "rubric must be a list of 3 to 5 non-empty criteria")
        else:
            for i, row in enumerate(rows):
                check_math_text(row, f"{where}.rubric[{i}]", report)


def domain_of(code: str, skill_domains: dict[str, str] | None) -> str:
    """Domain for a skill code: from the skill map if known, else parsed."""
    if skill_domains and code in skill_domains:
        return skill_domains[code]
    parts = code.split(".")
    return parts[1] if len(parts) > 1 else "?"


def check_tasks(data: Any, report: Report, skill_map: Any) -> tuple[Counter[str], Counter[str]]:
    """Check the task bank; return (kind counts, primary-domain counts)."""
    kinds: Counter[str] = Counter()
    domains: Counter[str] = Counter()
    if not isinstance(data, dict):
        report.add("tasks", "top level must be an object")
        return kinds, domains
    if data.get("format") != 1:
        report.add("tasks", "format must be 1")
    tasks = data.get("tasks")
    if not isinstance(tasks, list):
        report.add("tasks", "tasks must be a list")
        return kinds, domains

    skill_codes: set[str] | None = None
    skill_domains: dict[str, str] | None = None
    if isinstance(skill_map, dict) and isinstance(skill_map.get("skills"), list):
        skill_codes = set()
        skill_domains = {}
        for skill in skill_map["skills"]:
            if isinstance(skill, dict) and isinstance(skill.get("code"), str):
                skill_codes.add(skill["code"])
                if isinstance(skill.get("domain"), str):
                    skill_domains[skill["code"]] = skill["domain"]
    elif skill_map is not None:
        report.add("skill_map", "has no 'skills' list; skill codes not checked")

    slugs: Counter[str] = Counter()
    for index, task in enumerate(tasks):
        check_task(task, index, report, skill_codes)
        if isinstance(task, dict):
            if isinstance(task.get("slug"), str):
                slugs[task["slug"]] += 1
            if isinstance(task.get("kind"), str):
                kinds[task["kind"]] += 1
            skills = task.get("skills")
            if isinstance(skills, list) and skills and isinstance(skills[0], str):
                domains[domain_of(skills[0], skill_domains)] += 1
    for slug, count in slugs.items():
        if count > 1:
            report.add("tasks", f"slug {slug!r} used {count} times")
    if len(tasks) < MIN_TASKS:
        report.add("tasks", f"expected at least {MIN_TASKS} tasks, found {len(tasks)}")
    for kind, minimum in KIND_MINIMUMS.items():
        if kinds[kind] < minimum:
            report.add("tasks", f"expected at least {minimum} {kind} tasks, found {kinds[kind]}")
    if skill_domains is not None:
        for domain, target in DOMAIN_TARGETS.items():
            if domains[domain] < target:
                report.add(
                    "tasks",
                    f"expected at least {target} tasks with a primary {domain} skill, "
                    f"found {domains[domain]}",
                )
    return kinds, domains


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classroom", type=Path, default=DEFAULT_CLASSROOM)
    parser.add_argument("--tasks", type=Path, default=DEFAULT_TASKS)
    parser.add_argument("--skill-map", type=Path, default=DEFAULT_SKILL_MAP)
    args = parser.parse_args(argv)

    report = Report()
    classroom = load_json(args.classroom, report)
    tasks = load_json(args.tasks, report)
    skill_map = load_json(args.skill_map, report) if args.skill_map.exists() else None

    students = check_classroom(classroom, report) if classroom is not None else 0
    kinds, domains = (
        check_tasks(tasks, report, skill_map) if tasks is not None else (Counter(), Counter())
    )

    if report.problems:
        for problem in report.problems:
            print(problem)
        print(f"{len(report.problems)} problem(s) found", file=sys.stderr)
        return 1
    kind_text = ", ".join(f"{k} {kinds[k]}" for k in KIND_MINIMUMS)
    domain_text = ", ".join(f"{d} {n}" for d, n in sorted(domains.items()))
    skills_note = (
        "skill codes checked"
        if skill_map is not None
        else "skill_map.json not found, codes unchecked"
    )
    print(
        f"OK: {students} students in 3 periods; {sum(kinds.values())} tasks ({kind_text}); "
        f"primary domains: {domain_text}; {skills_note}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
