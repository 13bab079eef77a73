"""Rosters: the chosen period's details and its students, searchable as you type."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTableView

from mathroom.composition import Services
from mathroom.ui.models.roster_table import RosterTableModel
from mathroom.ui.widgets.page import Page, label


class RostersPage(Page):
    title = "Rosters"
    purpose = "Each period's students: names, preferred names, student numbers."

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.summary = label("", "sectionTitle")
        self.body.addWidget(self.summary)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a student by any name or number…")
        self.search.setClearButtonEnabled(True)
        self.body.addWidget(self.search)
        self.model = RosterTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # match any column
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.body.addWidget(self.table, 1)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

    def reload(self) -> None:
        if self.period is None:
            self.summary.setText("No period yet.")
            self.model.set_entries([])
            return
        p = self.period
        times = f"{p.starts_at:%H:%M}–{p.ends_at:%H:%M}" if p.starts_at and p.ends_at else ""
        days = " ".join(d.value for d in p.meeting_days)
        parts = [p.name, p.course, f"Room {p.room}" if p.room else "", times, days]
        entries = self._services.classroom.roster(p.id)
        self.summary.setText(" · ".join(x for x in parts if x) + f" · {len(entries)} students")
        self.model.set_entries(entries)
