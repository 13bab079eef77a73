"""The one road from a click to the services and back.

Every page reads and writes through an :class:`Operations`: the work runs off the GUI thread
(writes one at a time, in order, on a single writer thread, so a quick write waits for a
long one started earlier), and a write names what it changed. Pages and the projector panel
listen to :attr:`Operations.changed` and refresh only when a change touches what they show.

Short actions (``query``, ``write``: milliseconds) keep the caller's code straight: the GUI
thread waits for the answer. Long actions (``read_in_background``, ``write_in_background``:
a packet, an import, fresh groups for a day) return at once and report back on the GUI
thread, with progress, and never to a widget that has been closed.

The workers are plain Python threads (``concurrent.futures``) that never touch a Qt object:
the GUI thread collects their progress and results on a timer. Emitting Qt signals from
worker threads, with Python objects in them, crashed now and then during garbage collection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from shiboken6 import isValid

from mathroom.services.changes import Change

T = TypeVar("T")
Progress = Callable[[int, int], None]
POLL_MS = 30  # how often the GUI thread looks for finished work and progress


class Writer(Protocol):
    """A page's way to write: runs the work through its ``Operations``, announcing the
    page's kind of change (handed to the dialogs a page opens)."""

    def __call__(self, write: Callable[[], T], /) -> T: ...


def _owner(callback: Callable[..., object]) -> QObject | None:
    """The QObject a bound method belongs to, if any."""
    owner = getattr(callback, "__self__", None)
    return owner if isinstance(owner, QObject) else None


def _alive(owner: QObject | None) -> bool:
    return owner is None or isValid(owner)


@dataclass
class _Job:
    """One long action: its future, where to report, and its latest progress."""

    future: Future[Any]
    done: Callable[[Any], None]
    failed: Callable[[Exception], None]
    progress: Progress | None
    owner: QObject | None
    lock: threading.Lock = field(default_factory=threading.Lock)
    step: tuple[int, int] | None = None  # set by the worker, read by the GUI thread
    shown: tuple[int, int] | None = None

    def report(self, done_steps: int, total: int) -> None:
        with self.lock:
            self.step = (done_steps, total)

    def latest(self) -> tuple[int, int] | None:
        with self.lock:
            return self.step


class Operations(QObject):
    """Runs the UI's reads and writes; broadcasts what each write changed."""

    changed = Signal(object, object)  # (Change, origin: the widget that asked, or None)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queries = ThreadPoolExecutor(2, "mathroom-query")  # quick reads
        self._readers = ThreadPoolExecutor(2, "mathroom-read")  # a packet, cards, a preview
        self._writer = ThreadPoolExecutor(1, "mathroom-write")  # one at a time, in order
        self._jobs: list[_Job] = []
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._collect)

    # -- short actions: the caller gets the value back ----------------------------------
    def query(self, read: Callable[[], T]) -> T:
        """Run ``read`` off the GUI thread and return its value (or raise its error)."""
        return self._wait(self._queries, read)

    def write(self, write: Callable[[], T], changes: Change, origin: object = None) -> T:
        """Run ``write`` on the writer thread, announce ``changes``, return its value.

        On an error nothing is announced and the error is raised here, for the caller to show.
        """
        value = self._wait(self._writer, write)
        self.announce(changes, origin)
        return value

    def announce(self, changes: Change, origin: object = None) -> None:
        """Tell the window what changed (for work that did not go through ``write``)."""
        if changes:
            self.changed.emit(changes, origin)

    # -- long actions: callbacks on the GUI thread ---------------------------------------
    def read_in_background(
        self,
        read: Callable[[Progress], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None],
        *,
        progress: Progress | None = None,
        context: QObject | None = None,
    ) -> None:
        """Start ``read(progress)``; ``done`` or ``failed`` runs on the GUI thread, unless
        ``context`` (the widget that asked; a bound method's own object by default) has been
        closed and deleted by then: the answer then has nowhere to go and is dropped."""
        owner = context if context is not None else _owner(done)
        self._start(self._readers, read, done, failed, progress, owner)

    def write_in_background(
        self,
        write: Callable[[Progress], T],
        changes: Change | Callable[[T], Change],
        done: Callable[[T], None],
        failed: Callable[[Exception], None],
        *,
        progress: Progress | None = None,
        origin: object = None,
        context: QObject | None = None,
    ) -> None:
        """Start ``write(progress)`` after any earlier write; on success announce ``changes``
        (or what ``changes(value)`` says), then call ``done`` (if ``context`` still exists:
        see ``read_in_background``). The change is announced even if the asker has gone."""
        owner = context if context is not None else _owner(done)

        def finished(value: T) -> None:
            self.announce(changes(value) if callable(changes) else changes, origin)
            if _alive(owner):
                done(value)

        def failing(error: Exception) -> None:
            if _alive(owner):
                failed(error)

        def step(done_steps: int, total: int) -> None:
            if progress is not None and _alive(owner):
                progress(done_steps, total)

        self._start(self._writer, write, finished, failing, step, None)

    def busy(self) -> bool:
        """Whether a long action (an import, a packet, a preview) is still running."""
        return bool(self._jobs)

    def wait_until_idle(self, timeout_ms: int = 10_000) -> bool:
        """Block until every started action has finished and reported (at shutdown, and in
        tests)."""
        pending = [job.future for job in self._jobs]
        _done, not_done = wait(pending, timeout=timeout_ms / 1000)
        self._collect()
        return not not_done

    # -- the machinery -------------------------------------------------------------------
    def _start(
        self,
        pool: ThreadPoolExecutor,
        work: Callable[[Progress], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
        progress: Progress | None,
        owner: QObject | None,
    ) -> None:
        job = _Job(Future(), done, failed, progress, owner)
        job.future = pool.submit(work, job.report)
        self._jobs.append(job)
        if not self._timer.isActive():
            self._timer.start()

    def _collect(self) -> None:
        """On the GUI thread: pass on progress, and deliver what has finished, in order."""
        for job in list(self._jobs):
            alive = _alive(job.owner)
            step = job.latest()
            if alive and job.progress is not None and step is not None and step != job.shown:
                job.shown = step
                job.progress(*step)
            if not job.future.done():
                continue
            self._jobs.remove(job)
            error = job.future.exception()
            if not alive:
                continue  # the widget that asked is gone: the answer has nowhere to go
            if error is None:
                job.done(job.future.result())
            elif isinstance(error, Exception):
                job.failed(error)
            else:
                raise error
        if not self._jobs:
            self._timer.stop()

    def _wait(self, pool: ThreadPoolExecutor, work: Callable[[], T]) -> T:
        if QThread.currentThread() is not self.thread():
            return work()  # already off the GUI thread: part of a larger action, run it here
        # The GUI thread waits without running its event loop: a local loop here would run
        # other code (timers, deferred deletes, queued results) in the middle of a page's
        # reload, which is how re-entrancy bugs and crashes start.
        return pool.submit(work).result()
