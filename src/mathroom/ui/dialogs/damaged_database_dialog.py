"""Shown at start when the database failed its check: it was moved aside, never deleted."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget


class DamagedChoice(Enum):
    RESTORE = "restore"
    START_EMPTY = "start_empty"
    QUIT = "quit"


class DamagedDatabaseDialog(QDialog):
    def __init__(
        self,
        moved_to: Path,
        backup_taken_at: datetime | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mathroom could not read its data")
        self.choice = DamagedChoice.QUIT
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        lines = [
            "Mathroom's data file could not be read; it may have been damaged by a crash or a "
            "full disk.",
            f"It was moved aside (not deleted) to:\n{moved_to}",
        ]
        if backup_taken_at is not None:
            when = f"{backup_taken_at:%A, %B} {backup_taken_at.day} at {backup_taken_at:%H:%M}"
            lines.append(f"The newest good backup is from {when}.")
        else:
            lines.append("There is no backup to go back to.")
        text = QLabel("\n\n".join(lines))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        if backup_taken_at is not None:
            restore = QPushButton("Restore the newest backup")
            restore.setObjectName("primary")
            restore.setDefault(True)
            restore.clicked.connect(lambda: self._choose(DamagedChoice.RESTORE))
            layout.addWidget(restore)
        empty = QPushButton("Start with an empty classroom")
        empty.clicked.connect(lambda: self._choose(DamagedChoice.START_EMPTY))
        quit_button = QPushButton("Quit")
        quit_button.clicked.connect(lambda: self._choose(DamagedChoice.QUIT))
        layout.addWidget(empty)
        layout.addWidget(quit_button)

    def _choose(self, choice: DamagedChoice) -> None:
        self.choice = choice
        self.accept()
