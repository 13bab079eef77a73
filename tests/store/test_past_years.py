"""Archived school years stay browsable, read-only: periods, students, each one's history."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId
from mathroom.paths import DataFolder
from mathroom.services.classroom import ClassroomService
from mathroom.services.roster import RosterService
from mathroom.services.safety import SafetyNet
from mathroom.store.journal import dump
from mathroom.store.unit_of_work import Store


def test_last_years_periods_students_and_history_can_be_browsed(
    demo_store: Store, demo_folder: DataFolder, now: datetime
) -> None:
    roster = RosterService(demo_store, SafetyNet(demo_folder, lambda: now), lambda: now)
    classroom = ClassroomService(demo_store)
    periods = classroom.overview().periods
    first = periods[0]
    names = sorted(e.student.full_name for e in classroom.roster(first.id))
    moved = classroom.roster(first.id)[0].student
    roster.move_students([moved.id], periods[1].id)  # left period 1 during the year
    past = roster.past_years
    assert past.years() == []

    roster.start_new_year("2027–2028", date(2027, 8, 23), date(2028, 6, 14))
    assert classroom.overview().periods == ()
    before = dump(demo_store)
    (year,) = past.years()
    assert [p.name for p in year.periods] == [p.name for p in periods]
    students = past.students(year.periods[0].id)
    assert sorted(s.student.full_name for s in students) == names
    assert all(s.student.archived for s in students)
    left = next(s for s in students if s.student.id == moved.id)
    assert left.left_on is not None
    history = past.history(students[1].student.id, year.year.id)
    assert history.timeline  # every piece of evidence is still there
    assert history.today <= year.year.ends_on
    assert dump(demo_store) == before  # browsing writes nothing

    with pytest.raises(ValidationError, match="archived"):
        past.students(PeriodId(year.periods[0].id + 10_000))
