"""Today: the plan, the whiteboard groups, attendance, and evidence in one key press."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.ids import SkillId, StudentId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, teaching_day
from mathroom.domain.skills import EvidenceSource, Level, Skill
from mathroom.domain.tasks import Task
from mathroom.services.attendance import AttendanceEntry, AttendanceService
from mathroom.services.changes import Change
from mathroom.services.classroom import ClassroomService, GroupSetView
from mathroom.services.evidence import EvidenceService
from mathroom.services.teacher_time import TeacherTimeService, Unseen
from mathroom.ui import theme
from mathroom.ui.operations import Operations
from mathroom.ui.undo import run_recorded
from mathroom.ui.widgets.fit import Columns
from mathroom.ui.widgets.page import Page, card, card_grid, clear_layout, label
from mathroom.ui.widgets.timeline import TimelineView
from mathroom.ui.widgets.unseen_list import UnseenList

# Narrower than this, the agenda and the whiteboard groups stack beside the class list.
NARROW_PX = 1000

# The mark and the theme colour (a Colors field) of each attendance status.
_MARKS = {
    AttendanceStatus.PRESENT: ("✓", "present"),
    AttendanceStatus.ABSENT: ("✗", "absent"),
    AttendanceStatus.LATE: ("⏱", "late"),
}


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """What the page shows, read in one go."""

    entries: list[AttendanceEntry]
    plan: DayPlan | None
    group_sets: list[GroupSetView]
    skills: list[Skill]
    tasks: list[Task]
    unseen: Unseen | None = None


class TodayPage(Page):
    title = "Today"
    purpose = (
        "Select students (or a whiteboard group), then press 1–4 to record evidence, or "
        "A / L / P for absent, late, present. Absent students are left off the projector."
    )
    shows = (
        Change.ROSTER
        | Change.ATTENDANCE
        | Change.GROUPS
        | Change.PLANS
        | Change.TASKS
        | Change.SETTINGS  # how many school days count as waiting too long
    )

    def __init__(
        self,
        ops: Operations,
        classroom: ClassroomService,
        attendance: AttendanceService,
        evidence: EvidenceService,
        today: Callable[[], date],
        undo: QUndoStack | None = None,
        teacher_time: TeacherTimeService | None = None,
    ) -> None:
        super().__init__(ops)
        self._teacher_time = teacher_time
        self._classroom = classroom
        self._attendance = attendance
        self._evidence = evidence
        self._today = today
        self._undo = undo or QUndoStack(self)
        self._entries: list[AttendanceEntry] = []
        self._plan: DayPlan | None = None
        self._skills: list[Skill] = []
        self._tasks: list[Task] = []
        self.date_label = label("", "sectionTitle")
        self.body.addWidget(self.date_label)
        # On a weekend the page shows the coming Monday, and says so.
        self.day_note = label("", "infoBanner")
        self.day_note.setWordWrap(True)
        self.day_note.hide()
        self.body.addWidget(self.day_note)
        self.columns = Columns(
            [(self._build_agenda(), 5), (self._build_groups(), 4), (self._build_class(), 3)],
            breakpoint=NARROW_PX,
        )
        self.body.addWidget(self.columns, 1)
        self._connect_signals()

    # -- construction -------------------------------------------------------------------
    def _build_agenda(self) -> QWidget:
        frame, layout = card()
        layout.addWidget(label("Agenda", "sectionTitle"))
        self.timeline = TimelineView()
        layout.addWidget(self.timeline)
        self.unseen = UnseenList()  # teacher-only, like the rest of this page
        self.unseen.setVisible(self._teacher_time is not None)
        layout.addWidget(self.unseen)
        return frame

    def _build_groups(self) -> QWidget:
        frame, layout = card()
        layout.addWidget(label("Whiteboard groups", "sectionTitle"))
        self.groups_hint = label("", "muted")
        layout.addWidget(self.groups_hint)
        scroll, self.groups_grid = card_grid()
        layout.addWidget(scroll, 1)
        return frame

    def _build_class(self) -> QWidget:
        frame, layout = card()
        layout.addWidget(label("Class", "sectionTitle"))
        self.attendance_summary = label("", "muted")
        layout.addWidget(self.attendance_summary)
        self.attendance = QListWidget()
        self.attendance.setObjectName("dayList")
        self.attendance.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.attendance, 1)
        marks = QHBoxLayout()
        self.status_buttons: dict[AttendanceStatus, QPushButton] = {}
        for status, key in (
            (AttendanceStatus.PRESENT, "P"),
            (AttendanceStatus.ABSENT, "A"),
            (AttendanceStatus.LATE, "L"),
        ):
            button = QPushButton(f"{status.label} ({key})")
            marks.addWidget(button)
            self.status_buttons[status] = button
        layout.addLayout(marks)
        layout.addWidget(label("Evidence for the selected students", "sectionTitle"))
        self.skill = QComboBox()
        self.skill.setAccessibleName("Skill")
        self.source = QComboBox()
        self.source.setAccessibleName("Where the evidence comes from")
        for source in (
            EvidenceSource.EXIT_TICKET,
            EvidenceSource.WHITEBOARD,
            EvidenceSource.QUIZ,
            EvidenceSource.CONFERENCE,
        ):
            self.source.addItem(source.label, source.value)
        for combo in (self.skill, self.source):
            # Long skill names must not widen the column; the list shows them in full.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            layout.addWidget(combo)
        levels = QGridLayout()
        self.level_buttons: dict[Level, QPushButton] = {}
        for n, level in enumerate(Level):
            button = QPushButton(f"{int(level)}  {level.label}")
            levels.addWidget(button, n // 2, n % 2)
            self.level_buttons[level] = button
        layout.addLayout(levels)
        self.capture_status = label("", "muted")
        layout.addWidget(self.capture_status)
        return frame

    def _connect_signals(self) -> None:
        for status, button in self.status_buttons.items():
            button.clicked.connect(partial(self.mark_selected, status))
        for level, button in self.level_buttons.items():
            button.clicked.connect(partial(self.record_selected, level))
        # Keys act on the class list's selection (an event filter, so they work however the
        # list got focus and never steal 1-4 from text fields elsewhere).
        self._keys: dict[int, Callable[[], None]] = {
            int(Qt.Key.Key_1) + int(level) - 1: partial(self.record_selected, level)
            for level in Level
        }
        self._keys[int(Qt.Key.Key_A)] = partial(self.mark_selected, AttendanceStatus.ABSENT)
        self._keys[int(Qt.Key.Key_L)] = partial(self.mark_selected, AttendanceStatus.LATE)
        self._keys[int(Qt.Key.Key_P)] = partial(self.mark_selected, AttendanceStatus.PRESENT)
        self.attendance.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.attendance
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            action = self._keys.get(int(event.key()))
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)

    # -- loading ------------------------------------------------------------------------
    @property
    def day(self) -> date:
        """The school day on show: today, or the coming Monday on a weekend."""
        return teaching_day(self._today())

    def reload(self) -> None:
        today, day = self._today(), self.day
        prefix = f"{self.period.name} · " if self.period else ""
        self.date_label.setText(f"{prefix}{day:%A, %B} {day.day}")
        self.day_note.setVisible(day != today)
        self.day_note.setText(
            f"No school today ({today:%A}). Showing {day:%A, %B} {day.day}, the next school "
            f"day. Attendance marked here counts for {day:%A}; evidence is dated today."
        )
        selected = set(self.selected_students())
        period = self.period.id if self.period else None
        classroom, attendance, evidence = self._classroom, self._attendance, self._evidence
        teacher_time = self._teacher_time

        def read() -> _Snapshot:
            if period is None:
                return _Snapshot([], None, [], evidence.skills(), [])
            plans = classroom.plans(period, day, day)
            plan = plans[0] if plans else None
            return _Snapshot(
                attendance.day(period, day),
                plan,
                classroom.group_sets(period) if plan else [],
                evidence.skills(),
                classroom.tasks() if plan else [],
                teacher_time.overdue(period, day) if teacher_time else None,
            )

        # Everything is read before any widget changes: one query, then the page is rebuilt.
        snapshot = self._ops.query(read)
        self._entries, self._plan = snapshot.entries, snapshot.plan
        group_sets = snapshot.group_sets
        self._skills, self._tasks = snapshot.skills, snapshot.tasks
        self._load_class(selected)
        self.unseen.show_unseen(snapshot.unseen)
        clear_layout(self.groups_grid)
        if self.period is None:
            self.timeline.show_plan(None, None)
            self.groups_hint.setText("Choose a period at the top of the window.")
            self._load_skills()
            return
        names = {e.student.id: e.display_name for e in self._entries}
        self.timeline.show_plan(self._plan, self.period, names)
        self._load_skills()
        self._load_groups(group_sets)

    def _load_class(self, selected: set[StudentId]) -> None:
        self.attendance.clear()
        for entry in self._entries:
            item = QListWidgetItem()
            mark, color = _MARKS[entry.status]
            suffix = (
                ""
                if entry.status is AttendanceStatus.PRESENT
                else (f" — {entry.status.label.lower()}")
            )
            item.setText(f"{mark}  {entry.display_name}{suffix}")
            item.setForeground(QColor(getattr(theme.colors(), color)))
            item.setData(Qt.ItemDataRole.UserRole, int(entry.student.id))
            self.attendance.addItem(item)
            item.setSelected(entry.student.id in selected)
        counts = dict.fromkeys(AttendanceStatus, 0)
        for entry in self._entries:
            counts[entry.status] += 1
        self.attendance_summary.setText(
            f"{counts[AttendanceStatus.PRESENT]} present · {counts[AttendanceStatus.ABSENT]} "
            f"absent · {counts[AttendanceStatus.LATE]} late"
            if self._entries
            else "No students in this period yet."
        )

    def _load_skills(self) -> None:
        """Today's task skills first (exit ticket, stations), then every skill."""
        current = self.skill.currentData()
        self.skill.blockSignals(True)
        self.skill.clear()
        skills = self._skills
        by_code = {s.code: s for s in skills}
        first: list[str] = []
        tasks = {t.id: t for t in self._tasks}
        for block in self._plan.blocks if self._plan else ():
            task_ids = [block.task_id, *(s.task_id for s in block.stations)]
            for task_id in task_ids:
                task = tasks.get(task_id) if task_id else None
                for code in task.spec.skill_codes if task else ():
                    if code in by_code and code not in first:
                        first.append(code)
        for code in first:
            skill = by_code[code]
            self.skill.addItem(f"Today: {skill.code} — {skill.name}", int(skill.id))
        for skill in skills:
            if skill.code not in first:
                self.skill.addItem(f"{skill.code} — {skill.name}", int(skill.id))
        index = self.skill.findData(current) if current is not None else 0
        self.skill.setCurrentIndex(max(0, index))
        self.skill.blockSignals(False)

    def _load_groups(self, group_sets: list[GroupSetView]) -> None:
        plan = self._plan
        stations = (
            next((b for b in plan.blocks if b.kind is BlockKind.STATIONS), None) if plan else None
        )
        if self.period is None or stations is None or stations.group_set_id is None:
            self.groups_hint.setText("No whiteboard stations planned today.")
            return
        sets = {v.group_set.id: v for v in group_sets}
        view = sets.get(stations.group_set_id)
        if view is None:
            self.groups_hint.setText("The group set for today was not found.")
            return
        self.groups_hint.setText(f"{len(view.names)} groups. Select a group to record evidence.")
        absent = {e.display_name for e in self._entries if e.status is AttendanceStatus.ABSENT}
        members = {g.number: g.members for g in view.group_set.groups}
        selects: list[QWidget] = []
        for i, (number, names) in enumerate(view.names):
            frame, layout = card()
            top = QHBoxLayout()
            top.addWidget(label(f"Whiteboard {number}", "cardTitle"), 1)
            select = QPushButton("Select")
            select.setObjectName("small")
            select.setToolTip("Select this group's students, then press 1–4")
            select.clicked.connect(partial(self.select_students, members.get(number, ())))
            top.addWidget(select)
            selects.append(select)
            layout.addLayout(top)
            shown = [f"{n} (absent)" if n in absent else n for n in names]
            layout.addWidget(label(", ".join(shown)))
            self.groups_grid.addWidget(frame, i, 0)
        self.groups_grid.setRowStretch(len(view.names), 1)
        self._tab_through(selects)

    def _tab_through(self, selects: list[QWidget]) -> None:
        """Tab goes agenda, then the groups' Select buttons, then the class list: buttons
        made after the page would otherwise come last, after the level buttons."""
        agenda = [self.timeline.table, *self.unseen.findChildren(QWidget)]
        focusable = [w for w in agenda if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        for first, second in pairwise([focusable[-1], *selects, self.attendance]):
            QWidget.setTabOrder(first, second)

    # -- actions ------------------------------------------------------------------------
    def selected_students(self) -> list[StudentId]:
        return [
            StudentId(int(item.data(Qt.ItemDataRole.UserRole)))
            for item in self.attendance.selectedItems()
        ]

    def select_students(self, students: tuple[StudentId, ...]) -> None:
        wanted = set(students)
        for row in range(self.attendance.count()):
            item = self.attendance.item(row)
            item.setSelected(int(item.data(Qt.ItemDataRole.UserRole)) in wanted)
        self.attendance.setFocus()

    def mark_selected(self, status: AttendanceStatus) -> None:
        if self.period is None:
            return
        students = self.selected_students()
        if not students:
            return
        period, day, attendance = self.period.id, self.day, self._attendance

        def mark() -> None:
            for student in students:
                attendance.set_status(period, student, day, status)

        self._ops.write(mark, Change.ATTENDANCE, origin=self)
        self.reload()

    def record_selected(self, level: Level) -> None:
        """Record one level for every selected student on the chosen skill: one action."""
        students = self.selected_students()
        skill_data = self.skill.currentData()
        if not students or skill_data is None:
            self.capture_status.setText("Select one or more students first.")
            return
        skill = SkillId(int(skill_data))
        source = EvidenceSource(self.source.currentData())
        today = self._today()
        task = self._task_for(source)
        evidence = self._evidence
        who = "1 student" if len(students) == 1 else f"{len(students)} students"
        # Undo removes exactly these rows; redo puts the same rows (ids too) back.
        run_recorded(
            self._undo,
            self._ops,
            evidence.journal,
            f"record {level.label} for {who}",
            lambda: evidence.record(students, [skill], level, source, today, task),
            Change.EVIDENCE,
            origin=self,
        )
        code = self.skill.currentText().removeprefix("Today: ").split(" — ")[0]
        self.capture_status.setText(f"Recorded {level.label} on {code} for {who}. Ctrl+Z undoes.")

    def _task_for(self, source: EvidenceSource) -> TaskId | None:
        if self._plan is None:
            return None
        kind = BlockKind.EXIT_TICKET if source is EvidenceSource.EXIT_TICKET else BlockKind.STATIONS
        block = next((b for b in self._plan.blocks if b.kind is kind), None)
        if block is None:
            return None
        if block.task_id is not None:
            return block.task_id
        return next((s.task_id for s in block.stations if s.task_id is not None), None)
