"""The teacher's time, measured: plan a varied new day for all three periods and make the
day's packet, counting every click and key press on the way (target: 40 or fewer).

The walk is the real app on the demo classroom. ``make bench`` runs it and prints the count
(set ``MATHROOM_WALK_REPORT`` to a file and the walk writes its figures there as JSON).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QDialog, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from mathroom.clock import FixedClock
from mathroom.composition import Services
from mathroom.desktop import AppController
from mathroom.domain.plan import BlockKind, DayPlan, next_school_day
from mathroom.paths import DataFolder
from mathroom.ui.main_window import MainWindow
from mathroom.ui.widgets.day_shortcuts import shortcut_days
from tests.e2e.helpers import (
    BACKGROUND_MS,
    Dialogs,
    button,
    free_windows,
    patch_dialogs,
    quit_app,
    screen_text,
    settle,
    start_app,
)
from tests.export.pdf_reading import pdf_text

pytestmark = pytest.mark.e2e

TARGET_ACTIONS = 40
REPORT = "MATHROOM_WALK_REPORT"


@dataclass
class Walk:
    """The teacher's hands: every click and key press goes through here and is counted."""

    qtbot: QtBot
    dialogs: Dialogs
    steps: list[str] = field(default_factory=list)

    @property
    def actions(self) -> int:
        # Each question the app asked was answered with one click.
        return len(self.steps) + len(self.dialogs.questions)

    def click(self, widget: QAbstractButton) -> None:
        assert widget.isVisible() and widget.isEnabled(), f"{widget.text()!r} cannot be clicked"
        self.steps.append(f"click {widget.text()!r}")
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        settle(self.qtbot)

    def sidebar(self, window: MainWindow, title: str) -> QWidget:
        items = window.sidebar.findItems(title, Qt.MatchFlag.MatchExactly)
        assert items, f"no {title!r} in the sidebar"
        view = window.sidebar
        rect = view.visualItemRect(items[0])
        self.steps.append(f"sidebar {title}")
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        settle(self.qtbot)
        page = window.current_page()
        assert page is not None and page.isVisible()
        return page

    def type_number(self, spin: QSpinBox, value: int) -> None:
        """Click into the box, select what is there (Ctrl+A) and type the number."""
        editor = spin.lineEdit()
        assert editor is not None
        self.steps.append("click the box")
        self.qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
        self.steps.append("Ctrl+A")
        self.qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        for key in str(value):
            self.steps.append(f"key {key}")
            self.qtbot.keyClick(editor, key)
        assert spin.value() == value


@pytest.fixture
def app(
    qtbot: QtBot, demo_folder: DataFolder, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[AppController, MainWindow, Walk]]:
    dialogs = patch_dialogs(monkeypatch, Dialogs())
    controller, window = start_app(qtbot, demo_folder, clock)
    try:
        yield controller, window, Walk(qtbot, dialogs)
    finally:
        quit_app(controller)
        free_windows([controller])


def board_tasks(plan: DayPlan | None) -> set[int]:
    assert plan is not None
    return {s.task_id for b in plan.blocks for s in b.stations if s.task_id is not None}


def block_task(plan: DayPlan | None, kind: BlockKind) -> int | None:
    assert plan is not None
    return next((b.task_id for b in plan.blocks if b.kind is kind), None)


def test_plan_a_varied_new_day_for_three_periods_and_make_the_packet_in_few_actions(
    app: tuple[AppController, MainWindow, Walk],
    qtbot: QtBot,
    school_day: date,
    clock: FixedClock,
) -> None:
    controller, window, walk = app
    services: Services | None = controller.services
    assert services is not None
    periods = services.classroom.overview().periods
    assert len(periods) == 3
    day = next_school_day(school_day)

    # Plan: Plan next days… for every period, one day, from the next school day.
    plan_page = walk.sidebar(window, "Plan")

    def in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog), "Plan next days… did not open"
        for box in dialog.findChildren(QCheckBox):
            if box.text().startswith("Period") and not box.isChecked():
                walk.click(box)
        spin = next(s for s in dialog.findChildren(QSpinBox) if s.suffix().endswith("days"))
        walk.type_number(spin, 1)
        walk.click(button(dialog, "Plan"))
        qtbot.waitUntil(lambda: "Planned " in screen_text(dialog), timeout=BACKGROUND_MS * 3)
        walk.click(button(dialog, "Close"))

    QTimer.singleShot(0, in_the_dialog)
    walk.click(button(plan_page, "Plan next days"))
    assert QApplication.activeModalWidget() is None, "Plan next days… is still open"

    # Every period has a new day: tasks it did not have on the school day before.
    for period in periods:
        made = services.plans.plan(period.id, day)
        before = services.plans.plan(period.id, school_day)
        assert board_tasks(made) and not board_tasks(made) & board_tasks(before), period.name
        for kind in (BlockKind.WARMUP, BlockKind.EXIT_TICKET):
            assert block_task(made, kind) is not None, (period.name, kind)
            assert block_task(made, kind) != block_task(before, kind), (period.name, kind)
        assert made is not None and any(b.group_set_id for b in made.blocks), "fresh groups"

    # Print: the next school day's packet for all periods.
    print_page = walk.sidebar(window, "Print")
    walk.click(button(print_page, shortcut_days(clock.today())[1][0]))  # "Next school day"
    walk.click(button(print_page, "Make the day's packet"))
    qtbot.waitUntil(lambda: "Saved " in screen_text(print_page), timeout=BACKGROUND_MS * 3)
    packet = window.print_page.last_export
    assert packet is not None and packet.exists()
    text = "\n".join(pdf_text(packet))
    assert all(period.name in text for period in periods)

    _report(walk)
    assert walk.actions <= TARGET_ACTIONS, walk.steps


def _report(walk: Walk) -> None:
    target = os.environ.get(REPORT)
    if target:
        figures = {"actions": walk.actions, "target": TARGET_ACTIONS, "steps": walk.steps}
        figures["questions"] = list(walk.dialogs.questions)
        Path(target).write_text(json.dumps(figures, indent=2), encoding="utf-8")
