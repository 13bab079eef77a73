"""How much paper the day's packet takes, section by section and period by period, shown on
the Print page before anything is built."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mathroom.services.packet import PacketCount, Section
from mathroom.ui.widgets.page import label

COVER = "Cover (contents)"


class SheetCounts(QWidget):
    """A small table (sections × periods, pages in each cell, totals on the right) and a
    line under it: pages, pages per student, and sheets when printed two-sided."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.heading = label("Pages in each section, counted before the packet is made:", "muted")
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 0, Qt.AlignmentFlag.AlignLeft)
        self.summary = label("", "muted")
        layout.addWidget(self.summary)
        self.counting()

    def counting(self) -> None:
        """Between a change and its count: the old numbers would mislead."""
        self.table.hide()
        self.heading.hide()
        self.summary.setText("Counting the pages…")

    def show_nothing(self, why: str) -> None:
        self.table.hide()
        self.heading.hide()
        self.summary.setText(why)

    def show_count(self, count: PacketCount, note: str = "") -> None:
        """``note``: one more sentence under the figures (e.g. where the posters went)."""
        sections = count.layout.sections
        periods = list(dict.fromkeys(s.period for s in sections if s.section is not None))
        rows = [None, *dict.fromkeys(s.section for s in sections if s.section is not None)]
        if not any(s.section is None for s in sections):
            rows = rows[1:]
        pages: dict[tuple[Section | None, str], int] = {}
        for part in sections:
            key = (part.section, part.period)
            pages[key] = pages.get(key, 0) + part.pages
        self.table.clear()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(len(periods) + 1)
        self.table.setHorizontalHeaderLabels([*periods, "All"])
        self.table.setVerticalHeaderLabels(
            [COVER if row is None else _row_label(row) for row in rows]
        )
        for r, row in enumerate(rows):
            for c, period in enumerate(periods):
                value = pages.get((row, period))
                self.table.setItem(r, c, _cell("" if value is None else str(value)))
            total = sum(n for (section, _p), n in pages.items() if section == row)
            self.table.setItem(r, len(periods), _cell(str(total), bold=True))
        height = self.table.horizontalHeader().sizeHint().height() + 2
        height += sum(self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setFixedHeight(height + 2)
        width = self.table.verticalHeader().sizeHint().width() + 4
        width += sum(self.table.columnWidth(c) for c in range(self.table.columnCount()))
        self.table.setFixedWidth(width + 2)
        self.table.show()
        self.heading.show()
        layout = count.layout
        per = f"{layout.pages / count.students:.1f}" if count.students else "–"
        two_sided = layout.sheets(two_sided=True)
        line = (
            f"{_pages(layout.pages)} for {count.students} students ({per} a student)."
            f" Printed two-sided (teacher pages only): {two_sided} sheets."
        )
        self.summary.setText(f"{line} {note}".strip())


def _row_label(section: Section) -> str:
    return section.label + (" (teacher only)" if section.teacher_only else "")


def _pages(n: int) -> str:
    return "1 page" if n == 1 else f"{n} pages"


def _cell(text: str, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    # Right-aligned: the numbers line up.
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item
