"""Connection settings, and DDL that really rolls back (the pysqlite BEGIN workaround)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from mathroom.store.engine import make_engine
from mathroom.store.unit_of_work import Store


def test_every_connection_gets_the_safety_pragmas(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "p.sqlite")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        engine.dispose()


def test_ddl_inside_a_failed_unit_of_work_is_rolled_back(tmp_path: Path) -> None:
    store = Store(make_engine(tmp_path / "t.sqlite"))

    def failing_action() -> None:
        with store.unit_of_work() as session:
            session.execute(text("CREATE TABLE scratch (id INTEGER PRIMARY KEY)"))
            session.execute(text("INSERT INTO scratch VALUES (1)"))
            raise RuntimeError("user action failed")

    try:
        with pytest.raises(RuntimeError):
            failing_action()
        with store.unit_of_work() as session:
            names = session.execute(text("SELECT name FROM sqlite_master")).scalars().all()
        assert "scratch" not in names
    finally:
        store.close()


def test_foreign_keys_are_enforced(store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.unit_of_work() as session:
        session.execute(
            text(
                "INSERT INTO enrollment (student_id, period_id, enrolled_on) "
                "VALUES (999, 999, '2026-09-01')"
            )
        )


@pytest.mark.parametrize("folder", ["Period #3", "What? Math", "50% & more", "Amélie's class"])
def test_a_folder_name_with_url_characters_opens_its_own_file(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "mathroom.sqlite"
    path.parent.mkdir()
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE here (id INTEGER PRIMARY KEY)"))
    finally:
        engine.dispose()
    assert path.is_file()
    assert sorted(p.name for p in path.parent.iterdir() if p.suffix == ".sqlite") == [path.name]
    assert not any(p.name.startswith("mathroom.sqlite") for p in tmp_path.iterdir())
