"""Students × skills: each cell the student's current level, as a letter on a colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from mathroom.domain.gap_map import GapMap
from mathroom.domain.ids import StudentId
from mathroom.domain.skills import Level, Skill
from mathroom.ui.theme import LEVEL_COLORS, colors, level_ink

_Index = QModelIndex | QPersistentModelIndex


class GapMapTableModel(QAbstractTableModel):
    """Column 0 is the student's name; then one column per visible skill."""

    SortRole = Qt.ItemDataRole.UserRole + 1
    StudentIdRole = Qt.ItemDataRole.UserRole + 2
    SkillIdRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gap: GapMap | None = None
        self._names: dict[StudentId, str] = {}
        self._skills: tuple[Skill, ...] = ()
        self._students: tuple[StudentId, ...] = ()
        # Cached per cell: the view asks for each cell several times per paint.
        self._levels: list[list[Level | None]] = []

    def set_gap_map(
        self, gap: GapMap, names: dict[StudentId, str], skills: tuple[Skill, ...] | None = None
    ) -> None:
        self.beginResetModel()
        self._gap = gap
        self._names = names
        self._skills = skills if skills is not None else gap.skills
        self._students = tuple(s.id for s in gap.students)
        self._levels = [[gap.level(st, sk.id) for sk in self._skills] for st in self._students]
        self.endResetModel()

    def skill_at(self, column: int) -> Skill | None:
        return self._skills[column - 1] if 1 <= column <= len(self._skills) else None

    def student_at(self, row: int) -> StudentId:
        return self._students[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._students)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._skills) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        skill = self.skill_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return "Student" if skill is None else skill.code.replace(".", ".\u200b")
        if role == Qt.ItemDataRole.ToolTipRole and skill is not None:
            return f"{skill.code} — {skill.name} (grade {skill.grade})"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        student = self._students[row]
        if role == self.StudentIdRole:
            return int(student)
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, self.SortRole):
                return self._names.get(student, "")
            return None
        skill = self._skills[column - 1]
        level = self._levels[row][column - 1]
        if role == self.SkillIdRole:
            return int(skill.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return level.letter if level else ""
        if role == self.SortRole:
            return int(level) if level else 0
        if role == Qt.ItemDataRole.BackgroundRole:
            return LEVEL_COLORS[level] if level else QColor(colors().no_evidence)
        if role == Qt.ItemDataRole.ForegroundRole:
            return level_ink(level) if level else QColor(colors().ink)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            name = self._names.get(student, "")
            state = level.label if level else "no evidence yet"
            return f"{name} · {skill.code} {skill.name}: {state}"
        return None
