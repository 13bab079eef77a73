"""Make groups: one click, then drag students between groups, lock some, re-roll, save."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.errors import MathroomError
from mathroom.domain.grouping import GroupingMode
from mathroom.domain.groups import Group
from mathroom.domain.ids import GroupSetId, PeriodId, SkillId, StudentId
from mathroom.services.attendance import AttendanceService
from mathroom.services.changes import Change
from mathroom.services.evidence import EvidenceService
from mathroom.services.grouping import BoardChoice, GroupDraft, GroupingService
from mathroom.ui.dialogs.board_count_question import BoardAnswer, ask_board_count
from mathroom.ui.dialogs.group_rule_questions import ask_late_group, confirm_override
from mathroom.ui.operations import Operations
from mathroom.ui.undo import run_recorded
from mathroom.ui.widgets.flow_row import FlowRow
from mathroom.ui.widgets.group_count import GroupCount
from mathroom.ui.widgets.page import card, card_grid, clear_layout, label

ROLES = ("marker", "checker", "reporter")

MODE_LABELS = {
    GroupingMode.FRESH_MIX: "Fresh mix (new partners)",
    GroupingMode.MIXED_READINESS: "Mixed readiness",
    GroupingMode.SAME_NEED: "Same need",
    GroupingMode.PEER_PAIRS: "Peer pairs",
}


class GroupList(QListWidget):
    """One group's members; students can be dragged between groups, or moved from the
    keyboard with Ctrl+→ / Ctrl+← (the next or previous group)."""

    move_requested = Signal(int)  # +1: to the next group, -1: to the previous one

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMinimumHeight(110)
        self.setMaximumHeight(150)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1}
        step = steps.get(Qt.Key(event.key()))
        if step is not None and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.move_requested.emit(step)
            return
        super().keyPressEvent(event)

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
        undo: QUndoStack | None = None,
    ) -> None:
        """``undo``: where saving groups pushes its exact undo step (none: not undoable)."""
        super().__init__()
        self._ops = ops
        self._undo = undo
        self._grouping = grouping
        self._evidence = evidence
        self._attendance = attendance
        self._today = today
        self._period: PeriodId | None = None
        self.draft: GroupDraft | None = None
        self.boards: int | None = None  # whiteboards in the day's plan, when it has stations
        self._edited = False  # names moved since the groups were shown
        # Ticked students and their group: a tick holds across re-rolls until unticked.
        self.pins: dict[StudentId, int] = {}
        self.lists: list[GroupList] = []
        self._warning_labels: dict[int, QLabel] = {}
        layout = QVBoxLayout(self)
        self.on = QDateEdit()
        self.on.setAccessibleName("Day")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("ddd MMM d")
        self.shape = GroupCount()  # how many groups: one per whiteboard by default
        self.mode = QComboBox()
        self.mode.setAccessibleName("How to group")
        for mode, text in MODE_LABELS.items():
            self.mode.addItem(text, mode.value)
        self.skill = QComboBox()
        self.skill.setAccessibleName("Skill")
        self.skill.setToolTip("The skill the readiness modes look at")
        self.skill.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.skill.setMinimumContentsLength(14)
        self.make_button = QPushButton("Make groups")
        self.make_button.setObjectName("primary")
        layout.addWidget(FlowRow(self.on, self.shape, self.mode, self.skill, self.make_button))
        self.roles = QCheckBox("Rotate roles: " + ", ".join(ROLES))
        self.roles.setToolTip("Each student takes each role in turn across group sets")
        self.reroll_button = QPushButton("Re-roll (keep ticked students)")
        self.reroll_button.setToolTip("Ticked students stay in their group until you untick them")
        self.late_button = QPushButton("Add a late arrival…")
        self.save_button = QPushButton("Save these groups")
        self.save_button.setObjectName("primary")
        actions = FlowRow(self.roles, self.reroll_button, self.late_button, self.save_button)
        layout.addWidget(actions)
        self.status = label("Choose the size and press Make groups.", "muted")
        layout.addWidget(self.status)
        scroll, self.grid = card_grid()
        layout.addWidget(scroll, 1)
        self.make_button.clicked.connect(self.make)
        self.reroll_button.clicked.connect(self.reroll)
        self.late_button.clicked.connect(self._on_late_clicked)
        self.save_button.clicked.connect(self.save)
        self.mode.currentIndexChanged.connect(self._update_buttons)
        self.on.dateChanged.connect(self._on_day_changed)
        self._update_buttons()

    @property
    def period(self) -> PeriodId | None:
        return self._period

    def load(self, period: PeriodId | None) -> None:
        """Open on the period's day: its saved groups when there are some, and as many
        groups as its plan has whiteboards for new ones."""
        self._period = period
        today = self._today()
        self.on.blockSignals(True)
        self.on.setDate(QDate(today.year, today.month, today.day))
        self.on.blockSignals(False)
        self.skill.clear()
        for skill in self._ops.query(self._evidence.skills):
            self.skill.addItem(f"{skill.code} — {skill.name}", int(skill.id))
        self._open_day(fresh=True)

    def refresh_day(self) -> None:
        """After a change elsewhere: show the day's saved groups again, unless the teacher
        has groups on screen that are not saved (new ones, or names moved)."""
        self._open_day(fresh=False)

    def _open_day(self, *, fresh: bool) -> None:
        if fresh:
            self.pins = {}  # ticks belong to one period's day
        if self._period is None:
            self._show(None)
            return
        period, on, grouping = self._period, self._chosen_date(), self._grouping
        day = self._ops.query(lambda: grouping.day_groups(period, on))
        if fresh or day.boards != self.boards:
            self.shape.use_default(day.boards)
        self.boards = day.boards
        if not fresh and self._unsaved():
            return
        if day.saved is None:
            self._show(None)
            self.status.setText(self._how_to_start())
        elif self.draft is None or self.draft.group_set != day.saved.group_set or fresh:
            self._show(day.saved)
            self.status.setText(
                f"The groups saved for {on:%A}: {len(day.saved.groups)} groups"
                + (f" on the {self.boards} whiteboards" if self.boards else "")
                + ". Drag names to change them, or Make groups for new ones."
            )

    def _how_to_start(self) -> str:
        if self.boards:
            return f"The plan has {self.boards} whiteboards: press Make groups for one group each."
        return "Choose the size and press Make groups."

    def _on_day_changed(self, *_args: object) -> None:
        self._open_day(fresh=not self._unsaved())

    def _unsaved(self) -> bool:
        """Groups on screen that are not saved: new ones, or saved ones with names moved."""
        return self.draft is not None and (self.draft.group_set is None or self._edited)

    # -- actions ------------------------------------------------------------------------
    def make(self, locked: dict[StudentId, int] | None = None) -> None:
        """New groups; ticked students keep their group (``locked``: these instead)."""
        if self._period is None:
            return
        if not isinstance(locked, dict):  # a button's clicked(bool)
            locked = None
        period, on = self._period, self._chosen_date()
        size, mode = self.shape.chosen_size(), GroupingMode(self.mode.currentData())
        count, remainder = self.shape.count(), self.shape.chosen_remainder()
        skills = [SkillId(int(self.skill.currentData()))] if self.skill.currentData() else []
        grouping = self._grouping
        roles = ROLES if self.roles.isChecked() else ()
        kept = dict(self._ticked() if locked is None else locked)
        self.make_button.setEnabled(False)
        self.status.setText("Dealing groups…")
        self._ops.read_in_background(
            lambda _p: (
                grouping.make_groups(
                    period, on, count, mode=mode, skills=skills, locked=kept, roles=roles
                )
                if count is not None
                else grouping.make(
                    period,
                    on,
                    size,
                    mode=mode,
                    remainder=remainder,
                    skills=skills,
                    locked=kept,
                    roles=roles,
                )
            ),
            self._on_made,
            self._on_failed,
        )

    def reroll(self) -> None:
        self.make(self._ticked())

    def _ticked(self) -> dict[StudentId, int]:
        """The ticks on screen (where each ticked student is now), remembered as pins."""
        if self.lists:
            self.pins = {s: group.number for group in self.lists for s in group.locked()}
        return dict(self.pins)

    def save(self) -> None:
        """Save the groups onto the day's whiteboards. A different number of groups than
        whiteboards is a question: add (or leave out) boards, make that many groups, or not."""
        draft = self.current_draft()
        if draft is None:
            return
        grouping = self._grouping
        boards = self._ops.query(lambda: grouping.day_groups(draft.period, draft.on)).boards
        choice = BoardChoice.KEEP
        if boards and boards != len(draft.groups):
            answer = ask_board_count(self, boards, len(draft.groups))
            if answer is BoardAnswer.CANCEL:
                self.status.setText("Not saved: the groups are still here to change.")
                return
            if answer is BoardAnswer.REMAKE:
                self.shape.use_count(boards)
                self.make()
                return
            choice = BoardChoice.MATCH_GROUPS
        override = False
        if draft.broken:
            if not self.confirm_override(draft.broken):
                self.status.setText(
                    "Not saved: the groups break a rule. Move the students, or save anyway."
                )
                return
            override = True
        try:
            set_id = self._save_write(
                f"save groups for {draft.on:%A}",
                lambda: grouping.save(draft, choice, override=override),
            )
        except MathroomError as error:
            self.status.setText(f"Not saved: {error}")
            return
        self.draft, self._edited = replace(draft, group_set=set_id), False
        self.boards = len(draft.groups) if boards else boards
        when = f"{draft.on:%A}"
        self.status.setText(
            (
                f"Saved as the groups for {when}. Today's stations and the projector use them."
                if draft.on == self._today()
                else f"Saved as the groups for {when}."
            )
            + (" The rule you chose to break is recorded with them." if override else "")
        )

    def _save_write(self, what: str, work: Callable[[], GroupSetId]) -> GroupSetId:
        """Save through the row journal when there is an undo stack: Ctrl+Z then puts the
        day's earlier groups and whiteboards back exactly."""
        if self._undo is None:
            return self._ops.write(work, Change.GROUPS)
        journals = self._grouping.journal
        return run_recorded(self._undo, self._ops, journals, what, work, Change.GROUPS)

    def confirm_override(self, broken: tuple[str, ...]) -> bool:
        """Ask before saving groups that break a hard rule (the answer is recorded)."""
        return confirm_override(self, broken)

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
            if self.boards and len(draft.groups) == self.boards:
                self.status.setText(
                    f"{self.status.text()} One group for each of the {self.boards} whiteboards: "
                    "press Save these groups to keep them."
                )

    def _on_failed(self, error: Exception) -> None:
        self.make_button.setEnabled(True)
        message = str(error) if isinstance(error, MathroomError) else f"Unexpected problem: {error}"
        self.status.setText(f"No groups: {message}")

    def _show(self, draft: GroupDraft | None) -> None:
        self.draft, self._edited = draft, False
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
                pinned = self.pins.get(student) == group.number
                item.setCheckState(Qt.CheckState.Checked if pinned else Qt.CheckState.Unchecked)
                item.setToolTip("Tick to keep this student here when you re-roll (until unticked)")
                members.addItem(item)
            members.move_requested.connect(partial(self.move_selected, members))
            members.model().rowsInserted.connect(self._on_groups_edited)
            members.model().rowsRemoved.connect(self._on_groups_edited)
            members.itemChanged.connect(self._on_tick_changed)
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
            "Drag names to move them (or Ctrl+→ / Ctrl+← on a selected name); "
            "tick names to keep them when you re-roll."
        )
        self._update_buttons()

    def _show_warnings(self, draft: GroupDraft) -> None:
        for number, widget in self._warning_labels.items():
            notes = draft.warnings.get(number, ())
            widget.setText("\n".join(notes))
            widget.setVisible(bool(notes))

    def move_selected(self, source: GroupList, step: int) -> None:
        """Move the selected student to the next (or previous) group, from the keyboard."""
        row = source.currentRow()
        if row < 0 or len(self.lists) < 2:
            return
        target = self.lists[(self.lists.index(source) + step) % len(self.lists)]
        item = source.takeItem(row)
        target.addItem(item)
        target.setCurrentItem(item)
        target.setFocus()  # Ctrl+→ again moves the same student on

    def _on_tick_changed(self, *_args: object) -> None:
        self.pins = {s: group.number for group in self.lists for s in group.locked()}

    def _on_groups_edited(self, *_args: object) -> None:
        self._edited = True
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
        if ok:
            self.add_late(draft.absent[names.index(choice)])

    def add_late(self, student: StudentId) -> None:
        """Mark the student late and put them in the smallest group where every rule
        holds; when every group would break one, the teacher chooses (or not now)."""
        draft = self.current_draft()
        if draft is None or self._period is None:
            return
        grouping = self._grouping
        place = self._ops.query(lambda: grouping.late_arrival(draft, draft.groups, student))
        name = draft.names.get(student, "?")
        number = place.group
        if number is None:
            number = self.ask_late_group(name, place.breaks)
            if number is None:
                self.status.setText(f"{name} is not in a group yet: no group keeps every rule.")
                return
        period, attendance = self._period, self._attendance
        self._ops.write(
            lambda: attendance.set_status(period, student, draft.on, AttendanceStatus.LATE),
            Change.ATTENDANCE,
            origin=self,
        )
        target = next(gl for gl in self.lists if gl.number == number)
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, int(student))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.draft = replace(draft, absent=tuple(s for s in draft.absent if s != student))
        target.addItem(item)
        broke = place.breaks.get(number, ()) if place.group is None else ()
        self.status.setText(
            f"{name} joins group {number} (marked late)."
            + (f" This breaks a rule: {'; '.join(broke)}." if broke else "")
        )

    def ask_late_group(self, name: str, breaks: dict[int, tuple[str, ...]]) -> int | None:
        """No group keeps every rule for this late arrival: the teacher chooses (or not)."""
        return ask_late_group(self, name, sorted(gl.number for gl in self.lists), breaks)

    def _chosen_date(self) -> date:
        q = self.on.date()
        return date(q.year(), q.month(), q.day())

    def _update_buttons(self) -> None:
        has = self.draft is not None
        for button in (self.reroll_button, self.late_button, self.save_button):
            button.setEnabled(has)
        self.skill.setEnabled(GroupingMode(self.mode.currentData()) is not GroupingMode.FRESH_MIX)
