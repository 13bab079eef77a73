"""The composition root's core half: open one data folder's database and build every
service on the app's one clock.

app.py adds the Qt half (the window); the command-line verbs use these services directly.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mathroom.clock import Clock
from mathroom.domain.errors import ContentError
from mathroom.paths import DataFolder
from mathroom.print_queue import system_queue
from mathroom.services.catalog import Services
from mathroom.services.content import ContentFiles
from mathroom.store.opening import DatabaseDamagedError, RecoveryNeededError, open_database
from mathroom.store.peek import has_rows

if TYPE_CHECKING:
    from mathroom.store.unit_of_work import Store

__all__ = [
    "DatabaseDamagedError",
    "RecoveryNeededError",
    "Services",
    "open_database_of",
    "open_services",
]

log = logging.getLogger(__name__)


class _Database:
    """The file behind the services: opened (checked, backed up, migrated) once, before any
    service reads it; a restore closes it and reopens it in place."""

    def __init__(self, folder: DataFolder, clock: Clock) -> None:
        self._folder = folder
        self._clock = clock
        self._store: Store | None = None

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the database is read before it was opened (open_services)")
        return self._store

    def open(self) -> None:
        if self._store is None:
            self._store = open_database(self._folder, self._clock.now()).store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def reopen(self) -> None:
        if self._store is None:
            self.open()
        else:
            self._store.reconnect(open_database(self._folder, self._clock.now()).store.engine)


def open_services(
    folder: DataFolder, clock: Clock, content: ContentFiles | None = None, *, now: bool = True
) -> Services:
    """The folder's services, all on the one ``clock``, each built when first used. The
    database is opened (checked, backed up, migrated) here, or, with ``now=False``, by
    ``open_database_of`` when the caller is ready (the window paints first)."""
    database = _Database(folder, clock)
    services = Services(folder, clock, database, content or ContentFiles.bundled(), system_queue)
    if now:
        open_database_of(services)
    return services


def open_database_of(services: Services) -> None:
    """Open the services' database (raises RecoveryNeededError or MigrationError, leaving
    the data safe), then give a folder from before units its starter units."""
    services.connection.open()
    _seed_units(services)


def _seed_units(services: Services) -> None:
    """A data folder from before units (migrated to 0006 with no unit) gets the starter
    units at open. A starter file that cannot be read is logged, never in the way of
    opening the teacher's data."""
    if has_rows(services.folder.database, "unit"):
        return  # every start but the first after 0006: no need to load the starter files
    try:
        added = services.library.seed_units_if_missing()
    except ContentError as exc:
        log.warning("starter units not added: %s", exc)
        return
    if added:
        log.info("added %d starter units", added)
