"""Shortcuts are shown where the mouse goes: menus, the sidebar's and buttons' tooltips."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.ui.main_window import MainWindow
from mathroom.ui.pages.rosters_page import RostersPage
from mathroom.ui.settings import WindowSettings
from mathroom.ui.widgets.shortcut_hint import with_keys

pytestmark = pytest.mark.any_date  # the same on any day: keys, not dates


def test_a_tooltip_names_the_keys_as_the_system_writes_them() -> None:
    assert with_keys("Edit", "Return") == "Edit (Return)"
    native = QKeySequence("Ctrl+I").toString(QKeySequence.SequenceFormat.NativeText)
    assert with_keys("Import", "Ctrl+I") == f"Import ({native})"
    assert with_keys("Nothing", "") == "Nothing"


def test_every_page_and_the_roster_buttons_name_their_shortcuts(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    for row in range(window.sidebar.count()):
        item = window.sidebar.item(row)
        assert item is not None
        keys = QKeySequence(f"Ctrl+{(row + 1) % 10}").toString(
            QKeySequence.SequenceFormat.NativeText
        )
        assert item.toolTip().endswith(f"({keys})"), item.text()
        assert window.page_actions[row].shortcut().toString() == f"Ctrl+{(row + 1) % 10}"
    rosters = window.show_page("Rosters")
    assert isinstance(rosters, RostersPage)
    assert rosters.edit_button.toolTip().endswith("(Return)")
    delete = QKeySequence(QKeySequence.StandardKey.Delete).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert rosters.archive_button.toolTip().endswith(f"({delete})")
    assert "Ctrl+I" in rosters.import_button.toolTip()
    assert "Ctrl+P" in window.projector_button.toolTip()
