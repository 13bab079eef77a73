"""List model over the units, in teaching order: each with its weeks and the periods on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from mathroom.domain.ids import UnitId
from mathroom.domain.units import Unit
from mathroom.ui import theme

_Index = QModelIndex | QPersistentModelIndex


def weeks_text(weeks: int) -> str:
    return "1 week" if weeks == 1 else f"{weeks} weeks"


@dataclass(frozen=True, slots=True)
class UnitEntry:
    """A unit as the list shows it: ``periods`` are the names of the periods on it today."""

    unit: Unit
    periods: tuple[str, ...] = ()
    every_period: bool = False  # every period of the classroom is on it

    @property
    def second_line(self) -> str:
        spec = self.unit.spec
        parts = [weeks_text(spec.weeks), f"{len(spec.task_ids)} tasks"]
        if self.every_period and len(self.periods) > 1:
            parts.append("every period is on it")
        else:
            parts.append(", ".join(self.periods) if self.periods else "no period on it now")
        if self.unit.archived:
            parts.append("archived")
        return " · ".join(parts)


class UnitListModel(QAbstractListModel):
    UnitRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[UnitEntry] = []

    def set_entries(self, entries: Sequence[UnitEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def row_of(self, unit_id: UnitId | None) -> int | None:
        return next((n for n, e in enumerate(self._entries) if e.unit.id == unit_id), None)

    def neighbour(self, row: int) -> UnitId | None:
        """The unit to choose when the one in ``row`` leaves the list: the next, else the
        one before."""
        for other in (row + 1, row - 1):
            if 0 <= other < len(self._entries):
                return self._entries[other].unit.id
        return None

    def entry(self, row: int) -> UnitEntry:
        return self._entries[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{entry.unit.name}\n{entry.second_line}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.unit.spec.summary or None
        if role == Qt.ItemDataRole.ForegroundRole and entry.unit.archived:
            return QBrush(QColor(theme.colors().faint))
        if role == self.UnitRole:
            return entry.unit
        return None
