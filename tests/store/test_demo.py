"""The demo classroom: created whole in an empty folder, refused anywhere else."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from mathroom.domain.plan import BlockKind
from mathroom.paths import DataFolder
from mathroom.services.classroom import ClassroomService
from mathroom.services.content import ContentFiles
from mathroom.services.demo import DemoRefusedError, DemoService
from mathroom.store.engine import make_engine
from mathroom.store.unit_of_work import Store
from tests.conftest import DEMO_TODAY, FIXED_NOW
from tests.store.migration_fixtures import snapshot


def test_demo_creates_three_periods_and_65_students(demo_store: Store) -> None:
    overview = ClassroomService(demo_store).overview()
    assert [p.name for p in overview.periods] == ["Period 1", "Period 3", "Period 5"]
    assert sum(p.student_count for p in overview.periods) == 65 == overview.students
    assert overview.skills >= 60 and overview.tasks >= 60 and overview.evidence > 1000


def test_every_page_has_something_real(demo_store: Store) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    roster = classroom.roster(period.id)
    assert len(roster) == period.student_count
    assert any(entry.student.preferred_name for entry in roster)
    assert any(level.needing_support for level in classroom.skill_levels(period.id))
    sets = classroom.group_sets(period.id)
    assert len(sets) >= 5 and sets[0].group_set.made_on == DEMO_TODAY
    plans = classroom.plans(period.id, DEMO_TODAY, DEMO_TODAY)
    assert len(plans) == 1
    plan = plans[0]
    assert plan.total_minutes == period.minutes
    stations = next(b for b in plan.blocks if b.kind is BlockKind.STATIONS)
    assert len(stations.stations) == len(sets[0].group_set.groups)


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


def test_demo_again_refuses_and_changes_nothing(demo_folder: DataFolder, demo_store: Store) -> None:
    before = snapshot(demo_folder.database)
    service = DemoService(demo_store, ContentFiles.bundled(), lambda: FIXED_NOW)
    with pytest.raises(DemoRefusedError, match="already holds a classroom"):
        service.create(date(2026, 11, 24))
    demo_store.close()
    assert snapshot(demo_folder.database) == before


def test_demo_is_the_same_every_time(tmp_path: Path, migrated_db: Path, demo_store: Store) -> None:
    other = tmp_path / "other.sqlite"
    shutil.copyfile(migrated_db, other)
    store = Store(make_engine(other))
    DemoService(store, ContentFiles.bundled(), lambda: FIXED_NOW).create(DEMO_TODAY)
    first = ClassroomService(store)
    second = ClassroomService(demo_store)
    period_a = first.overview().periods[1]
    period_b = second.overview().periods[1]
    names_a = [v.names for v in first.group_sets(period_a.id)]
    names_b = [v.names for v in second.group_sets(period_b.id)]
    store.close()
    assert names_a == names_b
