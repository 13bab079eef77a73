"""Automatic pulls from the department library, on the schedule the teacher turns on.

The window owns one: it pulls every N hours while Mathroom is open (never when the schedule
is off or no library address was ever used), and says in the status bar what came in. The
Library page changes the schedule; nothing here reaches the server otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from mathroom.services.changes import Change
from mathroom.ui.operations import Operations

if TYPE_CHECKING:  # the library's code loads when a pull first runs, not at start-up
    from mathroom.domain.department import SyncReport
    from mathroom.services.department import DepartmentLibraryService

PULLED = Change.TASKS | Change.PLANS  # what a pull can bring: tasks, units, templates
HOUR_MS = 3_600_000


class ScheduledPull(QObject):
    reported = Signal(str)  # one line for the status bar

    def __init__(
        self,
        ops: Operations,
        library: Callable[[], DepartmentLibraryService],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._library = library  # asked for only when a schedule is read or a pull runs
        self._running = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.pull_now)

    @property
    def hours(self) -> int:
        return self.timer.interval() // HOUR_MS if self.timer.isActive() else 0

    def start(self) -> None:
        """Read the saved schedule (at start-up, after the first paint)."""
        library = self._library()
        self.set_hours(self._ops.query(library.pull_schedule))

    def set_hours(self, hours: int) -> None:
        if hours > 0:
            self.timer.start(hours * HOUR_MS)
        else:
            self.timer.stop()

    def pull_now(self) -> None:
        """One scheduled pull in the background; a pull still running is not doubled."""
        if self._running:
            return
        self._running = True
        library = self._library()
        self._ops.write_in_background(
            lambda _progress: library.scheduled_pull(),
            lambda report: PULLED if report is not None and report.count else Change.NONE,
            self._done,
            self._failed,
            origin=self,
        )

    def _done(self, report: SyncReport | None) -> None:
        self._running = False
        if report is None:
            return
        items = "1 item" if report.count == 1 else f"{report.count} items"
        line = f"Automatic pull from the department library: {items}"
        if report.conflicts:
            line += f", {len(report.conflicts)} conflicts to settle on the Library page"
        self.reported.emit(line + ".")

    def _failed(self, error: Exception) -> None:
        self._running = False
        self.reported.emit(f"Automatic pull from the department library failed: {error}")
