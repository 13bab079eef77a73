"""The skill map, editable: add, rename, hide and reorder skills (with undo)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import SkillId
from mathroom.domain.skills import DOMAIN_NAMES, Skill
from mathroom.services.changes import Change
from mathroom.services.skill_map import SkillMapService
from mathroom.ui import theme
from mathroom.ui.dialogs.skill_dialog import SkillDialog
from mathroom.ui.operations import Operations
from mathroom.ui.undo import push_done
from mathroom.ui.widgets.page import label

T = TypeVar("T")


class SkillMapEditor(QWidget):
    def __init__(self, ops: Operations, skill_map: SkillMapService, undo: QUndoStack) -> None:
        super().__init__()
        self._ops = ops
        self._skill_map = skill_map
        self._undo = undo
        self._skills: list[Skill] = []
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                "The grade 7 standards and the grade 4–6 skills they build on. Hidden skills leave "
                "the gap map and pickers; their evidence is kept.",
                "muted",
            )
        )
        tools = QHBoxLayout()
        self.add_button = QPushButton("Add skill…")
        self.rename_button = QPushButton("Rename…")
        self.hide_button = QPushButton("Hide")
        self.up_button = QPushButton("▲")
        self.down_button = QPushButton("▼")
        for button in (
            self.add_button,
            self.rename_button,
            self.hide_button,
            self.up_button,
            self.down_button,
        ):
            tools.addWidget(button)
        tools.addStretch(1)
        layout.addLayout(tools)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Code", "Name", "Grade", "Domain", "Shown"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.hide_button.clicked.connect(self._on_hide_clicked)
        self.up_button.clicked.connect(partial(self._on_move_clicked, -1))
        self.down_button.clicked.connect(partial(self._on_move_clicked, 1))
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def reload(self) -> None:
        current = self.current()
        self._skills = self._ops.query(self._skill_map.skills)
        self.table.setRowCount(len(self._skills))
        for row, skill in enumerate(self._skills):
            values = (
                skill.code,
                skill.name,
                str(skill.grade),
                DOMAIN_NAMES.get(skill.domain, skill.domain),
                "Hidden" if skill.hidden else "Shown",
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(skill.description)
                if skill.hidden:
                    item.setForeground(QColor(theme.colors().faint))
                self.table.setItem(row, column, item)
        if current is not None:
            self.select(current.id)
        self._update_buttons()

    def current(self) -> Skill | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self._skills[rows[0].row()] if rows else None

    def select(self, skill: SkillId) -> None:
        for row, item in enumerate(self._skills):
            if item.id == skill:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        skill = self.current()
        for button in (self.rename_button, self.hide_button, self.up_button, self.down_button):
            button.setEnabled(skill is not None)
        self.hide_button.setText("Show" if skill is not None and skill.hidden else "Hide")

    def _write(self, write: Callable[[], T]) -> T:
        return self._ops.write(write, Change.SETTINGS)

    def _on_add_clicked(self) -> None:
        dialog = SkillDialog(self._skill_map, self._write, self)
        if dialog.exec() and dialog.saved_id is not None:
            added = dialog.saved_id
            service = self._skill_map
            push_done(
                self._undo,
                self._ops,
                "add skill",
                partial(service.set_hidden, added, False),
                partial(service.set_hidden, added, True),
                Change.SETTINGS,
            )
            self.select(added)

    def _on_rename_clicked(self) -> None:
        skill = self.current()
        if skill is None:
            return
        name, ok = QInputDialog.getText(
            self, "Rename skill", f"New name for {skill.code}:", text=skill.name
        )
        if not ok or not name.strip():
            return
        service = self._skill_map
        old = self._write(partial(service.rename, skill.id, name))
        push_done(
            self._undo,
            self._ops,
            "rename skill",
            partial(service.rename, skill.id, name),
            partial(service.rename, skill.id, old),
            Change.SETTINGS,
        )

    def _on_hide_clicked(self) -> None:
        skill = self.current()
        if skill is None:
            return
        service = self._skill_map
        self._write(partial(service.set_hidden, skill.id, not skill.hidden))
        push_done(
            self._undo,
            self._ops,
            "hide skill" if not skill.hidden else "show skill",
            partial(service.set_hidden, skill.id, not skill.hidden),
            partial(service.set_hidden, skill.id, skill.hidden),
            Change.SETTINGS,
        )

    def _on_move_clicked(self, offset: int) -> None:
        skill = self.current()
        if skill is None:
            return
        service = self._skill_map
        self._write(partial(service.move, skill.id, offset))
        push_done(
            self._undo,
            self._ops,
            "move skill",
            partial(service.move, skill.id, offset),
            partial(service.move, skill.id, -offset),
            Change.SETTINGS,
        )
