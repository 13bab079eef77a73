"""Plan next days… on the Plan page: the unit line, planning several periods at once, the
notes shown after, one Ctrl+Z for the whole run, and asking before planning over a day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.plan import BlockKind, DayPlan, school_week
from mathroom.ui.dialogs.plan_days_dialog import PlanDaysDialog
from mathroom.ui.operations import Operations
from mathroom.ui.pages.plan_page import PlanPage


@pytest.fixture
def page(qtbot: QtBot, services: Services, ops: Operations) -> PlanPage:
    made = PlanPage(
        ops,
        services.classroom,
        services.plans,
        services.clock.today,
        QUndoStack(),
        units=services.units,
    )
    qtbot.addWidget(made)
    made.resize(1300, 900)
    made.show()
    made.set_period(services.classroom.overview().periods[0])
    return made


def plan(qtbot: QtBot, dialog: PlanDaysDialog) -> object:
    with qtbot.waitSignal(dialog.planned, timeout=120_000) as planned:
        qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    return planned.args[0] if planned.args else None


def test_plan_the_next_days_of_every_period_then_undo_them_at_once(
    qtbot: QtBot, page: PlanPage, services: Services, school_day: date
) -> None:
    periods = services.classroom.overview().periods
    friday = school_week(school_day)[-1]
    page.select(periods[0].id, friday)
    assert page.unit_strip.unit_label.text() == (
        "Unit: Operations with rational numbers · week 2 of 3"
    )
    dialog = page.plan_days_dialog()
    qtbot.addWidget(dialog)
    monday = friday + timedelta(days=3)
    assert dialog.first_day() == monday
    assert [box.isChecked() for box in dialog.boxes.values()] == [True, False, False]
    assert all("week 3 of 3" in box.text() for box in dialog.boxes.values())  # next week
    for box in dialog.boxes.values():
        box.setChecked(True)
    dialog.days.setValue(2)

    planned = plan(qtbot, dialog)

    assert isinstance(planned, dict) and len(planned) == 3
    lines = dialog.results.toPlainText().splitlines()
    days = [line for line in lines if not line.startswith(" ")]
    assert len(days) == 6 and days[0].startswith(f"{monday:%a %d %b} · Period 1 ·")
    notes = [line for line in lines if line.startswith("    ! ")]
    assert dialog.banner.text().startswith("Planned 6 days")
    assert (f"{len(notes)} note" in dialog.banner.text()) == bool(notes)
    for period in periods:
        for day in (monday, monday + timedelta(days=1)):
            made = services.plans.plan(period.id, day)
            assert made is not None
            stations = next(b for b in made.blocks if b.kind is BlockKind.STATIONS)
            assert stations.group_set_id is not None  # fresh groups every day
    page.select(periods[1].id, monday)
    assert "Period 3" in page.card.day_title.text() and page.card.blocks.count() == 7

    page._undo.undo()  # one step for the whole run
    assert all(
        services.plans.plan(p.id, d) is None
        for p in periods
        for d in (monday, monday + timedelta(days=1))
    )


def test_planning_over_a_planned_day_asks_first(
    qtbot: QtBot, page: PlanPage, services: Services, school_day: date
) -> None:
    period = services.classroom.overview().periods[0]
    page.select(period.id, school_day)
    dialog = page.plan_days_dialog()
    qtbot.addWidget(dialog)
    wednesday = school_week(school_day)[2]
    dialog.first.setDate(dialog.first.date().fromString(wednesday.isoformat(), "yyyy-MM-dd"))
    dialog.days.setValue(1)
    before = services.plans.plan(period.id, wednesday)
    questions: list[str] = []

    def refuse(question: str) -> bool:
        questions.append(question)
        return False

    dialog.confirm = refuse  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(questions) and dialog.plan_button.isEnabled(), timeout=60_000)
    assert "Period 1 already has a plan for Wednesday" in questions[0]
    assert services.plans.plan(period.id, wednesday) == before  # No: nothing changed

    dialog.confirm = lambda question: True  # type: ignore[method-assign]
    plan(qtbot, dialog)
    after = services.plans.plan(period.id, wednesday)
    assert before is not None and after is not None

    def groups(plan: DayPlan) -> object:
        return next(b for b in plan.blocks if b.kind is BlockKind.STATIONS).group_set_id

    assert groups(after) != groups(before)  # planned again, with fresh groups
    dialog.boxes[period.id].setChecked(False)
    qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.text() == "Tick at least one period."
