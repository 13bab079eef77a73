"""The dialogs a first start can show: a second Mathroom is told in plain words where the open
one is, and every dialog uses the app's type sizes (only a dialog's title is larger)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from mathroom.clock import FixedClock
from mathroom.desktop import AppController
from mathroom.instance_lock import InstanceLock, InstanceLockedError
from mathroom.paths import DataFolder
from mathroom.ui import theme
from mathroom.ui.dialogs.already_open_dialog import already_open_box
from mathroom.ui.dialogs.damaged_database_dialog import DamagedDatabaseDialog
from mathroom.ui.dialogs.first_run_dialog import FirstRunDialog

pytestmark = pytest.mark.any_date  # the same on any day: dialogs, not dates


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The app's font and style sheet as `mathroom` sets them, undone after the test."""
    font, sheet = qapp.font(), qapp.styleSheet()
    theme.apply(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def test_a_second_start_says_where_the_open_mathroom_is(
    demo_folder: DataFolder, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, clock: FixedClock
) -> None:
    holder = InstanceLock(demo_folder.lock_file)
    holder.acquire()  # the first Mathroom (a lock is per open file: this process can test it)
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    controller = AppController(demo_folder, clock)
    try:
        assert not controller.start()
    finally:
        controller.shutdown()
        holder.release()
    assert len(shown) == 1
    box = shown[0]
    qtbot.addWidget(box)
    assert box.windowTitle() == "Mathroom is already open"
    main = f"{box.text()}\n{box.informativeText()}"
    assert "already open" in main and "Alt+Tab" in main and "taskbar" in main
    for jargon in (socket.gethostname(), "--data-dir", "process", "lock", str(demo_folder.root)):
        assert jargon not in main, jargon
    assert all(not char.isdigit() for char in main)  # no process id
    details = box.detailedText()
    assert "process" in details and str(demo_folder.lock_file) in details


def test_details_name_the_process_when_it_is_known(qtbot: QtBot, tmp_path: Path) -> None:
    box = already_open_box(InstanceLockedError(tmp_path / "mathroom.lock", 4321))
    qtbot.addWidget(box)
    assert "process 4321" in box.detailedText() and "4321" not in box.informativeText()
    unknown = already_open_box(InstanceLockedError(tmp_path / "mathroom.lock", None))
    qtbot.addWidget(unknown)
    assert "another process" in unknown.detailedText()


def dialog_fonts(dialog: QDialog) -> set[tuple[str, float, int]]:
    """The family, size and pixel size of every label and button but a dialog's title."""
    widgets = [*dialog.findChildren(QLabel), *dialog.findChildren(QAbstractButton)]
    return {
        (w.font().family(), w.font().pointSizeF(), w.fontInfo().pixelSize())
        for w in widgets
        if w.objectName() != "pageTitle" and (not isinstance(w, QLabel) or w.text())
    }


def test_every_start_dialog_uses_the_app_font(
    themed: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    app_font = QFont(themed.font())
    dialogs: list[QDialog] = [
        DamagedDatabaseDialog(tmp_path / "mathroom.sqlite.corrupt", datetime(2026, 11, 20, 7)),
        DamagedDatabaseDialog(tmp_path / "mathroom.sqlite.corrupt", None),
        FirstRunDialog(str(tmp_path)),
        already_open_box(InstanceLockedError(tmp_path / "mathroom.lock", 77)),
        QMessageBox(QMessageBox.Icon.Critical, "Mathroom cannot open its data", "Plain words."),
    ]
    seen = set()
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        fonts = dialog_fonts(dialog)
        assert fonts, type(dialog).__name__
        seen |= fonts
    assert {(family, size) for family, size, _px in seen} == {
        (app_font.family(), app_font.pointSizeF())
    }
    assert len({px for _f, _s, px in seen}) == 1
