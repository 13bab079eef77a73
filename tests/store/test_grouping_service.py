"""Making, checking and saving groups against the demo classroom."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.grouping import InfeasibleError
from mathroom.domain.groups import ConstraintKind, Group
from mathroom.domain.plan import BlockKind
from mathroom.services.attendance import AttendanceService
from mathroom.services.classroom import ClassroomService
from mathroom.services.grouping import BoardChoice, GroupingService
from mathroom.services.grouping_rules import GroupingRulesService
from mathroom.store.unit_of_work import Store
from tests.store.transactions import counted_transactions


def test_make_check_and_save(demo_store: Store, school_day: date, now: datetime) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    roster = [e.student.id for e in classroom.roster(period.id)]
    AttendanceService(demo_store, lambda: now).set_status(
        period.id, roster[0], school_day, AttendanceStatus.ABSENT
    )
    service = GroupingService(demo_store, lambda: now)
    draft = service.make(period.id, school_day, 3, seed=5, time_limit_s=0.3)
    placed = [m for g in draft.groups for m in g.members]
    assert sorted(placed) == sorted(roster[1:])  # everyone present, once; the absent one out
    assert draft.absent == (roster[0],)
    rules = GroupingRulesService(demo_store, lambda: now).rules(period.id)
    apart = [r for r in rules if r.kind is ConstraintKind.KEEP_APART]
    assert apart
    for rule in apart:
        assert not any({rule.a, rule.b} <= set(g.members) for g in draft.groups)
    assert draft.warnings == {} or all(draft.warnings.values())

    # the teacher drags one of a keep-apart pair into the other's group: a warning says so
    a, b = apart[0].a, apart[0].b
    moved = tuple(
        Group(g.number, tuple(m for m in g.members if m != a) + ((a,) if b in g.members else ()))
        for g in draft.groups
    )
    checked = service.check(draft, moved)
    assert any("keep-apart" in w for notes in checked.warnings.values() for w in notes)

    set_id = service.save(draft, BoardChoice.MATCH_GROUPS)  # 7 groups on the 6 boards
    # New groups for the day replace any saved before for it, in the history too.
    days = [v.group_set for v in classroom.group_sets(period.id)]
    assert [s.id for s in days if s.made_on == school_day] == [set_id]
    plan = classroom.plans(period.id, school_day, school_day)[0]
    stations = next(b for b in plan.blocks if b.kind is BlockKind.STATIONS)
    assert stations.group_set_id == set_id
    assert len(stations.stations) == len(draft.groups)
    assert all(s.task_id is not None for s in stations.stations)


def test_impossible_rules_are_named(demo_store: Store, school_day: date, now: datetime) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    service = GroupingService(demo_store, lambda: now)
    roster = [e.student.id for e in classroom.roster(period.id)]
    locked = {
        roster[0]: 1,
        roster[1]: 1,
        roster[2]: 1,
        roster[3]: 1,
        roster[4]: 1,
        roster[5]: 1,
        roster[6]: 1,
    }
    with pytest.raises(InfeasibleError):
        service.make(period.id, school_day, 2, locked=locked, seed=1, time_limit_s=0.2)


def test_roles_rotate_across_saved_group_sets_and_reach_the_projector(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    from mathroom.services.projector import GroupRevealScene, ProjectorService

    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    service = GroupingService(demo_store, lambda: now)
    roles = ("marker", "checker", "reporter")
    first = service.make(period.id, school_day, 3, seed=2, roles=roles, time_limit_s=0.2)
    for group in first.groups:
        held = [role for _, role in group.roles]
        assert sorted(held) == sorted(roles)  # every role handed out in every group
    service.save(first, BoardChoice.MATCH_GROUPS)
    markers = {s for g in first.groups for s, r in g.roles if r == "marker"}
    second = service.make(period.id, school_day, 3, seed=3, roles=roles, time_limit_s=0.2)
    again = {s for g in second.groups for s, r in g.roles if r == "marker"}
    assert len(markers & again) <= 1  # the marker role moves on to others

    scenes = ProjectorService(demo_store).scenes(period.id, school_day)
    shown = {
        seat.role
        for scene in scenes
        if isinstance(scene, GroupRevealScene)
        for tile in scene.tiles
        for seat in tile.seats
    }
    assert {"marker", "reporter"} <= shown


def test_a_buddy_rule_keeps_a_newcomer_with_one_of_their_buddies(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    roster = [e.student.id for e in classroom.roster(period.id)]
    newcomer, buddy_one, buddy_two = roster[5], roster[9], roster[14]
    rules = GroupingRulesService(demo_store, lambda: now)
    rules.add_rule(period.id, ConstraintKind.BUDDY, newcomer, buddy_one, "shares Dari")
    rules.add_rule(period.id, ConstraintKind.BUDDY, newcomer, buddy_two, "shares Dari")
    assert "needs a buddy" in rules.rules(period.id)[-1].label
    service = GroupingService(demo_store, lambda: now)
    for seed in range(4):
        draft = service.make(period.id, school_day, 3, seed=seed, time_limit_s=0.2)
        group = next(g for g in draft.groups if newcomer in g.members)
        assert {buddy_one, buddy_two} & set(group.members)
    # with both buddies absent, groups are still made (the rule waits for them)
    attendance = AttendanceService(demo_store, lambda: now)
    for buddy in (buddy_one, buddy_two):
        attendance.set_status(period.id, buddy, school_day, AttendanceStatus.ABSENT)
    assert service.make(period.id, school_day, 3, seed=9, time_limit_s=0.2).groups


def test_making_groups_reads_in_one_transaction(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    period = ClassroomService(demo_store).overview().periods[0]
    service = GroupingService(demo_store, lambda: now)
    with counted_transactions(demo_store) as begun:
        draft = service.make(period.id, school_day, 4, seed=1, time_limit_s=0.2)
    assert len(begun) == 1
    assert draft.groups
