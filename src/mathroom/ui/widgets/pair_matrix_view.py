"""Who has worked with whom: a period's pairs, coloured by how often they met."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from mathroom.services.grouping_rules import PairMatrix
from mathroom.ui import theme
from mathroom.ui.widgets.page import label


class PairMatrixView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.summary = label("", "muted")
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(36)
        self.table.verticalHeader().setDefaultSectionSize(24)
        layout.addWidget(self.table, 1)

    def show_matrix(self, matrix: PairMatrix) -> None:
        students = matrix.students
        self.table.setRowCount(len(students))
        self.table.setColumnCount(len(students))
        initials = [
            "".join(part[:1] for part in (s.first_name, s.family_name) if part) for s in students
        ]
        self.table.setHorizontalHeaderLabels(initials)
        self.table.setVerticalHeaderLabels([s.full_name for s in students])
        shades = theme.colors()
        worst = 0
        for row, a in enumerate(students):
            for column, b in enumerate(students):
                item = QTableWidgetItem()
                if a.id == b.id:
                    item.setBackground(QColor(shades.header))
                else:
                    count = matrix.met(a.id, b.id)
                    worst = max(worst, count)
                    item.setText(str(count) if count else "")
                    shade = QColor(shades.shades[min(count, len(shades.shades) - 1)])
                    item.setBackground(shade)
                    item.setForeground(theme.ink_on(shade))
                    item.setToolTip(f"{a.full_name} and {b.full_name}: together {count}×")
                self.table.setItem(row, column, item)
        fresh = [matrix.never_met(s.id) for s in students]
        average = sum(fresh) / len(fresh) if fresh else 0
        self.summary.setText(
            f"From the last {matrix.sets} group sets. Most often together: {worst}×. "
            f"On average each student has not yet worked with {average:.0f} classmates."
        )
