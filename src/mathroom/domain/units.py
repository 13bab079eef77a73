"""Units: an ordered run of skills and tasks a period works through over a few weeks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId, TaskId, UnitId

UNIT_NAME_MAX = 80
UNIT_WEEKS_RANGE = (1, 12)
# A task the period did less than this many weeks ago is not planned again unless asked.
DEFAULT_REPEAT_WEEKS = 4


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """A unit's content, before (or apart from) its database identity."""

    name: str
    weeks: int
    skill_codes: tuple[str, ...] = ()  # in teaching order
    task_ids: tuple[TaskId, ...] = ()  # in the order the unit uses them
    summary: str = ""
    slug: str | None = None  # starter units keep their slug across restores


@dataclass(frozen=True, slots=True)
class Unit:
    id: UnitId
    spec: UnitSpec
    position: int = 0
    archived: bool = False

    @property
    def name(self) -> str:
        return self.spec.name


@dataclass(frozen=True, slots=True)
class UnitAssignment:
    """A period works on ``unit`` from ``starts_on`` until its next assignment."""

    period_id: PeriodId
    unit_id: UnitId
    starts_on: date


def validate_unit(spec: UnitSpec) -> list[ValidationError]:
    """Every rule the spec breaks, each naming its field; empty when it can be saved."""
    problems: list[ValidationError] = []
    if not spec.name.strip():
        problems.append(ValidationError("name", "the unit needs a name"))
    elif len(spec.name) > UNIT_NAME_MAX:
        problems.append(ValidationError("name", f"keep the name under {UNIT_NAME_MAX} characters"))
    low, high = UNIT_WEEKS_RANGE
    if not low <= spec.weeks <= high:
        problems.append(ValidationError("weeks", f"a unit lasts {low} to {high} weeks"))
    if len(set(spec.task_ids)) != len(spec.task_ids):
        problems.append(ValidationError("tasks", "a task is listed twice in the unit"))
    if len(set(spec.skill_codes)) != len(spec.skill_codes):
        problems.append(ValidationError("skills", "a skill is listed twice in the unit"))
    return problems
