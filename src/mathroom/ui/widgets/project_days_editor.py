"""A project's days (milestones) and its rubric rows, edited as two short lists.

Only projects and math art run over several days: the task editor shows this for those kinds
and keeps it disabled (with a line saying why) for one-day tasks.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.projects import PROJECT_KINDS
from mathroom.domain.tasks import DEFAULT_MILESTONES, MILESTONES_MAX, RUBRIC_MAX, TaskKind


class RowList(QWidget):
    """Editable lines (double-click or F2 to edit) with add, remove and move buttons."""

    changed = Signal()

    def __init__(self, add_text: str, new_row: str, most: int) -> None:
        super().__init__()
        self._new_row = new_row
        self._most = most
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        self.list.currentRowChanged.connect(self._enable)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self._enable()

    def rows(self) -> tuple[str, ...]:
        """Every line, trimmed; an emptied line stays, so saving names it instead of
        dropping it quietly."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return tuple(item.text().strip() for item in items if item is not None)

    def set_rows(self, rows: Sequence[str]) -> None:
        self.list.clear()
        for row in rows:
            self.list.addItem(self._item(row))
        self._enable()
        self.changed.emit()

    def add_row(self) -> None:
        """A new line after the current one, open for typing."""
        if self.list.count() >= self._most:
            return
        at = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else self.list.count()
        item = self._item(self._new_row)
        self.list.insertItem(at, item)
        self.list.setCurrentRow(at)
        if self.isVisible():
            self.list.editItem(item)
        self._enable()
        self.changed.emit()

    def remove_row(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self._enable()
            self.changed.emit()

    def move_row(self, step: int) -> None:
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + step < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(row + step, item)
        self.list.setCurrentRow(row + step)
        self.changed.emit()

    def _item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def _enable(self, *_args: object) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.add_button.setEnabled(count < self._most)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)


class ProjectDaysEditor(QWidget):
    """The days a project runs over, by name, and the criteria its rubric lists."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("muted")
        layout.addWidget(self.note)
        layout.addWidget(QLabel("Days, in order: the first is the launch, the last the gallery"))
        self.days = RowList("Add a day", "Work day", MILESTONES_MAX)
        layout.addWidget(self.days, 1)
        self.default_button = QPushButton("Use the usual days")
        self.default_button.setToolTip("Launch, work days, then a gallery & critique")
        row = QHBoxLayout()
        row.addWidget(self.default_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel("Rubric: what the work is assessed on, one criterion a row"))
        self.rubric = RowList("Add a row", "", RUBRIC_MAX)  # empty: saving asks for words
        layout.addWidget(self.rubric, 1)
        self._kind = TaskKind.PROJECT
        self.default_button.clicked.connect(self.use_defaults)
        self.days.changed.connect(self.changed)
        self.days.changed.connect(self._show_note)
        self.rubric.changed.connect(self.changed)

    def set_task(self, kind: TaskKind, milestones: Sequence[str], rubric: Sequence[str]) -> None:
        self.days.set_rows(milestones)
        self.rubric.set_rows(rubric)
        self.set_kind(kind)

    def set_kind(self, kind: TaskKind) -> None:
        """A project or math art gets the usual days when it has none; other kinds can't
        have days (the lists are kept, greyed out, in case the kind is changed back)."""
        self._kind = kind
        multi = kind in PROJECT_KINDS
        self.setEnabled(multi)
        if multi and not self.days.rows():
            self.use_defaults()
        self._show_note()

    def _show_note(self) -> None:
        if self._kind not in PROJECT_KINDS:
            self.note.setText("Only projects and math art run over several days and have a rubric.")
            return
        what = "project" if self._kind is TaskKind.PROJECT else "piece of math art"
        self.note.setText(
            f"This {what} runs over {len(self.days.rows())} days: the Plan page's “Start a "
            "project…” puts it on each, and the packet prints the brief and rubric on the "
            "launch and gallery-walk slips on the last day."
        )

    def use_defaults(self) -> None:
        self.days.set_rows(DEFAULT_MILESTONES.get(self._kind, DEFAULT_MILESTONES[TaskKind.PROJECT]))

    def milestones(self) -> tuple[str, ...]:
        return self.days.rows() if self._kind in PROJECT_KINDS else ()

    def rubric_rows(self) -> tuple[str, ...]:
        return self.rubric.rows() if self._kind in PROJECT_KINDS else ()
