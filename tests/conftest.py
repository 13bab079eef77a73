"""Suite-wide setup: headless Qt, no network, the suite's clock, and shared store fixtures.

The suite runs on one date, ``--today YYYY-MM-DD`` (default: Monday 23 November 2026). Tests
that depend on it take the ``today``, ``school_day``, ``now`` or ``clock`` fixtures (directly
or through the demo fixtures) and are marked ``dates``; CI runs those again on other dates:
``pytest -m dates --today 2026-12-05``. Several dates, comma-separated, run each dated test
once per date in one session (``--today 2026-12-05,2027-01-01``).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists
# Parsed fonts go to a cache of the run's own, never the user's (subprocesses inherit it).
if "MATHROOM_CACHE_DIR" not in os.environ:
    os.environ["MATHROOM_CACHE_DIR"] = tempfile.mkdtemp(prefix="mathroom-test-cache-")
    atexit.register(shutil.rmtree, os.environ["MATHROOM_CACHE_DIR"], ignore_errors=True)

import importlib.util
import socket
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from mathroom.clock import FixedClock
from mathroom.composition import Services, open_services
from mathroom.domain.plan import teaching_day
from mathroom.paths import DataFolder
from mathroom.store.engine import make_engine
from mathroom.store.migrate import upgrade_to_head
from mathroom.store.unit_of_work import Store

DEFAULT_TODAY = "2026-11-23"  # a Monday
MORNING = time(7, 30)  # before the bell: the time of day every dated test runs at
# Not a calendar decision: when the template database was migrated.
MIGRATED_AT = datetime(2026, 1, 5, 7, 0, 0)
# Fixtures that carry the suite's date; a test using any of them is marked ``dates``.
DATED_FIXTURES = frozenset({"today", "school_day", "now", "clock"})

# `make test-core` runs the suite where PySide6 is not installed (`-m "not gui"`): the widget
# and end-to-end tests cannot even be imported there, so those folders are not collected.
HAS_QT = importlib.util.find_spec("PySide6") is not None
collect_ignore = [] if HAS_QT else ["ui", "e2e"]


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    parser.addoption(
        "--today",
        default=DEFAULT_TODAY,
        metavar="YYYY-MM-DD",
        help=f"the date the suite runs on (default {DEFAULT_TODAY}); see tests/conftest.py",
    )
    if not pluginmanager.has_plugin("pytest-qt"):
        # Without pytest-qt, --strict-config would refuse its settings in pyproject.toml.
        for name in ("qt_api", "qt_log_level_fail", "qt_log_ignore"):
            parser.addini(name, "a pytest-qt setting (pytest-qt is not loaded)", type="linelist")


def suite_dates(config: pytest.Config) -> list[date]:
    """The dates given with --today (one, or several separated by commas)."""
    dates = []
    for value in str(config.getoption("--today")).split(","):
        try:
            dates.append(date.fromisoformat(value.strip()))
        except ValueError:
            raise pytest.UsageError(f"--today {value!r}: write it as YYYY-MM-DD") from None
    return dates


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """With several --today dates, a dated test runs once on each (one collection, one set
    of workers, instead of one whole run per date)."""
    dates = suite_dates(metafunc.config)
    if len(dates) < 2 or "today" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("any_date") is not None:
        return
    metafunc.parametrize(
        "today", dates, indirect=True, scope="session", ids=[d.isoformat() for d in dates]
    )


@pytest.fixture(scope="session")
def today(request: pytest.FixtureRequest) -> date:
    """The calendar day the suite runs on (this test's, when several dates were given)."""
    param = getattr(request, "param", None)
    return param if isinstance(param, date) else suite_dates(request.config)[0]


@pytest.fixture(scope="session")
def school_day(today: date) -> date:
    """The school day the app shows on ``today``: the coming Monday on a weekend."""
    return teaching_day(today)


@pytest.fixture(scope="session")
def now(today: date) -> datetime:
    return datetime.combine(today, MORNING)


@pytest.fixture
def clock(now: datetime) -> FixedClock:
    """The app's one clock, pinned to the suite's morning; a test may move it."""
    return FixedClock(now)


class NetworkBlockedError(RuntimeError):
    """Raised by the suite-wide socket guard: Mathroom must never touch the network."""


# The department library's tests talk to a PostgreSQL on this machine: loopback stays open.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


def _refuse(*_args: Any, **_kwargs: Any) -> Any:
    raise NetworkBlockedError("network access attempted during tests")


def _loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) and address else address
    return isinstance(host, str) and (host in LOOPBACK_HOSTS or host.startswith("127."))


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    """Block every outbound socket for the whole suite, except local Unix sockets and the
    loopback interface (127.0.0.1, ::1)."""
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    saved = (socket.create_connection, socket.getaddrinfo)
    original_create, original_getaddrinfo = saved

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if self.family == socket.AF_UNIX or _loopback(address):
            return original_connect(self, address)
        return _refuse()

    def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
        if self.family == socket.AF_UNIX or _loopback(address):
            return original_connect_ex(self, address)
        return _refuse()

    def guarded_create(address: Any, *args: Any, **kwargs: Any) -> Any:
        return original_create(address, *args, **kwargs) if _loopback(address) else _refuse()

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        return original_getaddrinfo(host, *args, **kwargs) if _loopback((host,)) else _refuse()

    socket.socket.connect = guarded_connect  # type: ignore[method-assign, assignment]  # the guard
    socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign, assignment]  # the guard
    socket.create_connection = guarded_create
    socket.getaddrinfo = guarded_getaddrinfo
    try:
        yield
    finally:
        socket.socket.connect = original_connect  # type: ignore[method-assign]  # restore
        socket.socket.connect_ex = original_connect_ex  # type: ignore[method-assign]  # restore
        socket.create_connection, socket.getaddrinfo = saved


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Anything that uses a QApplication is marked gui, so `-m "not gui"` is headless;
    anything that depends on the suite's date is marked dates."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)
        # A test whose subject is the same on any day (printing, say) opts out of the reruns.
        if DATED_FIXTURES.intersection(fixtures) and item.get_closest_marker("any_date") is None:
            item.add_marker(pytest.mark.dates)


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head once per session; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "mathroom.sqlite"
    engine = make_engine(path)
    try:
        upgrade_to_head(engine, path, backups_dir=None, now=MIGRATED_AT)
    finally:
        engine.dispose()
    return path


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    data = DataFolder(tmp_path / "data")
    data.ensure()
    return data


@pytest.fixture
def migrated_folder(folder: DataFolder, migrated_db: Path) -> DataFolder:
    shutil.copyfile(migrated_db, folder.database)
    return folder


@pytest.fixture
def store(migrated_folder: DataFolder) -> Iterator[Store]:
    store = Store(make_engine(migrated_folder.database))
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="session")
def demo_db(
    tmp_path_factory: pytest.TempPathFactory, migrated_db: Path, today: date, now: datetime
) -> Path:
    """The demo classroom, created once per session on the suite's ``today``."""
    from mathroom.services.content import ContentFiles
    from mathroom.services.demo import DemoService

    path = tmp_path_factory.mktemp("demo") / "mathroom.sqlite"
    shutil.copyfile(migrated_db, path)
    store = Store(make_engine(path))
    try:
        DemoService(store, ContentFiles.bundled(), lambda: now).create(today)
    finally:
        store.close()
    return path


@pytest.fixture
def demo_folder(folder: DataFolder, demo_db: Path) -> DataFolder:
    shutil.copyfile(demo_db, folder.database)
    return folder


@pytest.fixture
def demo_store(demo_folder: DataFolder) -> Iterator[Store]:
    store = Store(make_engine(demo_folder.database))
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def services(demo_folder: DataFolder, clock: FixedClock) -> Iterator[Services]:
    """Every service over a copy of the demo classroom, on the suite's clock."""
    opened = open_services(demo_folder, clock)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(autouse=True)
def _no_windows_left_over() -> Iterator[None]:
    """Every window a test made is gone before the next test starts. pytest-qt closes the
    widgets it was given and calls deleteLater, but nothing runs those deletions between
    tests, and windows made without qtbot (a dialog the app opened) stay too: thousands of
    leftover widgets make every later app-wide style change (the theme) re-style them all.
    Set up before (so torn down after) the test's own qtbot."""
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return  # a test without Qt: nothing to clean
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    for widget in QApplication.topLevelWidgets():
        if type(widget).__module__.startswith("mathroom") and shiboken6.isValid(widget):
            widget.close()
            shiboken6.delete(widget)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
