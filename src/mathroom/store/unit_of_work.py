"""One Session per user action: commit on success, roll back on error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


class Store:
    """The app's handle on its database; services open units of work from it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def reconnect(self, engine: Engine) -> None:
        """Use another engine from now on (after a restore put a new file in place): every
        service keeps its handle on this Store, so nothing above needs rebuilding."""
        self.engine.dispose()
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
