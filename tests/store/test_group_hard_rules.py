"""Hard rules hold when groups are saved: a broken rule needs a recorded override, a late
arrival goes where every rule holds, and a day's new groups replace its old set."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.groups import ConstraintKind, Group
from mathroom.paths import DataFolder
from mathroom.services.attendance import AttendanceService
from mathroom.services.classroom import ClassroomService
from mathroom.services.grouping import BoardChoice, GroupingService, HardRuleError
from mathroom.services.grouping_rules import GroupingRulesService
from mathroom.store.engine import make_engine
from mathroom.store.library_copy import copy_library
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.unit_of_work import Store


def test_a_broken_rule_saves_only_with_a_recorded_override(
    demo_store: Store,
    demo_folder: DataFolder,
    migrated_db: Path,
    tmp_path: Path,
    school_day: date,
    now: datetime,
) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0].id
    service = GroupingService(demo_store, lambda: now)
    draft = service.make(period, school_day, 3, seed=5, time_limit_s=0.2)
    apart = next(
        r
        for r in GroupingRulesService(demo_store, lambda: now).rules(period)
        if r.kind is ConstraintKind.KEEP_APART
    )
    moved = tuple(
        Group(
            g.number,
            tuple(m for m in g.members if m != apart.a)
            + ((apart.a,) if apart.b in g.members else ()),
        )
        for g in draft.groups
    )
    broken = service.check(draft, moved)
    assert broken.broken and "keep-apart" in broken.broken[0]
    sets = [v.group_set.id for v in classroom.group_sets(period)]

    with pytest.raises(HardRuleError, match="keep-apart"):
        service.save(broken, BoardChoice.MATCH_GROUPS)
    assert [v.group_set.id for v in classroom.group_sets(period)] == sets  # nothing saved

    set_id = service.save(broken, BoardChoice.MATCH_GROUPS, override=True)
    assert service.overridden(set_id) == broken.broken
    day = service.day_groups(period, school_day)
    assert day.saved is not None and day.saved.overridden == broken.broken

    # A new classroom takes this one's settings, never its record of overrides.
    target_path = tmp_path / "new.sqlite"
    shutil.copyfile(migrated_db, target_path)
    target = Store(make_engine(target_path))
    try:
        copy_library(demo_folder.database, target)
        with target.unit_of_work() as session:
            assert SettingsRepository(session).get(f"group_override.{set_id}") is None
    finally:
        target.close()

    # Saved again with every rule holding, the day's groups carry no override.
    fixed = service.save(draft, BoardChoice.MATCH_GROUPS)
    assert service.overridden(fixed) == ()


def test_a_days_new_groups_replace_its_old_set_in_the_history(
    demo_store: Store, today: date, now: datetime
) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[1].id
    service = GroupingService(demo_store, lambda: now)
    rules = GroupingRulesService(demo_store, lambda: now)
    first = service.save(
        service.make(period, today, 3, seed=1, time_limit_s=0.2), BoardChoice.MATCH_GROUPS
    )
    matrix = rules.pair_matrix(period)
    second = service.save(
        service.make(period, today, 4, seed=2, time_limit_s=0.2), BoardChoice.MATCH_GROUPS
    )
    assert first != second
    made_today = [
        v.group_set.id for v in classroom.group_sets(period) if v.group_set.made_on == today
    ]
    assert made_today == [second]
    again = rules.pair_matrix(period)
    assert again.sets == matrix.sets  # the day counts once


def test_a_late_arrival_goes_where_every_rule_holds(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0].id
    roster = [e.student.id for e in classroom.roster(period)]
    late = roster[-1]
    AttendanceService(demo_store, lambda: now).set_status(
        period, late, school_day, AttendanceStatus.ABSENT
    )
    service = GroupingService(demo_store, lambda: now)
    draft = service.make(period, school_day, 3, seed=7, time_limit_s=0.2)
    assert late in draft.absent
    smallest = min(draft.groups, key=lambda g: (len(g.members), g.number))
    assert service.late_arrival(draft, draft.groups, late).group == smallest.number

    rules = GroupingRulesService(demo_store, lambda: now)
    rules.add_rule(period, ConstraintKind.KEEP_APART, late, smallest.members[0], "")
    place = service.late_arrival(draft, draft.groups, late)
    assert place.group is not None and place.group != smallest.number
    assert "keep-apart" in place.breaks[smallest.number][0]

    # Kept apart from someone in every group: the teacher is asked (no group is chosen).
    for group in draft.groups:
        if group.number != smallest.number:
            rules.add_rule(period, ConstraintKind.KEEP_APART, late, group.members[0], "")
    place = service.late_arrival(draft, draft.groups, late)
    assert place.group is None
    assert set(place.breaks) == {g.number for g in draft.groups}
