"""Table model: each skill with how many students stand at each level."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from mathroom.domain.skills import Level
from mathroom.services.classroom import SkillLevels
from mathroom.ui.theme import LEVEL_COLORS, blend, colors, ink_on

_Index = QModelIndex | QPersistentModelIndex
_FIXED = ("Domain", "Code", "Skill", "Grade")
_LEVELS = tuple(Level)


class SkillLevelsTableModel(QAbstractTableModel):
    SortRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SkillLevels] = []
        self._domain_names: dict[str, str] = {}
        self._class_size = 0

    def set_rows(
        self, rows: Sequence[SkillLevels], domain_names: dict[str, str], class_size: int
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._domain_names = dict(domain_names)
        self._class_size = class_size
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_FIXED) + len(_LEVELS) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(_FIXED):
                return _FIXED[section]
            if section < len(_FIXED) + len(_LEVELS):
                return _LEVELS[section - len(_FIXED)].label
            return "No evidence"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        level = self._level(column)
        if role in (Qt.ItemDataRole.DisplayRole, self.SortRole):
            if column == 0:
                return self._domain_names.get(row.skill.domain, row.skill.domain)
            if column == 1:
                return row.skill.code
            if column == 2:
                return row.skill.name
            if column == 3:
                return row.skill.grade
            count = row.counts.get(level, 0) if level else row.unassessed
            if role == self.SortRole:
                return count
            return str(count) if count else "·"
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return row.skill.description
        if (
            role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)
            and level
            and self._class_size
        ):
            share = row.counts.get(level, 0) / self._class_size
            if share:
                color = QColor(LEVEL_COLORS[level])
                color.setAlphaF(0.12 + 0.6 * share)
                if role == Qt.ItemDataRole.ForegroundRole:  # the count reads on any shade
                    return ink_on(blend(color, colors().card))
                return color
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= len(_FIXED) - 1:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _level(self, column: int) -> Level | None:
        offset = column - len(_FIXED)
        return _LEVELS[offset] if 0 <= offset < len(_LEVELS) else None
