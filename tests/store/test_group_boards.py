"""Groups and the plan's whiteboards: the day's saved groups, as many groups as boards, and a
different count only by the teacher's explicit choice."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.domain.groups import Group
from mathroom.domain.ids import PeriodId
from mathroom.domain.plan import BlockKind, PlanBlock
from mathroom.services.classroom import ClassroomService
from mathroom.services.grouping import BoardChoice, BoardCountError, GroupingService
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.unit_of_work import Store


def stations(classroom: ClassroomService, period: PeriodId, day: date) -> PlanBlock:
    (plan,) = classroom.plans(period, day, day)
    return next(b for b in plan.blocks if b.kind is BlockKind.STATIONS)


def test_the_day_opens_on_its_saved_groups_and_its_boards(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    day = GroupingService(demo_store, lambda: now).day_groups(period.id, school_day)
    block = stations(classroom, period.id, school_day)
    assert day.boards == len(block.stations) == 6
    assert day.saved is not None and day.saved.group_set == block.group_set_id
    assert block.group_set_id is not None
    saved = classroom.group_set(block.group_set_id)
    assert saved is not None
    assert [set(g.members) for g in day.saved.groups] == [set(g.members) for g in saved.groups]
    assert day.saved.on == school_day and day.saved.absent == ()
    assert all(m in day.saved.names for g in day.saved.groups for m in g.members)

    # A day with nothing planned and no groups: no boards, nothing saved.
    empty = GroupingService(demo_store, lambda: now).day_groups(period.id, date(2001, 1, 1))
    assert empty.boards is None and empty.saved is None


def test_make_groups_makes_as_many_groups_as_asked(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    period = ClassroomService(demo_store).overview().periods[0]
    service = GroupingService(demo_store, lambda: now)
    for count in (5, 6, 7):
        draft = service.make_groups(period.id, school_day, count, seed=3, time_limit_s=0.2)
        assert len(draft.groups) == count
        assert sum(len(g.members) for g in draft.groups) == period.student_count


def test_a_different_count_than_boards_is_refused_unless_chosen(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    service = GroupingService(demo_store, lambda: now)
    before = stations(classroom, period.id, school_day)
    history = len(classroom.group_sets(period.id))
    seven = service.make_groups(period.id, school_day, 7, seed=1, time_limit_s=0.2)

    with pytest.raises(BoardCountError) as refused:
        service.save(seven)  # nobody said what to do with the 7th group: nothing changes
    assert (refused.value.boards, refused.value.groups) == (6, 7)
    assert "The plan has 6 whiteboards; these are 7 groups" in str(refused.value)
    assert stations(classroom, period.id, school_day) == before
    assert len(classroom.group_sets(period.id)) == history

    service.save(seven, BoardChoice.MATCH_GROUPS)  # "Add a 7th whiteboard"
    after = stations(classroom, period.id, school_day)
    tasks = [s.task_id for s in after.stations]
    assert tasks == [s.task_id for s in before.stations] + [before.stations[0].task_id]
    assert [s.group_number for s in after.stations] == list(range(1, 8))

    five = service.make_groups(period.id, school_day, 5, seed=2, time_limit_s=0.2)
    service.save(five, BoardChoice.MATCH_GROUPS)  # "Use 5 whiteboards"
    fewer = stations(classroom, period.id, school_day)
    assert [s.task_id for s in fewer.stations] == tasks[:5]

    same = service.make_groups(period.id, school_day, 5, seed=4, time_limit_s=0.2)
    service.save(same)  # as many groups as boards: no choice needed
    assert len(stations(classroom, period.id, school_day).stations) == 5


def test_saved_groups_saved_again_are_one_meeting_and_edits_replace_them(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    service = GroupingService(demo_store, lambda: now)
    saved = service.day_groups(period.id, school_day).saved
    assert saved is not None and saved.group_set is not None
    history = len(classroom.group_sets(period.id))
    assert service.save(saved) == saved.group_set
    assert len(classroom.group_sets(period.id)) == history

    # The teacher swaps two students between groups 1 and 2 and saves: a correction.
    one, two = saved.groups[0], saved.groups[1]
    swapped = (
        Group(1, (two.members[0], *one.members[1:])),
        Group(2, (one.members[0], *two.members[1:])),
        *saved.groups[2:],
    )
    checked = service.check(saved, swapped)
    assert checked.group_set == saved.group_set
    new = service.save(checked)
    assert new != saved.group_set
    assert classroom.group_set(saved.group_set) is None  # no plan uses it: it never met
    assert len(classroom.group_sets(period.id)) == history
    assert stations(classroom, period.id, school_day).group_set_id == new


def test_a_day_without_stations_takes_any_number_of_groups(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    period = ClassroomService(demo_store).overview().periods[0]
    service = GroupingService(demo_store, lambda: now)
    saturday = school_day + timedelta(days=5 - school_day.weekday())
    draft = service.make_groups(period.id, saturday, 7, seed=1, time_limit_s=0.2)
    assert service.save(draft)  # nothing planned that day: no boards to match


def test_the_repository_never_adds_a_board_unasked(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    period = ClassroomService(demo_store).overview().periods[0]
    service = GroupingService(demo_store, lambda: now)
    set_id = service.save(service.make_groups(period.id, school_day, 6, seed=1, time_limit_s=0.2))
    with demo_store.unit_of_work() as session, pytest.raises(ValidationError, match="groups"):
        PlanRepository(session).use_group_set(
            period.id, school_day, set_id, {n: n for n in range(1, 8)}, add_or_remove_boards=False
        )
