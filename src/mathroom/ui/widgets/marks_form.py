"""Marks from a marked practice sheet: one level per skill on it, recorded in one go."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.skills import Level

NO_MARK = "—"


class MarksForm(QWidget):
    """Rows of "Problems 2–6: skill name [level]"; a row left at — records nothing.

    A small table, not a grid of labels: it scrolls on a short laptop screen instead of
    squeezing the rows flat, and rewraps long skill names as it narrows.
    """

    record_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 2)
        self.table.horizontalHeader().setVisible(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the combos take focus, not the cells
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.record_button = QPushButton("Record marks")
        self.record_button.setToolTip("Each level becomes evidence for that skill, dated that day")
        layout.addWidget(self.table, 1)
        layout.addWidget(self.record_button)
        # A child timer dies with the form, so a pending rewrap never outlives the table.
        self._rewrap = QTimer(self)
        self._rewrap.setSingleShot(True)
        self._rewrap.setInterval(0)
        self._rewrap.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(self._rewrap.start)
        self.record_button.clicked.connect(self.record_requested)
        self._update_button()

    def sizeHint(self) -> QSize:
        # It asks only its least height and takes what room is left (its table scrolls):
        # asking for every row would squeeze the cards above it on a short screen.
        return super().sizeHint().boundedTo(QSize(16_777_215, self.minimumSizeHint().height()))

    def set_skills(self, rows: Sequence[tuple[str, str]]) -> None:
        """One row per ``(skill code, what the row says)``, all at —."""
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        self.combos = {}
        for index, (code, text) in enumerate(rows):
            item = QTableWidgetItem(text)
            item.setToolTip(code)
            self.table.setItem(index, 0, item)
            combo = QComboBox()
            combo.addItem(NO_MARK, None)
            for level in Level:
                combo.addItem(level.label, int(level))
            combo.setToolTip(code)
            combo.currentIndexChanged.connect(self._update_button)
            self.table.setCellWidget(index, 1, combo)
            self.combos[code] = combo
        self.table.resizeRowsToContents()
        self._update_button()

    def marks(self) -> dict[str, Level]:
        # currentData() hands back a plain int, so each level is wrapped back into a Level.
        return {
            code: Level(int(combo.currentData()))
            for code, combo in self.combos.items()
            if combo.currentData() is not None
        }

    def _update_button(self, *_args: object) -> None:
        count = len(self.marks())
        self.record_button.setEnabled(count > 0)
        self.record_button.setText(
            "Record marks" if count == 0 else f"Record {count} mark{'s' if count != 1 else ''}"
        )
