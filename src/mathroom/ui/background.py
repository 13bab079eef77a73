"""Run slow work off the GUI thread and deliver the result back on it (Anki's QueryOp idea)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_running: set[_Task] = set()
_writes = QThreadPool()
_writes.setMaxThreadCount(1)  # writes are serialised, like Anki's collection ops


class _TaskSignals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(Exception)


class _Task(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _TaskSignals()
        self._work = work

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self.signals.progressed.emit)
        except Exception as exc:  # delivered to the GUI thread and shown there
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


def run_in_background(
    work: Callable[[Callable[[int, int], None]], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
    *,
    writes: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Call ``work(progress)`` on a pool thread; the callbacks run on the GUI thread."""
    task = _Task(work)
    if progress is not None:
        task.signals.progressed.connect(progress)

    def finish() -> None:
        _running.discard(task)

    task.signals.succeeded.connect(on_success)
    task.signals.failed.connect(on_failure)
    task.signals.succeeded.connect(finish)
    task.signals.failed.connect(finish)
    _running.add(task)  # keep the task (and its signals) alive until it reports
    (_writes if writes else QThreadPool.globalInstance()).start(task)


def wait_for_background(timeout_ms: int = 10_000) -> bool:
    """Block until background work is done (used at shutdown)."""
    return _writes.waitForDone(timeout_ms) and QThreadPool.globalInstance().waitForDone(timeout_ms)
