"""Who needs what today: the neediest skills and suggested small-group pulls."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.pulls import PullSuggestion
from mathroom.services.evidence import NeedsToday
from mathroom.ui.widgets.page import label


class NeedsPanel(QWidget):
    """Shows suggestions; the page asks the services and handles 'add to today'."""

    suggest_requested = Signal()
    accept_requested = Signal(object)  # PullSuggestion

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label("Who needs what today", "sectionTitle"))
        layout.addWidget(
            label(
                "Select cells in the gap map to choose skills (or none: the neediest skills are "
                "used). Absent students are left out; each student is pulled at most once a day.",
                "muted",
            )
        )
        row = QHBoxLayout()
        self.group_size = QSpinBox()
        self.group_size.setAccessibleName("Students in each pull")
        self.group_size.setRange(1, 8)
        self.group_size.setValue(4)
        self.group_size.setPrefix("Group of ")
        self.pulls = QSpinBox()
        self.pulls.setAccessibleName("Number of pulls")
        self.pulls.setRange(1, 6)
        self.pulls.setValue(2)
        self.pulls.setSuffix(" pulls")
        self.suggest_button = QPushButton("Suggest")
        self.suggest_button.setObjectName("primary")
        row.addWidget(self.group_size)
        row.addWidget(self.pulls)
        row.addWidget(self.suggest_button)
        layout.addLayout(row)
        self.needs = label("", "muted")
        layout.addWidget(self.needs)
        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName("Suggested pulls")
        self.suggestions.setObjectName("dayList")
        self.suggestions.setWordWrap(True)
        self.suggestions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.suggestions, 1)
        self.accept_button = QPushButton("Add the selected pull to today's plan")
        self.accept_button.setEnabled(False)
        layout.addWidget(self.accept_button)
        self.status = label("", "muted")
        layout.addWidget(self.status)
        self._items: list[PullSuggestion] = []
        self.suggest_button.clicked.connect(self.suggest_requested)
        self.accept_button.clicked.connect(self._on_accept_clicked)
        self.suggestions.currentRowChanged.connect(self._on_row_changed)

    def show_needs(self, result: NeedsToday) -> None:
        top = ", ".join(
            f"{n.skill.code} ({n.not_yet} Not yet, {n.getting_there} Getting there)"
            for n in result.needs[:3]
        )
        absent = f" {len(result.absent)} absent today." if result.absent else ""
        self.needs.setText(f"Most need: {top}.{absent}" if top else f"No gaps recorded.{absent}")
        self.suggestions.clear()
        self._items = list(result.suggestions)
        for suggestion in self._items:
            names = ", ".join(result.names.get(s, "?") for s in suggestion.students)
            item = QListWidgetItem(f"{suggestion.reason}\n{names}")
            self.suggestions.addItem(item)
        if not self._items:
            self.suggestions.addItem("No pull to suggest: nobody present shares a gap here.")
        self.suggestions.setCurrentRow(0 if self._items else -1)

    def selected(self) -> PullSuggestion | None:
        """The suggestion the teacher has chosen in the list, if any."""
        row = self.suggestions.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    def _on_row_changed(self, row: int) -> None:
        self.accept_button.setEnabled(0 <= row < len(self._items))

    def _on_accept_clicked(self) -> None:
        row = self.suggestions.currentRow()
        if 0 <= row < len(self._items):
            self.accept_requested.emit(self._items[row])
