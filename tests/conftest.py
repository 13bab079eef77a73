"""Suite-wide setup: headless Qt, no network, and shared store fixtures."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import shutil
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from mathroom.paths import DataFolder
from mathroom.store.engine import make_engine
from mathroom.store.migrate import upgrade_to_head
from mathroom.store.unit_of_work import Store

FIXED_NOW = datetime(2026, 11, 23, 7, 0, 0)


class NetworkBlockedError(RuntimeError):
    """Raised by the suite-wide socket guard: Mathroom must never touch the network."""


def _refuse(*_args: Any, **_kwargs: Any) -> Any:
    raise NetworkBlockedError("network access attempted during tests")


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    """Block every outbound socket for the whole suite (local Unix sockets stay allowed)."""
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if self.family == socket.AF_UNIX:
            return original_connect(self, address)
        return _refuse()

    def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
        if self.family == socket.AF_UNIX:
            return original_connect_ex(self, address)
        return _refuse()

    saved = (socket.create_connection, socket.getaddrinfo)
    socket.socket.connect = guarded_connect  # type: ignore[method-assign, assignment]  # the guard
    socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign, assignment]  # the guard
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse
    try:
        yield
    finally:
        socket.socket.connect = original_connect  # type: ignore[method-assign]  # restore
        socket.socket.connect_ex = original_connect_ex  # type: ignore[method-assign]  # restore
        socket.create_connection, socket.getaddrinfo = saved


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Anything that uses a QApplication is marked gui, so `-m "not gui"` is headless."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head once per session; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "mathroom.sqlite"
    engine = make_engine(path)
    try:
        upgrade_to_head(engine, path, backups_dir=None, now=FIXED_NOW)
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


DEMO_TODAY = datetime(2026, 11, 23).date()  # a Monday


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, migrated_db: Path) -> Path:
    """The demo classroom, created once per session for 'today' = DEMO_TODAY."""
    from mathroom.services.content import ContentFiles
    from mathroom.services.demo import DemoService

    path = tmp_path_factory.mktemp("demo") / "mathroom.sqlite"
    shutil.copyfile(migrated_db, path)
    store = Store(make_engine(path))
    try:
        DemoService(store, ContentFiles.bundled(), lambda: FIXED_NOW).create(DEMO_TODAY)
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
