"""The demo classroom: created whole in an empty folder, refused anywhere else."""

from __future__ import annotations

import shutil
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from mathroom.domain.ids import PeriodId, TaskId
from mathroom.domain.plan import BlockKind, school_week
from mathroom.domain.tasks import TaskKind
from mathroom.domain.unit_planning import BOARD_KINDS
from mathroom.paths import DataFolder
from mathroom.services.classroom import ClassroomService
from mathroom.services.content import ContentFiles
from mathroom.services.demo import DemoRefusedError, DemoService
from mathroom.services.units import UnitService
from mathroom.store.engine import make_engine
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.unit_of_work import Store
from tests.store.migration_fixtures import snapshot


def test_demo_creates_three_periods_and_65_students(demo_store: Store) -> None:
    overview = ClassroomService(demo_store).overview()
    assert [p.name for p in overview.periods] == ["Period 1", "Period 3", "Period 5"]
    assert sum(p.student_count for p in overview.periods) == 65 == overview.students
    assert overview.skills >= 60 and overview.tasks >= 60 and overview.evidence > 1000


def test_every_page_has_something_real(demo_store: Store, school_day: date) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    roster = classroom.roster(period.id)
    assert len(roster) == period.student_count
    assert any(entry.student.preferred_name for entry in roster)
    assert any(level.needing_support for level in classroom.skill_levels(period.id))
    sets = classroom.group_sets(period.id)
    todays = next(v.group_set for v in sets if v.group_set.made_on == school_day)
    assert len(sets) >= 5
    plans = classroom.plans(period.id, school_day, school_day)
    assert len(plans) == 1
    plan = plans[0]
    assert plan.total_minutes == period.minutes
    assert plan.fits(period.minutes or 0)
    stations = next(b for b in plan.blocks if b.kind is BlockKind.STATIONS)
    assert stations.group_set_id == todays.id
    assert len(stations.stations) == len(todays.groups)


def test_every_weekday_of_the_week_is_planned_in_every_period(
    demo_store: Store, school_day: date
) -> None:
    classroom = ClassroomService(demo_store)
    tasks = {t.id: t for t in classroom.tasks()}
    week = list(school_week(school_day))
    boards_by_day: dict[date, set[int]] = {}
    week_tasks: dict[PeriodId, set[TaskId]] = {}
    for period in classroom.overview().periods:
        plans = classroom.plans(period.id, week[0], week[-1] + timedelta(days=2))
        assert [p.plan_date for p in plans] == week
        sets = {v.group_set.id: v.group_set for v in classroom.group_sets(period.id)}
        enrolled = {e.student.id for e in classroom.roster(period.id)}
        for plan in plans:
            assert plan.total_minutes == period.minutes and plan.concurrent_overrun() == 0
            kinds = [b.kind for b in plan.blocks]
            assert kinds == [
                BlockKind.WARMUP,
                BlockKind.STATIONS,
                BlockKind.SMALL_GROUP,
                BlockKind.GALLERY_WALK,
                BlockKind.PRACTICE,
                BlockKind.EXIT_TICKET,
                BlockKind.CLOSING,
            ]
            warmup, stations, pull, _, practice, exit_ticket, _ = plan.blocks
            assert warmup.task_id and tasks[warmup.task_id].kind is TaskKind.WARMUP
            assert exit_ticket.task_id and tasks[exit_ticket.task_id].kind is TaskKind.EXIT_TICKET
            assert practice.practice_skills
            boards = [s.task_id for s in stations.stations]
            # Six whiteboards, two tasks from the unit, each on three boards.
            assert len(boards) == 6 and len(set(boards)) == 2
            assert boards[0::2] == [boards[0]] * 3 and boards[1::2] == [boards[1]] * 3
            assert all(b and tasks[b].kind in BOARD_KINDS for b in boards)
            boards_by_day.setdefault(plan.plan_date, set()).update(b for b in boards if b)
            used = [warmup.task_id, *set(boards), exit_ticket.task_id]
            assert not week_tasks.get(period.id, set()) & set(used)  # nothing twice a week
            week_tasks.setdefault(period.id, set()).update(t for t in used if t)
            assert stations.group_set_id is not None
            group_set = sets[stations.group_set_id]
            assert group_set.made_on == plan.plan_date
            assert [s.group_number for s in stations.stations] == [
                g.number for g in group_set.groups
            ]
            assert {m for g in group_set.groups for m in g.members} == enrolled
            assert pull.concurrent and pull.students and set(pull.students) <= enrolled
            assert pull.skill_code
    assert len({frozenset(b) for b in boards_by_day.values()}) == 5  # new tasks every day


def test_every_period_works_on_the_rational_numbers_unit(
    demo_store: Store, school_day: date
) -> None:
    units = UnitService(demo_store, lambda: datetime.combine(school_day, datetime.min.time()))
    for period in ClassroomService(demo_store).overview().periods:
        progress = units.progress(period.id, school_day)
        assert progress is not None
        assert "rational numbers" in progress.unit.name.casefold()
        assert progress.week == 2 and progress.label.endswith("week 2 of 3")
        assert progress.used  # the week's plans take the unit's first tasks


def test_days_still_to_come_are_not_grouping_history(demo_store: Store, today: date) -> None:
    from mathroom.store.repositories.groups import GroupRepository

    period = ClassroomService(demo_store).overview().periods[0]
    with demo_store.unit_of_work() as session:
        everything = GroupRepository(session).group_sets(period.id)
        history = GroupRepository(session).group_sets(period.id, until=today)
    week = school_week(today)
    assert everything[0].made_on == week[-1]
    assert history[0].made_on == max(d for d in (*week, today - timedelta(1)) if d <= today)
    assert len(everything) - len(history) == len([d for d in week if d > today])


def test_the_demo_year_holds_its_history_and_its_week(demo_store: Store, today: date) -> None:
    from mathroom.store.repositories.roster import RosterRepository

    classroom = ClassroomService(demo_store)
    students = [e.student.id for p in classroom.overview().periods for e in classroom.roster(p.id)]
    with demo_store.unit_of_work() as session:
        year = RosterRepository(session).current_year()
        evidence = SkillRepository(session).evidence_of(students)
    first_evidence = min(e.observed_on for e in evidence)
    assert year is not None
    assert year.starts_on <= first_evidence <= today
    assert year.ends_on >= school_week(today)[-1]
    assert year.name == f"{year.starts_on.year}–{year.starts_on.year + 1}"


def test_a_weekend_demo_plans_the_coming_week(
    tmp_path: Path, migrated_db: Path, now: datetime
) -> None:
    path = tmp_path / "weekend.sqlite"
    shutil.copyfile(migrated_db, path)
    store = Store(make_engine(path))
    saturday = date(2026, 11, 28)
    try:
        started = time.perf_counter()
        summary = DemoService(store, ContentFiles.bundled(), lambda: now).create(saturday)
        elapsed = time.perf_counter() - started
        classroom = ClassroomService(store)
        period = classroom.overview().periods[0]
        days = [p.plan_date for p in classroom.plans(period.id, saturday, saturday + timedelta(8))]
    finally:
        store.close()
    assert summary.plans == 3 * 5
    assert days == [date(2026, 11, 30), *(date(2026, 12, d) for d in range(1, 5))]
    assert elapsed < 10  # about 2 s on the development machine; first run must stay quick


def test_keep_apart_pairs_hold_in_every_demo_group(demo_store: Store) -> None:
    from mathroom.store.repositories.groups import GroupRepository

    classroom = ClassroomService(demo_store)
    for period in classroom.overview().periods:
        with demo_store.unit_of_work() as session:
            rules = GroupRepository(session).constraints(period.id)
        apart = [{c.a, c.b} for c in rules if c.kind.value == "keep_apart"]
        for view in classroom.group_sets(period.id):
            for group in view.group_set.groups:
                assert not any(pair <= set(group.members) for pair in apart)


def test_demo_again_refuses_and_changes_nothing(
    demo_folder: DataFolder, demo_store: Store, school_day: date, now: datetime
) -> None:
    before = snapshot(demo_folder.database)
    service = DemoService(demo_store, ContentFiles.bundled(), lambda: now)
    with pytest.raises(DemoRefusedError, match="already holds a classroom"):
        service.create(school_day + timedelta(days=1))
    demo_store.close()
    assert snapshot(demo_folder.database) == before


def test_demo_is_the_same_every_time(
    tmp_path: Path, migrated_db: Path, demo_store: Store, now: datetime, today: date
) -> None:
    other = tmp_path / "other.sqlite"
    shutil.copyfile(migrated_db, other)
    store = Store(make_engine(other))
    DemoService(store, ContentFiles.bundled(), lambda: now).create(today)
    first = ClassroomService(store)
    second = ClassroomService(demo_store)
    period_a = first.overview().periods[1]
    period_b = second.overview().periods[1]
    names_a = [v.names for v in first.group_sets(period_a.id)]
    names_b = [v.names for v in second.group_sets(period_b.id)]
    store.close()
    assert names_a == names_b
