"""Edit one block of a day plan: kind, title, minutes, task, stations, rotation, focus, and
for project work which day of the project it is.

The form edits a copy; ``changed`` carries the new PlanBlock and the page saves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import TaskId
from mathroom.domain.plan import TEACHER_TIME_KINDS, BlockKind, PlanBlock, Station
from mathroom.domain.plan_schedule import gallery_walk, rotation_schedule
from mathroom.domain.projects import block_title, day_label, days_of
from mathroom.domain.tasks import Task, TaskKind

# Which task kinds suit which block, best first (any task may still be chosen).
_KINDS_FOR = {
    BlockKind.WARMUP: (TaskKind.WARMUP, TaskKind.DISCUSSION),
    BlockKind.STATIONS: (TaskKind.WHITEBOARD, TaskKind.MATH_ART, TaskKind.PROJECT),
    BlockKind.PRACTICE: (TaskKind.PRACTICE,),
    BlockKind.EXIT_TICKET: (TaskKind.EXIT_TICKET,),
    BlockKind.GALLERY_WALK: (TaskKind.DISCUSSION,),
    BlockKind.CLOSING: (TaskKind.DISCUSSION,),
    BlockKind.SMALL_GROUP: (TaskKind.PRACTICE, TaskKind.WHITEBOARD),
    BlockKind.PROJECT: (TaskKind.PROJECT, TaskKind.MATH_ART),
}


def schedule_text(block: PlanBlock, groups: int) -> str:
    """The rotation (or gallery walk) worked out, in plain lines."""
    if groups < 1:
        return ""
    try:
        if block.kind is BlockKind.STATIONS and block.rotation_minutes:
            rounds = rotation_schedule(
                groups, len(block.stations) or groups, block.minutes, block.rotation_minutes
            )
            head = "Rotation"
        elif block.kind is BlockKind.GALLERY_WALK and groups >= 2:
            rounds = gallery_walk(groups, groups - 1, block.minutes)
            head = "Gallery walk: each group visits other boards, never its own"
        else:
            return ""
    except ValueError as exc:
        return f"No schedule: {exc}"
    lines = [head]
    for round_ in rounds:
        where = ", ".join(f"G{g}→{place}" for g, place in enumerate(round_.places, start=1))
        lines.append(f"{round_.starts_at_minute}–{round_.ends_at_minute} min: {where}")
    return "\n".join(lines)


class BlockEditor(QWidget):
    changed = Signal(object)  # the edited PlanBlock
    make_groups = Signal()
    remove_project = Signal()  # take this block's project off every day of its run

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._block: PlanBlock | None = None
        self._tasks: list[Task] = []
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in BlockKind:
            self.kind.addItem(kind.label, kind)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Optional: a name for this block")
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 240)
        self.minutes.setSuffix(" min")
        self.task = QComboBox()
        # Task titles are long: the combo elides them rather than widen the Plan page.
        self.task.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.task.setMinimumContentsLength(18)
        self.milestone = QComboBox()
        self.milestone.setToolTip("Which day of the project this is")
        self.concurrent = QCheckBox("Runs during the block above (adds no minutes)")
        self.stations = QSpinBox()
        self.stations.setRange(0, 12)
        self.stations.setSpecialValueText("none")
        self.rotation = QSpinBox()
        self.rotation.setRange(0, 60)
        self.rotation.setSpecialValueText("no rotation")
        self.rotation.setSuffix(" min")
        self.focus = QLineEdit()
        self.focus.setPlaceholderText("Skill codes, e.g. 7.NS.A.1b, 5.NF.A.1-unlike")
        form.addRow("Block", self.kind)
        form.addRow("Title", self.title_edit)
        form.addRow("Minutes", self.minutes)
        form.addRow("Task", self.task)
        form.addRow("Project day", self.milestone)
        form.addRow("", self.concurrent)
        form.addRow("Whiteboards", self.stations)
        form.addRow("Move every", self.rotation)
        form.addRow("Practice focus", self.focus)
        layout.addLayout(form)
        self._form = form
        self.station_tasks = QTableWidget(0, 2)
        self.station_tasks.setHorizontalHeaderLabels(["Board", "Task at this board"])
        self.station_tasks.verticalHeader().hide()
        self.station_tasks.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.station_tasks, 1)
        self.groups_button = QPushButton("Make fresh groups for these boards")
        layout.addWidget(self.groups_button)
        self.remove_project_button = QPushButton("Remove this project from every day…")
        self.remove_project_button.setToolTip(
            "Takes this project off each of its days in this period (Ctrl+Z undoes)"
        )
        layout.addWidget(self.remove_project_button)
        self.schedule = QLabel()
        self.schedule.setWordWrap(True)
        self.schedule.setObjectName("muted")
        layout.addWidget(self.schedule)
        self.pulled = QLabel()
        self.pulled.setWordWrap(True)
        layout.addWidget(self.pulled)

        self.kind.currentIndexChanged.connect(self._emit)
        self.title_edit.editingFinished.connect(self._emit)
        self.minutes.editingFinished.connect(self._emit)
        self.task.currentIndexChanged.connect(self._on_task_changed)
        self.milestone.currentIndexChanged.connect(self._emit)
        self.concurrent.toggled.connect(self._emit)
        self.stations.editingFinished.connect(self._emit)
        self.rotation.editingFinished.connect(self._emit)
        self.focus.editingFinished.connect(self._emit)
        self.groups_button.clicked.connect(self.make_groups)
        self.remove_project_button.clicked.connect(self.remove_project)
        self.setEnabled(False)

    def set_tasks(self, tasks: Sequence[Task]) -> None:
        self._tasks = list(tasks)

    def show_block(self, block: PlanBlock | None, groups: int = 0, pulled: str = "") -> None:
        self._block = block
        self.setEnabled(block is not None)
        if block is None:
            return
        self._loading = True
        try:
            self.kind.setCurrentIndex(list(BlockKind).index(block.kind))
            self.title_edit.setText(block.title)
            self.minutes.setValue(block.minutes)
            self._fill_tasks(self.task, block.kind, block.task_id)
            self.concurrent.setChecked(block.concurrent)
            self.stations.setValue(len(block.stations))
            self.rotation.setValue(block.rotation_minutes or 0)
            self.focus.setText(", ".join(block.practice_skills))
            is_stations = block.kind is BlockKind.STATIONS
            # Hide whole form rows (label too) that do not apply to this kind of block.
            self._form.setRowVisible(self.stations, is_stations)
            self._form.setRowVisible(self.rotation, is_stations)
            self._form.setRowVisible(self.focus, block.kind is BlockKind.PRACTICE)
            self._form.setRowVisible(self.concurrent, block.kind in TEACHER_TIME_KINDS)
            is_project = block.kind is BlockKind.PROJECT
            self._form.setRowVisible(self.milestone, is_project)
            self._fill_milestones(block.task_id, block.milestone)
            self.remove_project_button.setVisible(is_project and block.task_id is not None)
            for widget in (self.station_tasks, self.groups_button):
                widget.setVisible(is_stations)
            self._fill_stations(block)
            self.schedule.setText(schedule_text(block, groups))
            self.pulled.setText(pulled)
            self.pulled.setVisible(bool(pulled))
        finally:
            self._loading = False

    def _fill_tasks(self, combo: QComboBox, kind: BlockKind, current: TaskId | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("(no task)", None)
        preferred = _KINDS_FOR.get(kind, ())
        ranked = sorted(
            self._tasks,
            key=lambda t: (t.kind not in preferred, t.title.casefold()),
        )
        for task in ranked:
            combo.addItem(f"{task.title} · {task.kind.label}", task.id)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _task(self, task_id: object) -> Task | None:
        return next((t for t in self._tasks if t.id == task_id), None)

    def _fill_milestones(self, task_id: object, current: int | None) -> None:
        """The chosen task's days ("Day 2 of 4 — Work day"); the block's day stays chosen,
        even past the end of a task that has lost days since."""
        task = self._task(task_id)
        days = days_of(task.spec) if task is not None else ()
        self.milestone.blockSignals(True)
        self.milestone.clear()
        for index in range(len(days)):
            self.milestone.addItem(day_label(days, index), index)
        if current is not None and current >= len(days):
            self.milestone.addItem(day_label(days, current), current)
        found = self.milestone.findData(current) if current is not None else -1
        self.milestone.setCurrentIndex(found if found >= 0 else (0 if days else -1))
        self.milestone.setEnabled(bool(days))
        self.milestone.blockSignals(False)

    def _on_task_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._fill_milestones(self.task.currentData(), self.milestone.currentData())
        self._emit()

    def _fill_stations(self, block: PlanBlock) -> None:
        self.station_tasks.setRowCount(len(block.stations))
        for row, station in enumerate(block.stations):
            board = QLabel(f"  {station.number}")
            self.station_tasks.setCellWidget(row, 0, board)
            combo = QComboBox()
            self._fill_tasks(combo, BlockKind.STATIONS, station.task_id)
            combo.currentIndexChanged.connect(self._emit)
            self.station_tasks.setCellWidget(row, 1, combo)
        self.station_tasks.resizeColumnToContents(0)

    def edited(self) -> PlanBlock | None:
        """The block as the form shows it now."""
        block = self._block
        if block is None:
            return None
        kind = BlockKind(self.kind.currentData())
        task = self.task.currentData()
        stations = list(block.stations)
        for row, station in enumerate(stations):
            combo = self.station_tasks.cellWidget(row, 1)
            if isinstance(combo, QComboBox):
                stations[row] = replace(station, task_id=combo.currentData())
        count = self.stations.value() if kind is BlockKind.STATIONS else 0
        if count > len(stations):
            default = task if task is not None else None
            stations += [Station(n, default, None) for n in range(len(stations) + 1, count + 1)]
        stations = stations[:count]
        codes = tuple(c for c in self.focus.text().replace(",", " ").split() if c)
        rotation = self.rotation.value() or None
        title = self.title_edit.text().strip()
        milestone = self.milestone.currentData() if kind is BlockKind.PROJECT else None
        if kind is BlockKind.PROJECT:
            title = self._project_title(block, title, task, milestone)
        return replace(
            block,
            kind=kind,
            title=title,
            minutes=self.minutes.value(),
            task_id=TaskId(task) if task is not None else None,
            concurrent=self.concurrent.isChecked(),
            stations=tuple(stations),
            rotation_minutes=rotation if kind is BlockKind.STATIONS else None,
            practice_skills=codes if kind is BlockKind.PRACTICE else (),
            milestone=milestone,
        )

    def _project_title(
        self, block: PlanBlock, title: str, task_id: object, milestone: int | None
    ) -> str:
        """A project block named after its task and day follows a change of either; a title
        the teacher wrote stays."""
        old = self._task(block.task_id)
        automatic = (
            not title
            or block.kind is not BlockKind.PROJECT
            or (
                old is not None
                and title == block_title(old.title, days_of(old.spec), block.milestone or 0)
            )
        )
        new = self._task(task_id)
        if not automatic or new is None or milestone is None:
            return title
        return block_title(new.title, days_of(new.spec), milestone)

    def _emit(self, *_args: object) -> None:
        if self._loading:
            return
        block = self.edited()
        if block is not None and block != self._block:
            self._block = block
            self.changed.emit(block)
