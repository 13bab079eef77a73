"""Count the database transactions a service call opens: one user action, one snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from mathroom.store.unit_of_work import Store


@contextmanager
def counted_transactions(store: Store) -> Iterator[list[object]]:
    """Yield a list that gains one entry per transaction begun on the store's engine.

    Every session begins exactly one transaction, so this also counts units of work.
    """
    begun: list[object] = []

    def on_begin(connection: Any) -> None:
        begun.append(connection)

    event.listen(store.engine, "begin", on_begin)
    try:
        yield begun
    finally:
        event.remove(store.engine, "begin", on_begin)
