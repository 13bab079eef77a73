"""Tasks: the bank of whiteboard tasks, warm-ups, projects and exit tickets."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QTextBrowser,
    QVBoxLayout,
)

from mathroom.composition import Services
from mathroom.domain.tasks import Task, TaskKind
from mathroom.ui.models.task_list import TaskFilterProxy, TaskListModel
from mathroom.ui.widgets.page import Page, label


def task_html(task: Task) -> str:
    """Teacher view of a task; all task text is escaped (it is data, not markup)."""
    spec = task.spec

    def para(text: str) -> str:
        return "<p>" + escape(text).replace("\n", "<br>") + "</p>"

    parts = [f"<h2>{escape(spec.title)}</h2>"]
    meta = [spec.kind.label]
    if spec.minutes:
        meta.append(f"{spec.minutes} min")
    if spec.skill_codes:
        meta.append("Skills: " + ", ".join(spec.skill_codes))
    parts.append(f"<p style='color:#5b6475'>{escape(' · '.join(meta))}</p>")
    parts.append(para(spec.prompt))
    if spec.start:
        parts.append("<h3>Getting started</h3>" + para(spec.start))
    if spec.extensions:
        parts.append("<h3>When you're done…</h3><ol>")
        parts.extend(f"<li>{escape(e)}</li>" for e in spec.extensions)
        parts.append("</ol>")
    if spec.hints:
        parts.append("<h3>Hints, in order</h3><ol>")
        parts.extend(f"<li>{escape(h)}</li>" for h in spec.hints)
        parts.append("</ol>")
    if spec.materials:
        parts.append("<h3>Materials</h3>" + para(spec.materials))
    if spec.answer:
        parts.append("<h3>Answer (teacher only)</h3>" + para(spec.answer))
    if spec.teacher_notes:
        parts.append("<h3>Teacher notes</h3>" + para(spec.teacher_notes))
    return "".join(parts)


class TasksPage(Page):
    title = "Tasks"
    purpose = (
        "Low-floor, high-ceiling tasks for whiteboards, warm-ups, projects, math art and exit "
        "tickets. Search by words or skill codes."
    )

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        controls = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search tasks: words or a skill code like 7.NS…")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem("Every kind", None)
        for kind in TaskKind:
            self.kind.addItem(kind.label, kind)
        controls.addWidget(self.search, 1)
        controls.addWidget(self.kind)
        self.body.addLayout(controls)
        self.count = label("", "muted")
        self.body.addWidget(self.count)
        row = QHBoxLayout()
        self.model = TaskListModel(self)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setSpacing(2)
        self.list.setMaximumWidth(380)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        column = QVBoxLayout()
        column.addWidget(self.detail)
        row.addWidget(self.list, 2)
        row.addLayout(column, 3)
        self.body.addLayout(row, 1)
        self.search.textChanged.connect(self._on_filter_changed)
        self.kind.currentIndexChanged.connect(self._on_filter_changed)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)

    def reload(self) -> None:
        self.model.set_tasks(self._services.classroom.tasks())
        self._on_filter_changed()
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _on_filter_changed(self, *_args: object) -> None:
        self.proxy.set_search(self.search.text())
        self.proxy.set_kind(self.kind.currentData())
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} tasks")

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        task = current.data(TaskListModel.TaskRole) if current.isValid() else None
        if isinstance(task, Task):
            self.detail.setHtml(task_html(task))
        else:
            self.detail.clear()
