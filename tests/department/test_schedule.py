"""Pulling on a schedule the teacher turns on: off by default; never before an address was
used; with one, the scheduled pull brings the department's new items like a click would, and
the window's timer and status line follow the Library page's choice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("PySide6")

import shiboken6
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from mathroom.domain.errors import ValidationError
from mathroom.domain.tasks import TaskKind, TaskSpec
from mathroom.services import department as department_module
from mathroom.services.department import DepartmentLibraryService
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.unit_of_work import Store
from mathroom.ui.library_schedule import HOUR_MS, ScheduledPull
from mathroom.ui.operations import Operations
from mathroom.ui.pages.library_page import LibraryPage
from tests.department.conftest import Department, Ticking

pytestmark = pytest.mark.any_date

SHARED = TaskSpec("Fraction wall", TaskKind.WHITEBOARD, "Which is larger, $2/3$ or $3/5$?")


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Operations]:
    made = Operations()
    yield made
    made.wait_until_idle()
    QCoreApplication.sendPostedEvents(None, 0)
    shiboken6.delete(made)


def _publish_one(
    store: Store, ben: DepartmentLibraryService, department: Department, ticking: Ticking
) -> None:
    with store.unit_of_work() as session:
        skills = SkillRepository(session).ids_by_code()
        TaskRepository(session).add(SHARED, skills, ticking())
    ben.publish(department.address("ben"))


def _titles(store: Store) -> set[str]:
    with store.unit_of_work() as session:
        return {task.title for task in TaskRepository(session).tasks()}


def test_the_schedule_is_off_until_chosen_and_takes_only_the_offered_choices(
    cho: DepartmentLibraryService,
) -> None:
    assert cho.pull_schedule() == 0
    assert cho.scheduled_pull() is None  # off: nothing is reached
    with pytest.raises(ValidationError, match="pull every"):
        cho.set_pull_schedule(5)
    cho.set_pull_schedule(4)
    assert cho.pull_schedule() == 4
    assert cho.scheduled_pull() is None  # on, but no address was ever used


def test_a_scheduled_pull_brings_new_items_from_the_address_last_used(
    department: Department,
    ben: DepartmentLibraryService,
    cho: DepartmentLibraryService,
    ben_store: Store,
    cho_store: Store,
    ticking: Ticking,
) -> None:
    _publish_one(ben_store, ben, department, ticking)
    cho.save_server(department.address("cho"))
    assert "Fraction wall" not in _titles(cho_store)
    cho.set_pull_schedule(1)
    report = cho.scheduled_pull()
    assert report is not None and [m.title for m in report.moved] == ["Fraction wall"]
    assert "Fraction wall" in _titles(cho_store)


def test_the_window_timer_follows_the_library_page_and_reports_a_pull(
    qtbot: QtBot,
    ops: Operations,
    department: Department,
    ben: DepartmentLibraryService,
    cho: DepartmentLibraryService,
    ben_store: Store,
    ticking: Ticking,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _publish_one(ben_store, ben, department, ticking)
    cho.save_server(department.address("cho"))
    scheduled = ScheduledPull(ops, lambda: cho)
    scheduled.start()
    assert not scheduled.timer.isActive()  # off by default
    page = LibraryPage(ops, cho)
    qtbot.addWidget(page)
    page.reload()
    page.schedule_changed.connect(scheduled.set_hours)
    real_connect = department_module.connect  # type: ignore[attr-defined]
    reached: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        reached.append(args)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(department_module, "connect", counted)
    page.schedule.setCurrentIndex(page.schedule.findData(4))
    page.schedule.activated.emit(page.schedule.currentIndex())
    assert cho.pull_schedule() == 4
    assert scheduled.timer.isActive() and scheduled.timer.interval() == 4 * HOUR_MS
    assert reached == []  # choosing a schedule reaches nothing
    with qtbot.waitSignal(scheduled.reported, timeout=20_000) as told:
        scheduled.timer.timeout.emit()  # the hours pass
    assert told.args == ["Automatic pull from the department library: 1 item."]
    assert len(reached) == 1
    page.schedule.setCurrentIndex(page.schedule.findData(0))
    page.schedule.activated.emit(page.schedule.currentIndex())
    assert not scheduled.timer.isActive() and cho.pull_schedule() == 0
