"""The Print page says what the packet will leave out before it is made, and still makes it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.services.changes import Change
from mathroom.services.packet import Section
from mathroom.ui.main_window import MainWindow
from mathroom.ui.pages.print_page import PrintPage
from mathroom.ui.settings import WindowSettings
from tests.store.test_packet_gaps_service import template_day


def test_warnings_before_the_packet_follow_the_day_the_plans_and_the_sections(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("Print")
    assert isinstance(page, PrintPage)
    assert page.chosen_day() == school_day
    assert not page.warnings.lines and not page.warnings.isVisible()  # the demo day is full

    # The teacher lays Period 1's day out from a template on the Plan page, then comes back.
    window.show_page("Plan")
    template_day(services, school_day)
    window.show_page("Print")
    first = services.classroom.overview().periods[0].name
    assert page.warnings.isVisible()
    shown = page.warnings.banner.text()
    assert shown.startswith("Before you print: 6 things will be missing from this packet.")
    assert f"• {first} · Whiteboard stations: all 6 boards have no task" in shown
    assert f"{first} · Exit ticket: there is no task, so no exit tickets will print" in shown
    assert any("Small-group pull: no students are chosen" in line for line in page.warnings.lines)

    # Sections left unticked need no warning.
    page.sections[Section.EXIT_TICKETS].setChecked(False)
    assert not any("Exit ticket" in line for line in page.warnings.lines)
    page.sections[Section.EXIT_TICKETS].setChecked(True)

    # Another day: another check.
    page.day.setDate(QDate(2001, 1, 1))
    assert page.warnings.lines == (
        "Nothing is planned for Monday, January 1, so there is no packet to make. "
        "Plan the day on the Plan page, or pick another date.",
    )
    page.day.setDate(QDate(school_day.year, school_day.month, school_day.day))
    assert len(page.warnings.lines) == 6

    # A write elsewhere that fills the gaps clears them while the page is open.
    period = services.classroom.overview().periods[0].id
    plan = services.plans.plan(period, school_day)
    assert plan is not None
    window.ops.write(lambda: services.plans.delete_plan(period, school_day), Change.PLANS)
    assert [line.split(":")[0] for line in page.warnings.lines] == [first]  # no plan now
    window.ops.write(lambda: template_day(services, school_day), Change.PLANS)

    # A warning, not a refusal: the packet is made, and the status points at the warnings.
    page.periods.setCurrentIndex(1)  # Period 1 alone
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.save_button.isEnabled(), timeout=30_000)
    assert page.last_export is not None and page.last_export.exists(), page.status.text()
    assert "It is missing what the 6 warnings above say." in page.status.text()
    assert page.warnings.isVisible()
