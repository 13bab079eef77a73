"""Skills: the gap map (who is stuck on what), who needs what today, and counts by skill."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.plan import teaching_day
from mathroom.domain.pulls import PullSuggestion
from mathroom.domain.skills import DOMAIN_NAMES
from mathroom.services.changes import Change
from mathroom.services.classroom import ClassroomService
from mathroom.services.evidence import EvidenceService, NeedsToday
from mathroom.services.plans import PlanService
from mathroom.services.skill_map import SkillMapService
from mathroom.services.teacher_time import TeacherTimeService
from mathroom.ui.dialogs.teacher_time_dialog import TeacherTimeDialog
from mathroom.ui.models.skill_levels_table import SkillLevelsTableModel
from mathroom.ui.operations import Operations
from mathroom.ui.pages.directory import SKILLS
from mathroom.ui.undo import run_recorded
from mathroom.ui.widgets.fit import keep_wrapped_lines
from mathroom.ui.widgets.gap_map_panel import GapMapPanel
from mathroom.ui.widgets.needs_panel import NeedsPanel
from mathroom.ui.widgets.page import Page, card, label
from mathroom.ui.widgets.skill_map_editor import SkillMapEditor


class _GradeFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.grades: tuple[int, ...] = ()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        grade = model.data(model.index(source_row, 3), Qt.ItemDataRole.DisplayRole)
        if self.grades and grade not in self.grades:
            return False
        return super().filterAcceptsRow(source_row, source_parent)


class SkillsPage(Page):
    title = SKILLS.title
    purpose = SKILLS.purpose
    student_opened = Signal(object)  # StudentId
    score_import_requested = Signal()
    shows = Change.ROSTER | Change.EVIDENCE | Change.SETTINGS

    def __init__(
        self,
        ops: Operations,
        classroom: ClassroomService,
        evidence: EvidenceService,
        plans: PlanService,
        skill_map: SkillMapService,
        undo: QUndoStack,
        today: Callable[[], date],
        teacher_time: TeacherTimeService | None = None,
    ) -> None:
        super().__init__(ops)
        self._teacher_time = teacher_time
        self._classroom = classroom
        self._evidence = evidence
        self._plans = plans
        self._undo = undo
        self._today = today
        tools = QHBoxLayout()
        tools.addStretch(1)
        self.import_scores_button = QPushButton("Import scores…")
        self.import_scores_button.setToolTip(
            "A diagnostic or quiz export: scores or levels per student and skill"
        )
        tools.addWidget(self.import_scores_button)
        self.body.addLayout(tools)
        self.import_scores_button.clicked.connect(self.score_import_requested)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Skills views")
        self.tabs.addTab(self._build_gap_tab(), "Gap map")
        self.tabs.addTab(self._build_counts_tab(), "By skill")
        self.skill_map = SkillMapEditor(ops, skill_map, undo)
        self.tabs.addTab(self.skill_map, "Skill map")
        self.body.addWidget(self.tabs, 1)

    # -- gap map tab ------------------------------------------------------------------------
    def _build_gap_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.gap = GapMapPanel(self._ops, self._evidence, self._today)
        splitter.addWidget(self.gap)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        history_card, history_layout = card()
        history_layout.addWidget(label("Evidence", "sectionTitle"))
        self.history = label("Click a cell to see its evidence.", "muted")
        history_layout.addWidget(self.history)
        side_layout.addWidget(history_card)
        self.needs = NeedsPanel()
        side_layout.addWidget(self.needs, 1)
        self.another_day_button = QPushButton("Plan it for another day…")
        self.another_day_button.setToolTip(
            "A pull or 1-1 conferences for any day from today on (the chosen suggestion's "
            "students and skill to begin with)"
        )
        self.another_day_button.setVisible(self._teacher_time is not None)
        self.another_day_button.clicked.connect(self.open_teacher_time)
        side_layout.addWidget(self.another_day_button)
        keep_wrapped_lines(side)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter)
        self.gap.cell_chosen.connect(self._on_gap_cell_chosen)
        self.gap.student_opened.connect(self.student_opened)
        self.needs.suggest_requested.connect(self._on_suggest_requested)
        self.needs.accept_requested.connect(self._on_accept_requested)
        return tab

    # -- counts tab -------------------------------------------------------------------------
    def _build_counts_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        controls = QHBoxLayout()
        self.grade = QComboBox()
        self.grade.setAccessibleName("Which grades")
        self.grade.addItem("All grades", ())
        self.grade.addItem("Grade 7 skills", (7,))
        self.grade.addItem("Foundations (grades 4–6)", (4, 5, 6))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter skills…")
        self.search.setClearButtonEnabled(True)
        controls.addWidget(self.grade)
        controls.addWidget(self.search, 1)
        layout.addLayout(controls)
        self.summary = label("", "muted")
        layout.addWidget(self.summary)
        self.model = SkillLevelsTableModel(self)
        self.proxy = _GradeFilter()
        self.proxy.setParent(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SkillLevelsTableModel.SortRole)
        self.table = QTableView()
        self.table.setAccessibleName("Students at each level, skill by skill")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the skill map's own order
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.grade.currentIndexChanged.connect(self._on_grade_changed)
        return tab

    def _on_grade_changed(self, _index: int) -> None:
        self.proxy.beginFilterChange()
        self.proxy.grades = tuple(self.grade.currentData() or ())
        self.proxy.endFilterChange()

    def reload(self) -> None:
        self.gap.load(self.period)
        self.skill_map.reload()
        self.history.setText("Click a cell to see its evidence.")
        if self.period is None:
            self.model.set_rows([], DOMAIN_NAMES, 0)
            self.summary.setText("")
            return
        classroom, period = self._classroom, self.period.id
        rows = self._ops.query(lambda: classroom.skill_levels(period))
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

    # -- slots ------------------------------------------------------------------------------
    def _on_gap_cell_chosen(self, student: StudentId, skill: SkillId) -> None:
        view = self.gap.view
        if view is None:
            return
        evidence = self._evidence
        items = self._ops.query(lambda: evidence.history(student, skill))
        skill_info = next((s for s in view.gap.skills if s.id == skill), None)
        heading = f"{view.names.get(student, '')} · {skill_info.code if skill_info else ''}"
        if skill_info is not None:
            heading += f" {skill_info.name}"
        level = view.gap.level(student, skill)
        now = level.label if level else "no evidence yet"
        lines = [heading, f"Now: {now} (rule: {view.rule.label.lower()})"]
        for item in reversed(items):
            note = f" — {item.note}" if item.note else ""
            lines.append(
                f"{item.observed_on:%b} {item.observed_on.day}: {item.level.label}"
                f" ({item.source.label}){note}"
            )
        self.history.setText("\n".join(lines))

    def _on_suggest_requested(self) -> None:
        if self.period is None:
            return
        today = teaching_day(self._today())  # on a weekend: the coming Monday's plan
        period, plans, evidence = self.period.id, self._plans, self._evidence
        skills, size, pulls = (
            self.gap.selected_skills(),
            self.needs.group_size.value(),
            self.needs.pulls.value(),
        )

        def read() -> NeedsToday:
            already = [StudentId(s) for s in plans.pulled_today(period, today)]
            return evidence.needs_today(period, today, skills, size, pulls, already)

        result = self._ops.query(read)
        self.needs.show_needs(result)

    def open_teacher_time(self) -> TeacherTimeDialog | None:
        """The pull (or conferences) for a day the teacher chooses, not only today."""
        if self.period is None or self._teacher_time is None:
            return None
        today = self._today()
        dialog = TeacherTimeDialog(
            self._ops,
            self._teacher_time,
            self.period,
            teaching_day(today),
            today,
            self._undo,
            self,
            preset=self.needs.selected(),
        )
        dialog.open()
        return dialog

    def _on_accept_requested(self, suggestion: PullSuggestion) -> None:
        if self.period is None:
            return
        period, today, plans = self.period.id, teaching_day(self._today()), self._plans
        # Undo takes back exactly what adding wrote (a plan it had to start, too).
        title = run_recorded(
            self._undo,
            self._ops,
            plans.journal,
            "add pull",
            lambda: plans.add_pull(period, today, suggestion),
            Change.PLANS,
        )
        whose = "today's" if today == self._today() else f"{today:%A}'s"
        self.needs.status.setText(f"Added to {whose} plan: {title}.")
        self._on_suggest_requested()
