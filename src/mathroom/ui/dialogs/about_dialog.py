"""Help → About: the version and where the data lives."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from mathroom import __version__
from mathroom.paths import DataFolder


class AboutDialog(QDialog):
    def __init__(self, folder: DataFolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Mathroom")
        self._folder = folder
        layout = QVBoxLayout(self)
        title = QLabel(f"Mathroom {__version__}")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.details = QLabel(
            "Planning, grouping and printing for a middle-school math classroom.\n"
            "Everything stays on this computer: Mathroom never uses the network.\n\n"
            f"Data folder: {folder.root}\n"
            f"Database: {folder.database.name}\n"
            f"Backups: {folder.backups}"
        )
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        open_folder = QPushButton("Open data folder")
        buttons.addButton(open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(self._on_open_folder_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _on_open_folder_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder.root)))
