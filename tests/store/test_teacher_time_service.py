"""Teacher time against a real database: who was seen, who waits, suggestions for any day,
pulls and conferences added to today or a later day (all or nothing), and undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import StudentId
from mathroom.domain.plan import BlockKind, PlanBlock, school_week
from mathroom.domain.roster import Period
from mathroom.domain.teacher_time import TimeSuggestion
from mathroom.paths import DataFolder
from mathroom.services.attendance import AttendanceService
from mathroom.services.classroom import ClassroomService
from mathroom.services.packet import PacketService
from mathroom.services.plans import PlanService
from mathroom.services.projector import AgendaScene, NamePickerScene, ProjectorService
from mathroom.services.teacher_time import TeacherTimeService
from mathroom.store.unit_of_work import Store
from tests.store.transactions import counted_transactions


@pytest.fixture
def monday(school_day: date) -> date:
    """Monday of the demo's planned week (every day of it has a pull)."""
    return school_week(school_day)[0]


@pytest.fixture
def next_monday(monday: date) -> date:
    """Monday of the week after: nothing planned yet."""
    return monday + timedelta(days=7)


@pytest.fixture
def service(demo_store: Store, now: datetime) -> TeacherTimeService:
    return TeacherTimeService(demo_store, lambda: now)


def first_period(store: Store) -> Period:
    return ClassroomService(store).overview().periods[0]


def roster(store: Store, period: Period) -> list[StudentId]:
    return [e.student.id for e in ClassroomService(store).roster(period.id)]


def pulled_on(store: Store, period: Period, day: date) -> list[StudentId]:
    plan = PlanService(store, datetime.now).plan(period.id, day)
    assert plan is not None
    return [s for b in plan.blocks if b.is_teacher_time for s in b.students]


def test_seen_and_overdue_count_school_days_since_the_demo_pulls(
    demo_store: Store, service: TeacherTimeService, monday: date
) -> None:
    period = first_period(demo_store)
    students = roster(demo_store, period)
    pulled = {day: pulled_on(demo_store, period, day) for day in school_week(monday)}
    friday = school_week(monday)[-1]
    seen = {s.student: s for s in service.seen(period.id, friday)}
    assert [s.student for s in service.seen(period.id, friday)] == students  # roster order
    for offset, day in enumerate(school_week(monday)):
        for student in pulled[day]:
            assert seen[student].last_seen == day
            assert seen[student].days_since == 4 - offset
    never = [s for s in students if not any(s in p for p in pulled.values())]
    assert all(seen[s].last_seen is None and seen[s].days_since == 5 for s in never)
    assert "not seen yet (5 school days)" in {seen[s].wait_text for s in never}

    later = monday + timedelta(days=14)  # ten school days after Monday
    unseen = service.overdue(period.id, later)
    assert unseen.every == 5 and not unseen.due
    assert [s.days_since for s in unseen.overdue] == sorted(
        (s.days_since for s in unseen.overdue), reverse=True
    )
    assert {s.student for s in unseen.overdue} == set(students)
    assert {s.student for s in unseen.overdue[: len(never)]} == set(never)  # 11 days: first
    waits = {s.student: s.days_since for s in unseen.overdue}
    assert all(waits[s] == 10 for s in pulled[monday])
    on_monday = service.overdue(period.id, monday)
    assert not on_monday.overdue and not on_monday.due  # the record has just begun


def test_an_absent_student_in_a_pull_was_not_seen(
    demo_store: Store, service: TeacherTimeService, now: datetime, monday: date
) -> None:
    period = first_period(demo_store)
    student = pulled_on(demo_store, period, monday)[0]
    AttendanceService(demo_store, lambda: now).set_status(
        period.id, student, monday, AttendanceStatus.ABSENT
    )
    seen = {s.student: s for s in service.seen(period.id, monday)}
    assert seen[student].last_seen is None


def test_the_fair_every_setting_is_kept_and_checked(
    demo_store: Store, service: TeacherTimeService, monday: date
) -> None:
    period = first_period(demo_store)
    assert service.fair_every() == 5
    service.set_fair_every(2)
    assert service.fair_every() == 2
    thursday = monday + timedelta(days=3)
    unseen = service.overdue(period.id, thursday)
    assert unseen.every == 2
    assert unseen.overdue and all(s.days_since > 2 for s in unseen.overdue)
    with pytest.raises(ValidationError, match="fair_every"):
        service.set_fair_every(0)
    assert service.fair_every() == 2


def test_a_pull_for_a_day_without_a_plan_makes_the_plan_and_undo_removes_it(
    demo_store: Store, service: TeacherTimeService, next_monday: date
) -> None:
    period = first_period(demo_store)
    chosen = roster(demo_store, period)[:3]
    added = service.add_pull(period.id, next_monday, chosen, "7.NS.A.1b", 10)
    plans = PlanService(demo_store, datetime.now)
    plan = plans.plan(period.id, next_monday)
    assert plan is not None and added.created_plan
    (block,) = plan.blocks
    assert block.kind is BlockKind.SMALL_GROUP and block.students == tuple(chosen)
    assert block.skill_code == "7.NS.A.1b" and block.title.startswith("Pull: ")
    assert not block.concurrent  # no stations or practice to run inside: its own minutes
    assert added.summary.startswith("a pull for 3 students on Monday")
    service.remove(added)
    assert plans.plan(period.id, next_monday) is None


def test_conferences_go_inside_the_days_stations_and_undo_puts_the_day_back(
    demo_store: Store, service: TeacherTimeService, school_day: date
) -> None:
    period = first_period(demo_store)
    plans = PlanService(demo_store, datetime.now)
    before = plans.plan(period.id, school_day)
    assert before is not None
    free = [
        s for s in roster(demo_store, period) if s not in pulled_on(demo_store, period, school_day)
    ]
    with counted_transactions(demo_store) as begun:
        added = service.add_conferences(period.id, school_day, free[:2], None)
    assert len(begun) == 1  # one unit of work: all or nothing
    plan = plans.plan(period.id, school_day)
    assert plan is not None and not added.created_plan
    kinds = [b.kind for b in plan.blocks]
    at = kinds.index(BlockKind.CONFERENCE)
    assert kinds[at - 2 : at] == [BlockKind.STATIONS, BlockKind.SMALL_GROUP]
    block = plan.blocks[at]
    assert block.concurrent and block.minutes == 6 and block.title == "1-1 conferences"
    assert block.students == tuple(free[:2]) and block.is_teacher_time
    service.remove(added)
    assert plans.plan(period.id, school_day) == before


def test_additions_are_refused_with_the_field_at_fault_and_change_nothing(
    demo_store: Store,
    service: TeacherTimeService,
    now: datetime,
    school_day: date,
    next_monday: date,
) -> None:
    period, other = ClassroomService(demo_store).overview().periods[:2]
    mine = roster(demo_store, period)
    busy = pulled_on(demo_store, period, school_day)[0]
    free = [s for s in mine if s not in pulled_on(demo_store, period, school_day)]
    plans = PlanService(demo_store, lambda: now)
    before = plans.plan(period.id, school_day)

    def refused(field: str, match: str, call: Callable[[], object]) -> None:
        with pytest.raises(ValidationError, match=match) as info:
            call()
        assert info.value.field == field

    yesterday = now.date() - timedelta(days=1)
    refused("day", "is past", lambda: service.add_conferences(period.id, yesterday, free[:1]))
    saturday = school_week(school_day)[-1] + timedelta(days=1)
    refused(
        "day",
        "does not meet on Saturdays",
        lambda: service.add_conferences(period.id, saturday, free[:1]),
    )
    theirs = roster(demo_store, other)[0]
    refused(
        "students",
        "not in this period",
        lambda: service.add_conferences(period.id, school_day, [theirs]),
    )
    refused(
        "students",
        "already has teacher time",
        lambda: service.add_pull(period.id, school_day, [free[0], busy], "7.NS.A.1b"),
    )
    refused(
        "skill_code",
        "not a skill code",
        lambda: service.add_pull(period.id, school_day, free[:2], "7.ns.a.1b"),
    )
    refused(
        "skill_code", "needs a skill", lambda: service.add_pull(period.id, school_day, free[:2], "")
    )
    refused("students", "at least one", lambda: service.add_conferences(period.id, school_day, []))
    refused(
        "students",
        "twice",
        lambda: service.add_conferences(period.id, school_day, [free[0], free[0]]),
    )
    refused(
        "minutes",
        "1 to 90",
        lambda: service.add_conferences(period.id, school_day, free[:1], None, 0),
    )
    AttendanceService(demo_store, lambda: now).set_status(
        period.id, free[3], school_day, AttendanceStatus.ABSENT
    )
    refused(
        "students",
        "marked absent",
        lambda: service.add_conferences(period.id, school_day, [free[3]]),
    )
    # all or nothing: the first suggestion is fine, the second repeats its student
    good = TimeSuggestion(BlockKind.CONFERENCE, (free[4],), None, "", fair=True)
    again = TimeSuggestion(BlockKind.CONFERENCE, (free[4], free[5]), None, "", fair=True)
    refused(
        "students",
        "already has teacher time",
        lambda: service.add_suggestions(period.id, school_day, [good, again]),
    )
    assert plans.plan(period.id, school_day) == before
    assert plans.plan(period.id, next_monday) is None


def test_suggestions_for_a_later_day_pull_by_need_and_give_the_waiting_their_turn(
    demo_store: Store, service: TeacherTimeService, monday: date, next_monday: date
) -> None:
    period = first_period(demo_store)
    students = roster(demo_store, period)
    seen_this_week = {s for day in school_week(monday) for s in pulled_on(demo_store, period, day)}
    never = [s for s in students if s not in seen_this_week]
    made = service.suggestions(period.id, next_monday)
    assert made.day == next_monday and made.every == 5
    need = [m for m in made.suggestions if not m.fair]
    assert len(need) == 1 and need[0].kind is BlockKind.SMALL_GROUP and need[0].skill
    everyone = [s for m in made.suggestions for s in m.students]
    assert len(everyone) == len(set(everyone)) and set(everyone) <= set(students)
    assert set(never) <= set(everyone)  # six school days unseen on Monday: their turn
    assert all(made.names[s] for s in everyone)
    assert made.waiting[never[0]] == 6

    added = service.add_suggestions(period.id, next_monday, made.suggestions)
    assert set(pulled_on(demo_store, period, next_monday)) == set(everyone)
    assert not {s.student for s in service.overdue(period.id, next_monday).overdue} & set(everyone)
    again = service.suggestions(period.id, next_monday)
    assert not {s for m in again.suggestions for s in m.students} & set(everyone)
    assert not [m for m in again.suggestions if not m.fair]  # the day has its pull already
    service.remove(added)
    assert PlanService(demo_store, datetime.now).plan(period.id, next_monday) is None


def test_a_past_day_has_no_suggestions(
    demo_store: Store, service: TeacherTimeService, now: datetime
) -> None:
    with pytest.raises(ValidationError, match="is past"):
        service.suggestions(first_period(demo_store).id, now.date() - timedelta(days=7))


def test_conferences_set_ahead_are_kept_when_the_day_is_planned_again(
    demo_store: Store,
    service: TeacherTimeService,
    now: datetime,
    school_day: date,
    next_monday: date,
) -> None:
    period = first_period(demo_store)
    plans = PlanService(demo_store, lambda: now)
    friday = school_week(school_day)[-1]
    students = roster(demo_store, period)
    ahead = service.add_conferences(period.id, next_monday, students[-2:], "7.NS.A.1c")
    # a conference today is today's: it does not travel to the next day
    today_free = [s for s in students[:-2] if s not in pulled_on(demo_store, period, friday)]
    service.add_conferences(period.id, friday, today_free[:1])
    monday = plans.tomorrow_from_today(period.id, friday, replace=True, seed=3)
    assert monday.plan_date == next_monday
    talks = [b for b in monday.blocks if b.kind is BlockKind.CONFERENCE]
    assert [b.students for b in talks] == [ahead.blocks[0].students]
    assert talks[0].concurrent and talks[0].skill_code == "7.NS.A.1c"
    pull = next(b for b in monday.blocks if b.kind is BlockKind.SMALL_GROUP)
    assert not set(pull.students) & set(students[-2:])  # not pulled twice
    host = [b.kind for b in monday.blocks].index(BlockKind.STATIONS)
    assert all(b.concurrent for b in monday.blocks[host + 1 : host + 3])

    other = ClassroomService(demo_store).overview().periods[1]
    copies = plans.copy_to_periods(period.id, next_monday, [other.id], replace=True)
    copied = copies[other.id]
    assert not [b for b in copied.blocks if b.kind is BlockKind.CONFERENCE]  # not theirs


def test_the_projector_never_shows_pulls_or_conferences(
    demo_store: Store, service: TeacherTimeService, school_day: date
) -> None:
    period = first_period(demo_store)
    free = [
        s for s in roster(demo_store, period) if s not in pulled_on(demo_store, period, school_day)
    ]
    service.add_conferences(period.id, school_day, free[:2], "7.NS.A.1b")
    plans = PlanService(demo_store, datetime.now)
    plan = plans.plan(period.id, school_day)
    assert plan is not None
    # a conference block standing on its own (not inside another block) stays off too
    blocks = [
        PlanBlock(b.kind, b.minutes, b.title, students=b.students)
        if b.kind is BlockKind.CONFERENCE
        else b
        for b in plan.blocks
    ]
    plans.save_plan(period.id, school_day, blocks)
    scenes = ProjectorService(demo_store).scenes(period.id, school_day)
    agenda = next(s for s in scenes if isinstance(s, AgendaScene))
    titles = " ".join(item.title for item in agenda.items)
    assert "conference" not in titles.casefold() and "pull" not in titles.casefold()
    assert all(
        "conference" not in getattr(scene, "title", "").casefold()
        for scene in scenes
        if not isinstance(scene, NamePickerScene)
    )


def test_the_run_sheet_lists_who_waits_on_the_packets_day(
    demo_store: Store, demo_folder: DataFolder, service: TeacherTimeService, monday: date
) -> None:
    period = first_period(demo_store)
    friday = school_week(monday)[-1]
    waiting = service.overdue(period.id, friday)
    assert not waiting.overdue and waiting.due  # never seen since Monday: due on Friday
    packet = PacketService(demo_store, demo_folder).packet(friday, [period.id])
    (part,) = packet.periods
    assert part.fair_every == 5
    assert part.unseen == tuple(
        f"{s.full_name} — not seen yet (5 school days), due today" for s in waiting.due
    )
    later = PacketService(demo_store, demo_folder)
    service.add_conferences(period.id, friday, [s.student for s in waiting.due])
    (after,) = later.packet(friday, [period.id]).periods
    assert after.unseen == ()
    assert any(line.startswith("1-1 conferences") for line in after.pulls)
    conference = next(b for b in after.run_blocks if b.heading == "1-1 conferences")
    assert conference.inside and conference.details[0].startswith("Conferences: ")
