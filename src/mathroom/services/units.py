"""Units: make and change them, give each period its unit, see how far a period has got,
and the starter units every data folder begins with."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId, TaskId, UnitId
from mathroom.domain.units import (
    DEFAULT_REPEAT_WEEKS,
    Unit,
    UnitAssignment,
    UnitSpec,
    validate_unit,
)
from mathroom.importers.unit_file import load_unit_file
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.repositories.units import UnitRepository
from mathroom.store.unit_of_work import Store

REPEAT_WEEKS = "repeat_weeks"  # the app_setting key
REPEAT_WEEKS_RANGE = (1, 26)


@dataclass(frozen=True, slots=True)
class UnitProgress:
    """Where a period stands in its unit on a day."""

    unit: Unit
    starts_on: date
    week: int  # the school week of the unit ``on`` falls in, from 1
    used: tuple[TaskId, ...]  # the unit's tasks the period has had in a plan up to that day
    fresh: tuple[TaskId, ...]  # the unit's tasks not planned within the repeat window

    @property
    def weeks(self) -> int:
        return self.unit.spec.weeks

    @property
    def label(self) -> str:
        """ "Unit: Operations with rational numbers · week 2 of 3" (or "week 4, planned
        for 3" once the unit runs over)."""
        week = (
            f"week {self.week} of {self.weeks}"
            if self.week <= self.weeks
            else f"week {self.week}, planned for {self.weeks}"
        )
        return f"Unit: {self.unit.name} · {week}"


class UnitService:
    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    # -- the units --------------------------------------------------------------------
    def units(self, include_archived: bool = False) -> list[Unit]:
        with self._store.unit_of_work() as session:
            return UnitRepository(session).units(include_archived=include_archived)

    def unit(self, unit_id: UnitId) -> Unit:
        with self._store.unit_of_work() as session:
            return _unit(UnitRepository(session), unit_id)

    def save_unit(self, spec: UnitSpec, unit_id: UnitId | None = None) -> Unit:
        """Add a unit (no ``unit_id``) or replace one's content; ValidationError names the
        field (an unknown skill code or task id is refused, nothing is saved)."""
        spec = replace(spec, name=spec.name.strip())
        problems = validate_unit(spec)
        if problems:
            raise problems[0]
        with self._store.unit_of_work() as session:
            units = UnitRepository(session)
            if unit_id is not None:
                _unit(units, unit_id)
            skill_ids = SkillRepository(session).ids_by_code()
            unknown = [code for code in spec.skill_codes if code not in skill_ids]
            if unknown:
                raise ValidationError(
                    "skills",
                    f"not in the skill map: {', '.join(unknown)} (codes are case-sensitive)",
                )
            missing = sorted(set(spec.task_ids) - units.tasks_in_bank(spec.task_ids))
            if missing:
                raise ValidationError(
                    "tasks", f"no task in the bank has id {', '.join(map(str, missing))}"
                )
            owner = units.slug_owner(spec.slug) if spec.slug else None
            if owner is not None and owner != unit_id:
                raise ValidationError("slug", f"another unit already has the slug {spec.slug}")
            if unit_id is None:
                unit_id = units.add(spec, skill_ids, self._now())
            else:
                units.update(unit_id, spec, skill_ids, self._now())
            return units.get(unit_id)

    def archive_unit(self, unit_id: UnitId) -> None:
        """Take a unit out of the list; periods working on it keep it until the next one."""
        with self._store.unit_of_work() as session:
            units = UnitRepository(session)
            _unit(units, unit_id)
            units.set_archived(unit_id, self._now())

    def restore_unit(self, unit_id: UnitId) -> None:
        with self._store.unit_of_work() as session:
            units = UnitRepository(session)
            _unit(units, unit_id)
            units.set_archived(unit_id, None)

    def move_unit(self, unit_id: UnitId, offset: int) -> bool:
        """Move the unit ``offset`` places in the teaching order (archived units keep their
        place); False when it is already first or last."""
        with self._store.unit_of_work() as session:
            units = UnitRepository(session)
            order = [u.id for u in units.units(include_archived=True)]
            if unit_id not in order:
                raise ValidationError("unit", f"no unit has id {unit_id}")
            shown = [u.id for u in units.units()] if not _unit(units, unit_id).archived else order
            index = shown.index(unit_id)
            target = index + offset
            if offset == 0 or not 0 <= target < len(shown):
                return False
            order.remove(unit_id)
            neighbour = order.index(shown[target])
            order.insert(neighbour + (1 if offset > 0 else 0), unit_id)
            units.set_positions(order)
            return True

    # -- each period's unit -------------------------------------------------------------
    def assign(self, period: PeriodId, unit_id: UnitId, starts_on: date) -> UnitAssignment:
        """From ``starts_on`` the period works on the unit, until its next unit starts (a
        unit already starting that day is replaced)."""
        with self._store.unit_of_work() as session:
            if period not in {p.id for p in RosterRepository(session).periods()}:
                raise ValidationError("period", f"no current period has id {period}")
            units = UnitRepository(session)
            unit = _unit(units, unit_id)
            if unit.archived:
                raise ValidationError("unit", f"“{unit.name}” is archived; restore it first")
            units.assign(period, unit_id, starts_on)
            return UnitAssignment(period, unit_id, starts_on)

    def unassign(self, period: PeriodId, starts_on: date) -> bool:
        """Take back the unit the period starts on ``starts_on``; False when there was none."""
        with self._store.unit_of_work() as session:
            return UnitRepository(session).unassign(period, starts_on)

    def set_starts(
        self, starts_on: date, units: Mapping[PeriodId, UnitId | None]
    ) -> dict[PeriodId, UnitId | None]:
        """In one transaction, each period starts its unit on ``starts_on`` (None: takes back
        the unit it started that day). Returns what each period started that day before, so
        the Units page can undo it with a second call."""
        with self._store.unit_of_work() as session:
            current = {p.id for p in RosterRepository(session).periods()}
            repo = UnitRepository(session)
            before: dict[PeriodId, UnitId | None] = {}
            for period, unit_id in units.items():
                if period not in current:
                    raise ValidationError("period", f"no current period has id {period}")
                if unit_id is not None:
                    unit = _unit(repo, unit_id)
                    if unit.archived:
                        raise ValidationError(
                            "unit", f"“{unit.name}” is archived; restore it first"
                        )
                same_day = [a for a in repo.assignments(period) if a.starts_on == starts_on]
                before[period] = same_day[0].unit_id if same_day else None
                if unit_id is None:
                    repo.unassign(period, starts_on)
                else:
                    repo.assign(period, unit_id, starts_on)
            return before

    def assignments(self, period: PeriodId) -> list[UnitAssignment]:
        with self._store.unit_of_work() as session:
            return UnitRepository(session).assignments(period)

    def current_unit(self, period: PeriodId, on: date) -> Unit | None:
        """The unit the period works on that day (the latest to start on or before it)."""
        with self._store.unit_of_work() as session:
            return unit_on(UnitRepository(session), period, on)

    def progress(self, period: PeriodId, on: date) -> UnitProgress | None:
        """How far the period has got in its unit on ``on``; None when it has no unit."""
        with self._store.unit_of_work() as session:
            units = UnitRepository(session)
            assignment = assignment_on(units.assignments(period), on)
            if assignment is None:
                return None
            unit = units.get(assignment.unit_id)
            days = units.task_days(period)
            window = timedelta(weeks=read_repeat_weeks(session))
            used, fresh = [], []
            for task in unit.spec.task_ids:
                past = [d for d in days.get(task, ()) if d <= on]
                if past:
                    used.append(task)
                if not past or on - max(past) >= window:
                    fresh.append(task)
        return UnitProgress(
            unit,
            assignment.starts_on,
            school_week_number(assignment.starts_on, on),
            tuple(used),
            tuple(fresh),
        )

    # -- settings ----------------------------------------------------------------------
    def repeat_weeks(self) -> int:
        """A task the period had less than this many weeks ago is not planned again unless
        the teacher allows repeats."""
        with self._store.unit_of_work() as session:
            return read_repeat_weeks(session)

    def set_repeat_weeks(self, weeks: int) -> None:
        low, high = REPEAT_WEEKS_RANGE
        if isinstance(weeks, bool) or not isinstance(weeks, int) or not low <= weeks <= high:
            raise ValidationError("repeat_weeks", f"choose {low} to {high} weeks")
        with self._store.unit_of_work() as session:
            SettingsRepository(session).set(REPEAT_WEEKS, weeks)


def read_repeat_weeks(session: Session) -> int:
    value = SettingsRepository(session).get(REPEAT_WEEKS, DEFAULT_REPEAT_WEEKS)
    low, high = REPEAT_WEEKS_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return DEFAULT_REPEAT_WEEKS
    return value


def assignment_on(assignments: Sequence[UnitAssignment], on: date) -> UnitAssignment | None:
    """The assignment in force on ``on``: the latest to start on or before it."""
    started = [a for a in assignments if a.starts_on <= on]
    return max(started, key=lambda a: a.starts_on) if started else None


def unit_on(units: UnitRepository, period: PeriodId, on: date) -> Unit | None:
    assignment = assignment_on(units.assignments(period), on)
    return units.get(assignment.unit_id) if assignment is not None else None


def school_week_number(starts_on: date, on: date) -> int:
    """Which week of a unit ``on`` is in, counting calendar weeks from the one it starts in
    (a unit starting on a Wednesday is in its week 2 the Monday after)."""
    first_monday = starts_on - timedelta(days=starts_on.weekday())
    monday = on - timedelta(days=on.weekday())
    return max(1, (monday - first_monday).days // 7 + 1)


def seed_units(session: Session, path: Path, now: datetime) -> int:
    """The starter units, when the data folder has no unit yet and its task bank holds their
    tasks (found by slug; a unit none of whose tasks are in the bank is left out, and so are
    skill codes the skill map lacks). Returns how many units were added."""
    units = UnitRepository(session)
    tasks = TaskRepository(session)
    if units.count() or not tasks.count():
        return 0
    starter = load_unit_file(path)
    by_slug = {t.spec.slug: t.id for t in tasks.tasks(include_archived=True) if t.spec.slug}
    skill_ids = SkillRepository(session).ids_by_code()
    added = 0
    for unit in starter:
        found = tuple(by_slug[slug] for slug in unit.task_slugs if slug in by_slug)
        if found:
            units.add(unit.spec(found), skill_ids, now)
            added += 1
    return added


def _unit(units: UnitRepository, unit_id: UnitId) -> Unit:
    try:
        return units.get(unit_id)
    except LookupError:
        raise ValidationError("unit", f"no unit has id {unit_id}") from None
