"""Run slow work off the GUI thread and deliver the result back on it (Anki's QueryOp idea)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

_writes = QThreadPool()
_writes.setMaxThreadCount(1)  # writes are serialised, like Anki's collection ops
_keeper: QObject | None = None


class _TaskSignals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(Exception)


def run_in_background(
    work: Callable[[Callable[[int, int], None]], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
    *,
    writes: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Call ``work(progress)`` on a pool thread; the callbacks run on the GUI thread.

    The signals object belongs to a long-lived parent on the GUI thread and is deleted
    there (deleteLater) once it has reported: deleting it as soon as the result arrives
    raced with the pool thread still finishing the task, and crashed.
    """
    global _keeper
    if _keeper is None:
        _keeper = QObject()
    signals = _TaskSignals(_keeper)
    if progress is not None:
        signals.progressed.connect(progress)

    def finish() -> None:
        signals.deleteLater()

    signals.succeeded.connect(on_success)
    signals.failed.connect(on_failure)
    signals.succeeded.connect(finish)
    signals.failed.connect(finish)

    def run() -> None:
        try:
            result = work(signals.progressed.emit)
        except Exception as exc:  # delivered to the GUI thread and shown there
            signals.failed.emit(exc)
        else:
            signals.succeeded.emit(result)

    (_writes if writes else QThreadPool.globalInstance()).start(run)


def wait_for_background(timeout_ms: int = 10_000) -> bool:
    """Block until background work is done (used at shutdown)."""
    return _writes.waitForDone(timeout_ms) and QThreadPool.globalInstance().waitForDone(timeout_ms)
