"""Shown when a second Mathroom is started on the same classroom: where the open one is.

The main text is for the teacher (plain words, how to find that window); the process id and
the lock file are for whoever helps them, under "Show Details…"."""

from __future__ import annotations

import socket

from PySide6.QtWidgets import QMessageBox, QWidget

from mathroom.instance_lock import InstanceLockedError

TITLE = "Mathroom is already open"
HOW_TO_FIND = (
    "Mathroom is already open on this computer, so it was not opened a second time.\n\n"
    "Look for its window in the taskbar (or the Dock), or press Alt+Tab to switch to it. "
    "It may be behind other windows or minimized.\n\n"
    "If Mathroom is busy with a command (an import or a printout), wait until it has "
    "finished, then open Mathroom again."
)


def already_open_box(error: InstanceLockedError, parent: QWidget | None = None) -> QMessageBox:
    """The message box, not yet shown (tests read it; the caller runs ``exec``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(TITLE)
    box.setText(TITLE)
    box.setInformativeText(HOW_TO_FIND)
    holder = f"process {error.pid}" if error.pid is not None else "another process"
    box.setDetailedText(
        f"The classroom's lock file {error.lock_path} is held by {holder} "
        f"on {socket.gethostname()}. One Mathroom runs per data folder; --data-dir (or "
        "MATHROOM_DATA_DIR) opens another folder."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box
