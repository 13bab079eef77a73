"""Today: the chosen period's plan for today and who is at which whiteboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QWidget,
)

from mathroom.composition import Services
from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.plan import BlockKind
from mathroom.services.attendance import AttendanceEntry
from mathroom.ui.widgets.page import Page, card, clear_layout, label
from mathroom.ui.widgets.timeline import TimelineView


class TodayPage(Page):
    title = "Today"
    purpose = (
        "This period's plan for today, the whiteboard groups, and attendance. Absent students "
        "are left off the projector."
    )
    attendance_changed = Signal()

    def __init__(self, services: Services, today: Callable[[], date]) -> None:
        super().__init__(services)
        self._today = today
        self.date_label = label("", "sectionTitle")
        self.body.addWidget(self.date_label)
        row = QHBoxLayout()
        agenda_card, agenda_layout = card()
        agenda_layout.addWidget(label("Agenda", "sectionTitle"))
        self.timeline = TimelineView()
        agenda_layout.addWidget(self.timeline)
        row.addWidget(agenda_card, 3)
        groups_card, groups_layout = card()
        groups_layout.addWidget(label("Whiteboard groups", "sectionTitle"))
        self.groups_hint = label("", "muted")
        groups_layout.addWidget(self.groups_hint)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._groups_host = QWidget()
        self._groups_host.setObjectName("scrollHost")
        self.groups_grid = QGridLayout(self._groups_host)
        self.groups_grid.setContentsMargins(0, 0, 0, 0)
        scroll.setWidget(self._groups_host)
        groups_layout.addWidget(scroll, 1)
        row.addWidget(groups_card, 3)
        attendance_card, attendance_layout = card()
        attendance_layout.addWidget(label("Attendance", "sectionTitle"))
        self.attendance_summary = label("", "muted")
        attendance_layout.addWidget(self.attendance_summary)
        self.attendance = QListWidget()
        self.attendance.setObjectName("dayList")
        self.attendance.setToolTip("Click a name: present → absent → late → present")
        attendance_layout.addWidget(self.attendance, 1)
        attendance_layout.addWidget(label("Click a name to mark absent or late.", "muted"))
        row.addWidget(attendance_card, 2)
        self.body.addLayout(row, 1)
        self._entries: list[AttendanceEntry] = []
        self.attendance.itemClicked.connect(self._on_attendance_item_clicked)
        self.attendance.itemActivated.connect(self._on_attendance_item_clicked)

    def _load_attendance(self) -> None:
        self.attendance.clear()
        self._entries = (
            self._services.attendance.day(self.period.id, self._today()) if self.period else []
        )
        for entry in self._entries:
            item = QListWidgetItem()
            self._paint(item, entry.display_name, entry.status)
            self.attendance.addItem(item)
        counts = {status: 0 for status in AttendanceStatus}
        for entry in self._entries:
            counts[entry.status] += 1
        self.attendance_summary.setText(
            f"{counts[AttendanceStatus.PRESENT]} present · {counts[AttendanceStatus.ABSENT]} "
            f"absent · {counts[AttendanceStatus.LATE]} late"
            if self._entries
            else "No students in this period yet."
        )

    @staticmethod
    def _paint(item: QListWidgetItem, name: str, status: AttendanceStatus) -> None:
        marks = {
            AttendanceStatus.PRESENT: ("✓", "#1e5631"),
            AttendanceStatus.ABSENT: ("✗", "#b04a00"),
            AttendanceStatus.LATE: ("⏱", "#6b4e00"),
        }
        mark, color = marks[status]
        suffix = "" if status is AttendanceStatus.PRESENT else f" — {status.label.lower()}"
        item.setText(f"{mark}  {name}{suffix}")
        item.setForeground(QColor(color))

    def _on_attendance_item_clicked(self, item: QListWidgetItem) -> None:
        row = self.attendance.row(item)
        if self.period is None or not 0 <= row < len(self._entries):
            return
        entry = self._entries[row]
        status = entry.status.next()
        self._services.attendance.set_status(
            self.period.id, entry.student.id, self._today(), status
        )
        self.reload()
        self.attendance.setCurrentRow(row)
        self.attendance_changed.emit()

    def reload(self) -> None:
        today = self._today()
        prefix = f"{self.period.name} · " if self.period else ""
        self.date_label.setText(f"{prefix}{today:%A, %B} {today.day}")
        clear_layout(self.groups_grid)
        self._load_attendance()
        if self.period is None:
            self.timeline.show_plan(None, None)
            self.groups_hint.setText("Choose a period at the top of the window.")
            return
        plans = self._services.classroom.plans(self.period.id, today, today)
        plan = plans[0] if plans else None
        self.timeline.show_plan(plan, self.period)
        stations = (
            next((b for b in plan.blocks if b.kind is BlockKind.STATIONS), None) if plan else None
        )
        if stations is None or stations.group_set_id is None:
            self.groups_hint.setText("No whiteboard stations planned today.")
            return
        views = {v.group_set.id: v for v in self._services.classroom.group_sets(self.period.id)}
        view = views.get(stations.group_set_id)
        if view is None:
            self.groups_hint.setText("The group set for today was not found.")
            return
        self.groups_hint.setText(f"{len(view.names)} groups for today's stations.")
        absent = {e.display_name for e in self._entries if e.status is AttendanceStatus.ABSENT}
        for i, (number, names) in enumerate(view.names):
            frame, layout = card()
            layout.addWidget(label(f"Whiteboard {number}", "sectionTitle"))
            shown = [f"{n} (absent)" if n in absent else n for n in names]
            layout.addWidget(label("\n".join(shown)))
            layout.addStretch(1)
            self.groups_grid.addWidget(frame, i // 2, i % 2)
        self.groups_grid.setRowStretch((len(view.names) + 1) // 2, 1)
