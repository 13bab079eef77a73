"""Exact undo: an action's recorded row changes, reverted, give back the database it started
from, row for row (copies over other days' plans and moves between periods included)."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.errors import MathroomError
from mathroom.domain.groups import ConstraintKind
from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.plan import BlockKind
from mathroom.domain.skills import EvidenceSource, Level
from mathroom.paths import DataFolder
from mathroom.services.attendance import AttendanceService
from mathroom.services.classroom import ClassroomService
from mathroom.services.evidence import EvidenceService
from mathroom.services.grouping import BoardChoice, GroupingService
from mathroom.services.grouping_rules import GroupingRulesService
from mathroom.services.plans import PlanService
from mathroom.services.roster import RosterService, StudentForm
from mathroom.services.safety import SafetyNet
from mathroom.services.undo_journal import Journal, UndoConflictError, UndoJournalService
from mathroom.store.engine import make_engine
from mathroom.store.journal import dump
from mathroom.store.unit_of_work import Store

pytestmark = pytest.mark.any_date  # the demo's dates move with the suite's; undo does not care

_copies = itertools.count()


@dataclass
class Room:
    store: Store
    day: date
    periods: list[PeriodId]
    students: dict[PeriodId, list[StudentId]]
    roster: RosterService
    plans: PlanService
    grouping: GroupingService
    rules: GroupingRulesService
    attendance: AttendanceService
    evidence: EvidenceService
    journals: UndoJournalService


@contextmanager
def opened(demo_db: Path, base: Path, day: date, now: datetime) -> Iterator[Room]:
    """A fresh copy of the demo classroom (hypothesis runs many examples in one test)."""
    folder = DataFolder(base / f"copy{next(_copies)}")
    folder.ensure()
    shutil.copyfile(demo_db, folder.database)
    store = Store(make_engine(folder.database))
    try:
        classroom = ClassroomService(store)
        periods = [p.id for p in classroom.overview().periods]
        grouping = GroupingService(store, lambda: now)
        yield Room(
            store,
            day,
            periods,
            {p: [e.student.id for e in classroom.roster(p)] for p in periods},
            RosterService(store, SafetyNet(folder, lambda: now), lambda: now),
            PlanService(store, lambda: now, grouping),
            grouping,
            GroupingRulesService(store, lambda: now),
            AttendanceService(store, lambda: now),
            EvidenceService(store, lambda: now),
            UndoJournalService(store),
        )
    finally:
        store.close()


@pytest.fixture
def room(demo_db: Path, tmp_path: Path, school_day: date, now: datetime) -> Iterator[Room]:
    with opened(demo_db, tmp_path, school_day, now) as made:
        yield made


def test_undoing_a_copy_over_another_days_plans_brings_back_their_groups(room: Room) -> None:
    source, target = room.periods[0], room.periods[1]
    later = room.day + timedelta(days=7)  # a school day next week
    # The target's later day has a plan of its own, its stations with a saved group set.
    room.plans.copy_to_periods(source, room.day, [target], later, replace=True, seed=3)
    planned = room.plans.plan(target, later)
    assert planned is not None
    stations = next(b for b in planned.blocks if b.kind is BlockKind.STATIONS)
    assert stations.group_set_id is not None
    before = dump(room.store)

    _plans, journal = room.journals.run(
        lambda: room.plans.copy_to_periods(source, room.day, [target], later, replace=True, seed=9)
    )
    assert dump(room.store) != before
    redo = room.journals.revert(journal)
    assert dump(room.store) == before
    restored = room.plans.plan(target, later)
    assert restored is not None
    back = next(b for b in restored.blocks if b.kind is BlockKind.STATIONS)
    assert back.group_set_id == stations.group_set_id
    assert all(s.group_number is not None for s in back.stations)

    room.journals.revert(redo)  # redo: the copy again, exactly
    assert dump(room.store) != before


def test_undoing_a_move_leaves_no_extra_enrolment_and_keeps_the_date(room: Room) -> None:
    student, to = room.students[room.periods[0]][0], room.periods[1]
    before = dump(room.store)
    _moved, journal = room.journals.run(lambda: room.roster.move_students([student], to))
    assert {"enrollment"} <= journal.tables()
    room.journals.revert(journal)
    assert dump(room.store) == before


def test_a_failed_action_records_nothing(room: Room) -> None:
    a, b = room.students[room.periods[0]][:2]

    def twice() -> None:
        room.rules.add_rule(room.periods[0], ConstraintKind.KEEP_APART, a, b, "")
        room.rules.add_rule(room.periods[0], ConstraintKind.KEEP_APART, a, b, "")

    with pytest.raises(MathroomError):
        room.journals.run(twice)
    # The first rule was committed in its own unit of work; the failed one is not recorded.
    _value, journal = room.journals.run(lambda: None)
    assert not journal


def test_an_undo_that_later_writes_rely_on_changes_nothing(room: Room) -> None:
    period = room.periods[0]
    added, journal = room.journals.run(
        lambda: room.roster.add_student(period, StudentForm("Nia", "Abebe", "", "0701001"))
    )
    skill = room.evidence.skills()[0].id
    room.evidence.record([added], [skill], Level.GOT_IT, EvidenceSource.WHITEBOARD, room.day)
    before = dump(room.store)
    with pytest.raises(UndoConflictError, match="cannot be undone"):
        room.journals.revert(journal)
    assert dump(room.store) == before


# -- random edit sequences, all undone --------------------------------------------------
Edit = Callable[[Room], object]


def _attendance(i: int, status: AttendanceStatus) -> Edit:
    def edit(room: Room) -> object:
        period = room.periods[i % len(room.periods)]
        student = room.students[period][i % len(room.students[period])]
        room.attendance.set_status(period, student, room.day, status)
        return None

    return edit


def _rule(i: int, j: int) -> Edit:
    def edit(room: Room) -> object:
        period = room.periods[0]
        names = room.students[period]
        a, b = names[i % len(names)], names[j % len(names)]
        return room.rules.add_rule(period, ConstraintKind.KEEP_APART, a, b, "test")

    return edit


def _move(i: int, j: int) -> Edit:
    def edit(room: Room) -> object:
        period = room.periods[i % len(room.periods)]
        student = room.students[period][j % len(room.students[period])]
        to = room.periods[(i + 1) % len(room.periods)]
        return room.roster.move_students([student], to)

    return edit


def _evidence(i: int, level: Level) -> Edit:
    def edit(room: Room) -> object:
        period = room.periods[0]
        student = room.students[period][i % len(room.students[period])]
        skill = room.evidence.skills()[i % 5].id
        return room.evidence.record([student], [skill], level, EvidenceSource.WHITEBOARD, room.day)

    return edit


def _copy(i: int, days: int) -> Edit:
    def edit(room: Room) -> object:
        source = room.periods[0]
        target = room.periods[1 + i % (len(room.periods) - 1)]
        day = room.day + timedelta(days=days)
        return room.plans.copy_to_periods(source, room.day, [target], day, replace=True, seed=i)

    return edit


def _delete_plan(i: int, days: int) -> Edit:
    def edit(room: Room) -> object:
        period = room.periods[i % len(room.periods)]
        return room.plans.delete_plan(period, room.day + timedelta(days=days))

    return edit


def _save_groups(i: int) -> Edit:
    def edit(room: Room) -> object:
        period = room.periods[i % len(room.periods)]
        draft = room.grouping.make(period, room.day, 3 + i % 2, seed=i, time_limit_s=0.2)
        return room.grouping.save(draft, BoardChoice.MATCH_GROUPS)

    return edit


small = st.integers(0, 40)
edits = st.one_of(
    st.builds(_attendance, small, st.sampled_from(list(AttendanceStatus))),
    st.builds(_rule, small, small),
    st.builds(_move, small, small),
    st.builds(_evidence, small, st.sampled_from(list(Level))),
    st.builds(_copy, small, st.integers(0, 3)),
    st.builds(_delete_plan, small, st.integers(0, 3)),
    st.builds(_save_groups, small),
)


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=st.lists(edits, min_size=1, max_size=5))
def test_any_edits_undone_give_back_the_starting_database(
    demo_db: Path, tmp_path: Path, school_day: date, now: datetime, sequence: list[Edit]
) -> None:
    with opened(demo_db, tmp_path, school_day, now) as room:
        start = dump(room.store)
        journals: list[Journal] = []
        for edit in sequence:
            try:
                _value, journal = room.journals.run(partial(edit, room))
            except MathroomError:
                continue  # refused (a rule that exists, a moved student): nothing written
            journals.append(journal)
        for journal in reversed(journals):
            room.journals.revert(journal)
        assert dump(room.store) == start
