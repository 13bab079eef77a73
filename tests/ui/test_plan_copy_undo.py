"""Copy to periods over another period's planned day, then Ctrl+Z: that day comes back
exactly, its stations with their groups (the issue's lost-groups case)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.plan import BlockKind, school_week
from mathroom.ui.operations import Operations
from tests.ui.test_plan_page import make_page

pytestmark = pytest.mark.any_date

TABLES = ("day_plan", "plan_block", "station", "group_set", "student_group", "group_member")


def _rows(services: Services) -> list[list[tuple[object, ...]]]:
    connection = sqlite3.connect(services.folder.database)
    try:
        return [connection.execute(f"SELECT rowid, * FROM {t}").fetchall() for t in TABLES]
    finally:
        connection.close()


def test_undoing_a_copy_over_a_planned_day_brings_its_groups_back(
    qtbot: QtBot, services: Services, ops: Operations, school_day: date
) -> None:
    page, undo = make_page(qtbot, services, ops)
    source, target = services.classroom.overview().periods[:2]
    day = school_week(school_day)[-1]  # Friday: ahead of today, its groups not met yet
    planned = services.plans.plan(target.id, day)
    assert planned is not None  # the demo plans every period's week, groups included
    stations = next(b for b in planned.blocks if b.kind is BlockKind.STATIONS)
    assert stations.group_set_id is not None
    page.select(source.id, day)
    before = _rows(services)

    page.copy_to([target.id])  # the day has a plan: page.confirm says Replace
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    copied = services.plans.plan(target.id, day)
    assert copied is not None and copied.blocks != planned.blocks
    after = _rows(services)

    undo.undo()
    assert _rows(services) == before
    restored = services.plans.plan(target.id, day)
    assert restored == planned
    assert services.classroom.group_set(stations.group_set_id) is not None
    undo.redo()
    assert _rows(services) == after
