"""Tasks: the bank of whiteboard tasks, warm-ups, projects, math art and exit tickets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from mathroom.domain.errors import MathroomError
from mathroom.domain.skills import DOMAIN_NAMES
from mathroom.domain.tasks import Task, TaskKind, TaskUse
from mathroom.services.changes import Change
from mathroom.services.print_jobs import PrintJobService
from mathroom.services.printing import PrintService
from mathroom.services.skill_map import SkillMapService
from mathroom.services.tasks import TaskService
from mathroom.ui import theme
from mathroom.ui.dialogs.task_cards_dialog import TaskCardsDialog
from mathroom.ui.dialogs.task_editor import TaskEditorDialog
from mathroom.ui.dialogs.task_pack_dialog import TaskPackDialog
from mathroom.ui.models.task_list import TaskFilterProxy, TaskListModel, TaskSort
from mathroom.ui.operations import Operations
from mathroom.ui.pages.directory import TASKS
from mathroom.ui.rich_text import MathBrowser, RichHtml
from mathroom.ui.undo import run_recorded
from mathroom.ui.widgets.flow_row import FlowRow, pair
from mathroom.ui.widgets.page import Page, label

PACK_FILTER = "Mathroom task packs (*.mathroom-tasks)"
MINUTE_CHOICES = (
    (None, "Any length"),
    (5, "5 min or less"),
    (10, "10 min or less"),
    (20, "20 min or less"),
    (30, "30 min or less"),
)


def task_html(html: RichHtml, task: Task, uses: list[TaskUse]) -> RichHtml:
    """The teacher's view of a task: everything, answers and notes included."""
    spec = task.spec
    muted = theme.colors().muted
    meta = [spec.kind.label]
    if spec.minutes:
        meta.append(f"{spec.minutes} min")
    if spec.skill_codes:
        meta.append("Skills: " + ", ".join(spec.skill_codes))
    if task.archived:
        meta.append("archived")
    html.raw(f"<h2>{escape(spec.title)}</h2>")
    html.raw(f"<p style='color:{muted}'>{escape(' · '.join(meta))}</p>")
    html.text(spec.prompt)
    if spec.image is not None:
        html.raw(f"<p style='color:{muted}'>Diagram: {escape(spec.image.name)}</p>")
    html.tiers(spec)
    if spec.materials:
        html.raw("<h3>Materials</h3>").text(spec.materials)
    if spec.answer:
        html.raw("<h3>Answer (teacher only)</h3>").text(spec.answer)
    if spec.teacher_notes:
        html.raw("<h3>Teacher notes</h3>").text(spec.teacher_notes)
    html.raw("<h3>Where it was used</h3>")
    if uses:
        items = "".join(
            f"<li>{use.on:%a %b} {use.on.day}, {use.on.year} — {escape(use.period_name)}</li>"
            for use in uses[:12]
        )
        more = f"<p>…and {len(uses) - 12} more.</p>" if len(uses) > 12 else ""
        html.raw(f"<ul>{items}</ul>{more}")
    else:
        html.raw(f"<p style='color:{muted}'>Not used in any plan yet.</p>")
    return html


T = TypeVar("T")


class TasksPage(Page):
    title = TASKS.title
    purpose = TASKS.purpose

    shows = Change.TASKS | Change.PLANS | Change.SETTINGS  # "last used" comes from the plans

    def __init__(
        self,
        ops: Operations,
        tasks: TaskService,
        skill_map: SkillMapService,
        printing: PrintService,
        exports: Path,
        undo: QUndoStack,
        today: Callable[[], date],
        print_jobs: PrintJobService | None = None,
    ) -> None:
        super().__init__(ops)
        self._tasks = tasks
        self._print_jobs = print_jobs  # cards print as a document, like the packet
        self._skill_map = skill_map
        self._printing = printing
        self._exports = exports
        self._undo = undo
        self._today = today
        self._domains: dict[str, str] = {}
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search tasks: words or a skill code like 7.NS…")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of task")
        self.kind.addItem("Every kind", None)
        for kind in TaskKind:
            self.kind.addItem(kind.label, kind)
        self.domain = QComboBox()
        self.domain.setAccessibleName("Domain")
        self.domain.addItem("Every domain", None)
        for code, name in DOMAIN_NAMES.items():
            self.domain.addItem(name, code)
        self.minutes = QComboBox()
        self.minutes.setAccessibleName("How long")
        for minutes, text in MINUTE_CHOICES:
            self.minutes.addItem(text, minutes)
        self.sort = QComboBox()
        self.sort.setAccessibleName("Order")
        for sort in TaskSort:
            self.sort.addItem(sort.label, sort)
        self.body.addWidget(self.search)
        self.unused = QCheckBox("Not used with this period in the last")
        self.weeks = QSpinBox()
        self.weeks.setAccessibleName("Weeks not used")
        self.weeks.setRange(1, 52)
        self.weeks.setValue(4)
        self.weeks.setSuffix(" weeks")
        self.archived = QCheckBox("Show archived")
        self.count = label("", "muted", wrap=False)
        filters = FlowRow(
            self.kind,
            self.domain,
            self.minutes,
            self.sort,
            pair(self.unused, self.weeks),
            self.archived,
            self.count,
        )
        self.body.addWidget(filters)

        self.new_button = QPushButton("New task")
        self.new_button.setObjectName("primary")
        self.edit_button = QPushButton("Edit")
        self.duplicate_button = QPushButton("Duplicate")
        self.archive_button = QPushButton("Archive")
        self.cards_button = QPushButton("Print cards…")
        self.export_button = QPushButton("Share as a pack…")
        self.import_button = QPushButton("Import a pack…")
        actions = FlowRow(
            self.new_button,
            self.edit_button,
            self.duplicate_button,
            self.archive_button,
            self.cards_button,
            self.export_button,
            self.import_button,
        )
        self.body.addWidget(actions)
        self.banner = label("", "banner")
        self.banner.hide()
        self.body.addWidget(self.banner)

        row = QHBoxLayout()
        self.model = TaskListModel(self)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setSpacing(2)
        self.list.setMaximumWidth(380)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setToolTip(
            "Ctrl-click or Shift-click to choose several tasks for cards or a pack"
        )
        self.detail = MathBrowser()
        self.detail.setAccessibleName("The chosen task")
        column = QVBoxLayout()
        column.addWidget(self.detail)
        row.addWidget(self.list, 2)
        row.addLayout(column, 3)
        self.body.addLayout(row, 1)

        self.search.textChanged.connect(self._on_filter_changed)
        for combo in (self.kind, self.domain, self.minutes):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.sort.currentIndexChanged.connect(self._on_sort_changed)
        self.unused.toggled.connect(self._on_filter_changed)
        self.weeks.valueChanged.connect(self._on_filter_changed)
        self.archived.toggled.connect(self.reload)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self.list.doubleClicked.connect(self.edit_current)
        self.new_button.clicked.connect(self.new_task)
        self.edit_button.clicked.connect(self.edit_current)
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.cards_button.clicked.connect(self.print_cards)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)

    # -- loading and filtering --------------------------------------------------------
    def reload(self, *_args: object) -> None:
        current = self.current_task()
        service, skill_map = self._tasks, self._skill_map
        archived, period = self.archived.isChecked(), self.period.id if self.period else None
        tasks, last_used, skills = self._ops.query(
            lambda: (
                service.tasks(include_archived=archived),
                service.last_used(period) if period is not None else {},
                skill_map.skills(),
            )
        )
        self.model.set_tasks(tasks, last_used)
        # Read once per reload, not on every keystroke in the search box.
        self._domains = {skill.code: skill.domain for skill in skills}
        self._on_filter_changed()
        self.select_task(current.id if current else None)

    def select_task(self, task_id: object) -> None:
        row = 0
        for proxy_row in range(self.proxy.rowCount()):
            task = self.proxy.index(proxy_row, 0).data(TaskListModel.TaskRole)
            if isinstance(task, Task) and task.id == task_id:
                row = proxy_row
                break
        if self.proxy.rowCount():
            self.list.selectionModel().setCurrentIndex(
                self.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        else:
            self.detail.clear()
        self._update_buttons()

    def _on_filter_changed(self, *_args: object) -> None:
        kind = self.kind.currentData()
        self.weeks.setEnabled(self.unused.isChecked())
        since = self._today() - timedelta(weeks=self.weeks.value())
        self.proxy.set_filter(
            self.search.text(),
            TaskKind(kind) if kind else None,
            self.domain.currentData(),
            self._domains,
            self.minutes.currentData(),
            since if self.unused.isChecked() and self.period else None,
        )
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} tasks")

    def _on_sort_changed(self, *_args: object) -> None:
        self.proxy.set_sort(TaskSort(self.sort.currentData()))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        task = current.data(TaskListModel.TaskRole) if current.isValid() else None
        if isinstance(task, Task):
            service = self._tasks
            uses = self._ops.query(lambda: service.uses(task.id))
            self.detail.show_rich(task_html(RichHtml(self.detail.font()), task, uses))
        else:
            self.detail.clear()
        self._update_buttons()

    def current_task(self) -> Task | None:
        task = self.list.currentIndex().data(TaskListModel.TaskRole)
        return task if isinstance(task, Task) else None

    def selected_tasks(self) -> list[Task]:
        rows = sorted(self.list.selectionModel().selectedRows(), key=lambda i: i.row())
        tasks = [i.data(TaskListModel.TaskRole) for i in rows]
        chosen = [t for t in tasks if isinstance(t, Task)]
        current = self.current_task()
        return chosen or ([current] if current else [])

    def _update_buttons(self, *_args: object) -> None:
        task = self.current_task()
        for button in (self.edit_button, self.duplicate_button, self.archive_button):
            button.setEnabled(task is not None)
        self.archive_button.setText("Restore" if task and task.archived else "Archive")
        chosen = len(self.selected_tasks())
        self.cards_button.setEnabled(chosen > 0)
        self.cards_button.setText(f"Print {chosen} card{'s' if chosen != 1 else ''}…")

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    # -- actions ------------------------------------------------------------------------
    def new_task(self) -> TaskEditorDialog:
        tasks = self._tasks
        dialog = TaskEditorDialog(lambda spec: self._write(lambda: tasks.save(spec)), parent=self)
        dialog.accepted.connect(lambda: self._after_save(dialog))
        dialog.open()
        return dialog

    def edit_current(self, *_args: object) -> TaskEditorDialog | None:
        task = self.current_task()
        if task is None:
            return None
        tasks = self._tasks
        dialog = TaskEditorDialog(
            lambda spec: self._write(lambda: tasks.save(spec, task.id)), task, parent=self
        )
        dialog.accepted.connect(lambda: self._after_save(dialog))
        dialog.open()
        return dialog

    def _write(self, write: Callable[[], T]) -> T:
        """The page's writes: task bank changes, shown here at once (origin is this page)."""
        value = self._ops.write(write, Change.TASKS, origin=self)
        self.reload()
        return value

    def _recorded(self, what: str, write: Callable[[], T]) -> T:
        """A bank change Ctrl+Z undoes exactly: the rows it wrote are put back."""
        journals, ops = self._tasks.journal, self._ops
        return run_recorded(self._undo, ops, journals, what, write, Change.TASKS, origin=self)

    def _after_save(self, dialog: TaskEditorDialog) -> None:
        self.reload()
        self.select_task(dialog.saved_id)

    def duplicate_current(self) -> None:
        task = self.current_task()
        if task is None:
            return
        tasks = self._tasks
        # Undo takes the copy away again (no archived copy is left), exactly.
        copy = self._recorded(f"Duplicate “{task.title}”", lambda: tasks.duplicate(task.id))
        self.reload()
        self.select_task(copy)

    def toggle_archive(self) -> None:
        task = self.current_task()
        if task is None:
            return
        tasks = self._tasks
        task_id = task.id
        if task.archived:
            self._recorded(f"Restore “{task.title}”", lambda: tasks.restore(task_id))
        else:
            self._recorded(f"Archive “{task.title}”", lambda: tasks.archive(task_id))
            self.show_banner(
                f"“{task.title}” was archived. Undo with Ctrl+Z, or tick Show archived to "
                "restore it later."
            )
        self.reload()

    def print_cards(self) -> TaskCardsDialog | None:
        tasks = self.selected_tasks()
        if not tasks:
            return None
        dialog = TaskCardsDialog(
            self._ops, self._printing, tasks, self._today(), self, self._print_jobs
        )
        dialog.open()
        return dialog

    def _on_export_clicked(self) -> None:
        tasks = self.selected_tasks()
        if not tasks:
            return
        suggested = str(self._exports / "my-tasks.mathroom-tasks")
        path, _ = QFileDialog.getSaveFileName(self, "Share tasks as a pack", suggested, PACK_FILTER)
        if path:
            self.export_pack(Path(path), tasks)

    def export_pack(self, path: Path, tasks: list[Task]) -> None:
        if path.suffix != ".mathroom-tasks":
            path = path.with_name(path.name + ".mathroom-tasks")
        try:
            service, ids = self._tasks, [t.id for t in tasks]
            count = self._ops.query(lambda: service.export_pack(ids, path))
        except (MathroomError, OSError) as exc:
            QMessageBox.warning(self, "The pack was not saved", str(exc))
            return
        self.show_banner(f"Saved {count} task{'s' if count != 1 else ''} to {path}.")

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a task pack", str(Path.home()), f"{PACK_FILTER};;All files (*)"
        )
        if path:
            self.import_pack(Path(path))

    def import_pack(self, path: Path) -> TaskPackDialog | None:
        try:
            service = self._tasks
            preview = self._ops.query(lambda: service.preview_pack(path))
        except (MathroomError, OSError) as exc:
            QMessageBox.warning(self, "This file cannot be imported", str(exc))
            return None
        dialog = TaskPackDialog(self._ops, self._tasks, path, preview, self)
        dialog.accepted.connect(lambda: self._after_import(dialog))
        dialog.open()
        return dialog

    def _after_import(self, dialog: TaskPackDialog) -> None:
        report = dialog.report
        self.reload()
        if report is not None:
            added = len(report.added)
            self.show_banner(
                f"Imported {added} task{'s' if added != 1 else ''} from {report.source}; "
                f"{report.skipped_same + report.skipped_duplicates} skipped."
            )
