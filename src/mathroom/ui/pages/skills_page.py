"""Skills: where the chosen period stands on each skill of the map."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QTableView

from mathroom.composition import Services
from mathroom.ui.models.skill_levels_table import SkillLevelsTableModel
from mathroom.ui.widgets.page import Page, label

DOMAIN_NAMES = {
    "NBT": "Whole numbers & decimals",
    "OA": "Operations & order",
    "NF": "Fractions",
    "RP": "Ratios, rates & percent",
    "NS": "Integers & rationals",
    "EE": "Expressions & equations",
    "G": "Geometry",
    "MD": "Measurement",
    "SP": "Statistics & probability",
}


class _GradeFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.grades: tuple[int, ...] = ()

    def filterAcceptsRow(self, source_row: int, source_parent: object) -> bool:
        model = self.sourceModel()
        grade = model.data(model.index(source_row, 3), Qt.ItemDataRole.DisplayRole)
        if self.grades and grade not in self.grades:
            return False
        return super().filterAcceptsRow(source_row, source_parent)  # type: ignore[arg-type]  # PySide stub wants a QModelIndex


class SkillsPage(Page):
    title = "Skills"
    purpose = (
        "How many students in this period stand at each level on each skill, from the latest "
        "evidence. Teacher eyes only: this never appears on the projector or student sheets."
    )

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        controls = QHBoxLayout()
        self.grade = QComboBox()
        self.grade.addItem("All grades", ())
        self.grade.addItem("Grade 7 skills", (7,))
        self.grade.addItem("Foundations (grades 4–6)", (4, 5, 6))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter skills…")
        self.search.setClearButtonEnabled(True)
        controls.addWidget(self.grade)
        controls.addWidget(self.search, 1)
        self.body.addLayout(controls)
        self.summary = label("", "muted")
        self.body.addWidget(self.summary)
        self.model = SkillLevelsTableModel(self)
        self.proxy = _GradeFilter()
        self.proxy.setParent(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SkillLevelsTableModel.SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the skill map's own order
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.body.addWidget(self.table, 1)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.grade.currentIndexChanged.connect(self._on_grade_changed)

    def _on_grade_changed(self, _index: int) -> None:
        self.proxy.beginFilterChange()
        self.proxy.grades = tuple(self.grade.currentData() or ())
        self.proxy.endFilterChange()

    def reload(self) -> None:
        if self.period is None:
            self.model.set_rows([], DOMAIN_NAMES, 0)
            self.summary.setText("")
            return
        rows = self._services.classroom.skill_levels(self.period.id)
        size = self.period.student_count
        self.model.set_rows(rows, DOMAIN_NAMES, size)
        stuck = sorted(rows, key=lambda r: r.needing_support, reverse=True)[:1]
        hint = ""
        if stuck and stuck[0].needing_support:
            top = stuck[0]
            hint = (
                f" Most need: {top.skill.name} ({top.skill.code}), {top.needing_support} "
                "students not yet secure."
            )
        self.summary.setText(f"{len(rows)} skills · {size} students.{hint}")
