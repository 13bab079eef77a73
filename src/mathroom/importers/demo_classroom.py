"""The demo classroom description (resources/demo/classroom.json)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any

from mathroom.domain.errors import ContentError
from mathroom.domain.groups import ConstraintKind
from mathroom.domain.roster import Weekday
from mathroom.importers.json_content import load_json_object, object_list, required_text


@dataclass(frozen=True, slots=True)
class DemoStudent:
    number: str
    given: str
    family: str
    preferred: str | None


@dataclass(frozen=True, slots=True)
class DemoPeriod:
    name: str
    course: str
    room: str
    meeting_days: tuple[Weekday, ...]
    starts_at: time
    ends_at: time
    students: tuple[DemoStudent, ...]


@dataclass(frozen=True, slots=True)
class DemoPair:
    kind: ConstraintKind
    a: str
    b: str
    reason: str


@dataclass(frozen=True, slots=True)
class DemoClassroom:
    """The demo's periods and students; its school year is the one around the day it is made."""

    periods: tuple[DemoPeriod, ...]
    pairs: tuple[DemoPair, ...]


def load_demo_classroom(path: Path) -> DemoClassroom:
    data = load_json_object(path, expected_format=1)
    source = path.name
    try:
        periods = tuple(
            _period(item, f"{source}, period {n}")
            for n, item in enumerate(object_list(data, "periods", source), start=1)
        )
    except ValueError as exc:
        raise ContentError(source, str(exc)) from exc
    numbers = {s.number for p in periods for s in p.students}
    pairs: list[DemoPair] = []
    for key, kind in (
        ("keep_apart", ConstraintKind.KEEP_APART),
        ("keep_together", ConstraintKind.KEEP_TOGETHER),
    ):
        for item in object_list(data, key, source) if key in data else []:
            pair = DemoPair(
                kind,
                required_text(item, "a", source),
                required_text(item, "b", source),
                str(item.get("reason") or ""),
            )
            if pair.a not in numbers or pair.b not in numbers:
                raise ContentError(source, f"{key} names an unknown student number")
            pairs.append(pair)
    return DemoClassroom(periods, tuple(pairs))


def _period(item: dict[str, Any], where: str) -> DemoPeriod:
    days = item.get("meeting_days", [])
    students = tuple(
        DemoStudent(
            number=required_text(s, "number", where),
            given=required_text(s, "given", where),
            family=str(s.get("family") or ""),
            preferred=s.get("preferred") or None,
        )
        for s in object_list(item, "students", where)
    )
    return DemoPeriod(
        name=required_text(item, "name", where),
        course=str(item.get("course") or ""),
        room=str(item.get("room") or ""),
        meeting_days=tuple(Weekday(d) for d in days),
        starts_at=time.fromisoformat(required_text(item, "starts_at", where)),
        ends_at=time.fromisoformat(required_text(item, "ends_at", where)),
        students=students,
    )
