"""A teacher's school day, end to end, on the demo classroom: the real app opened through its
composition root, driven by clicks and key presses, checked on screen and in the data folder.

The suite's clock stands at half past seven on the suite's date; on a weekend the app shows
the coming Monday, and so do these tests (``school_day``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from mathroom.clock import FixedClock
from mathroom.composition import Services, open_services
from mathroom.desktop import AppController
from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.plan import BlockKind, DayPlan, next_school_day
from mathroom.domain.roster import Period
from mathroom.domain.skills import EvidenceSource, Level
from mathroom.paths import DataFolder
from mathroom.ui.main_window import MainWindow
from tests.e2e.helpers import (
    BACKGROUND_MS,
    Dialogs,
    button,
    cell,
    choose,
    click,
    click_item,
    combo_with,
    free_windows,
    list_with,
    name_in,
    open_page,
    patch_dialogs,
    quit_app,
    rows,
    screen_text,
    start_app,
    step_through,
)
from tests.export.pdf_reading import pdf_text

pytestmark = pytest.mark.e2e

PERIOD = "Period 1"  # the first period of the demo: the window opens on it
App = tuple[AppController, MainWindow]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Dialogs:
    usb_stick = tmp_path / "usb"
    usb_stick.mkdir()
    return patch_dialogs(monkeypatch, Dialogs(save_to=usb_stick / "day-packet.pdf"))


@pytest.fixture
def launch(
    qtbot: QtBot, demo_folder: DataFolder, clock: FixedClock, dialogs: Dialogs
) -> Iterator[Callable[[], App]]:
    """Open the app on the demo classroom (again, after a quit); every copy quits at the end."""
    started: list[AppController] = []

    def open_app() -> App:
        controller, window = start_app(qtbot, demo_folder, clock)
        started.append(controller)
        return controller, window

    yield open_app
    for controller in started:
        quit_app(controller)
    free_windows(started)


def services_of(controller: AppController) -> Services:
    assert controller.services is not None
    return controller.services


def period_on_show(window: MainWindow) -> Period:
    period = window.current_period
    assert period is not None and period.name == PERIOD
    return period


def day_heading(day: date) -> str:
    return f"{PERIOD} · {day:%A, %B} {day.day}"


def statuses(services: Services, period: PeriodId, day: date) -> dict[str, AttendanceStatus]:
    return {e.display_name: e.status for e in services.attendance.day(period, day)}


def student_ids(services: Services, period: PeriodId, names: list[str]) -> list[StudentId]:
    by_name = {e.display_name: e.student.id for e in services.classroom.roster(period)}
    return [by_name[name] for name in names]


def shape(plan: DayPlan | None) -> list[tuple[BlockKind, int, object]]:
    """A plan's lesson without its pulls: kinds, minutes and tasks, in order."""
    assert plan is not None
    return [
        (b.kind, b.minutes, b.task_id) for b in plan.blocks if b.kind is not BlockKind.SMALL_GROUP
    ]


def private_texts(services: Services, period: PeriodId, plan: DayPlan) -> list[str]:
    """What the room must never read: levels, student numbers, answers, teacher notes, the
    reasons behind grouping rules, the plan's notes and who is pulled for help."""
    texts = [level.label for level in Level]
    texts += [e.student.student_number or "" for e in services.classroom.roster(period)]
    for task in services.classroom.tasks():
        texts += [task.spec.answer or "", task.spec.teacher_notes or ""]
    texts += [rule.reason for rule in services.grouping_rules.rules(period)]
    texts += [plan.notes, *(b.heading for b in plan.blocks if b.students)]
    return [text for text in texts if text.strip()]


def test_the_register_and_a_whiteboard_groups_evidence_outlast_a_restart(
    launch: Callable[[], App], qtbot: QtBot, clock: FixedClock, school_day: date
) -> None:
    controller, window = launch()
    services = services_of(controller)
    period = period_on_show(window)

    # The Today page shows the school day's plan (Monday's, and says why, on a weekend).
    today = open_page(qtbot, window, "Today")
    shown = screen_text(today)
    assert day_heading(school_day) in shown
    plan = services.plans.plan(period.id, school_day)
    assert plan is not None
    assert all(block.heading in shown for block in plan.blocks)
    assert ("No school today" in shown) == (school_day != clock.today())

    # The register: one student absent (the A key), one late (the button).
    first_name = services.classroom.roster(period.id)[0].display_name
    register = list_with(today, first_name)
    assert all(text.startswith("✓") for text in rows(register)), "everyone starts present"
    absent, late = name_in(rows(register)[2]), name_in(rows(register)[5])
    click_item(qtbot, register, 2)
    qtbot.keyClick(register, Qt.Key.Key_A)
    click_item(qtbot, register, 5)
    click(qtbot, button(today, "Late (L)"))
    assert rows(register)[2] == f"✗  {absent} — absent"
    assert rows(register)[5] == f"⏱  {late} — late"
    assert f"{register.count() - 2} present · 1 absent · 1 late" in screen_text(today)
    stored = statuses(services, period.id, school_day)
    assert stored[absent] is AttendanceStatus.ABSENT and stored[late] is AttendanceStatus.LATE
    assert sum(s is AttendanceStatus.PRESENT for s in stored.values()) == len(stored) - 2

    # Whiteboard 1's students get "Getting there" on the day's skill with the 2 key.
    whiteboard_one = next(
        b for b in today.findChildren(QPushButton) if b.isVisible() and b.text() == "Select"
    )
    click(qtbot, whiteboard_one)
    group = [name_in(item.text()) for item in register.selectedItems()]
    assert len(group) >= 3
    choose(combo_with(today, EvidenceSource.WHITEBOARD.label), EvidenceSource.WHITEBOARD.label)
    skill_combo = combo_with(today, "Today: ")
    code = skill_combo.currentText().removeprefix("Today: ").split(" — ")[0]
    qtbot.keyClick(register, Qt.Key.Key_2)
    assert f"Recorded Getting there on {code} for {len(group)} students" in screen_text(today)
    skill = next(s for s in services.evidence.skills() if s.code == code)
    for student in student_ids(services, period.id, group):
        newest = services.evidence.history(student, skill.id)[-1]
        assert (newest.level, newest.source, newest.observed_on) == (
            Level.GETTING_THERE,
            EvidenceSource.WHITEBOARD,
            clock.today(),  # evidence is dated the day it was seen, even on a weekend
        )

    # Quit, open the app again: the register and the evidence are still there.
    quit_app(controller)
    controller, window = launch()
    services = services_of(controller)
    today = open_page(qtbot, window, "Today")
    register = list_with(today, first_name)
    assert f"✗  {absent} — absent" in rows(register)
    assert f"⏱  {late} — late" in rows(register)
    stored = statuses(services, period.id, school_day)
    assert stored[absent] is AttendanceStatus.ABSENT and stored[late] is AttendanceStatus.LATE
    for student in student_ids(services, period.id, group):
        assert any(
            e.level is Level.GETTING_THERE and e.observed_on == clock.today()
            for e in services.evidence.history(student, skill.id)
        )


def test_the_projector_leaves_the_absent_off_and_shows_nothing_private(
    launch: Callable[[], App], qtbot: QtBot, school_day: date
) -> None:
    controller, window = launch()
    services = services_of(controller)
    period = period_on_show(window)
    today = open_page(qtbot, window, "Today")
    register = list_with(today, services.classroom.roster(period.id)[0].display_name)
    absent, late = name_in(rows(register)[1]), name_in(rows(register)[3])
    click_item(qtbot, register, 1)
    click(qtbot, button(today, "Absent (A)"))
    click_item(qtbot, register, 3)
    qtbot.keyClick(register, Qt.Key.Key_L)

    # The Projector button opens the room's window and the teacher's controls.
    click(qtbot, window.projector_button)
    projector, panel = window.projector, window.projector_panel
    assert projector is not None and panel is not None
    qtbot.waitExposed(projector)
    assert day_heading(school_day) in screen_text(panel)
    names = projector.visible_text().split("\n")
    assert absent not in names, "an absent student is left off the projector"
    assert late in names, "a late student is in the room"

    # The clicker's arrow key walks the whole lesson; the laptop's keys drive it too.
    seen = step_through(qtbot, projector)
    assert projector.index == len(projector.scenes) - 1
    qtbot.keyClick(panel, Qt.Key.Key_Left)
    assert projector.index == len(projector.scenes) - 2
    shown = "\n".join([*seen, projector.visible_text()])
    plan = services.plans.plan(period.id, school_day)
    assert plan is not None
    assert all(b.task_title in shown for b in plan.blocks if b.task_title and not b.students)
    assert late in shown and absent not in shown.split("\n")
    assert [text for text in private_texts(services, period.id, plan) if text in shown] == []

    # Someone leaves for the nurse mid-lesson: the room loses the name and keeps its place.
    leaving = name_in(rows(register)[6])
    assert leaving in projector.visible_text().split("\n")
    scene = projector.index
    click_item(qtbot, register, 6)
    qtbot.keyClick(register, Qt.Key.Key_A)
    assert leaving not in projector.visible_text().split("\n")
    assert projector.index == scene

    # Stopping ends the room's window for good (deleted on the GUI thread, not left to the
    # garbage collector, which may run on a worker thread).
    click(qtbot, button(panel, "Stop projecting"))
    assert window.projector is None and window.projector_panel is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(projector))


def test_plan_tomorrow_and_print_the_days_packet(
    launch: Callable[[], App],
    qtbot: QtBot,
    dialogs: Dialogs,
    demo_folder: DataFolder,
    clock: FixedClock,
    school_day: date,
) -> None:
    controller, window = launch()
    services = services_of(controller)
    period = period_on_show(window)
    tomorrow = next_school_day(school_day, period.meeting_days)
    demo_plan = services.plans.plan(period.id, tomorrow)  # the demo plans its week ahead

    # Plan the next school day from this one, and see it in the week.
    plan_page = open_page(qtbot, window, "Plan")
    assert day_heading(school_day) in screen_text(plan_page)
    click(qtbot, button(plan_page, "Plan next school day"))
    qtbot.waitUntil(lambda: "plan is ready" in screen_text(plan_page), timeout=BACKGROUND_MS)
    replace = f"{tomorrow:%A} already has a plan. Replace it?"
    assert dialogs.questions == ([replace] if demo_plan is not None else [])
    made = services.plans.plan(period.id, tomorrow)
    today_plan = services.plans.plan(period.id, school_day)
    # The same lesson shape with the unit's next tasks: nothing today had.
    assert made is not None and today_plan is not None
    assert [k[:2] for k in shape(made)] == [k[:2] for k in shape(today_plan)]
    assert not {k[2] for k in shape(made) if k[2]} & {k[2] for k in shape(today_plan) if k[2]}
    stations = next(b for b in made.blocks if b.kind is BlockKind.STATIONS)
    assert stations.group_set_id is not None, "fresh whiteboard groups"
    assert day_heading(tomorrow) in screen_text(plan_page)
    week = plan_page.findChild(QTableWidget, "weekView")
    assert week is not None
    assert cell(week, PERIOD, f"{tomorrow:%a %b} {tomorrow.day}").endswith(made.summary())

    # Print: the day's packet for Period 1, then a copy saved to a USB stick.
    print_page = open_page(qtbot, window, "Print")
    click(qtbot, button(print_page, "Today" if school_day == clock.today() else f"{school_day:%A}"))
    choose(combo_with(print_page, PERIOD), PERIOD)
    click(qtbot, button(print_page, "Make the day's packet"))
    qtbot.waitUntil(lambda: "Saved " in screen_text(print_page), timeout=BACKGROUND_MS)
    click(qtbot, button(print_page, "Save a copy"))
    assert dialogs.save_to is not None and dialogs.save_to.exists()
    pages = pdf_text(dialogs.save_to)
    assert len(pages) > 0 and f"({len(pages)} pages)" in screen_text(print_page)
    text = "\n".join(pages)
    assert PERIOD in text
    today_plan = services.plans.plan(period.id, school_day)
    assert today_plan is not None
    titles = [b.task_title for b in today_plan.blocks if b.task_title]
    flowing = " ".join(text.split())  # a long title wraps onto two lines of its cell
    assert titles and all(title in flowing for title in titles), titles

    # Quit; the data folder, opened afresh, has tomorrow's plan.
    quit_app(controller)
    reopened = open_services(demo_folder, clock)
    try:
        assert reopened.plans.plan(period.id, tomorrow) == made
    finally:
        reopened.close()
