"""Which unit each period is on, since when, how far it has got, and what comes next."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import TaskId, UnitId
from mathroom.domain.roster import Period
from mathroom.domain.units import Unit, UnitAssignment
from mathroom.services.units import UnitProgress, assignment_on
from mathroom.ui import theme
from mathroom.ui.widgets.flow_row import FlowRow
from mathroom.ui.widgets.page import label


def short_day(day: date) -> str:
    return f"{day:%a %b} {day.day}"


def progress_parts(progress: UnitProgress, titles: Mapping[TaskId, str]) -> tuple[str, str, str]:
    """("week 2 of 3", "9 of 14 tasks done", "next: Integer chips") for the Units page."""
    week = (
        f"week {progress.week} of {progress.weeks}"
        if progress.week <= progress.weeks
        else f"week {progress.week}, planned for {progress.weeks}"
    )
    tasks = progress.unit.spec.task_ids
    done = f"{len(progress.used)} of {len(tasks)} tasks done"
    used = set(progress.used)
    waiting = [t for t in tasks if t not in used]
    if not tasks:
        following = "no tasks in the unit yet"
    elif waiting:
        following = f"next: {titles.get(waiting[0], f'task {waiting[0]}')}"
    else:
        following = "every task used: add tasks, or start the next unit"
    return week, done, following


def progress_text(progress: UnitProgress, titles: Mapping[TaskId, str]) -> str:
    """ "week 2 of 3 · 9 of 14 tasks done · next: Integer chips" """
    return " · ".join(progress_parts(progress, titles))


@dataclass(frozen=True, slots=True)
class PeriodLine:
    """One period's units: the one on ``day``, and the next one already set to start."""

    period: Period
    current: UnitAssignment | None
    upcoming: UnitAssignment | None
    progress: UnitProgress | None = None

    @classmethod
    def of(
        cls,
        period: Period,
        assignments: Sequence[UnitAssignment],
        day: date,
        progress: UnitProgress | None = None,
    ) -> PeriodLine:
        upcoming = [a for a in assignments if a.starts_on > day]
        return cls(
            period, assignment_on(assignments, day), upcoming[0] if upcoming else None, progress
        )

    def now_text(self, units: Mapping[UnitId, Unit]) -> str:
        """ "now: Scale drawings since Mon Nov 23" (or "no unit yet")."""
        current = self.current
        if current is None:
            return "no unit yet"
        unit = units.get(current.unit_id)
        name = unit.name if unit is not None else f"unit {current.unit_id}"
        return f"now: {name} since {short_day(current.starts_on)}"


class UnitPeriodsPanel(QWidget):
    """The widgets only: the page fills the table and acts on the button."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        title = label("Periods and their units", "sectionTitle", wrap=False)
        self.note = label("", "muted", wrap=False)
        self.start_button = QPushButton("&Start this unit with…")
        self.start_button.setObjectName("primary")
        self.start_button.setToolTip(
            "Choose periods and a first day; Plan next school day then takes this unit's tasks"
        )
        # One line when there is room; the note and the button wrap below on a netbook.
        layout.addWidget(FlowRow(title, self.note, self.start_button, spacing=12))
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("Periods and their units")
        headers = ["Period", "Unit, since when", "How far", "Next task"]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(60)
        layout.addWidget(self.table)

    def show_lines(
        self,
        lines: Sequence[PeriodLine],
        units: Mapping[UnitId, Unit],
        titles: Mapping[TaskId, str],
        chosen: UnitId | None,
    ) -> None:
        """One row per period; those on the ``chosen`` unit stand out."""
        self.table.setRowCount(len(lines))
        bold = QFont(self.table.font())
        bold.setBold(True)
        on_it = 0
        for row, line in enumerate(lines):
            how_far, following, summary = "", "", ""
            if line.progress is not None:
                week, done, following = progress_parts(line.progress, titles)
                how_far = f"{week} · {done.removesuffix(' tasks done')} done"
                following = following.removeprefix("next: ")
                if following.startswith("every task used"):
                    following = "none left: add tasks"
                summary = progress_text(line.progress, titles)
            unit_text = self._unit_text(line, units, chosen)
            cells = (line.period.name, unit_text, how_far, following)
            tips = (summary, self._unit_text(line, units, None), summary, summary)
            mine = line.current is not None and line.current.unit_id == chosen
            on_it += mine
            for column, (text, tip) in enumerate(zip(cells, tips, strict=True)):
                item = QTableWidgetItem(text)
                item.setToolTip(tip or text)
                if mine:
                    item.setBackground(QBrush(QColor(theme.colors().info_bg)))
                    if column == 0:
                        item.setFont(bold)
                self.table.setItem(row, column, item)
        # The unit's name (and the next one's) gets the width; the next task what is left.
        self.table.setColumnWidth(3, min(max(self.table.sizeHintForColumn(3), 120), 240))
        self.table.resizeRowsToContents()
        self._fit_height()
        if not lines:
            self.note.setText("No periods yet: add them on the Rosters page.")
        elif on_it:
            self.note.setText("Highlighted: on this unit now")
        else:
            self.note.setText("No period is on this unit now")
        self.start_button.setEnabled(bool(lines) and chosen is not None)

    def _fit_height(self) -> None:
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows + 4)

    @staticmethod
    def _unit_text(line: PeriodLine, units: Mapping[UnitId, Unit], chosen: UnitId | None) -> str:
        """The period's unit now ("this unit" when it is the one being edited: its name is
        above), and on a second line the next one already set to start."""

        def name(unit_id: UnitId) -> str:
            if unit_id == chosen:
                return "this unit"
            unit = units.get(unit_id)
            return unit.name if unit is not None else f"unit {unit_id}"

        current = line.current
        text = (
            f"{name(current.unit_id)} · since {short_day(current.starts_on)}"
            if current is not None
            else "No unit"
        )
        if line.upcoming is not None:
            upcoming = line.upcoming
            text += f"\nthen {name(upcoming.unit_id)} from {short_day(upcoming.starts_on)}"
        return text[:1].upper() + text[1:]
