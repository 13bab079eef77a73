"""Plan: the chosen period's plans for this school week, day by day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout

from mathroom.composition import Services
from mathroom.domain.plan import DayPlan
from mathroom.ui.widgets.page import Page, card, label
from mathroom.ui.widgets.timeline import TimelineView


def school_week(today: date) -> list[date]:
    """Monday to Friday of today's week (next week's, on a weekend)."""
    monday = today - timedelta(days=today.weekday())
    if today.weekday() >= 5:
        monday += timedelta(days=7)
    return [monday + timedelta(days=i) for i in range(5)]


class PlanPage(Page):
    title = "Plan"
    purpose = (
        "Each day's timeline for this period: warm-up, whiteboard stations, gallery walk, "
        "exit ticket. The minutes are checked against the period's length."
    )

    def __init__(self, services: Services, today: Callable[[], date]) -> None:
        super().__init__(services)
        self._today = today
        self._plans: dict[date, DayPlan] = {}
        self._days: list[date] = []
        row = QHBoxLayout()
        self.days = QListWidget()
        self.days.setObjectName("dayList")
        self.days.setMaximumWidth(260)
        row.addWidget(self.days)
        frame, layout = card()
        self.day_title = label("", "sectionTitle")
        layout.addWidget(self.day_title)
        self.timeline = TimelineView()
        layout.addWidget(self.timeline, 1)
        column = QVBoxLayout()
        column.addWidget(frame)
        row.addLayout(column, 1)
        self.body.addLayout(row, 1)
        self.days.currentRowChanged.connect(self._on_day_changed)

    def reload(self) -> None:
        today = self._today()
        self._days = sorted({*school_week(today), today})
        self._plans = {}
        if self.period is not None:
            plans = self._services.classroom.plans(self.period.id, self._days[0], self._days[-1])
            self._plans = {plan.plan_date: plan for plan in plans}
        self.days.blockSignals(True)
        self.days.clear()
        for day in self._days:
            plan = self._plans.get(day)
            state = f"{len(plan.blocks)} blocks" if plan else "not planned"
            marker = " (today)" if day == today else ""
            self.days.addItem(QListWidgetItem(f"{day:%A} {day.day}{marker}\n{state}"))
        self.days.blockSignals(False)
        self.days.setCurrentRow(self._days.index(today))
        self._on_day_changed(self.days.currentRow())

    def _on_day_changed(self, row: int) -> None:
        if not 0 <= row < len(self._days):
            return
        day = self._days[row]
        name = self.period.name if self.period else ""
        self.day_title.setText(f"{name} · {day:%A, %B} {day.day}")
        self.timeline.show_plan(self._plans.get(day), self.period)
