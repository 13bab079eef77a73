"""The Groups page opens on the day's saved groups, makes one group per whiteboard, and asks
before the groups and the whiteboards differ in number."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.ids import PeriodId
from mathroom.domain.plan import BlockKind, PlanBlock
from mathroom.ui.main_window import MainWindow
from mathroom.ui.pages.groups_page import GroupsPage
from mathroom.ui.settings import WindowSettings
from mathroom.ui.widgets.group_maker import GroupMaker


def groups_page(qtbot: QtBot, services: Services, tmp_path: Path) -> GroupsPage:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("Groups")
    assert isinstance(page, GroupsPage) and page.period is not None
    return page


def stations(services: Services, period: PeriodId, day: date) -> PlanBlock:
    plan = services.plans.plan(period, day)
    assert plan is not None
    return next(b for b in plan.blocks if b.kind is BlockKind.STATIONS)


def answer(button: str, asked: list[tuple[str, list[str]]]) -> None:
    """Click ``button`` in the next question box, as the teacher would; note what it asked."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        asked.append((box.text(), sorted(b.text() for b in box.buttons())))
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, click)


def make(qtbot: QtBot, maker: GroupMaker, groups: int) -> None:
    before = maker.draft
    maker.shape.group_count.setValue(groups)
    qtbot.mouseClick(maker.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: maker.draft is not before, timeout=10_000)


def test_the_page_opens_on_the_days_saved_groups(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    page = groups_page(qtbot, services, tmp_path)
    assert page.period is not None
    maker = page.maker
    block = stations(services, page.period.id, school_day)
    assert block.group_set_id is not None
    saved = services.classroom.group_set(block.group_set_id)
    assert saved is not None and maker.draft is not None
    assert maker.draft.group_set == saved.id
    assert [set(gl.members()) for gl in maker.lists] == [set(g.members) for g in saved.groups]
    assert maker.status.text().startswith(f"The groups saved for {school_day:%A}: 6 groups")
    assert maker.save_button.isEnabled() and maker.reroll_button.isEnabled()
    assert maker.shape.count() == 6  # new groups: one per whiteboard

    # A day with nothing planned and no groups: nothing to show, groups of three.
    maker.on.setDate(QDate(2001, 1, 1))
    assert maker.draft is None and maker.lists == []
    assert maker.shape.count() is None and maker.shape.chosen_size() == 3
    maker.on.setDate(QDate(school_day.year, school_day.month, school_day.day))
    assert maker.draft is not None and maker.draft.group_set == saved.id

    # Saving them again unchanged is not a second meeting.
    history = len(services.classroom.group_sets(page.period.id))
    qtbot.mouseClick(maker.save_button, Qt.MouseButton.LeftButton)
    assert len(services.classroom.group_sets(page.period.id)) == history
    assert "Saved" in maker.status.text()


def test_new_groups_default_to_the_plans_whiteboards(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    period = services.classroom.overview().periods[0]
    later = school_day + timedelta(days=7)  # next week: planned from a template, no groups
    template = next(t for t in services.plans.templates() if t.name == "Stations 3 × 15 min")
    services.plans.start_from_template(period.id, later, template)
    page = groups_page(qtbot, services, tmp_path)
    maker = page.maker
    maker.on.setDate(QDate(later.year, later.month, later.day))
    assert maker.draft is None
    assert maker.shape.count() == 3 and maker.shape.group_count.isVisible()
    assert not maker.shape.group_size.isVisible()
    assert "The plan has 3 whiteboards" in maker.status.text()
    before = maker.draft
    qtbot.mouseClick(maker.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: maker.draft is not before, timeout=10_000)
    assert len(maker.lists) == 3
    qtbot.mouseClick(maker.save_button, Qt.MouseButton.LeftButton)  # 3 groups, 3 boards: saved
    block = stations(services, period.id, later)
    assert [s.group_number for s in block.stations] == [1, 2, 3]


def test_more_groups_than_whiteboards_is_a_question(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    page = groups_page(qtbot, services, tmp_path)
    assert page.period is not None
    period, maker = page.period.id, page.maker
    planned = stations(services, period, school_day)
    history = len(services.classroom.group_sets(period))
    asked: list[tuple[str, list[str]]] = []

    # Keep the 6 boards: 6 groups are made instead, and nothing is saved yet.
    make(qtbot, maker, 7)
    assert len(maker.lists) == 7
    dealt = maker.draft
    answer("Keep 6 boards and make 6 groups", asked)
    qtbot.mouseClick(maker.save_button, Qt.MouseButton.LeftButton)
    assert asked[-1] == (
        "The plan has 6 whiteboards; you made 7 groups.",
        [
            "Add a 7th whiteboard (same task as board 1)",
            "Cancel",
            "Keep 6 boards and make 6 groups",
        ],
    )
    qtbot.waitUntil(lambda: maker.draft is not dealt, timeout=10_000)
    assert len(maker.lists) == 6
    assert len(services.classroom.group_sets(period)) == history
    assert stations(services, period, school_day) == planned

    # Cancel: nothing changes, the 7 groups stay on screen.
    make(qtbot, maker, 7)
    answer("Cancel", asked)
    qtbot.mouseClick(maker.save_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and len(maker.lists) == 7
    assert "Not saved" in maker.status.text()
    assert stations(services, period, school_day) == planned

    # Add a 7th whiteboard: only now does the plan get one, with board 1's task.
    answer("Add a 7th whiteboard (same task as board 1)", asked)
    qtbot.mouseClick(maker.save_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 3
    after = stations(services, period, school_day)
    assert [s.task_id for s in after.stations] == [
        *(s.task_id for s in planned.stations),
        planned.stations[0].task_id,
    ]
    # The new set replaces the day's planned one (its stations held it), in the history too.
    replaced = planned.group_set_id is not None
    assert len(services.classroom.group_sets(period)) == history + (0 if replaced else 1)
    assert maker.draft is not None and maker.draft.group_set == after.group_set_id


def test_fewer_groups_than_whiteboards_is_a_question_too(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    page = groups_page(qtbot, services, tmp_path)
    assert page.period is not None
    period, maker = page.period.id, page.maker
    planned = stations(services, period, school_day)
    asked: list[tuple[str, list[str]]] = []
    make(qtbot, maker, 5)
    answer("Use 5 whiteboards (board 6 and its task left out)", asked)
    qtbot.mouseClick(maker.save_button, Qt.MouseButton.LeftButton)
    assert asked[0][0] == "The plan has 6 whiteboards; you made 5 groups."
    after = stations(services, period, school_day)
    assert [s.task_id for s in after.stations] == [s.task_id for s in planned.stations[:5]]
