"""Shown when the data folder is empty: start with the demo classroom, or with nothing."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from mathroom.ui.widgets.fit import widen_for_long_words


class FirstRunChoice(Enum):
    DEMO = "demo"
    EMPTY = "empty"


class FirstRunDialog(QDialog):
    """``kept`` names the backups an empty classroom sits beside (started empty after damage,
    or an empty backup restored): said first, and the demo is then not the default."""

    def __init__(
        self, data_folder: str, parent: QWidget | None = None, *, kept: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Mathroom")
        self.choice = FirstRunChoice.DEMO
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        title = QLabel("Welcome to Mathroom")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        warning = (
            f"The classroom here is empty, but this folder keeps {kept}: to go back to one, "
            "choose Start with an empty classroom, then Help ▸ Backups.\n\n"
            if kept
            else ""
        )
        text = QLabel(
            warning
            + "Your data folder is empty. The demo classroom has three 7th-grade periods with "
            "65 fictional students, skills, tasks and a planned week, so you can try every page. "
            "When you are ready, File ▸ Start my own classroom… makes an empty one for your "
            "students; the demo stays, to practise on.\n\n"
            f"Data folder: {data_folder}"
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        widen_for_long_words(text)
        layout.addWidget(text)
        self.demo_button = QPushButton("Start with the demo classroom")
        self.demo_button.setObjectName("primary")
        self.demo_button.setDefault(not kept)
        self.empty_button = QPushButton("Start with an empty classroom")
        self.empty_button.setDefault(bool(kept))
        layout.addWidget(self.demo_button)
        layout.addWidget(self.empty_button)
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.empty_button.clicked.connect(self._on_empty_button_clicked)

    def _on_demo_button_clicked(self) -> None:
        self.choice = FirstRunChoice.DEMO
        self.accept()

    def _on_empty_button_clicked(self) -> None:
        self.choice = FirstRunChoice.EMPTY
        self.accept()
