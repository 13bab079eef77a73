"""The rows an action changed, recorded by SQLite itself, so undo puts back exactly those.

While :func:`recording` is active on a thread, every connection that thread opens gets
temporary triggers (they vanish with the connection) that hand each inserted, updated and
deleted row of every table to a Python function. The result is a :class:`Journal`: the
row changes in the order they happened, with their values as stored (ids included).
:func:`revert` applies the inverse of a journal in reverse order, in one transaction, and
returns the journal of that reversal (so reverting it again is redo).

Recording at the database, not in each service, means cascades, bulk deletes and helper
writes are all caught: nothing an action touched is forgotten, and nothing else is touched.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar
from weakref import WeakSet

from sqlalchemy import Engine, event
from sqlalchemy.exc import IntegrityError

from mathroom.domain.errors import MathroomError
from mathroom.store.unit_of_work import Store

T = TypeVar("T")
FUNCTION = "mathroom_journal"
SKIPPED = ("alembic_version",)  # the schema's own bookkeeping is never undone


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row written: ``old`` is None for an insert, ``new`` is None for a delete."""

    table: str
    rowid_old: int | None
    rowid_new: int | None
    columns: tuple[str, ...]
    old: tuple[Any, ...] | None
    new: tuple[Any, ...] | None


@dataclass(frozen=True, slots=True)
class Journal:
    """What one action wrote, in order."""

    changes: tuple[RowChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changes)

    def tables(self) -> set[str]:
        return {c.table for c in self.changes}


class _Recorder:
    def __init__(self) -> None:
        self.changes: list[RowChange] = []
        self.columns: dict[str, tuple[str, ...]] = {}
        self.marks: list[int] = []  # where each open transaction began


_local = threading.local()
_instrumented: WeakSet[Engine] = WeakSet()
_instrument_lock = threading.Lock()


def _active() -> _Recorder | None:
    recorder = getattr(_local, "recorder", None)
    return recorder if isinstance(recorder, _Recorder) else None


@contextmanager
def recording(store: Store) -> Iterator[list[RowChange]]:
    """Record every row this thread writes through ``store`` until the block ends.

    Writes rolled back (a failed unit of work) are dropped from the record.
    """
    if _active() is not None:
        raise RuntimeError("a journal is already recording on this thread")
    _instrument(store.engine)
    recorder = _Recorder()
    _local.recorder = recorder
    try:
        yield recorder.changes
    finally:
        _local.recorder = None


def record(store: Store, action: Callable[[], T]) -> tuple[T, Journal]:
    """Run ``action`` and return its value with the journal of what it wrote."""
    with recording(store) as changes:
        value = action()
    return value, Journal(tuple(changes))


class UndoConflictError(MathroomError):
    """Later changes that are not undone depend on these rows (e.g. evidence recorded for a
    student whose adding is being undone); nothing was changed."""

    def __init__(self, table: str) -> None:
        super().__init__(
            f"This step cannot be undone any more: later changes rely on it ({table}). "
            "Nothing was changed."
        )
        self.table = table


def revert(store: Store, journal: Journal) -> Journal:
    """Put every row ``journal`` changed back as it was, newest change first, all or
    nothing; returns the journal of this reversal (revert it to redo). Raises
    UndoConflictError, changing nothing, when later writes stand in the way."""
    change: RowChange | None = None
    try:
        with recording(store) as changes, store.unit_of_work() as session:
            connection = session.connection()
            for change in reversed(journal.changes):
                statement, values = _inverse(change)
                connection.exec_driver_sql(statement, values)
    except IntegrityError as error:
        raise UndoConflictError(change.table if change else "?") from error
    return Journal(tuple(changes))


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (rowid first), sorted: for comparing a database with itself."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.unit_of_work() as session:
        connection = session.connection()
        raw = connection.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        for table in _tables(raw):
            rows = connection.exec_driver_sql(f'SELECT rowid, * FROM "{table}"').all()
            out[table] = sorted((tuple(r) for r in rows), key=repr)
    return out


# -- the inverse of one change -------------------------------------------------------------
def _inverse(change: RowChange) -> tuple[str, tuple[Any, ...]]:
    table, columns = change.table, change.columns
    if change.old is None:  # inserted: delete it again
        return f'DELETE FROM "{table}" WHERE rowid = ?', (change.rowid_new,)
    if change.new is None:  # deleted: insert it again, with its rowid
        names = ", ".join(["rowid", *(f'"{c}"' for c in columns)])
        marks = ", ".join("?" * (len(columns) + 1))
        return (
            f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
            (change.rowid_old, *change.old),
        )
    sets = ", ".join(["rowid = ?", *(f'"{c}" = ?' for c in columns)])
    return (
        f'UPDATE "{table}" SET {sets} WHERE rowid = ?',
        (change.rowid_old, *change.old, change.rowid_new),
    )


# -- the triggers --------------------------------------------------------------------------
def _instrument(engine: Engine) -> None:
    """Listen (once per engine) for transactions begun on a recording thread."""
    with _instrument_lock:
        if engine in _instrumented:
            return
        event.listen(engine, "begin", _on_begin)
        event.listen(engine, "before_cursor_execute", _before_execute)
        event.listen(engine, "rollback", _on_rollback)
        event.listen(engine, "commit", _on_commit)
        _instrumented.add(engine)


def _on_begin(connection: Any) -> None:
    recorder = _active()
    if recorder is not None:
        recorder.marks.append(len(recorder.changes))


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _before_execute(
    connection: Any, _cursor: Any, statement: str, *_args: Any, **_kwargs: Any
) -> None:
    """Make the triggers just before a connection's first write while recording: reads,
    most of an action's work, cost nothing extra."""
    recorder = _active()
    if recorder is None or connection.info.get("mathroom_journal"):
        return
    if not statement.lstrip()[:7].upper().startswith(WRITES):
        return
    raw = connection.connection.dbapi_connection
    if raw is None:
        return
    connection.info["mathroom_journal"] = True
    raw.create_function(FUNCTION, -1, _collect)
    if not recorder.columns:
        for table in _tables(raw):
            recorder.columns[table] = _columns(raw, table)
    for table, columns in recorder.columns.items():
        for sql in _triggers(table, columns):
            raw.execute(sql)


def _on_rollback(_connection: Any) -> None:
    recorder = _active()
    if recorder is not None and recorder.marks:
        del recorder.changes[recorder.marks.pop() :]


def _on_commit(_connection: Any) -> None:
    recorder = _active()
    if recorder is not None and recorder.marks:
        recorder.marks.pop()


def _collect(table: str, kind: str, *values: Any) -> None:
    recorder = _active()
    if recorder is None:  # another thread's write on a connection made while recording
        return
    columns = recorder.columns[table]
    n = len(columns)
    if kind == "i":
        recorder.changes.append(
            RowChange(table, None, values[0], columns, None, tuple(values[1 : n + 1]))
        )
    elif kind == "d":
        recorder.changes.append(
            RowChange(table, values[0], None, columns, tuple(values[1 : n + 1]), None)
        )
    else:
        old, new = tuple(values[1 : n + 1]), tuple(values[n + 2 :])
        if old != new or values[0] != values[n + 1]:
            recorder.changes.append(RowChange(table, values[0], values[n + 1], columns, old, new))


def _tables(raw: sqlite3.Connection) -> list[str]:
    rows = raw.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows if r[0] not in SKIPPED]


def _columns(raw: sqlite3.Connection, table: str) -> tuple[str, ...]:
    return tuple(row[1] for row in raw.execute(f'PRAGMA table_info("{table}")'))


def _triggers(table: str, columns: Sequence[str]) -> list[str]:
    def row(prefix: str) -> str:
        return ", ".join([f"{prefix}.rowid", *(f'{prefix}."{c}"' for c in columns)])

    # Temporary: they go with the connection (the engine's NullPool closes it after use).
    head = (
        f'CREATE TEMP TRIGGER IF NOT EXISTS "mathroom_journal_{table}_%s" '
        f'AFTER %s ON main."{table}"'
    )
    return [
        f"{head % ('i', 'INSERT')} BEGIN SELECT {FUNCTION}('{table}', 'i', {row('NEW')}); END",
        f"{head % ('d', 'DELETE')} BEGIN SELECT {FUNCTION}('{table}', 'd', {row('OLD')}); END",
        f"{head % ('u', 'UPDATE')} BEGIN "
        f"SELECT {FUNCTION}('{table}', 'u', {row('OLD')}, {row('NEW')}); END",
    ]
