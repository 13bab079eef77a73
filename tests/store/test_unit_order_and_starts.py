"""The two unit actions the Units page adds: moving a unit in the year's order, and starting
a unit with several periods at once (all or nothing, and taken back exactly by undo)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId, UnitId
from mathroom.services.classroom import ClassroomService
from mathroom.services.units import UnitService
from mathroom.store.unit_of_work import Store

START = date(2027, 1, 4)  # a Monday after the demo's weeks


def test_a_unit_moves_past_its_neighbours_and_back(demo_store: Store, now: datetime) -> None:
    units = UnitService(demo_store, lambda: now)
    names = [u.name for u in units.units()]
    third = units.units()[2]
    assert units.move_unit(third.id, -1)
    assert [u.name for u in units.units()][1:3] == [names[2], names[1]]
    assert units.move_unit(third.id, 1)
    assert [u.name for u in units.units()] == names
    first, last = units.units()[0], units.units()[-1]
    assert not units.move_unit(first.id, -1) and not units.move_unit(last.id, 1)
    assert [u.name for u in units.units()] == names

    # An archived unit between two others is stepped over: one move passes a shown unit.
    units.archive_unit(units.units()[1].id)
    shown = [u.name for u in units.units()]
    assert units.move_unit(units.units()[0].id, 1)
    assert [u.name for u in units.units()][:2] == [shown[1], shown[0]]
    with pytest.raises(ValidationError, match="no unit has id 4242"):
        units.move_unit(UnitId(4242), 1)


def test_starting_a_unit_with_periods_is_one_step_undone_exactly(
    demo_store: Store, now: datetime
) -> None:
    units = UnitService(demo_store, lambda: now)
    periods = [p.id for p in ClassroomService(demo_store).overview().periods]
    first, second = units.units()[0], units.units()[1]
    units.assign(periods[0], first.id, START)  # period 1 already starts a unit that day
    before = {p: units.assignments(p) for p in periods}

    replaced = units.set_starts(START, dict.fromkeys(periods[:2], second.id))
    assert replaced == {periods[0]: first.id, periods[1]: None}
    for period in periods[:2]:
        assert units.current_unit(period, START) == second
    assert units.assignments(periods[2]) == before[periods[2]]

    assert units.set_starts(START, replaced) == dict.fromkeys(periods[:2], second.id)
    assert {p: units.assignments(p) for p in periods} == before


def test_a_refused_start_changes_no_period(demo_store: Store, now: datetime) -> None:
    units = UnitService(demo_store, lambda: now)
    periods = [p.id for p in ClassroomService(demo_store).overview().periods]
    unit = units.units()[0]
    before = {p: units.assignments(p) for p in periods}
    with pytest.raises(ValidationError) as info:
        units.set_starts(START, {periods[0]: unit.id, PeriodId(999): unit.id})
    assert info.value.field == "period"
    units.archive_unit(unit.id)
    with pytest.raises(ValidationError, match="archived") as info:
        units.set_starts(START, dict.fromkeys(periods, unit.id))
    assert info.value.field == "unit"
    assert {p: units.assignments(p) for p in periods} == before
