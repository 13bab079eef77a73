"""What every verb shares: exit codes, the two output streams, and services opened under the
data folder's lock."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mathroom.clock import Clock
from mathroom.instance_lock import InstanceLock
from mathroom.paths import DataFolder

if TYPE_CHECKING:
    from mathroom.composition import Services

EXIT_OK = 0
EXIT_FAILED = 1


@contextmanager
def locked_services(folder: DataFolder, clock: Clock) -> Iterator[Services]:
    """Services for a writing verb, holding the same lock as the window."""
    # Imported here: `check` and `backup` start quicker without every service.
    from mathroom.composition import open_services

    lock = InstanceLock(folder.lock_file)
    lock.acquire()
    try:
        services = open_services(folder, clock)
        try:
            yield services
        finally:
            services.close()
    finally:
        lock.release()


def out(message: str) -> None:
    sys.stdout.write(message + "\n")


def err(message: str) -> None:
    sys.stderr.write(f"mathroom: {message}\n")
