"""The composition root's core half: open one data folder's database and build every
service on the app's one clock.

app.py adds the Qt half (the window); the command-line verbs use these services directly.
"""

from __future__ import annotations

import logging

from mathroom.clock import Clock
from mathroom.domain.errors import ContentError
from mathroom.paths import DataFolder
from mathroom.print_queue import system_queue
from mathroom.services.catalog import Services
from mathroom.services.content import ContentFiles
from mathroom.store.opening import DatabaseDamagedError, RecoveryNeededError, open_database
from mathroom.store.peek import has_rows
from mathroom.store.unit_of_work import Store

__all__ = ["DatabaseDamagedError", "RecoveryNeededError", "Services", "open_services"]

log = logging.getLogger(__name__)


class _Database:
    """The open file behind the services; a restore closes it and reopens it in place."""

    def __init__(self, folder: DataFolder, clock: Clock) -> None:
        self._folder = folder
        self._clock = clock
        self.store: Store = open_database(folder, clock.now()).store

    def close(self) -> None:
        self.store.close()

    def reopen(self) -> None:
        self.store.reconnect(open_database(self._folder, self._clock.now()).store.engine)


def open_services(
    folder: DataFolder, clock: Clock, content: ContentFiles | None = None
) -> Services:
    """Open (check, back up, migrate) the folder's database; its services, all on the one
    ``clock``, are built as they are first used."""
    database = _Database(folder, clock)
    services = Services(folder, clock, database, content or ContentFiles.bundled(), system_queue)
    _seed_units(services)
    return services


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
