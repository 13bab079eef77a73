"""The gap map: who is stuck on what, at a glance, with each cell's evidence on click."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.gap_map import GapMap
from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.roster import Period
from mathroom.domain.skills import DOMAIN_NAMES, Level, Skill
from mathroom.services.evidence import EvidenceService, GapMapView
from mathroom.ui.models.gap_map_table import GapMapTableModel
from mathroom.ui.operations import Operations
from mathroom.ui.widgets.flow_row import FlowRow
from mathroom.ui.widgets.page import label

_EMPTY = GapMap((), (), {}, {})


def legend() -> QLabel:
    text = "   ".join(f"{level.letter} = {level.label}" for level in Level)
    return label(text + "   (blank = no evidence yet)", "muted")


class GapMapPanel(QWidget):
    cell_chosen = Signal(object, object)  # StudentId, SkillId
    student_opened = Signal(object)  # StudentId (double-click on a name)

    def __init__(
        self, ops: Operations, evidence: EvidenceService, today: Callable[[], date]
    ) -> None:
        super().__init__()
        self._ops = ops
        self._evidence = evidence
        self._today = today
        self.view: GapMapView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.domain = QComboBox()
        self.domain.setAccessibleName("Domain")
        self.domain.addItem("All domains", "")
        for code, name in DOMAIN_NAMES.items():
            self.domain.addItem(name, code)
        self.grade = QComboBox()
        self.grade.setAccessibleName("Which grades")
        self.grade.addItem("All grades", 0)
        self.grade.addItem("Grade 7 skills", 7)
        self.grade.addItem("Grade 6", 6)
        self.grade.addItem("Grades 4–5", 5)
        self.only_assessed = QComboBox()
        self.only_assessed.setAccessibleName("Which skills")
        self.only_assessed.addItem("Skills with evidence", True)
        self.only_assessed.addItem("Every skill", False)
        layout.addWidget(FlowRow(self.domain, self.grade, self.only_assessed))
        layout.addWidget(legend())
        self.model = GapMapTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(GapMapTableModel.SortRole)
        self.table = QTableView()
        self.table.setAccessibleName("Gap map")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setDefaultSectionSize(54)
        header.setMinimumSectionSize(30)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSortIndicatorShown(True)
        # Codes wrap at their dots ("7.NS." over "A.1b") so every column stays narrow.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setFixedHeight(52)
        small = header.font()
        small.setPointSizeF(max(7.5, small.pointSizeF() - 1.5))
        header.setFont(small)
        layout.addWidget(self.table, 1)
        self.domain.currentIndexChanged.connect(self.refresh)
        self.grade.currentIndexChanged.connect(self.refresh)
        self.only_assessed.currentIndexChanged.connect(self.refresh)
        self.table.clicked.connect(self._on_table_clicked)
        self.table.doubleClicked.connect(self._on_table_double_clicked)

    def load(self, period: Period | None) -> None:
        evidence, today = self._evidence, self._today()
        self.view = self._ops.query(lambda: evidence.gap_map(period.id, today)) if period else None
        self.refresh()

    def visible_skills(self) -> tuple[Skill, ...]:
        if self.view is None:
            return ()
        domain = self.domain.currentData()
        grade = int(self.grade.currentData())
        assessed = bool(self.only_assessed.currentData())
        gap = self.view.gap
        skills = []
        for skill in gap.skills:
            if domain and skill.domain != domain:
                continue
            if grade and (skill.grade != grade if grade >= 6 else skill.grade > 5):
                continue
            if assessed and not any(gap.level(s.id, skill.id) for s in gap.students):
                continue
            skills.append(skill)
        # Grouped by domain, in the skill map's order within each domain.
        order = list(DOMAIN_NAMES)
        return tuple(
            sorted(skills, key=lambda s: order.index(s.domain) if s.domain in order else len(order))
        )

    def refresh(self) -> None:
        if self.view is None:
            self.model.set_gap_map(_EMPTY, {}, ())
            return
        self.model.set_gap_map(self.view.gap, self.view.names, self.visible_skills())
        self.table.setColumnWidth(0, 190)

    def selected_skills(self) -> list[SkillId]:
        """Skills whose columns have a selected cell (for 'who needs what')."""
        columns = {i.column() for i in self.table.selectionModel().selectedIndexes()}
        skills = (
            [
                self.model.skill_at(self.proxy.mapToSource(self.proxy.index(0, c)).column())
                for c in sorted(columns)
            ]
            if self.proxy.rowCount()
            else []
        )
        return [s.id for s in skills if s is not None]

    def _cell(self, index: QModelIndex) -> tuple[StudentId, Skill | None]:
        source = self.proxy.mapToSource(index)
        return self.model.student_at(source.row()), self.model.skill_at(source.column())

    def _on_table_clicked(self, index: QModelIndex) -> None:
        student, skill = self._cell(index)
        if skill is not None:
            self.cell_chosen.emit(student, skill.id)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        student, _skill = self._cell(index)
        self.student_opened.emit(student)
