"""A day plan's blocks with clock times, and a banner when the minutes don't fit the period."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from mathroom.domain.ids import StudentId
from mathroom.domain.plan import DayPlan
from mathroom.domain.roster import Period
from mathroom.ui.widgets.page import label


def minutes_message(plan: DayPlan, period: Period) -> tuple[str, bool]:
    """A sentence about how the plan fits the period, and whether it fits."""
    length = period.minutes
    if length is None:
        return f"{plan.total_minutes} minutes planned.", True
    short = plan.minutes_short(length)
    if short == 0:
        return f"{plan.total_minutes} of {length} minutes planned: the period is filled.", True
    if short > 0:
        return (
            f"{plan.total_minutes} of {length} minutes planned: {short} minutes unplanned.",
            False,
        )
    return f"{plan.total_minutes} minutes planned: {-short} minutes longer than the period.", False


class TimelineView(QWidget):
    """Read-only table of a plan's blocks (a small static list, so QTableWidget)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = label("", "okBanner")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Time", "Min", "What happens"])
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.banner)
        layout.addWidget(self.table)
        # Wrapped task titles need taller rows whenever the column gets narrower.
        header.sectionResized.connect(self._on_section_resized)
        # A child timer dies with the widget, so a pending relayout never outlives the table.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.table.resizeRowsToContents)

    def _on_section_resized(self, *_args: object) -> None:
        self.table.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # After the stretch column has taken its new width, so wrapped rows fit their text.
        self._relayout.start()

    def show_plan(
        self,
        plan: DayPlan | None,
        period: Period | None,
        names: Mapping[StudentId, str] | None = None,
    ) -> None:
        self.table.setRowCount(0)
        if plan is None or period is None:
            self.banner.setObjectName("banner")
            self.banner.setText("No plan for this day yet.")
            self._restyle()
            return
        message, fits = minutes_message(plan, period)
        overrun = plan.concurrent_overrun()
        if overrun:
            message += f" The pulls need {overrun} minutes more than the block they run in."
            fits = False
        self.banner.setObjectName("okBanner" if fits else "banner")
        self.banner.setText(message)
        self._restyle()
        start = period.starts_at
        timed = plan.timeline(start) if start else ()
        for row, block in enumerate(plan.blocks):
            self.table.insertRow(row)
            clock = f"{timed[row].starts_at:%H:%M}–{timed[row].ends_at:%H:%M}" if timed else ""
            detail = block.task_title or ""
            if block.stations:
                detail = f"{len(block.stations)} groups, one per whiteboard"
            if block.students and names is not None:
                detail = ", ".join(names.get(s, "?") for s in block.students)
            heading = (
                f"↳ {block.heading} (during the block above)"
                if block.concurrent
                else (block.heading)
            )
            what = f"{heading}\n{detail}" if detail else heading
            for column, text in enumerate((clock, str(block.minutes), what)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def _restyle(self) -> None:
        style = self.banner.style()
        style.unpolish(self.banner)
        style.polish(self.banner)
