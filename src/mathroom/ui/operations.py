"""The one road from a click to the services and back.

Every page reads and writes through an :class:`Operations`: the work runs off the GUI thread
(writes one at a time, in order, on a single writer thread), and a write names what it
changed. The window listens to :attr:`Operations.changed` and hands the change to every page
and the projector, each of which refreshes only when the change touches what it shows.

Short actions (``query``, ``write``) keep the caller's code straight: the GUI thread waits for
the result in a local event loop that still paints but takes no clicks or keys, so the window
never freezes and nothing can be clicked twice. Long actions (``read_in_background``,
``write_in_background``) return at once and report back through callbacks, with progress.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QThread, QThreadPool, Signal
from shiboken6 import isValid

from mathroom.services.changes import Change

T = TypeVar("T")
Progress = Callable[[int, int], None]


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


class _Relay(QObject):
    """Carries a result from a pool thread back to the GUI thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(Exception)


class Operations(QObject):
    """Runs the UI's reads and writes; broadcasts what each write changed."""

    changed = Signal(object, object)  # (Change, origin: the widget that asked, or None)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)  # writes are serialised, in the order asked

    # -- short actions: the caller gets the value back ----------------------------------
    def query(self, read: Callable[[], T]) -> T:
        """Run ``read`` off the GUI thread and return its value (or raise its error)."""
        return self._wait(self._readers, read)

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
        self._start(self._readers, read, done, failed, progress, context)

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

        self._start(self._writer, write, finished, failing, step, self)

    def wait_until_idle(self, timeout_ms: int = 10_000) -> bool:
        """Block until every started action has finished (at shutdown, and in tests)."""
        return self._writer.waitForDone(timeout_ms) and self._readers.waitForDone(timeout_ms)

    # -- the machinery -------------------------------------------------------------------
    def _start(
        self,
        pool: QThreadPool,
        work: Callable[[Progress], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
        progress: Progress | None,
        context: QObject | None = None,
    ) -> None:
        # The relay belongs to this object, on the GUI thread, and is deleted there once it
        # has reported: deleting it as soon as the result arrives raced with the pool thread
        # finishing. Callbacks run only while the widget that asked still exists: a dialog
        # closed during a long build must not be called back (that crashed).
        owner = context if context is not None else _owner(done)

        def succeeded(value: object) -> None:
            if _alive(owner):
                done(value)

        def failing(error: Exception) -> None:
            if _alive(owner):
                failed(error)

        def step(done_steps: int, total: int) -> None:
            if progress is not None and _alive(owner):
                progress(done_steps, total)

        relay = _Relay(self)
        relay.progressed.connect(step)
        relay.succeeded.connect(succeeded)
        relay.failed.connect(failing)
        relay.succeeded.connect(relay.deleteLater)
        relay.failed.connect(relay.deleteLater)

        def run() -> None:
            try:
                value = work(relay.progressed.emit)
            except Exception as exc:  # delivered to the GUI thread and shown there
                relay.failed.emit(exc)
            else:
                relay.succeeded.emit(value)

        pool.start(run)

    def _wait(self, pool: QThreadPool, work: Callable[[], T]) -> T:
        if QThread.currentThread() is not self.thread():
            return work()  # already off the GUI thread: part of a larger action, run it here
        values: list[T] = []
        errors: list[Exception] = []
        loop = QEventLoop()

        def keep_value(value: T) -> None:
            values.append(value)
            loop.quit()

        def keep_error(error: Exception) -> None:
            errors.append(error)
            loop.quit()

        self._start(pool, lambda _progress: work(), keep_value, keep_error, None)
        if not values and not errors:  # it may already have reported
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if errors:
            raise errors[0]
        return values[0]
