"""The Plan page as a teacher uses it: template, stations with fresh groups, copy, print."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.plan import BlockKind, school_week
from mathroom.ui.operations import Operations
from mathroom.ui.pages.plan_page import PlanPage
from mathroom.ui.pages.print_page import PrintPage


@pytest.fixture
def next_week(school_day: date) -> date:
    """Monday of the week after the demo's planned week: nothing planned yet."""
    return school_week(school_day)[0] + timedelta(days=7)


def make_page(qtbot: QtBot, services: Services, ops: Operations) -> tuple[PlanPage, QUndoStack]:
    undo = QUndoStack()
    page = PlanPage(ops, services.classroom, services.plans, services.clock.today, undo)
    page.confirm = lambda question: True  # type: ignore[method-assign]
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    page.set_period(services.classroom.overview().periods[0])
    return page, undo


def test_the_week_view_summarises_every_period_and_day(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page, _undo = make_page(qtbot, services, ops)
    assert page.week.rowCount() == 3 and page.week.columnCount() == 5
    cell = page.week.item(0, 0)
    assert cell is not None and "6 boards" in cell.text()
    page.week.cellClicked.emit(1, 2)  # Period 3, Wednesday
    assert "Period 3" in page.card.day_title.text() and "Wednesday" in page.card.day_title.text()
    assert page.card.blocks.count() == 7


def test_every_kind_in_the_add_block_menu_adds_a_block_with_its_own_length(
    qtbot: QtBot, services: Services, ops: Operations, next_week: date
) -> None:
    page, undo = make_page(qtbot, services, ops)
    period = services.classroom.overview().periods[0]
    page.select(period.id, next_week)
    actions = page.card.add_menu.actions()
    assert [a.text() for a in actions] == [kind.label for kind in BlockKind]
    for count, (action, kind) in enumerate(zip(actions, BlockKind, strict=True), start=1):
        action.trigger()
        plan = services.plans.plan(period.id, next_week)
        assert plan is not None and len(plan.blocks) == count
        added = plan.blocks[page.card.blocks.currentRow()]
        assert added.kind is kind and added.minutes == kind.default_minutes > 0
        assert f"{kind.label} · {kind.default_minutes} min" in page.card.blocks.currentItem().text()
    undo.undo()
    plan = services.plans.plan(period.id, next_week)
    assert plan is not None and len(plan.blocks) == len(BlockKind) - 1


def test_build_a_day_from_a_template_with_fresh_groups_then_copy_and_print(
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    school_day: date,
    next_week: date,
    ops: Operations,
) -> None:
    page, undo = make_page(qtbot, services, ops)
    period = services.classroom.overview().periods[0]
    page.select(period.id, next_week)
    assert page.card.blocks.count() == 0 and "No plan" in page.card.minutes_banner.text()

    template = next(t for t in services.plans.templates() if t.name == "Thinking-classroom day")
    page.start_from_template(template)
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    plan = services.plans.plan(period.id, next_week)
    assert plan is not None and page.card.blocks.count() == len(plan.blocks)
    stations = next(b for b in plan.blocks if b.kind is BlockKind.STATIONS)
    assert stations.group_set_id is not None and len(stations.stations) == 6

    # A second stations block: four boards, then fresh groups for it.
    page.card.blocks.setCurrentRow(page.card.blocks.count() - 1)
    page.add_block(BlockKind.STATIONS)
    row = page.card.blocks.currentRow()
    page.editor.stations.setValue(4)
    page.editor.stations.editingFinished.emit()
    qtbot.mouseClick(page.editor.groups_button, Qt.MouseButton.LeftButton)
    assert page.busy and not page.card.add_button.isEnabled()  # the engine runs off the GUI thread
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    plan = services.plans.plan(period.id, next_week)
    assert plan is not None
    added = plan.blocks[row]
    assert added.kind is BlockKind.STATIONS and len(added.stations) == 4
    assert added.group_set_id is not None
    assert "longer than the period" in page.card.minutes_banner.text()

    page.remove_block()
    assert page.card.blocks.count() == len(plan.blocks) - 1
    undo.undo()
    assert page.card.blocks.count() == len(plan.blocks)
    page.card.blocks.setCurrentRow(row)
    page.remove_block()

    other = services.classroom.overview().periods[1]
    page.copy_to([other.id])
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    copied = services.plans.plan(other.id, next_week)
    assert copied is not None
    copied_stations = next(b for b in copied.blocks if b.kind is BlockKind.STATIONS)
    group_set = services.classroom.group_set(copied_stations.group_set_id)  # type: ignore[arg-type]
    roster = {e.student.id for e in services.classroom.roster(other.id)}
    assert group_set is not None
    assert all(m in roster for g in group_set.groups for m in g.members)
    undo.undo()  # the copy is undone: the other period has no plan that day again
    assert services.plans.plan(other.id, next_week) is None

    s = services
    printing = PrintPage(ops, s.classroom, s.packet, s.clock.today)
    qtbot.addWidget(printing)
    printing.reload()
    printing.day.setDate(QDate(next_week.year, next_week.month, next_week.day))
    qtbot.mouseClick(printing.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: printing.save_button.isEnabled(), timeout=60_000)
    assert printing.last_export is not None and printing.last_export.exists(), (
        printing.status.text()
    )
    assert printing.preview.page_count() > 10


def test_plan_the_next_school_day_from_today(
    qtbot: QtBot, services: Services, school_day: date, ops: Operations
) -> None:
    page, _undo = make_page(qtbot, services, ops)
    friday = school_week(school_day)[-1]
    monday = friday + timedelta(days=3)
    page.select(services.classroom.overview().periods[0].id, friday)
    page.plan_next_day()  # replaces nothing yet: the demo plans only this week
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert page.card.day_title.text().endswith(f"{monday:%B} {monday.day}")
    assert page.card.blocks.count() == 7
    assert "pulls from today's evidence" in page.card.banner.text()


def test_replacing_a_planned_day_asks_first(
    qtbot: QtBot, services: Services, school_day: date, ops: Operations
) -> None:
    page, _undo = make_page(qtbot, services, ops)
    period = services.classroom.overview().periods[0]
    questions: list[str] = []

    def refuse(question: str) -> bool:
        questions.append(question)
        return False

    page.confirm = refuse  # type: ignore[method-assign]
    monday, tuesday = school_week(school_day)[:2]
    page.select(period.id, monday)  # Tuesday already has the demo's plan
    before = services.plans.plan(period.id, tuesday)
    page.plan_next_day()
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert questions == ["Tuesday already has a plan. Replace it?"]
    assert services.plans.plan(period.id, tuesday) == before
    page.confirm = lambda question: True  # type: ignore[method-assign]
    page.plan_next_day()
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    after = services.plans.plan(period.id, tuesday)
    assert after is not None and before is not None and after.blocks != before.blocks
