"""The task bank's repository against a real migrated database: every field, skills, uses."""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy.orm import Session

from mathroom.domain.ids import PeriodId, SkillId, TaskId
from mathroom.domain.tasks import PNG, TaskImage, TaskKind, TaskSpec, TaskUse
from mathroom.importers.skill_map import load_skill_map
from mathroom.services.content import ContentFiles
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.tables import DayPlanRow, PeriodRow, PlanBlockRow, SchoolYearRow, StationRow
from mathroom.store.unit_of_work import Store

# The task bank and skill map read the same on any day: no reruns on calendar dates.
pytestmark = pytest.mark.any_date


def tiny_png() -> bytes:
    """A real 1×1 PNG (signature, IHDR, IDAT, IEND with correct CRCs)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x80\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def full_spec(**changes: object) -> TaskSpec:
    """A task with every field filled in (skill codes in skill-map order)."""
    spec = TaskSpec(
        title="Shadows and Flagpoles",
        kind=TaskKind.WHITEBOARD,
        prompt="A 6 ft student casts a $4\\frac{1}{2}$ ft shadow. How tall is the flagpole?",
        start="What would a 12 ft pole's shadow be?",
        extensions=("Find the pole for a 30 ft shadow.", "Explain it with a ratio table."),
        hints=("Compare height to shadow.", "Is the ratio the same for both?"),
        answer="24 ft: the height is $\\frac{4}{3}$ of the shadow.",
        teacher_notes="Watch for additive thinking (“add 1.5”).",
        skill_codes=("7.RP.A.2a", "7.RP.A.2b"),
        minutes=25,
        materials="Metre sticks, chalk, a sunny day",
        slug="shadows-flagpoles",
        image=TaskImage("flagpole.png", tiny_png(), PNG),
    )
    return replace(spec, **changes)  # type: ignore[arg-type]  # test helper: any field


def add_skill_map(session: Session) -> dict[str, SkillId]:
    return SkillRepository(session).add_skill_map(
        load_skill_map(ContentFiles.bundled().skill_map).skills
    )


def add_period(session: Session, name: str) -> PeriodId:
    year = SchoolYearRow(name="2026–2027", starts_on=date(2026, 8, 24), ends_on=date(2027, 6, 15))
    session.add(year)
    session.flush()
    period = PeriodRow(school_year_id=year.id, name=name)
    session.add(period)
    session.flush()
    return PeriodId(period.id)


def add_plan(
    session: Session,
    period: PeriodId,
    on: date,
    *,
    block_task: TaskId | None = None,
    station_tasks: tuple[TaskId | None, ...] = (),
) -> None:
    """A day plan with a warm-up block (its task) and a stations block (its stations)."""
    planned = datetime.combine(on, time(7))
    plan = DayPlanRow(period_id=period, plan_date=on, created_at=planned, updated_at=planned)
    plan.blocks.append(PlanBlockRow(position=0, kind="warmup", minutes=10, task_id=block_task))
    stations = PlanBlockRow(position=1, kind="stations", minutes=25)
    stations.stations = [
        StationRow(number=n, task_id=task) for n, task in enumerate(station_tasks, start=1)
    ]
    plan.blocks.append(stations)
    session.add(plan)
    session.flush()


def test_a_task_with_every_field_is_stored_and_read_back_unchanged(
    store: Store, now: datetime
) -> None:
    spec = full_spec()
    with store.unit_of_work() as session:
        task_id = TaskRepository(session).add(spec, add_skill_map(session), now)
    with store.unit_of_work() as session:
        tasks = TaskRepository(session)
        task = tasks.get(task_id)
        listed = tasks.tasks()
    assert task.spec == spec
    assert task.spec.image is not None and task.spec.image.media_type == PNG
    assert (task.created_at, task.updated_at, task.archived) == (now, now, False)
    assert listed == [task]


def test_add_keeps_an_imported_tasks_own_dates(store: Store, now: datetime) -> None:
    made, changed = datetime(2025, 3, 1, 8, 30), datetime(2025, 9, 2, 15, 0)
    with store.unit_of_work() as session:
        tasks = TaskRepository(session)
        task_id = tasks.add(full_spec(), {}, now, created_at=made, updated_at=changed)
        task = tasks.get(task_id)
    assert (task.created_at, task.updated_at) == (made, changed)
    assert task.spec.skill_codes == ()  # no skill map in this folder: codes are left out


def test_update_replaces_content_and_skills_and_bumps_updated_at(
    store: Store, now: datetime
) -> None:
    later = now + timedelta(days=3)
    with store.unit_of_work() as session:
        skills = add_skill_map(session)
        tasks = TaskRepository(session)
        task_id = tasks.add(full_spec(), skills, now)
        changed = full_spec(title="Flagpoles", skill_codes=("7.RP.A.2c",), image=None, hints=())
        tasks.update(task_id, changed, skills, later)
    with store.unit_of_work() as session:
        task = TaskRepository(session).get(task_id)
    assert task.spec == changed
    assert (task.created_at, task.updated_at) == (now, later)


def test_archived_tasks_are_listed_only_when_asked_and_can_be_restored(
    store: Store, now: datetime
) -> None:
    with store.unit_of_work() as session:
        tasks = TaskRepository(session)
        kept = tasks.add(full_spec(slug=None, title="A kept task"), {}, now)
        gone = tasks.add(full_spec(), {}, now)
        tasks.archive(gone, now)
        assert [t.id for t in tasks.tasks()] == [kept]
        every = {t.id: t.archived for t in tasks.tasks(include_archived=True)}
        assert every == {kept: False, gone: True}
        tasks.restore(gone)
        assert {t.id for t in tasks.tasks()} == {kept, gone}


def test_an_unknown_task_id_is_a_lookup_error(store: Store) -> None:
    with store.unit_of_work() as session, pytest.raises(LookupError, match="task 999"):
        TaskRepository(session).get(TaskId(999))


def test_uses_finds_blocks_and_stations_newest_first_once_per_day(
    store: Store, now: datetime
) -> None:
    monday, tuesday, friday = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 27)
    with store.unit_of_work() as session:
        tasks = TaskRepository(session)
        task = tasks.add(full_spec(), {}, now)
        other = tasks.add(full_spec(slug=None, title="Other"), {}, now)
        first, third = add_period(session, "Period 1"), add_period(session, "Period 3")
        add_plan(session, first, monday, block_task=task, station_tasks=(other, task))
        add_plan(session, third, tuesday, station_tasks=(other, None, task, task))
        add_plan(session, first, friday, block_task=other, station_tasks=(other,))
        add_plan(session, third, monday, block_task=task)
        uses = tasks.uses(task)
        assert tasks.uses(TaskId(999)) == []
    assert uses == [
        TaskUse(tuesday, third, "Period 3"),
        TaskUse(monday, first, "Period 1"),
        TaskUse(monday, third, "Period 3"),
    ]


def test_last_used_is_the_latest_day_per_task_for_one_period(store: Store, now: datetime) -> None:
    with store.unit_of_work() as session:
        tasks = TaskRepository(session)
        a = tasks.add(full_spec(slug=None, title="A"), {}, now)
        b = tasks.add(full_spec(slug=None, title="B"), {}, now)
        c = tasks.add(full_spec(slug=None, title="C"), {}, now)
        first, third = add_period(session, "Period 1"), add_period(session, "Period 3")
        add_plan(session, first, date(2026, 11, 2), block_task=a, station_tasks=(b,))
        add_plan(session, first, date(2026, 11, 16), station_tasks=(a, None))
        add_plan(session, first, date(2026, 11, 9), block_task=b)
        add_plan(session, third, date(2026, 11, 20), block_task=c, station_tasks=(a,))
        assert tasks.last_used(first) == {a: date(2026, 11, 16), b: date(2026, 11, 9)}
        assert tasks.last_used(third) == {c: date(2026, 11, 20), a: date(2026, 11, 20)}
        assert tasks.last_used(PeriodId(999)) == {}
