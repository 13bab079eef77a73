"""The quick day picks beside the Practice and Print pages' date fields."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from mathroom.clock import FixedClock
from mathroom.composition import Services
from mathroom.domain.plan import school_week
from mathroom.ui.operations import Operations
from mathroom.ui.pages.print_page import PrintPage
from mathroom.ui.widgets.day_shortcuts import shortcut_days


def test_on_a_school_day_the_picks_are_today_and_the_next_school_day() -> None:
    thursday, friday = date(2026, 12, 3), date(2026, 12, 4)
    assert shortcut_days(thursday) == (("Today", thursday), ("Next school day", friday))
    assert shortcut_days(friday)[1] == ("Next school day", date(2026, 12, 7))


def test_on_a_weekend_the_picks_are_named_monday_and_tuesday() -> None:
    monday, tuesday = date(2026, 12, 7), date(2026, 12, 8)
    for weekend_day in (date(2026, 12, 5), date(2026, 12, 6)):
        assert shortcut_days(weekend_day) == (("Monday", monday), ("Tuesday", tuesday))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_the_picks_are_two_school_days_in_order(day: date) -> None:
    (_, first), (_, second) = shortcut_days(day)
    assert day <= first < second and first.weekday() < 5 and second.weekday() < 5
    assert (second - first).days in (1, 3)


def test_the_print_page_opens_on_mondays_packet_on_a_weekend(
    qtbot: QtBot, services: Services, clock: FixedClock, school_day: date, ops: Operations
) -> None:
    monday = school_week(school_day)[0]
    clock.set(datetime.combine(monday - timedelta(days=1), time(20, 0)))  # Sunday evening
    page = PrintPage(ops, services.classroom, services.packet, clock.today)
    qtbot.addWidget(page)
    assert page.chosen_day() == monday
    assert (page.today_button.text(), page.tomorrow_button.text()) == ("Monday", "Tuesday")
    page.tomorrow_button.click()
    assert page.chosen_day() == monday + timedelta(days=1)
    clock.set(datetime.combine(monday, time(7, 0)))  # the weekend is over
    page.reload()
    assert page.today_button.text() == "Today"
    page.today_button.click()
    assert page.chosen_day() == monday
