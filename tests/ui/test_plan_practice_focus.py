"""The Plan page's practice focus: a skill without practice problems is refused with the
same message the Practice page and the services give, and nothing is saved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.plan import BlockKind, school_week
from mathroom.ui.operations import Operations
from mathroom.ui.pages.plan_page import PlanPage

# What a sheet holds and what is refused are the same on any calendar day.
pytestmark = pytest.mark.any_date


def test_a_focus_without_practice_problems_is_refused_on_the_plan_page(
    qtbot: QtBot, services: Services, ops: Operations, school_day: date
) -> None:
    next_week = school_week(school_day)[0] + timedelta(days=7)
    page = PlanPage(ops, services.classroom, services.plans, services.clock.today, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    period = services.classroom.overview().periods[0]
    page.set_period(period)
    page.select(period.id, next_week)
    page.add_block(BlockKind.PRACTICE)
    # Every starter skill has practice; a skill the teacher adds to the map has none.
    services.skill_map.add("MY-1", "Our class's estimation routine", "NS", 7)

    page.editor.focus.setText("7.SP.A.1, MY-1")
    page.editor.focus.editingFinished.emit()
    assert "no practice problems exist for MY-1 yet" in page.card.banner.text()
    plan = services.plans.plan(period.id, next_week)
    assert plan is not None and all(not b.practice_skills for b in plan.blocks)

    page.editor.focus.setText("7.SP.A.1, 7.NS.A.2c")  # the codes, practised now
    page.editor.focus.editingFinished.emit()
    plan = services.plans.plan(period.id, next_week)
    assert plan is not None
    assert [b.practice_skills for b in plan.blocks] == [("7.SP.A.1", "7.NS.A.2c")]
