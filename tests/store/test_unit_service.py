"""Units against a real database: saving with every rule checked, archiving, each period's
unit over time, how far a period has got, the repeat window, and the starter units."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from mathroom.clock import FixedClock
from mathroom.composition import open_services
from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId, TaskId, UnitId
from mathroom.domain.plan import BlockKind, PlanBlock, Station
from mathroom.domain.units import DEFAULT_REPEAT_WEEKS, UnitSpec
from mathroom.paths import DataFolder
from mathroom.services.classroom import ClassroomService
from mathroom.services.content import ContentFiles
from mathroom.services.library import LibraryService
from mathroom.services.plans import PlanService
from mathroom.services.safety import SafetyNet
from mathroom.services.tasks import TaskService
from mathroom.services.units import UnitService, school_week_number
from mathroom.store.engine import make_engine
from mathroom.store.unit_of_work import Store

NOW = datetime(2026, 11, 23, 7, 30)
MONDAY = date(2026, 11, 23)


@pytest.fixture
def library(store: Store) -> Store:
    """A migrated database with the starter library (skill map, tasks, units)."""
    LibraryService(store, ContentFiles.bundled(), lambda: NOW).seed_if_empty()
    return store


def task_ids(store: Store, count: int) -> tuple[TaskId, ...]:
    return tuple(t.id for t in ClassroomService(store).tasks()[:count])


def test_a_unit_keeps_its_order_and_every_rule_names_its_field(library: Store) -> None:
    units = UnitService(library, lambda: NOW)
    tasks = task_ids(library, 3)
    spec = UnitSpec("  Ratios  ", 2, ("7.RP.A.2a", "7.RP.A.1"), (tasks[2], tasks[0]), "Why.")
    saved = units.save_unit(spec)
    assert saved.name == "Ratios" and saved.spec.task_ids == (tasks[2], tasks[0])
    assert saved.spec.skill_codes == ("7.RP.A.2a", "7.RP.A.1")  # the unit's order, kept
    assert units.unit(saved.id) == saved
    changed = units.save_unit(replace(spec, task_ids=(tasks[1],), weeks=4), saved.id)
    assert changed.id == saved.id and changed.spec.task_ids == (tasks[1],)
    assert changed.spec.weeks == 4

    bad = {
        "name": replace(spec, name=" "),
        "weeks": replace(spec, weeks=13),
        "tasks": replace(spec, task_ids=(tasks[0], tasks[0])),
        "skills": replace(spec, skill_codes=("7.rp.a.1",)),
    }
    for field, wrong in bad.items():
        with pytest.raises(ValidationError) as info:
            units.save_unit(wrong)
        assert info.value.field == field
    with pytest.raises(ValidationError, match="no task in the bank has id 99999") as info:
        units.save_unit(replace(spec, task_ids=(TaskId(99999),)))
    assert info.value.field == "tasks"
    starter = units.units()[0]
    with pytest.raises(ValidationError, match="slug") as info:
        units.save_unit(replace(spec, slug=starter.spec.slug))
    with pytest.raises(ValidationError, match="no unit has id 4242"):
        units.save_unit(spec, UnitId(4242))
    assert units.unit(saved.id).spec.task_ids == (tasks[1],)  # nothing changed on refusal


def test_archived_units_leave_the_list_and_come_back(library: Store) -> None:
    units = UnitService(library, lambda: NOW)
    first = units.units()[0]
    units.archive_unit(first.id)
    assert first.id not in {u.id for u in units.units()}
    assert units.unit(first.id).archived
    assert first.id in {u.id for u in units.units(include_archived=True)}
    units.restore_unit(first.id)
    assert units.units()[0] == first


def test_each_period_works_on_the_latest_unit_started(demo_store: Store, now: datetime) -> None:
    units = UnitService(demo_store, lambda: now)
    period = ClassroomService(demo_store).overview().periods[0]
    first = units.units()[0]
    expressions = UnitSpec("Expressions", 2, ("7.EE.A.1-expand",), task_ids(demo_store, 2))
    second = units.save_unit(expressions)
    start = now.date() + timedelta(days=70)  # well after the demo's own unit starts
    assert units.assign(period.id, first.id, start).starts_on == start
    units.assign(period.id, second.id, start + timedelta(days=21))
    assert units.current_unit(period.id, start - timedelta(days=1000)) is None
    assert units.current_unit(period.id, start + timedelta(days=20)) == first
    assert units.current_unit(period.id, start + timedelta(days=21)) == second
    units.assign(period.id, first.id, start + timedelta(days=21))  # the same day: replaced
    assert [(a.unit_id, a.starts_on) for a in units.assignments(period.id)][-2:] == [
        (first.id, start),
        (first.id, start + timedelta(days=21)),
    ]
    assert units.unassign(period.id, start + timedelta(days=21))
    assert not units.unassign(period.id, start + timedelta(days=21))
    units.archive_unit(second.id)
    with pytest.raises(ValidationError, match="archived") as info:
        units.assign(period.id, second.id, start)
    assert info.value.field == "unit"
    with pytest.raises(ValidationError) as info:
        units.assign(PeriodId(999), first.id, start)
    assert info.value.field == "period"


def test_progress_counts_the_tasks_used_and_still_fresh(
    demo_store: Store, demo_folder: DataFolder, now: datetime
) -> None:
    units = UnitService(demo_store, lambda: now)
    plans = PlanService(demo_store, lambda: now)
    period = ClassroomService(demo_store).overview().periods[1]
    planned = TaskService(demo_store, SafetyNet(demo_folder, lambda: now), lambda: now).last_used(
        period.id
    )
    never = [t.id for t in ClassroomService(demo_store).tasks() if t.id not in planned][:3]
    unit = units.save_unit(UnitSpec("Tiny unit", 2, (), tuple(never), slug="tiny"))
    starts = date(2027, 3, 3)  # a Wednesday
    units.assign(period.id, unit.id, starts)
    a, b, c = unit.spec.task_ids
    plans.save_plan(period.id, starts, [PlanBlock(BlockKind.WARMUP, 5, task_id=a)])
    stations = PlanBlock(BlockKind.STATIONS, 20, stations=(Station(1, b, None),))
    plans.save_plan(period.id, starts + timedelta(days=35), [stations])

    progress = units.progress(period.id, starts + timedelta(days=5))  # the Monday after
    assert progress is not None and progress.unit == unit
    assert (progress.week, progress.used, progress.fresh) == (2, (a,), (b, c))
    assert progress.label == "Unit: Tiny unit · week 2 of 2"
    later = units.progress(period.id, starts + timedelta(days=40))
    assert later is not None and later.used == (a, b)
    assert later.fresh == (a, c)  # a was 40 days ago: fresh again after 4 weeks
    assert later.label == "Unit: Tiny unit · week 7, planned for 2"
    assert units.progress(period.id, starts - timedelta(days=400)) is None


def test_school_weeks_count_from_the_week_a_unit_starts() -> None:
    wednesday = date(2027, 3, 3)
    assert school_week_number(wednesday, wednesday) == 1
    assert school_week_number(wednesday, date(2027, 3, 7)) == 1  # the Sunday
    assert school_week_number(wednesday, date(2027, 3, 8)) == 2


def test_the_repeat_window_is_a_setting_from_1_to_26_weeks(store: Store) -> None:
    units = UnitService(store, lambda: NOW)
    assert units.repeat_weeks() == DEFAULT_REPEAT_WEEKS
    units.set_repeat_weeks(6)
    assert units.repeat_weeks() == 6
    for wrong in (0, 27, True):
        with pytest.raises(ValidationError) as info:
            units.set_repeat_weeks(wrong)
        assert info.value.field == "repeat_weeks"
    assert units.repeat_weeks() == 6


def test_the_starter_units_come_with_the_library(library: Store) -> None:
    starter = UnitService(library, lambda: NOW).units()
    assert starter and all(u.spec.slug and u.spec.task_ids for u in starter)
    bank = {t.id: t for t in ClassroomService(library).tasks()}
    for unit in starter:
        assert set(unit.spec.task_ids) <= set(bank)


def library_without_units(folder: DataFolder) -> None:
    """The folder's database with the starter library but no unit, as a data folder made
    before units has it once migrated to 0006."""
    store = Store(make_engine(folder.database))
    try:
        LibraryService(store, ContentFiles.bundled(), lambda: NOW).seed_if_empty()
        with store.unit_of_work() as session:
            for table in ("unit_task", "unit_skill", "unit"):
                session.execute(text(f"DELETE FROM {table}"))
    finally:
        store.close()


def test_a_data_folder_from_before_units_gets_them_at_open_once(
    migrated_folder: DataFolder, clock: FixedClock
) -> None:
    library_without_units(migrated_folder)
    opened = open_services(migrated_folder, clock)
    try:
        seeded = opened.units.units()
        assert seeded
        opened.units.archive_unit(seeded[0].id)
    finally:
        opened.close()
    again = open_services(migrated_folder, clock)
    try:
        assert len(again.units.units(include_archived=True)) == len(seeded)  # not twice
    finally:
        again.close()


def test_an_unreadable_starter_file_never_stops_the_app_opening(
    migrated_folder: DataFolder,
    clock: FixedClock,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    library_without_units(migrated_folder)
    broken = tmp_path / "units.json"
    broken.write_text(json.dumps({"format": 1, "units": [{"slug": "x"}]}), encoding="utf-8")
    content = replace(ContentFiles.bundled(), starter_units=broken)
    with caplog.at_level(logging.WARNING):
        opened = open_services(migrated_folder, clock, content)
    try:
        assert opened.units.units() == []
        assert "starter units not added" in caplog.text and "units.json" in caplog.text
    finally:
        opened.close()
