"""Make groups: one click, then drag students between groups, lock some, re-roll, save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.errors import MathroomError
from mathroom.domain.grouping import GroupingMode, Remainder
from mathroom.domain.groups import Group
from mathroom.domain.ids import PeriodId, SkillId, StudentId
from mathroom.services.attendance import AttendanceService
from mathroom.services.changes import Change
from mathroom.services.evidence import EvidenceService
from mathroom.services.grouping import GroupDraft, GroupingService
from mathroom.ui.operations import Operations
from mathroom.ui.widgets.page import card, card_grid, clear_layout, label

ROLES = ("marker", "checker", "reporter")

MODE_LABELS = {
    GroupingMode.FRESH_MIX: "Fresh mix (new partners)",
    GroupingMode.MIXED_READINESS: "Mixed readiness",
    GroupingMode.SAME_NEED: "Same need",
    GroupingMode.PEER_PAIRS: "Peer pairs",
}


class GroupList(QListWidget):
    """One group's members; students can be dragged between groups."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMinimumHeight(110)
        self.setMaximumHeight(150)

    def members(self) -> tuple[StudentId, ...]:
        return tuple(
            StudentId(int(self.item(i).data(Qt.ItemDataRole.UserRole))) for i in range(self.count())
        )

    def locked(self) -> list[StudentId]:
        return [
            StudentId(int(self.item(i).data(Qt.ItemDataRole.UserRole)))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]


class GroupMaker(QWidget):
    def __init__(
        self,
        ops: Operations,
        grouping: GroupingService,
        evidence: EvidenceService,
        attendance: AttendanceService,
        today: Callable[[], date],
    ) -> None:
        super().__init__()
        self._ops = ops
        self._grouping = grouping
        self._evidence = evidence
        self._attendance = attendance
        self._today = today
        self._period: PeriodId | None = None
        self.draft: GroupDraft | None = None
        self.lists: list[GroupList] = []
        self._warning_labels: dict[int, QLabel] = {}
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.on = QDateEdit()
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("ddd MMM d")
        self.group_size = QSpinBox()
        self.group_size.setRange(2, 6)
        self.group_size.setValue(3)
        self.group_size.setPrefix("Groups of ")
        self.mode = QComboBox()
        for mode, text in MODE_LABELS.items():
            self.mode.addItem(text, mode.value)
        self.skill = QComboBox()
        self.skill.setToolTip("The skill the readiness modes look at")
        self.skill.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.skill.setMinimumContentsLength(14)
        self.remainder = QComboBox()
        self.remainder.addItem("Extra students: a few groups one larger", Remainder.LARGER.value)
        self.remainder.addItem("Short: a few groups one smaller", Remainder.SMALLER.value)
        self.make_button = QPushButton("Make groups")
        self.make_button.setObjectName("primary")
        for widget in (self.on, self.group_size, self.mode, self.skill, self.remainder):
            controls.addWidget(widget)
        controls.addWidget(self.make_button)
        layout.addLayout(controls)
        actions = QHBoxLayout()
        self.roles = QCheckBox("Rotate roles: " + ", ".join(ROLES))
        self.roles.setToolTip("Each student takes each role in turn across group sets")
        actions.addWidget(self.roles)
        self.reroll_button = QPushButton("Re-roll (keep ticked students)")
        self.late_button = QPushButton("Add a late arrival…")
        self.save_button = QPushButton("Save these groups")
        self.save_button.setObjectName("primary")
        for button in (self.reroll_button, self.late_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        layout.addLayout(actions)
        self.status = label("Choose the size and press Make groups.", "muted")
        layout.addWidget(self.status)
        scroll, self.grid = card_grid()
        layout.addWidget(scroll, 1)
        self.make_button.clicked.connect(self.make)
        self.reroll_button.clicked.connect(self.reroll)
        self.late_button.clicked.connect(self._on_late_clicked)
        self.save_button.clicked.connect(self.save)
        self.mode.currentIndexChanged.connect(self._update_buttons)
        self._update_buttons()

    @property
    def period(self) -> PeriodId | None:
        return self._period

    def load(self, period: PeriodId | None) -> None:
        self._period = period
        today = self._today()
        self.on.setDate(QDate(today.year, today.month, today.day))
        self.skill.clear()
        for skill in self._ops.query(self._evidence.skills):
            self.skill.addItem(f"{skill.code} — {skill.name}", int(skill.id))
        self._show(None)

    # -- actions ------------------------------------------------------------------------
    def make(self, locked: dict[StudentId, int] | None = None) -> None:
        if self._period is None:
            return
        period, on = self._period, self._chosen_date()
        size, mode = self.group_size.value(), GroupingMode(self.mode.currentData())
        remainder = Remainder(self.remainder.currentData())
        skills = [SkillId(int(self.skill.currentData()))] if self.skill.currentData() else []
        grouping = self._grouping
        roles = ROLES if self.roles.isChecked() else ()
        self.make_button.setEnabled(False)
        self.status.setText("Dealing groups…")
        self._ops.read_in_background(
            lambda _p: grouping.make(
                period,
                on,
                size,
                mode=mode,
                remainder=remainder,
                skills=skills,
                locked=locked or {},
                roles=roles,
            ),
            self._on_made,
            self._on_failed,
        )

    def reroll(self) -> None:
        locked = {s: group.number for group in self.lists for s in group.locked()}
        self.make(locked)

    def save(self) -> None:
        draft = self.current_draft()
        if draft is None:
            return
        grouping = self._grouping
        self._ops.write(lambda: grouping.save(draft), Change.GROUPS)
        when = f"{draft.on:%A}"
        self.status.setText(
            f"Saved as the groups for {when}. Today's stations and the projector use them."
            if draft.on == self._today()
            else f"Saved as the groups for {when}."
        )

    def current_draft(self) -> GroupDraft | None:
        if self.draft is None:
            return None
        roles = {s: r for g in self.draft.groups for s, r in g.roles}
        groups = tuple(
            Group(gl.number, gl.members(), tuple((s, roles[s]) for s in gl.members() if s in roles))
            for gl in self.lists
        )
        draft, grouping = self.draft, self._grouping
        return self._ops.query(lambda: grouping.check(draft, groups))

    # -- results --------------------------------------------------------------------------
    def _on_made(self, draft: object) -> None:
        self.make_button.setEnabled(True)
        if isinstance(draft, GroupDraft):
            self._show(draft)

    def _on_failed(self, error: Exception) -> None:
        self.make_button.setEnabled(True)
        message = str(error) if isinstance(error, MathroomError) else f"Unexpected problem: {error}"
        self.status.setText(f"No groups: {message}")

    def _show(self, draft: GroupDraft | None) -> None:
        self.draft = draft
        clear_layout(self.grid)
        self.lists = []
        self._warning_labels = {}
        if draft is None:
            self._update_buttons()
            return
        columns = 4
        for i, group in enumerate(draft.groups):
            frame, layout = card()
            layout.addWidget(label(f"Group {group.number}", "cardTitle"))
            members = GroupList(group.number)
            for student in group.members:
                role = group.role_of(student)
                text = draft.names.get(student, "?") + (f" · {role}" if role else "")
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, int(student))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setToolTip("Tick to keep this student here when you re-roll")
                members.addItem(item)
            members.model().rowsInserted.connect(self._on_groups_edited)
            members.model().rowsRemoved.connect(self._on_groups_edited)
            layout.addWidget(members)
            warning = label("", "banner")
            warning.hide()
            layout.addWidget(warning)
            self._warning_labels[group.number] = warning
            self.lists.append(members)
            self.grid.addWidget(frame, i // columns, i % columns)
        self.grid.setRowStretch((len(draft.groups) + columns - 1) // columns, 1)
        self._show_warnings(draft)
        present = sum(len(g.members) for g in draft.groups)
        absent = f" · {len(draft.absent)} absent, left out" if draft.absent else ""
        self.status.setText(
            f"{len(draft.groups)} groups · {present} students{absent} · "
            f"{draft.repeats} {'pair' if draft.repeats == 1 else 'pairs'} who met recently. "
            "Drag names to move them; "
            "tick names to keep them when you re-roll."
        )
        self._update_buttons()

    def _show_warnings(self, draft: GroupDraft) -> None:
        for number, widget in self._warning_labels.items():
            notes = draft.warnings.get(number, ())
            widget.setText("\n".join(notes))
            widget.setVisible(bool(notes))

    def _on_groups_edited(self, *_args: object) -> None:
        draft = self.current_draft()
        if draft is not None:
            self._show_warnings(draft)

    def _on_late_clicked(self) -> None:
        draft = self.current_draft()
        if draft is None or self._period is None or not draft.absent:
            self.status.setText("Everyone on the roster is already in a group.")
            return
        names = [draft.names.get(s, "?") for s in draft.absent]
        choice, ok = QInputDialog.getItem(
            self, "Late arrival", "Who just arrived?", names, 0, False
        )
        if not ok:
            return
        student = draft.absent[names.index(choice)]
        period, attendance = self._period, self._attendance
        self._ops.write(
            lambda: attendance.set_status(period, student, draft.on, AttendanceStatus.LATE),
            Change.ATTENDANCE,
            origin=self,
        )
        smallest = min(self.lists, key=lambda gl: (gl.count(), gl.number))
        item = QListWidgetItem(choice)
        item.setData(Qt.ItemDataRole.UserRole, int(student))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        smallest.addItem(item)
        self.draft = GroupDraft(
            draft.period,
            draft.on,
            draft.groups,
            draft.names,
            tuple(s for s in draft.absent if s != student),
            draft.mode,
            draft.group_size,
            draft.seed,
            draft.repeats,
            draft.warnings,
        )
        self.status.setText(f"{choice} joins group {smallest.number} (marked late).")

    def _chosen_date(self) -> date:
        q = self.on.date()
        return date(q.year(), q.month(), q.day())

    def _update_buttons(self) -> None:
        has = self.draft is not None
        for button in (self.reroll_button, self.late_button, self.save_button):
            button.setEnabled(has)
        self.skill.setEnabled(GroupingMode(self.mode.currentData()) is not GroupingMode.FRESH_MIX)
