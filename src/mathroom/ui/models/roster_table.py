"""Table model over a period's roster entries."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from mathroom.services.classroom import RosterEntry
from mathroom.ui import theme

_Index = QModelIndex | QPersistentModelIndex


class RosterTableModel(QAbstractTableModel):
    class Column(IntEnum):
        FAMILY = 0
        GIVEN = 1
        PREFERRED = 2
        NUMBER = 3
        DISPLAY = 4
        STATUS = 5

    HEADERS = ("Family name", "Given name", "Preferred", "Student number", "Shown as", "Status")
    StudentIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RosterEntry] = []

    def set_entries(self, entries: Sequence[RosterEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> RosterEntry:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        student = entry.student
        if role == self.StudentIdRole:
            return int(student.id)
        if role == Qt.ItemDataRole.ForegroundRole and student.archived:
            return QColor(theme.colors().faint)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = self.Column(index.column())
        values = {
            self.Column.FAMILY: student.family_name,
            self.Column.GIVEN: student.given_name,
            self.Column.PREFERRED: student.preferred_name or "",
            self.Column.NUMBER: student.student_number or "",
            self.Column.DISPLAY: entry.display_name,
            self.Column.STATUS: "Archived" if student.archived else "Active",
        }
        return values[column]
