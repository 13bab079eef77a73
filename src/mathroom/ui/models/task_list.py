"""List model over the task bank; search, filters and sorting go through a proxy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from mathroom.domain.ids import TaskId
from mathroom.domain.tasks import Task, TaskKind
from mathroom.mathtext.markup import plain_text

_Index = QModelIndex | QPersistentModelIndex


class TaskSort(StrEnum):
    TITLE = "title"
    KIND = "kind"
    MINUTES = "minutes"
    UPDATED = "updated"
    LEAST_USED = "least_used"

    @property
    def label(self) -> str:
        return {
            TaskSort.TITLE: "Title A–Z",
            TaskSort.KIND: "Kind",
            TaskSort.MINUTES: "Shortest first",
            TaskSort.UPDATED: "Recently edited",
            TaskSort.LEAST_USED: "Longest since used here",
        }[self]


class TaskListModel(QAbstractListModel):
    TaskRole = Qt.ItemDataRole.UserRole + 1
    SearchTextRole = Qt.ItemDataRole.UserRole + 2
    KindRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: list[Task] = []
        self._search: list[str] = []
        self._last_used: dict[TaskId, date] = {}

    def set_tasks(
        self, tasks: Sequence[Task], last_used: Mapping[TaskId, date] | None = None
    ) -> None:
        self.beginResetModel()
        self._tasks = list(tasks)
        # Search text is built once per reload, not on every keystroke.
        self._search = [
            " ".join(
                (
                    t.spec.title,
                    plain_text(t.spec.prompt),
                    *t.spec.skill_codes,
                    *(plain_text(e) for e in t.spec.extensions),
                )
            ).casefold()
            for t in self._tasks
        ]
        self._last_used = dict(last_used or {})
        self.endResetModel()

    def task_at(self, row: int) -> Task:
        return self._tasks[row]

    def last_used(self, task: Task) -> date | None:
        return self._last_used.get(task.id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._tasks)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        task = self._tasks[index.row()]
        spec = task.spec
        if role == Qt.ItemDataRole.DisplayRole:
            minutes = f" · {spec.minutes} min" if spec.minutes else ""
            archived = " · archived" if task.archived else ""
            return f"{spec.title}\n{spec.kind.label}{minutes}{archived}"
        if role == self.TaskRole:
            return task
        if role == self.KindRole:
            return spec.kind.value
        if role == self.SearchTextRole:
            return self._search[index.row()]
        return None


class TaskFilterProxy(QSortFilterProxyModel):
    """Every typed word must match title, text or a skill code; plus the chosen filters."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._kind: TaskKind | None = None
        self._domain: str | None = None
        self._domains: dict[str, str] = {}
        self._max_minutes: int | None = None
        self._unused_since: date | None = None
        self._sort = TaskSort.TITLE
        self.sort(0)

    def set_filter(
        self,
        search: str,
        kind: TaskKind | None = None,
        domain: str | None = None,
        domains: Mapping[str, str] | None = None,
        max_minutes: int | None = None,
        unused_since: date | None = None,
    ) -> None:
        """Every filter at once, so a keystroke re-filters the list once.

        ``domains`` maps skill codes to their domain; ``unused_since`` hides tasks used
        with the period on or after that day (None: show all).
        """
        self.beginFilterChange()
        self._words = search.casefold().split()
        self._kind = kind
        self._domain = domain
        self._domains = dict(domains or {})
        self._max_minutes = max_minutes
        self._unused_since = unused_since
        self.endFilterChange()

    def set_sort(self, sort: TaskSort) -> None:
        self._sort = sort
        self.invalidate()
        self.sort(0)

    def _model(self) -> TaskListModel:
        model = self.sourceModel()
        assert isinstance(model, TaskListModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self._model()
        task = model.task_at(source_row)
        spec = task.spec
        if self._kind and spec.kind is not self._kind:
            return False
        if self._domain and not any(
            self._domains.get(code) == self._domain for code in spec.skill_codes
        ):
            return False
        if self._max_minutes is not None and (spec.minutes or 0) > self._max_minutes:
            return False
        if self._unused_since is not None:
            used = model.last_used(task)
            if used is not None and used >= self._unused_since:
                return False
        haystack = str(model.data(model.index(source_row, 0), TaskListModel.SearchTextRole))
        return all(word in haystack for word in self._words)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        model = self._model()
        a, b = model.task_at(left.row()), model.task_at(right.row())
        return self._key(a) < self._key(b)

    def _key(self, task: Task) -> tuple[Any, ...]:
        title = task.spec.title.casefold()
        if self._sort is TaskSort.KIND:
            return (list(TaskKind).index(task.spec.kind), title)
        if self._sort is TaskSort.MINUTES:
            return (task.spec.minutes or 10_000, title)
        if self._sort is TaskSort.UPDATED:
            return (-task.updated_at.timestamp() if task.updated_at.year > 1 else 0.0, title)
        if self._sort is TaskSort.LEAST_USED:
            used = self._model().last_used(task)
            return (used.toordinal() if used else 0, title)
        return (title,)
