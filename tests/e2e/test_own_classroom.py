"""From the demo to the teacher's own classroom and back, through the real window: File ▸ Start
my own classroom…, the empty classroom's welcome leading to the roster import, File ▸ Switch
classroom ▸ Demo classroom."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mathroom.clock import FixedClock
from mathroom.desktop import AppController
from mathroom.paths import DataFolder
from mathroom.ui.dialogs.import_roster_dialog import ImportRosterDialog
from mathroom.ui.dialogs.new_classroom_dialog import NewClassroomDialog
from mathroom.ui.main_window import MainWindow
from tests.e2e.helpers import (
    BACKGROUND_MS,
    click,
    free_windows,
    open_page,
    quit_app,
    screen_text,
    start_app,
)

pytestmark = pytest.mark.e2e
# Set MATHROOM_SCREENSHOTS=DIR to keep what the teacher sees, for a look by eye.
SHOTS = os.environ.get("MATHROOM_SCREENSHOTS")


def shot(widget: object, name: str) -> None:
    if SHOTS and hasattr(widget, "grab"):
        widget.grab().save(str(Path(SHOTS) / f"classroom-{name}.png"))


def next_window(qtbot: QtBot, controller: AppController, old: MainWindow) -> MainWindow:
    """The window that opens in place of ``old`` once the switch has run."""
    qtbot.waitUntil(lambda: controller.window is not old, timeout=BACKGROUND_MS)
    window = controller.window
    assert window is not None
    qtbot.waitExposed(window)
    return window


def test_own_classroom_and_back_to_the_demo(
    qtbot: QtBot, demo_folder: DataFolder, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller, demo_window = start_app(qtbot, demo_folder, clock)
    try:
        assert demo_window.windowTitle() == "Mathroom — Demo classroom"
        assert demo_window.classroom_label.text() == "Demo classroom"
        assert demo_window.period_combo.count() == 3 and demo_window.welcome.isHidden()

        # File ▸ Start my own classroom…: the teacher types a name and presses the button.
        def fill_in(dialog: NewClassroomDialog) -> int:
            dialog.show()
            text = screen_text(dialog)
            assert "Comes along from Demo classroom: the skill map, the task bank" in text
            assert "Stays behind: students, periods, day plans" in text
            assert not dialog.start_button.isEnabled()
            dialog.name_edit.setText("Demo classroom")
            dialog.start_button.click()
            assert "already a classroom called 'Demo classroom'" in dialog.problem.text()
            dialog.name_edit.setText("Room 14, 2026-27")
            shot(dialog, "new-dialog")
            dialog.start_button.click()
            return dialog.result()

        monkeypatch.setattr(NewClassroomDialog, "exec", fill_in)
        demo_window.new_classroom_action.trigger()
        own = next_window(qtbot, controller, demo_window)
        assert not demo_window.isVisible()

        assert own.windowTitle() == "Mathroom — Room 14, 2026-27"
        assert own.period_combo.count() == 0
        assert own.welcome.isVisible() and not own.stack.isVisible()
        text = screen_text(own)
        assert "Welcome to Room 14, 2026-27" in text
        assert "No students or periods yet" in text and "tasks)" in text
        shot(own, "welcome")
        assert (demo_folder.root / "classrooms" / "room-14-2026-27" / "mathroom.lock").exists()

        # The big button opens the roster import wizard.
        click(qtbot, own.welcome.import_button)
        wizards = [d for d in own.findChildren(ImportRosterDialog) if d.isVisible()]
        assert len(wizards) == 1
        shot(wizards[0], "import-wizard")
        wizards[0].reject()

        # The skills and tasks came along: the Tasks page lists them.
        open_page(qtbot, own, "Tasks")
        assert own.welcome.isHidden()
        assert "Demo" not in own.classroom_label.text()

        # File ▸ Switch classroom ▸ Demo classroom: the demo students are back.
        own.fill_switch_menu()
        entries = {a.text(): a for a in own.switch_menu.actions()}
        assert list(entries) == ["Demo classroom", "Room 14, 2026-27"]
        assert entries["Room 14, 2026-27"].isChecked()
        entries["Demo classroom"].trigger()
        back = next_window(qtbot, controller, own)
        assert back.windowTitle() == "Mathroom — Demo classroom"
        assert back.period_combo.count() == 3
        assert back.period_combo.itemText(0).startswith("Period 1 · ")
        assert back.welcome.isHidden()
        shot(back, "demo-again")
        QApplication.processEvents()
    finally:
        quit_app(controller)
        free_windows([controller])
    # Next start opens the demo (the last one chosen).
    assert controller.classrooms.open_one().name == "Demo classroom"
