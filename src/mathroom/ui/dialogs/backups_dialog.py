"""Help → Backups: list the backups, make one now, restore one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mathroom.services.maintenance import BackupEntry, MaintenanceService
from mathroom.ui import theme
from mathroom.ui.widgets.fit import resize_within_screen


def _size(num_bytes: int) -> str:
    return (
        f"{num_bytes / 1024:.0f} KB"
        if num_bytes < 1024 * 1024
        else (f"{num_bytes / 1024 / 1024:.1f} MB")
    )


class BackupsDialog(QDialog):
    """Restoring is delegated to ``restore`` (the app closes the database around it)."""

    def __init__(
        self,
        maintenance: MaintenanceService,
        restore: Callable[[Path], None],
        parent: QWidget | None = None,
        *,
        confirm: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        resize_within_screen(self, 640, 420)
        self._maintenance = maintenance
        self._restore = restore
        self._confirm = confirm or self._ask
        self._entries: list[BackupEntry] = []
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Mathroom backs up your data before every update, import or bulk change, and when "
            "it starts after changes. Older backups are thinned to one a day, a week, a month.\n"
            f"Folder: {maintenance.folder.backups}"
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Taken", "Why", "Size"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton(theme.icon("backup"), "Back up now")
        self.restore_button = QPushButton("Restore selected…")
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self.refresh()

    def refresh(self) -> None:
        self._entries = self._maintenance.backups()
        self.table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            taken = f"{entry.taken_at:%a %b} {entry.taken_at.day}, {entry.taken_at:%Y  %H:%M}"
            for column, text in enumerate((taken, entry.reason_label, _size(entry.size_bytes))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if not self._entries:
            self.status.setText("No backups yet.")
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _on_backup_button_clicked(self) -> None:
        path = self._maintenance.backup_now()
        self.refresh()
        self.status.setText(f"Backup written: {path.name}")

    def _on_restore_button_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        entry = self._entries[rows[0].row()]
        when = f"{entry.taken_at:%A, %B} {entry.taken_at.day} at {entry.taken_at:%H:%M}"
        question = (
            f"Go back to the data as it was on {when}?\n\n"
            "Your current data is backed up first, so this can be undone from this list."
        )
        if not self._confirm(question):
            return
        self._restore(entry.path)
        self.refresh()
        self.status.setText(f"Restored the backup from {when}.")

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Restore a backup", question)
        return answer == QMessageBox.StandardButton.Yes
