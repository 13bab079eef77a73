"""Choose skills from the skill map or tasks from the bank to add to a unit.

Type to search (every word must match), narrow by kind or grade, and add one or several
(Ctrl-click, Shift-click). What fits the unit's skills is listed first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.skills import Skill
from mathroom.domain.tasks import Task, TaskKind
from mathroom.mathtext.markup import plain_text
from mathroom.ui.widgets.fit import resize_within_screen
from mathroom.ui.widgets.page import label


@dataclass(frozen=True, slots=True)
class Choice:
    key: object  # a skill code or a task id
    cells: tuple[str, ...]
    search: str  # casefolded words the search box matches
    group: object = None  # what the filter box narrows by (a task's kind, a skill's grade)
    fits: bool = False  # on the unit's skills: listed first
    tooltip: str = ""


class UnitPickerDialog(QDialog):
    """``groups`` fill the filter box (value, label) after ``every``; ``only_fits`` labels a
    box that hides what does not fit the unit (none: no such box)."""

    def __init__(
        self,
        title: str,
        headers: Sequence[str],
        choices: Sequence[Choice],
        every: str,
        groups: Sequence[tuple[object, str]],
        noun: str,
        only_fits: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        resize_within_screen(self, 760, 560)
        self._noun = noun
        # What fits the unit first; otherwise the order given (the skill map's, the bank's).
        self._choices = sorted(choices, key=lambda c: not c.fits)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(f"Search {noun}s: words or a skill code like 7.NS…")
        self.search.setClearButtonEnabled(True)
        self.group = QComboBox()
        self.group.addItem(every, None)
        for value, text in groups:
            self.group.addItem(text, value)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.group)
        layout.addLayout(filters)
        self.only_fits = QCheckBox(only_fits or "")
        self.only_fits.setVisible(only_fits is not None)
        layout.addWidget(self.only_fits)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.count = label("", "muted", wrap=False)
        layout.addWidget(self.count)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(
            "Add to the unit", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setDefault(True)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self._fill)
        self.group.currentIndexChanged.connect(self._fill)
        self.only_fits.toggled.connect(self._fill)
        self.table.itemSelectionChanged.connect(self._update_add)
        self.table.doubleClicked.connect(self.accept)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self._shown: list[Choice] = []
        self._fill()
        self.search.setFocus()

    def chosen(self) -> list[object]:
        """The keys of the chosen rows, top to bottom; the first row when none is chosen."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        if not rows and self._shown:
            rows = [0]
        return [self._shown[row].key for row in rows]

    def _fill(self, *_args: object) -> None:
        words = self.search.text().casefold().split()
        group = self.group.currentData()
        only = self.only_fits.isChecked()
        self._shown = [
            c
            for c in self._choices
            if (group is None or c.group == group)
            and (c.fits or not only)
            and all(word in c.search for word in words)
        ]
        self.table.setRowCount(len(self._shown))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, choice in enumerate(self._shown):
            for column, text in enumerate(choice.cells):
                item = QTableWidgetItem(text)
                item.setToolTip(choice.tooltip)
                if choice.fits:
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        fitting = sum(c.fits for c in self._shown)
        noun = self._noun if len(self._shown) == 1 else f"{self._noun}s"
        fits = f" · {fitting} on this unit's skills (bold, first)" if fitting else ""
        self.count.setText(
            f"{len(self._shown)} {noun}{fits}"
            if self._shown
            else f"No {self._noun} matches. Those already in the unit are not listed here."
        )
        self._update_add()

    def _update_add(self) -> None:
        chosen = len(self.table.selectionModel().selectedRows()) or (1 if self._shown else 0)
        self.add_button.setEnabled(chosen > 0)
        self.add_button.setText("Add to the unit" if chosen <= 1 else f"Add {chosen} to the unit")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False
        if watched is self.search and event.key() == Qt.Key.Key_Down and self._shown:
            self.table.setFocus()  # Down from the search box goes into the list
            self.table.selectRow(0)
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.add_button.isEnabled():
            self.accept()  # Enter in the box or the list adds what is chosen
            return True
        return False


def skill_picker(
    skills: Sequence[Skill], taken: Sequence[str], parent: QWidget | None = None
) -> UnitPickerDialog:
    """The skill map's shown skills that the unit lacks, in the map's order."""
    choices = [
        Choice(
            s.code,
            (s.code, s.name, f"Grade {s.grade}"),
            " ".join((s.code, s.name, s.description, s.standard)).casefold(),
            s.grade,
            tooltip=s.description,
        )
        for s in skills
        if not s.hidden and s.code not in taken
    ]
    grades = sorted({s.grade for s in skills}, reverse=True)
    return UnitPickerDialog(
        "Add skills to the unit",
        ("Code", "Skill", "Grade"),
        choices,
        "Every grade",
        [(g, f"Grade {g}") for g in grades],
        "skill",
        parent=parent,
    )


def task_picker(
    tasks: Sequence[Task],
    taken: Sequence[object],
    unit_skills: Sequence[str],
    parent: QWidget | None = None,
) -> UnitPickerDialog:
    """The bank's tasks the unit lacks (archived ones left out); those on the unit's skills
    first, in bold."""
    wanted = set(unit_skills)
    choices = [
        Choice(
            t.id,
            (t.spec.kind.label, t.title, ", ".join(t.spec.skill_codes)),
            " ".join((t.title, plain_text(t.spec.prompt), *t.spec.skill_codes)).casefold(),
            t.spec.kind,
            fits=bool(wanted & set(t.spec.skill_codes)),
            tooltip=plain_text(t.spec.prompt)[:300],
        )
        for t in sorted(tasks, key=lambda t: t.title.casefold())
        if not t.archived and t.id not in taken
    ]
    return UnitPickerDialog(
        "Add tasks to the unit",
        ("Kind", "Task", "Skills"),
        choices,
        "Every kind",
        [(kind, kind.label) for kind in TaskKind],
        "task",
        only_fits="Only tasks on this unit's skills" if wanted else None,
        parent=parent,
    )
