"""One of a unit's ordered lists (its skills, its tasks): a table with Add…, Remove, ▲ and ▼.

The widget shows rows and asks; the unit editor decides what each request changes. Keys in
the table: Delete removes the chosen row, Alt+Up and Alt+Down move it, Insert adds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mathroom.ui import theme
from mathroom.ui.widgets.page import label


@dataclass(frozen=True, slots=True)
class ListRow:
    cells: tuple[str, ...]
    tooltip: str = ""
    muted: bool = False  # e.g. a task archived in the bank since it joined the unit


class UnitItemList(QWidget):
    add_requested = Signal()
    remove_requested = Signal(int)  # row
    move_requested = Signal(int, int)  # row, offset

    def __init__(
        self, title: str, headers: Sequence[str], add_text: str, empty: str, stretch: int = 1
    ) -> None:
        """``headers`` name the columns after the row number; ``stretch`` is the one of them
        that takes the spare width."""
        super().__init__()
        self._title = title
        self._editable = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.heading = label(title, "sectionTitle", wrap=False)
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, len(headers) + 1)
        self.table.setHorizontalHeaderLabels(["#", *headers])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(130)  # four rows at least, even on a small laptop
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch + 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty_note = label(empty, "muted")
        layout.addWidget(self.empty_note)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Take it out of the unit (Delete); Ctrl+Z puts it back")
        self.up_button = QPushButton("▲")
        self.up_button.setToolTip("Earlier in the unit (Alt+Up)")
        self.up_button.setAccessibleName("Move up")
        self.down_button = QPushButton("▼")
        self.down_button.setToolTip("Later in the unit (Alt+Down)")
        self.down_button.setAccessibleName("Move down")
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add_requested)
        self.remove_button.clicked.connect(self._on_remove)
        self.up_button.clicked.connect(partial(self._on_move, -1))
        self.down_button.clicked.connect(partial(self._on_move, 1))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        for keys, slot in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self._on_remove),
            (QKeySequence(Qt.Key.Key_Backspace), self._on_remove),
            (QKeySequence("Alt+Up"), partial(self._on_move, -1)),
            (QKeySequence("Alt+Down"), partial(self._on_move, 1)),
            (QKeySequence(Qt.Key.Key_Insert), self.add_requested.emit),
        ):
            shortcut = QShortcut(keys, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.set_rows([])

    def set_rows(self, rows: Sequence[ListRow], current: int | None = None) -> None:
        """Show ``rows`` in order and choose row ``current`` (kept in range), if given."""
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            for column, text in enumerate((str(number + 1), *row.cells)):
                item = QTableWidgetItem(text)
                if row.tooltip:
                    item.setToolTip(row.tooltip)
                if row.muted:
                    item.setForeground(QBrush(QColor(theme.colors().faint)))
                self.table.setItem(number, column, item)
        self.table.blockSignals(False)
        self.heading.setText(f"{self._title} ({len(rows)})" if rows else self._title)
        self.empty_note.setVisible(not rows)
        if rows and current is not None:
            self.select(min(max(current, 0), len(rows) - 1))
        else:
            self.table.clearSelection()
        self._update_buttons()

    def select(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setCurrentCell(row, 0)

    def current_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def set_editable(self, editable: bool) -> None:
        self.add_button.setEnabled(editable)
        self._editable = editable
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_row()
        chosen = self._editable and row is not None
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row is not None and row > 0)
        self.down_button.setEnabled(chosen and row is not None and row < self.table.rowCount() - 1)

    def _on_remove(self) -> None:
        row = self.current_row()
        if row is not None and self._editable:
            self.remove_requested.emit(row)

    def _on_move(self, offset: int) -> None:
        row = self.current_row()
        if row is None or not self._editable:
            return
        if 0 <= row + offset < self.table.rowCount():
            self.move_requested.emit(row, offset)
