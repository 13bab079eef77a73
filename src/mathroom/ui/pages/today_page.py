"""Today: the chosen period's plan for today and who is at which whiteboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QScrollArea, QWidget

from mathroom.composition import Services
from mathroom.domain.plan import BlockKind
from mathroom.ui.widgets.page import Page, card, clear_layout, label
from mathroom.ui.widgets.timeline import TimelineView


class TodayPage(Page):
    title = "Today"
    purpose = "The plan for this period today and the whiteboard groups, at a glance."

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
        row.addWidget(groups_card, 2)
        self.body.addLayout(row, 1)

    def reload(self) -> None:
        today = self._today()
        prefix = f"{self.period.name} · " if self.period else ""
        self.date_label.setText(f"{prefix}{today:%A, %B} {today.day}")
        clear_layout(self.groups_grid)
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
        for i, (number, names) in enumerate(view.names):
            frame, layout = card()
            layout.addWidget(label(f"Whiteboard {number}", "sectionTitle"))
            layout.addWidget(label("\n".join(names)))
            layout.addStretch(1)
            self.groups_grid.addWidget(frame, i // 2, i % 2)
        self.groups_grid.setRowStretch((len(view.names) + 1) // 2, 1)
