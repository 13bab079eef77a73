"""The main window over the demo classroom: every page reachable and showing real data."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFrame, QLabel
from pytestqt.qtbot import QtBot

from mathroom.clock import FixedClock
from mathroom.composition import Services
from mathroom.domain.plan import school_week, teaching_day
from mathroom.domain.roster import DisplayNameStyle
from mathroom.export.packet_model import Section
from mathroom.services.changes import Change
from mathroom.ui.dialogs.profile_dialog import ProfileDialog
from mathroom.ui.dialogs.settings_dialog import SettingsDialog
from mathroom.ui.main_window import MainWindow
from mathroom.ui.pages import directory
from mathroom.ui.pages.groups_page import GroupsPage
from mathroom.ui.pages.plan_page import PlanPage
from mathroom.ui.pages.print_page import PrintPage
from mathroom.ui.pages.rosters_page import RostersPage
from mathroom.ui.pages.skills_page import SkillsPage
from mathroom.ui.pages.tasks_page import TasksPage
from mathroom.ui.pages.today_page import TodayPage
from mathroom.ui.settings import WindowSettings

LEVEL_WORDS = ("Not yet", "Getting there", "Got it", "Extending")


def make_window(qtbot: QtBot, services: Services, settings_path: Path) -> MainWindow:
    window = MainWindow(services, WindowSettings(settings_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def click_sidebar(qtbot: QtBot, window: MainWindow, row: int) -> None:
    item = window.sidebar.item(row)
    rect = window.sidebar.visualItemRect(item)
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_every_page_is_reachable_and_shows_the_demo(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = make_window(qtbot, services, tmp_path / "w.ini")
    assert window.period_combo.count() == 3
    for row, page in enumerate(window.pages):
        click_sidebar(qtbot, window, row)
        assert window.current_page() is page
        assert page.isVisible()

    today = window.pages[0]
    assert isinstance(today, TodayPage)
    assert today.timeline.table.rowCount() == 7
    assert today.groups_grid.count() >= 6
    assert "filled" in today.timeline.banner.text()

    rosters = window.pages[1]
    assert isinstance(rosters, RostersPage)
    assert rosters.proxy.rowCount() == 22
    click_sidebar(qtbot, window, 1)
    qtbot.keyClicks(rosters.search, "zz-nobody")
    assert rosters.proxy.rowCount() == 0
    rosters.search.clear()
    assert rosters.proxy.rowCount() == 22

    skills = window.pages[2]
    assert isinstance(skills, SkillsPage)
    everything = skills.proxy.rowCount()
    assert everything >= 60
    skills.grade.setCurrentIndex(1)  # grade 7 only
    assert 0 < skills.proxy.rowCount() < everything
    assert "Most need" in skills.summary.text()

    groups = window.pages[3]
    assert isinstance(groups, GroupsPage)
    assert groups.history.count() >= 9
    assert groups.grid.count() >= 6

    tasks = window.pages[4]
    assert isinstance(tasks, TasksPage)
    assert tasks.proxy.rowCount() >= 60
    assert tasks._print_jobs is services.print_jobs  # its task cards print as documents
    click_sidebar(qtbot, window, 4)
    qtbot.keyClicks(tasks.search, "integer")
    assert 0 < tasks.proxy.rowCount() < tasks.model.rowCount()
    assert tasks.detail.toPlainText()

    plan = window.pages[6]  # after Tasks and Units
    assert isinstance(plan, PlanPage)
    assert plan.week.rowCount() == 3 and plan.week.columnCount() == 5
    assert plan.card.blocks.count() == 7


def test_switching_period_updates_the_pages(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = make_window(qtbot, services, tmp_path / "w.ini")
    rosters = window.show_page("Rosters")
    assert isinstance(rosters, RostersPage)
    window.period_combo.setCurrentIndex(1)
    assert window.current_period is not None and window.current_period.name == "Period 3"
    assert rosters.proxy.rowCount() == 21
    assert "Period 3" in rosters.summary.text()


@pytest.mark.any_date  # window geometry, not dates
def test_window_size_position_and_page_are_remembered(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    settings = tmp_path / "w.ini"
    window = make_window(qtbot, services, settings)
    window.resize(777, 555)  # the offscreen screen is 800×800; stay inside it
    window.move(QPoint(12, 30))
    window.show_page("Tasks")
    window.period_combo.setCurrentIndex(2)
    window.close()
    again = make_window(qtbot, services, settings)
    assert (again.width(), again.height()) == (777, 555)
    assert again.current_page() is again.pages[4]
    assert again.current_period is not None and again.current_period.name == "Period 5"


def test_print_page_makes_and_previews_the_days_packet(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = make_window(qtbot, services, tmp_path / "w.ini")
    page = window.show_page("Print")
    assert isinstance(page, PrintPage)
    page.periods.setCurrentIndex(1)  # just the first period
    page.sections[Section.PRACTICE].setChecked(False)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.save_button.isEnabled(), timeout=30_000)
    assert page.last_export is not None and page.last_export.exists(), page.status.text()
    assert page.preview.page_count() > 10
    assert "Saved" in page.status.text()
    page.preview.draw_visible()
    first = page.preview._pages[0].pixmap()
    assert not first.isNull() and first.width() > 100  # the cover is drawn, not a blank box
    copy = tmp_path / "usb" / "for-the-office"
    copy.parent.mkdir()
    page.preview.save_copy(copy)
    assert (tmp_path / "usb" / "for-the-office.pdf").read_bytes() == page.last_export.read_bytes()

    page.day.setDate(page.day.date().addDays(6))  # the Sunday after the demo week
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.save_button.isEnabled(), timeout=30_000)
    assert "Nothing is planned" in page.status.text()


def test_projector_shows_groups_but_nothing_private(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = make_window(qtbot, services, tmp_path / "w.ini")
    qtbot.mouseClick(window.projector_button, Qt.MouseButton.LeftButton)
    projector = window.projector
    assert projector is not None
    qtbot.addWidget(projector)
    qtbot.waitExposed(projector)
    shown = projector.visible_text()
    period = window.current_period
    assert period is not None
    roster = services.classroom.roster(period.id)
    assert any(entry.display_name in shown for entry in roster)
    for word in LEVEL_WORDS:
        assert word not in shown
    for entry in roster:
        number = entry.student.student_number
        assert number is None or number not in shown
        family = entry.student.family_name
        assert len(family) < 3 or family not in shown  # initials only, never full names
    assert "conflict" not in shown.casefold()
    image = projector.grab()
    assert not image.isNull()


def test_the_projector_remembers_the_screen_the_teacher_chose(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    settings = tmp_path / "w.ini"
    window = make_window(qtbot, services, settings)
    window.open_projector()
    panel = window.projector_panel
    assert panel is not None and window.projector is not None
    qtbot.addWidget(window.projector)
    panel.screen_combo.setCurrentIndex(0)  # "A window on this laptop"
    panel.screen_combo.activated.emit(0)
    assert not window.projector.isFullScreen()
    assert WindowSettings(settings).projector_screen() == ""


def test_about_shows_version_and_data_folder(qtbot: QtBot, services: Services) -> None:
    from mathroom import __version__
    from mathroom.ui.dialogs.about_dialog import AboutDialog

    dialog = AboutDialog(services.folder)
    qtbot.addWidget(dialog)
    assert str(services.folder.root) in dialog.details.text()
    assert __version__ in dialog.windowTitle() + dialog.findChildren(type(dialog.details))[0].text()


def test_projector_text_fits_and_stays_readable_at_720p(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = make_window(qtbot, services, tmp_path / "w.ini")
    window.open_projector()
    projector = window.projector
    assert projector is not None
    qtbot.addWidget(projector)
    for width, height in ((1920, 1080), (1280, 720)):
        projector.resize(width, height)

        def resized(w: int = width, h: int = height) -> bool:
            return (projector.width(), projector.height()) == (w, h)

        qtbot.waitUntil(resized)
        sizes = [
            label.font().pixelSize()
            for label in projector.findChildren(QLabel)
            if label.isVisible() and label.text()
        ]
        assert sizes and min(sizes) >= height / 30

        def lowest_card_edge() -> int:
            return max(
                card.mapTo(projector, card.rect().bottomLeft()).y()
                for card in projector.findChildren(QFrame)
            )

        # nothing is pushed off the bottom of the screen once the layout settles
        def settled(h: int = height) -> bool:
            return lowest_card_edge() <= h

        qtbot.waitUntil(settled, timeout=3000)


def test_marking_absent_on_today_takes_the_name_off_the_projector(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = make_window(qtbot, services, tmp_path / "w.ini")
    window.open_projector()
    projector = window.projector
    assert projector is not None
    qtbot.addWidget(projector)
    today = window.today_page
    item = today.attendance.item(0)
    assert item is not None
    name = today._entries[0].display_name
    assert name in projector.visible_text()
    rect = today.attendance.visualItemRect(item)
    qtbot.mouseClick(today.attendance.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(today.attendance, Qt.Key.Key_A)
    assert "absent" in today.attendance.item(0).text()
    assert "1 absent" in today.attendance_summary.text()
    assert name not in projector.visible_text().split("\n")


def test_profile_opens_from_the_roster_and_saves_a_pdf(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = make_window(qtbot, services, tmp_path / "w.ini")
    rosters = window.show_page("Rosters")
    assert isinstance(rosters, RostersPage)
    rosters.table.selectRow(0)
    student = rosters.selected_students()[0]
    with qtbot.waitSignal(rosters.profile_requested):
        qtbot.mouseClick(rosters.profile_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ProfileDialog)
    assert isinstance(dialog, ProfileDialog)
    assert student.family_name in dialog.browser.toPlainText()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10_000)
    assert dialog.saved is not None and dialog.saved.path.exists()
    dialog.close()


def test_the_window_notices_a_new_day(
    qtbot: QtBot, services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    window = make_window(qtbot, services, tmp_path / "w.ini")
    assert not window.check_day()  # same day: nothing to do
    before = window.date_label.text()
    clock.advance(timedelta(days=1))  # midnight passes, or the laptop wakes up
    with qtbot.waitSignal(window.day_changed) as changed:
        assert window.check_day()
    tomorrow = clock.today()
    assert changed.args == [tomorrow]
    assert window.date_label.text() != before
    assert window.date_label.text().startswith(f"{tomorrow:%A, %B} {tomorrow.day}")
    shown = window.today_page.day
    assert shown == teaching_day(tomorrow)
    assert f"{shown:%A, %B} {shown.day}" in window.today_page.date_label.text()


def test_on_a_weekend_the_today_page_shows_the_coming_monday_and_says_so(
    qtbot: QtBot, services: Services, tmp_path: Path, clock: FixedClock, school_day: date
) -> None:
    monday = school_week(school_day)[0]
    saturday = monday - timedelta(days=2)
    clock.set(datetime.combine(saturday, time(19, 0)))  # planning on Saturday evening
    window = make_window(qtbot, services, tmp_path / "w.ini")
    page = window.today_page
    assert page.day == monday
    assert page.day_note.isVisible()
    assert "No school today (Saturday)" in page.day_note.text()
    assert f"Monday, {monday:%B} {monday.day}" in page.day_note.text()
    assert page.date_label.text().endswith(f"Monday, {monday:%B} {monday.day}")
    assert page.timeline.table.rowCount() == 7  # Monday's plan, not an empty Saturday
    assert window.date_label.text().startswith("Saturday")  # the header keeps the real date
    plan_page = window.show_page("Plan")
    assert isinstance(plan_page, PlanPage)
    assert plan_page.days == list(school_week(school_day))  # the coming week, no Saturday


def test_on_a_school_day_there_is_no_weekend_note(
    qtbot: QtBot, services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    monday = school_week(clock.today())[0]
    clock.set(datetime.combine(monday, time(7, 30)))
    window = make_window(qtbot, services, tmp_path / "w.ini")
    assert window.today_page.day == monday
    assert not window.today_page.day_note.isVisible()


def test_a_setting_saved_reaches_every_page_through_one_broadcast(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    heard: list[object] = []
    window.ops.changed.connect(lambda changes, _origin: heard.append(changes))
    assert window.today_page.attendance.item(0).text().endswith("Nasrin A.")
    dialog = SettingsDialog(window.ops, services.roster, services.evidence, window)
    qtbot.addWidget(dialog)
    dialog.style_combo.setCurrentIndex(dialog.style_combo.findData(DisplayNameStyle.FIRST_LAST))
    dialog.buttons.accepted.emit()
    assert services.roster.display_style() is DisplayNameStyle.FIRST_LAST
    assert heard == [Change.EVERYTHING]
    assert window.today_page.attendance.item(0).text().endswith("Nasrin Ahmadi")
    period = window.current_period
    assert period is not None
    assert "Nasrin Ahmadi" in [e.display_name for e in services.classroom.roster(period.id)]


@pytest.mark.any_date  # which page, not which day
def test_the_window_reopens_on_whichever_page_was_last_shown(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    """Pages are built when first shown, the remembered one while the window is made: each
    must be buildable that early (the Library page once needed the window's pull schedule)."""
    titles = [entry.title for entry in directory.SIDEBAR]
    for row, title in enumerate(titles):
        settings = tmp_path / f"{row}.ini"
        remembered = WindowSettings(settings)
        remembered.set_last_page(row)
        remembered.sync()
        window = make_window(qtbot, services, settings)
        page = window.current_page()
        assert page is not None and page.title == title
        assert window.sidebar.currentRow() == row
        window.close()
