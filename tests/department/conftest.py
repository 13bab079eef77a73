"""A real PostgreSQL for the department library's tests: one private cluster per session
(tests/department/pg_cluster.py), a fresh library database per test.

Login roles, all signing in with a password from the cluster's PGPASSFILE, as a school's
server would have them: ``ana`` (the department lead, who owns the database), and the
teachers ``ben`` and ``cho``; ``dee`` has a login but is not one of the department's.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mathroom.services.department import DepartmentLibraryService, ServerAddress, init_server
from mathroom.store.engine import make_engine
from mathroom.store.repositories.skills import SkillEditor
from mathroom.store.unit_of_work import Store
from tests.department.pg_cluster import Cluster, postgres_bin, running_cluster

_databases = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    if postgres_bin() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is not installed: tools/system-packages.sh test installs it")
        pytest.skip("PostgreSQL is not installed (tools/system-packages.sh test installs it)")
    saved = os.environ.get("PGPASSFILE")
    with running_cluster() as cluster:
        cluster.add_login("ana", createrole=True)
        for role in ("ben", "cho", "dee"):
            cluster.add_login(role)
        os.environ["PGPASSFILE"] = str(cluster.passfile)
        try:
            yield cluster
        finally:
            if saved is None:
                os.environ.pop("PGPASSFILE", None)
            else:
                os.environ["PGPASSFILE"] = saved


@dataclass(frozen=True)
class Department:
    cluster: Cluster
    database: str

    def address(self, role: str) -> ServerAddress:
        return ServerAddress.parse(self.cluster.url(role, self.database))

    def sql(self, statement: str, user: str = "mr_admin") -> str:
        return self.cluster.psql(statement, self.database, user)


@pytest.fixture
def department(pg_cluster: Cluster) -> Department:
    """A new library database, initialised by its lead, with ben and cho as teachers."""
    database = f"dept{next(_databases)}_{os.getpid()}"
    pg_cluster.psql(f"CREATE DATABASE {database} OWNER ana")
    found = Department(pg_cluster, database)
    init_server(found.address("ana"), teachers=["ben", "cho"], leads=["ana"])
    return found


def laptop_store(source: Path, folder: Path) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, folder / "mathroom.sqlite")
    return Store(make_engine(folder / "mathroom.sqlite"))


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory, migrated_db: Path) -> Path:
    """A laptop with one skill and nothing else: publishing it is quick."""
    folder = tmp_path_factory.mktemp("small")
    store = laptop_store(migrated_db, folder)
    try:
        with store.unit_of_work() as session:
            SkillEditor(session).add("7.RP.A.1", "Unit rates", "RP", 7, "")
    finally:
        store.close()
    return folder / "mathroom.sqlite"


@pytest.fixture
def ben_store(small_db: Path, tmp_path: Path) -> Iterator[Store]:
    store = laptop_store(small_db, tmp_path / "ben")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def cho_store(small_db: Path, tmp_path: Path) -> Iterator[Store]:
    store = laptop_store(small_db, tmp_path / "cho")
    try:
        yield store
    finally:
        store.close()


class Ticking:
    """A clock a second further on at every reading: each edit has its own time, as on a
    teacher's laptop (the laptop tells a changed item by its change time)."""

    def __init__(self, start: datetime) -> None:
        self._next = start

    def __call__(self) -> datetime:
        self._next += timedelta(seconds=1)
        return self._next


@pytest.fixture
def ticking(now: datetime) -> Ticking:
    return Ticking(now)


@pytest.fixture
def ben(ben_store: Store, ticking: Ticking) -> DepartmentLibraryService:
    return DepartmentLibraryService(ben_store, ticking)


@pytest.fixture
def cho(cho_store: Store, ticking: Ticking) -> DepartmentLibraryService:
    return DepartmentLibraryService(cho_store, ticking)
