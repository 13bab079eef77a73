"""The Groups page's maker: make groups, move a student, lock, re-roll, save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.ui.main_window import MainWindow
from mathroom.ui.pages.groups_page import GroupsPage
from mathroom.ui.settings import WindowSettings
from mathroom.ui.widgets.group_maker import GroupMaker

# The group maker reads the same on any day (the grouping service covers the calendar): no
# reruns on calendar dates.
pytestmark = pytest.mark.any_date


def _fresh_groups(qtbot: QtBot, window: MainWindow) -> GroupMaker:
    """The Groups page's maker after Make groups (it opens on the day's saved groups)."""
    window.show()
    page = window.show_page("Groups")
    assert isinstance(page, GroupsPage)
    maker = page.maker
    saved = maker.draft
    qtbot.mouseClick(maker.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: maker.draft is not saved, timeout=10_000)
    return maker


def test_make_move_lock_reroll_save(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    period = window.current_period
    assert period is not None
    sets = services.classroom.group_sets(period.id)
    other_days = len([v for v in sets if v.group_set.made_on != school_day])
    maker = _fresh_groups(qtbot, window)
    assert len(maker.lists) == 6  # one group per whiteboard of the day's plan
    assert sum(gl.count() for gl in maker.lists) == 22

    # move one student from group 1 to group 2 (what a drag does to the two lists)
    first, second = maker.lists[0], maker.lists[1]
    moved = first.takeItem(0)
    assert moved is not None
    second.addItem(moved)
    draft = maker.current_draft()
    assert draft is not None
    assert len(draft.groups[1].members) == len(second.members())

    # lock the moved student and another member of group 2, then re-roll the rest
    keep = [second.item(i) for i in range(2)]
    for item in keep:
        assert item is not None
        item.setCheckState(Qt.CheckState.Checked)
    kept = {int(item.data(Qt.ItemDataRole.UserRole)) for item in keep if item is not None}
    old = maker.draft
    qtbot.mouseClick(maker.reroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: maker.draft is not old, timeout=10_000)
    assert maker.draft is not None
    group_two = next(g for g in maker.draft.groups if g.number == 2)
    assert kept <= {int(s) for s in group_two.members}

    qtbot.mouseClick(maker.save_button, Qt.MouseButton.LeftButton)
    # The new set replaces the day's earlier one, in the history too.
    assert len(services.classroom.group_sets(period.id)) == other_days + 1
    assert "Saved" in maker.status.text()


def test_saving_updates_past_groups_and_the_matrix(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("Groups")
    assert isinstance(page, GroupsPage)
    before = page.history.count()
    assert page.period is not None
    counted = services.grouping_rules.pair_matrix(page.period.id).sets
    had_day = any(
        v.group_set.made_on == school_day for v in services.classroom.group_sets(page.period.id)
    )
    saved = page.maker.draft
    page.maker.make()
    qtbot.waitUntil(lambda: page.maker.draft is not saved, timeout=10_000)
    draft = page.maker.draft
    assert draft is not None and draft.on == school_day  # on a weekend: the coming Monday
    page.maker.save()
    # A day's new groups replace its old ones: the history and the matrix count it once.
    assert page.history.count() == before + (0 if had_day else 1)
    # The matrix counts sets up to today: Monday's new set is history only once it comes.
    counted += 1 if school_day == services.clock.today() and not had_day else 0
    assert f"last {counted} group sets" in page.matrix.summary.text()


def test_a_student_moves_between_groups_from_the_keyboard(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    maker = _fresh_groups(qtbot, window)
    first, second, last = maker.lists[0], maker.lists[1], maker.lists[-1]
    sizes = [gl.count() for gl in maker.lists]
    first.setFocus()
    first.setCurrentRow(0)
    student = first.members()[0]
    qtbot.keyClick(first, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert student in second.members() and student not in first.members()
    assert second.currentItem() is not None and second.hasFocus()
    qtbot.keyClick(second, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(first, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)  # wraps round
    assert student in last.members()
    assert sum(gl.count() for gl in maker.lists) == sum(sizes)
    draft = maker.current_draft()
    assert draft is not None and student in draft.groups[-1].members  # what Save would keep
    assert "Ctrl+→" in maker.status.text()
