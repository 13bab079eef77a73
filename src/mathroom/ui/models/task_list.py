"""List model over the task bank; search and kind filter go through a proxy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from mathroom.domain.tasks import Task, TaskKind

_Index = QModelIndex | QPersistentModelIndex


class TaskListModel(QAbstractListModel):
    TaskRole = Qt.ItemDataRole.UserRole + 1
    SearchTextRole = Qt.ItemDataRole.UserRole + 2
    KindRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: list[Task] = []

    def set_tasks(self, tasks: Sequence[Task]) -> None:
        self.beginResetModel()
        self._tasks = list(tasks)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._tasks)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        task = self._tasks[index.row()]
        spec = task.spec
        if role == Qt.ItemDataRole.DisplayRole:
            minutes = f" · {spec.minutes} min" if spec.minutes else ""
            return f"{spec.title}\n{spec.kind.label}{minutes}"
        if role == self.TaskRole:
            return task
        if role == self.KindRole:
            return spec.kind.value
        if role == self.SearchTextRole:
            return " ".join((spec.title, spec.prompt, *spec.skill_codes)).casefold()
        return None


class TaskFilterProxy(QSortFilterProxyModel):
    """Matches every word typed against title, prompt and skill codes, plus a kind."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._kind: TaskKind | None = None

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange()

    def set_kind(self, kind: TaskKind | None) -> None:
        self.beginFilterChange()
        self._kind = kind
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._kind and model.data(index, TaskListModel.KindRole) != self._kind.value:
            return False
        haystack = str(model.data(index, TaskListModel.SearchTextRole) or "")
        return all(word in haystack for word in self._words)
