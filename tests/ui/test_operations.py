"""The operations road: work runs off the GUI thread, writes in order, changes announced."""

from __future__ import annotations

import threading
import time
from functools import partial

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from mathroom.domain.errors import ValidationError
from mathroom.services.changes import Change
from mathroom.ui.operations import Operations, Progress


def unexpected(error: Exception) -> None:
    raise AssertionError(f"the work failed: {error!r}")


def test_a_query_runs_off_the_gui_thread_and_returns_its_value(ops: Operations) -> None:
    gui = threading.get_ident()
    ran_on: list[int] = []

    def read() -> int:
        ran_on.append(threading.get_ident())
        return 42

    assert ops.query(read) == 42
    assert ran_on and ran_on[0] != gui


def test_a_write_announces_what_it_changed_with_its_origin(qtbot: QtBot, ops: Operations) -> None:
    heard: list[tuple[object, object]] = []
    ops.changed.connect(lambda changes, origin: heard.append((changes, origin)))
    origin = object()
    assert ops.write(lambda: "saved", Change.GROUPS | Change.PLANS, origin) == "saved"
    assert heard == [(Change.GROUPS | Change.PLANS, origin)]


def test_a_failed_write_raises_for_the_caller_and_announces_nothing(ops: Operations) -> None:
    heard: list[object] = []
    ops.changed.connect(lambda changes, _origin: heard.append(changes))

    def refuse() -> None:
        raise ValidationError("name", "must not be empty")

    with pytest.raises(ValidationError, match="must not be empty"):
        ops.write(refuse, Change.ROSTER)
    assert heard == []


def test_writes_run_one_at_a_time_in_the_order_asked(qtbot: QtBot, ops: Operations) -> None:
    log: list[str] = []
    running = threading.Lock()

    def slow(name: str) -> str:
        assert running.acquire(blocking=False), "two writes ran at once"
        try:
            log.append(f"start {name}")
            time.sleep(0.05)
            log.append(f"end {name}")
            return name
        finally:
            running.release()

    def write(name: str, _progress: Progress) -> str:
        return slow(name)

    finished: list[str] = []
    for name in ("a", "b", "c"):
        ops.write_in_background(partial(write, name), Change.PLANS, finished.append, unexpected)
    qtbot.waitUntil(lambda: len(finished) == 3, timeout=5_000)
    assert finished == ["a", "b", "c"]
    assert log == ["start a", "end a", "start b", "end b", "start c", "end c"]


def test_a_long_read_reports_progress_then_its_value(qtbot: QtBot, ops: Operations) -> None:
    steps: list[tuple[int, int]] = []
    values: list[int] = []
    release = threading.Event()

    def count(progress: Progress) -> int:
        progress(1, 3)
        release.wait(5)  # the GUI thread shows the first step while the work goes on
        progress(2, 3)
        progress(3, 3)
        return 3

    ops.read_in_background(
        count, values.append, unexpected, progress=lambda d, t: steps.append((d, t))
    )
    qtbot.waitUntil(lambda: steps == [(1, 3)], timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: values == [3], timeout=5_000)
    assert steps[-1] == (3, 3) and steps == sorted(steps)  # the latest step, in order


def test_a_background_write_can_say_what_changed_from_its_result(
    qtbot: QtBot, ops: Operations
) -> None:
    heard: list[object] = []
    ops.changed.connect(lambda changes, _origin: heard.append(changes))
    done: list[int] = []
    ops.write_in_background(
        lambda _p: 2,
        lambda count: Change.EVIDENCE if count else Change.NONE,
        done.append,
        unexpected,
    )
    qtbot.waitUntil(lambda: done == [2], timeout=5_000)
    assert heard == [Change.EVIDENCE]


class Asker(QObject):
    """A widget-like object that asked for a result and may be gone before it arrives."""

    def __init__(self, heard: list[object]) -> None:
        super().__init__()
        self.heard = heard

    def receive(self, value: object) -> None:
        self.heard.append(value)


def test_an_answer_for_a_closed_dialog_is_dropped_not_delivered(
    qtbot: QtBot, ops: Operations
) -> None:
    heard: list[object] = []
    asker = Asker(heard)
    release = threading.Event()
    ops.read_in_background(lambda _p: release.wait(5) and "late", asker.receive, unexpected)
    gone = Asker(heard)
    ops.read_in_background(lambda _p: "for the closed one", gone.receive, unexpected)
    gone.deleteLater()
    qtbot.waitUntil(lambda: not isValid(gone), timeout=2_000)
    release.set()
    qtbot.waitUntil(lambda: heard == ["late"], timeout=5_000)
    qtbot.wait(50)
    assert heard == ["late"]  # the deleted asker was never called back


def test_a_write_for_a_closed_dialog_is_still_announced(qtbot: QtBot, ops: Operations) -> None:
    changes: list[object] = []
    ops.changed.connect(lambda change, _origin: changes.append(change))
    gone = Asker([])
    release = threading.Event()
    ops.write_in_background(lambda _p: release.wait(5), Change.EVIDENCE, gone.receive, unexpected)
    gone.deleteLater()
    qtbot.waitUntil(lambda: not isValid(gone), timeout=2_000)
    release.set()
    qtbot.waitUntil(lambda: changes == [Change.EVIDENCE], timeout=5_000)


def test_a_quick_read_does_not_wait_behind_long_ones(qtbot: QtBot, ops: Operations) -> None:
    release = threading.Event()
    finished: list[object] = []
    for _ in range(3):  # more long reads than the pool has threads
        ops.read_in_background(lambda _p: release.wait(5), finished.append, unexpected)
    started = time.monotonic()
    assert ops.query(lambda: "quick") == "quick"
    assert time.monotonic() - started < 2
    release.set()
    qtbot.waitUntil(lambda: len(finished) == 3, timeout=5_000)
