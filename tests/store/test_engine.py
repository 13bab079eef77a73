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
