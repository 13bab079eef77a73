"""The Library page as a teacher uses it, against a real PostgreSQL: nothing is reached until
a click; Show lists the department's items with who published them; Pull brings new ones and
shows a conflict, which Take the library's settles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("PySide6")

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from mathroom.domain.tasks import TaskKind, TaskSpec
from mathroom.services import department as department_module
from mathroom.services.department import DepartmentLibraryService
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.unit_of_work import Store
from mathroom.ui.operations import Operations
from mathroom.ui.pages.library_page import LibraryPage
from tests.department.conftest import Department, Ticking

pytestmark = pytest.mark.any_date


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Operations]:
    made = Operations()
    yield made
    made.wait_until_idle()
    QCoreApplication.sendPostedEvents(None, 0)
    shiboken6.delete(made)


def _save(store: Store, ticking: Ticking, prompt: str) -> None:
    with store.unit_of_work() as session:
        tasks = TaskRepository(session)
        skills = SkillRepository(session).ids_by_code()
        found = [t for t in tasks.tasks() if t.title == "Tile patterns"]
        spec = TaskSpec("Tile patterns", TaskKind.WHITEBOARD, prompt)
        if found:
            tasks.update(found[0].id, spec, skills, ticking())
        else:
            tasks.add(spec, skills, ticking())


def _rows(page: LibraryPage) -> list[list[str]]:
    table = page.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        for r in range(table.rowCount())
    ]


def test_show_pull_and_settle_a_conflict(
    qtbot: QtBot,
    ops: Operations,
    department: Department,
    ben: DepartmentLibraryService,
    cho: DepartmentLibraryService,
    ben_store: Store,
    cho_store: Store,
    ticking: Ticking,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _save(ben_store, ticking, "Ben's first")
    ben.publish(department.address("ben"))
    real_connect = department_module.connect  # type: ignore[attr-defined]  # patched below

    def no_network(*_args: object) -> object:
        raise AssertionError("the page reached the server without a click")

    monkeypatch.setattr(department_module, "connect", no_network)
    page = LibraryPage(ops, cho)
    qtbot.addWidget(page)
    page.reload()
    assert page.server.text() == "" and not page.keep_mine.isEnabled()
    monkeypatch.setattr(department_module, "connect", real_connect)

    page.server.setText(department.address("cho").text)
    qtbot.mouseClick(page.pull_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=15_000)
    assert page.summary.text().startswith(department.address("cho").display)
    kind, title, owner, when, version, here = _rows(page)[0]
    assert (kind, title, owner, version, here) == ("Task", "Tile patterns", "ben", "1", "in sync")
    assert when[:2] == "20"
    assert cho.saved_server() == (department.address("cho").text, False)  # for next time

    _save(ben_store, ticking, "Ben's second")
    ben.publish(department.address("ben"))
    _save(cho_store, ticking, "Cho's own")
    qtbot.mouseClick(page.pull_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(_rows(page)) and _rows(page)[0][5] == "conflict", timeout=15_000)
    page.table.selectRow(0)
    assert page.keep_mine.isEnabled() and page.take_library.isEnabled()
    qtbot.mouseClick(page.take_library, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _rows(page)[0][5] == "in sync", timeout=15_000)
    with cho_store.unit_of_work() as session:
        prompt = next(t for t in TaskRepository(session).tasks() if t.title == "Tile patterns")
    assert prompt.spec.prompt == "Ben's second"


def test_a_wrong_address_is_named_without_connecting(
    qtbot: QtBot, ops: Operations, cho: DepartmentLibraryService
) -> None:
    page = LibraryPage(ops, cho)
    qtbot.addWidget(page)
    page.server.setText("mysql://cho@db/x")
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert page.summary.text() == "server: the address must start with postgresql://"
    assert page.show_button.isEnabled()
