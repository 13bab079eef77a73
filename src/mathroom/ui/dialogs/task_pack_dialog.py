"""Import a colleague's task pack: see what is new, what is already here, decide duplicates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError
from mathroom.domain.tasks import TaskMatch
from mathroom.services.changes import Change
from mathroom.services.tasks import DuplicateChoice, ImportReport, PackPreview, TaskService
from mathroom.ui.operations import Operations
from mathroom.ui.widgets.fit import resize_within_screen

_MATCH_WORDS = {
    TaskMatch.NEW: "New",
    TaskMatch.SAME: "Already in your bank (skipped)",
    TaskMatch.DUPLICATE: "Same name, different content",
}


class TaskPackDialog(QDialog):
    """Shows a pack's preview; nothing is written until Import is pressed."""

    def __init__(
        self,
        ops: Operations,
        tasks: TaskService,
        path: Path,
        preview: PackPreview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._tasks = tasks
        self._path = path
        self._preview = preview
        self.report: ImportReport | None = None
        self.setWindowTitle(f"Import tasks from {path.name}")
        resize_within_screen(self, 820, 520)
        layout = QVBoxLayout(self)
        new = len(preview.matching(TaskMatch.NEW))
        same = len(preview.matching(TaskMatch.SAME))
        dups = len(preview.duplicates)
        summary = QLabel(
            f"{len(preview.tasks)} tasks in this pack: {new} new, {same} already in your bank, "
            f"{dups} with the same name as one of yours but different content. "
            "Nothing in your bank is ever overwritten: for each of those, keep both or skip it."
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        if preview.unknown_skills:
            unknown = QLabel(
                "These skill codes are not in your skill map and will be left off: "
                + ", ".join(preview.unknown_skills)
            )
            unknown.setWordWrap(True)
            unknown.setObjectName("muted")
            layout.addWidget(unknown)
        self.table = QTableWidget(len(preview.tasks), 3)
        self.table.setHorizontalHeaderLabels(["Task", "In your bank?", "Decision"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.choices: dict[int, QComboBox] = {}
        for row, incoming in enumerate(preview.tasks):
            self.table.setItem(row, 0, QTableWidgetItem(incoming.spec.title))
            self.table.setItem(row, 1, QTableWidgetItem(_MATCH_WORDS[incoming.match]))
            if incoming.match is TaskMatch.DUPLICATE:
                combo = QComboBox()
                combo.addItem("Keep both (import as a copy)", DuplicateChoice.KEEP_BOTH)
                combo.addItem("Skip it", DuplicateChoice.SKIP)
                self.table.setCellWidget(row, 2, combo)
                self.choices[incoming.number] = combo
            else:
                decision = "Import" if incoming.match is TaskMatch.NEW else "Skip"
                self.table.setItem(row, 2, QTableWidgetItem(decision))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        self.error = QLabel()
        self.error.setObjectName("banner")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._on_import)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _on_import(self) -> None:
        decisions = {
            number: DuplicateChoice(combo.currentData()) for number, combo in self.choices.items()
        }
        try:
            tasks, path = self._tasks, self._path
            self.report = self._ops.write(
                lambda: tasks.import_pack(path, decisions), Change.TASKS | Change.SETTINGS
            )
        except MathroomError as exc:
            self.error.setText(f"Nothing was imported: {exc}")
            self.error.show()
            return
        self.accept()
