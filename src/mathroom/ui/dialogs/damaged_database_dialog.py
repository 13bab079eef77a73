"""Shown at every start while the database is damaged or gone and the folder keeps backups
or a damaged file set aside (never deleted), until the teacher restores or starts empty."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from mathroom.ui.widgets.fit import widen_for_long_words


class DamagedChoice(Enum):
    RESTORE = "restore"
    START_EMPTY = "start_empty"
    QUIT = "quit"


class DamagedDatabaseDialog(QDialog):
    """``moved_to`` is the damaged file kept aside (None when the data file is just gone);
    ``backup_name`` and ``backup_taken_at`` name the newest backup that passes its check."""

    def __init__(
        self,
        moved_to: Path | None,
        backup_taken_at: datetime | None,
        parent: QWidget | None = None,
        *,
        backup_name: str | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mathroom could not read its data")
        self.choice = DamagedChoice.QUIT
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        lines = [
            problem
            or "Mathroom's data file could not be read; it may have been damaged by a crash or "
            "a full disk."
        ]
        if moved_to is not None and problem is not None and moved_to.name in problem:
            lines.append(f"It is in the folder {moved_to.parent}.")  # named just above
        elif moved_to is not None:
            lines.append(f"The damaged file is kept (not deleted) at:\n{moved_to}")
        if backup_taken_at is not None:
            when = f"{backup_taken_at:%A, %B} {backup_taken_at.day} at {backup_taken_at:%H:%M}"
            named = f" ({backup_name})" if backup_name else ""
            lines.append(f"The newest good backup is from {when}{named}.")
        else:
            lines.append("There is no backup to go back to.")
        lines.append("Until you choose, Mathroom asks again at every start; Quit changes nothing.")
        text = QLabel("\n\n".join(lines))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        widen_for_long_words(text)
        self.text = text
        layout.addWidget(text)
        self.restore_button: QPushButton | None = None
        if backup_taken_at is not None:
            restore = QPushButton("Restore the newest backup")
            restore.setObjectName("primary")
            restore.setDefault(True)
            restore.clicked.connect(lambda: self._choose(DamagedChoice.RESTORE))
            layout.addWidget(restore)
            self.restore_button = restore
        empty = QPushButton("Start with an empty classroom (backups are kept)")
        empty.clicked.connect(lambda: self._choose(DamagedChoice.START_EMPTY))
        quit_button = QPushButton("Quit")
        quit_button.clicked.connect(lambda: self._choose(DamagedChoice.QUIT))
        self.empty_button, self.quit_button = empty, quit_button
        layout.addWidget(empty)
        layout.addWidget(quit_button)

    def _choose(self, choice: DamagedChoice) -> None:
        self.choice = choice
        self.accept()
