"""Tick the skills a practice sheet works on, from every skill that has practice problems."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from mathroom.domain.practice.registry import generator_for, skill_codes

CodeRole = Qt.ItemDataRole.UserRole + 1


class FocusPicker(QWidget):
    """A filterable, checkable list of skills by name; ticking one changes the focus at once."""

    focus_changed = Signal(object)  # tuple[str, ...]: the ticked codes, earlier ones first

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._codes: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)  # it sits in a drop-down, edge to edge
        hint = QLabel(
            "Ticked skills get most of the problems. Each tick changes the sheet at once; "
            "Ctrl+Z undoes it."
        )
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find a skill: words or a code like 7.EE…")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        for code in skill_codes():  # teaching order, like the skill map
            item = QListWidgetItem(f"{generator_for(code).title}  ·  {code}")
            item.setData(CodeRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(hint)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.list.itemChanged.connect(self._on_list_item_changed)

    def codes(self) -> tuple[str, ...]:
        return self._codes

    def set_codes(self, codes: Sequence[str]) -> None:
        """Show ``codes`` as ticked, without reporting a change."""
        self._codes = tuple(codes)
        self.list.blockSignals(True)
        for item in self._items():
            ticked = item.data(CodeRole) in self._codes
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

    def put_ticked_first(self) -> None:
        """Ticked skills at the top, the rest in teaching order (done as the list opens,
        never while the teacher is ticking, so nothing jumps under the pointer)."""
        order = {code: n for n, code in enumerate(skill_codes())}
        ticked = {code: n for n, code in enumerate(self._codes)}
        items = self._items()
        self.list.blockSignals(True)
        while self.list.count():
            self.list.takeItem(0)
        for item in sorted(
            items,
            key=lambda i: (
                (0, ticked[i.data(CodeRole)])
                if i.data(CodeRole) in ticked
                else (1, order[i.data(CodeRole)])
            ),
        ):
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.scrollToTop()

    def item_for(self, code: str) -> QListWidgetItem | None:
        return next((i for i in self._items() if i.data(CodeRole) == code), None)

    def _items(self) -> list[QListWidgetItem]:
        return [item for row in range(self.list.count()) if (item := self.list.item(row))]

    @Slot(str)
    def _on_filter_text_changed(self, text: str) -> None:
        words = text.casefold().split()
        for item in self._items():
            item.setHidden(not all(w in item.text().casefold() for w in words))

    @Slot(QListWidgetItem)
    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        code = str(item.data(CodeRole))
        if item.checkState() == Qt.CheckState.Checked:
            codes = tuple(dict.fromkeys((*self._codes, code)))
        else:
            codes = tuple(c for c in self._codes if c != code)
        self._codes = codes
        self.focus_changed.emit(codes)
