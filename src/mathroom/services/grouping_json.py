"""The grouping engine behind a JSON text interface (for scripts, checks and other tools).

Input (every key but "students" and "group_size" optional)::

    {"students": ["id", ...], "group_size": 2-6, "remainder": "larger" | "smaller",
     "rounds": 1, "absent": {"0": ["id", ...]}, "keep_apart": [["a", "b"]],
     "keep_together": [["a", "b"]], "history": [[["id", ...], ...], ...],
     "seed": 0, "time_limit_s": 2}

Ids are strings. "absent" keys are 0-based round indexes written as strings. "history" lists
earlier group sets, oldest first (the last entry is the most recent one). Unknown keys are
refused so a misspelt option cannot be silently ignored.

Output::

    {"rounds": [[["id", ...], ...], ...], "repeat_pairs": n}

Groups are listed in station order and members in the order of "students". "repeat_pairs"
counts the pair meetings in the new rounds whose pair had already met: earlier in the new
rounds, or anywhere in the history. A pair that met in the history and meets twice in the
new rounds counts twice; a plan with repeat_pairs 0 has every pair meeting for the first time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence

from mathroom.domain.errors import ValidationError
from mathroom.domain.grouping import (
    GroupingRequest,
    InfeasibleError,
    PastRound,
    Remainder,
    form_groups,
)
from mathroom.domain.grouping.request import (
    MAX_GROUP_SIZE,
    MAX_RULES,
    MAX_TIME_LIMIT_S,
    MIN_GROUP_SIZE,
    check_limits,
)
from mathroom.domain.ids import StudentId

_KEYS = frozenset(
    {
        "students",
        "group_size",
        "remainder",
        "rounds",
        "absent",
        "keep_apart",
        "keep_together",
        "history",
        "seed",
        "time_limit_s",
    }
)
MAX_REQUEST_CHARS = 8_000_000
"""Longest request text read (400 history sets of 200 ids fit several times over)."""


def solve_json(text: str, clock: Callable[[], float] | None = None) -> str:
    """Plan groups for the JSON request in ``text`` and return the JSON answer.

    Raises ValidationError naming the field at fault, or InfeasibleError (from the engine)
    naming the rule that cannot hold; its message names students by their ids in ``text``,
    while its ``students`` hold their 0-based positions in "students".
    """
    if len(text) > MAX_REQUEST_CHARS:
        raise ValidationError("json", f"the request is longer than {MAX_REQUEST_CHARS} characters")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ValidationError("json", f"not valid JSON ({error})") from None
    except ValueError:
        # Python refuses to read integers of more than 4,300 digits.
        raise ValidationError("json", "a number in the request is far too long") from None
    if not isinstance(data, dict):
        raise ValidationError("json", "the request must be a JSON object")
    for key in sorted(data):
        if key not in _KEYS:
            raise ValidationError(key, "unknown field")
    for key in ("students", "group_size"):
        if key not in data:
            raise ValidationError(key, "is required")

    # Every size is checked against the limits before anything is read in detail.
    students, history = data["students"], data.get("history", [])
    group_size = _integer(data["group_size"], "group_size")
    if not MIN_GROUP_SIZE <= group_size <= MAX_GROUP_SIZE:
        raise ValidationError(
            "group_size", f"must be between {MIN_GROUP_SIZE} and {MAX_GROUP_SIZE}"
        )
    rounds = _integer(data.get("rounds", 1), "rounds")
    seed = _integer(data.get("seed", 0), "seed")
    check_limits(
        len(students) if isinstance(students, list) else 0,
        rounds,
        len(history) if isinstance(history, list) else 0,
        seed,
    )
    for key in ("keep_apart", "keep_together"):
        rules = data.get(key, [])
        if isinstance(rules, list) and len(rules) > MAX_RULES:
            raise ValidationError(key, f"at most {MAX_RULES} rules of a kind")
    ids = _ids(students)
    index_of = {student: i for i, student in enumerate(ids)}
    remainder = _remainder(data.get("remainder", "larger"))
    time_limit = _seconds(data.get("time_limit_s", 2))

    request = GroupingRequest(
        students=tuple(StudentId(i) for i in range(len(ids))),
        group_size=group_size,
        remainder=remainder,
        rounds=rounds,
        absent=_absent(data.get("absent", {}), rounds, index_of),
        keep_apart=_pairs(data.get("keep_apart", []), "keep_apart", index_of),
        keep_together=_pairs(data.get("keep_together", []), "keep_together", index_of),
        history=_history(history, index_of),
        seed=seed,
        time_limit_s=time_limit,
    )
    try:
        result = form_groups(request, clock=clock)
    except InfeasibleError as error:
        # Same rule and data, but the message names students by the caller's ids.
        raise InfeasibleError(
            error.rule, error.template, error.students, error.round_index, label=ids.__getitem__
        ) from None
    answer = {
        "rounds": [
            [[ids[member] for member in group.members] for group in planned.groups]
            for planned in result.rounds
        ],
        "repeat_pairs": result.repeats.total,
    }
    return json.dumps(answer, ensure_ascii=False)


def _ids(value: object) -> list[str]:
    if not isinstance(value, list):
        raise ValidationError("students", "must be a list of student ids (strings)")
    seen: set[str] = set()
    for i, item in enumerate(value):
        field = f"students[{i}]"
        if not isinstance(item, str) or not item:
            raise ValidationError(field, "must be a non-empty string")
        if item in seen:
            raise ValidationError(field, f"student {item!r} is listed twice")
        seen.add(item)
    return [str(item) for item in value]


def _integer(value: object, field: str) -> int:
    # bool is an int in Python but never a meaningful size, count or seed.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, "must be a whole number")
    return value


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError("time_limit_s", "must be a number of seconds")
    seconds = float(value)
    if not (math.isfinite(seconds) and 0 < seconds <= MAX_TIME_LIMIT_S):
        raise ValidationError("time_limit_s", f"must be above 0 and at most {MAX_TIME_LIMIT_S:g}")
    return seconds


def _remainder(value: object) -> Remainder:
    if value not in ("larger", "smaller"):
        raise ValidationError("remainder", 'must be "larger" or "smaller"')
    return Remainder(value)


def _student(value: object, field: str, index_of: dict[str, int]) -> StudentId:
    if not isinstance(value, str):
        raise ValidationError(field, "must be a student id (a string)")
    if value not in index_of:
        raise ValidationError(field, f"unknown student {value!r}")
    return StudentId(index_of[value])


def _absent(
    value: object, rounds: int, index_of: dict[str, int]
) -> tuple[frozenset[StudentId], ...]:
    if not isinstance(value, dict):
        raise ValidationError("absent", 'must be an object like {"0": ["id", ...]}')
    away: list[frozenset[StudentId]] = [frozenset()] * rounds
    for key in sorted(value):
        field = f"absent[{json.dumps(key)}]"
        if not (key.isascii() and key.isdigit()) or int(key) >= rounds:
            raise ValidationError(field, f"must be a round index from 0 to {rounds - 1}")
        students = value[key]
        if not isinstance(students, list):
            raise ValidationError(field, "must be a list of student ids")
        away[int(key)] = frozenset(
            _student(item, f"{field}[{i}]", index_of) for i, item in enumerate(students)
        )
    return tuple(away)


def _pairs(
    value: object, field: str, index_of: dict[str, int]
) -> tuple[tuple[StudentId, StudentId], ...]:
    if not isinstance(value, list):
        raise ValidationError(field, "must be a list of [id, id] pairs")
    pairs: list[tuple[StudentId, StudentId]] = []
    for i, item in enumerate(value):
        where = f"{field}[{i}]"
        if not isinstance(item, list) or len(item) != 2:
            raise ValidationError(where, "must be a pair [id, id]")
        a = _student(item[0], where, index_of)
        b = _student(item[1], where, index_of)
        if a == b:
            raise ValidationError(where, "a rule needs two different students")
        pairs.append((a, b))
    return tuple(pairs)


def _history(value: object, index_of: dict[str, int]) -> tuple[PastRound, ...]:
    if not isinstance(value, list):
        raise ValidationError("history", "must be a list of earlier rounds, oldest first")
    past: list[PastRound] = []
    for r, groups in enumerate(value):
        field = f"history[{r}]"
        if not isinstance(groups, list):
            raise ValidationError(field, "must be a list of groups")
        seen: set[StudentId] = set()
        named: list[tuple[StudentId, ...]] = []
        for g, group in enumerate(groups):
            if not isinstance(group, list):
                raise ValidationError(f"{field}[{g}]", "must be a list of student ids")
            members = _group(group, f"{field}[{g}]", index_of)
            for student in members:
                if student in seen:
                    raise ValidationError(field, "a student is in two groups of one round")
                seen.add(student)
            named.append(members)
        # Oldest first: the last round listed was one round ago.
        past.append(PastRound(len(value) - r, tuple(named)))
    return tuple(past)


def _group(
    members: Sequence[object], field: str, index_of: dict[str, int]
) -> tuple[StudentId, ...]:
    return tuple(_student(item, f"{field}[{i}]", index_of) for i, item in enumerate(members))
