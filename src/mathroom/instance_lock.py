"""One running Mathroom per data folder: an operating-system lock on a file beside the database.

No Qt: the window and every writing CLI verb take the same lock. The lock belongs to the
open file, so the system drops it the moment its process ends, even after a crash or a
power cut: a lock left behind can never block the next start.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import BinaryIO

from mathroom.domain.errors import MathroomError

log = logging.getLogger(__name__)


class InstanceLockedError(MathroomError):
    """Another live Mathroom process holds the data folder."""

    def __init__(self, lock_path: Path, pid: int | None) -> None:
        super().__init__(
            "Mathroom is already open with this data folder, in another window or a running "
            "command. Switch to that window (or wait for the command), then try again."
        )
        self.lock_path = lock_path
        self.pid = pid


class InstanceLock:
    """Held from ``acquire`` until ``release`` or the end of the process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: BinaryIO | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> None:
        if self._file is not None:
            return
        try:
            handle = self.path.open("a+b")  # never truncate: the holder's pid is in it
        except OSError as exc:
            raise MathroomError(
                f"Could not create the lock file {self.path}: {exc.strerror or exc}."
            ) from exc
        try:
            _lock(handle)
        except OSError:
            pid = _read_pid(handle)
            handle.close()
            log.info("data folder is locked by process %s", pid)
            raise InstanceLockedError(self.path, pid) from None
        handle.seek(_PID_OFFSET)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode("ascii"))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        handle, self._file = self._file, None
        if handle is None:
            return
        try:
            _unlock(handle)
        finally:
            handle.close()


# Windows locks byte ranges, and a locked byte cannot be read by anyone else: the lock sits on
# byte 0 and the pid is written after it, where a refused process can still read it.
_PID_OFFSET = 1 if sys.platform == "win32" else 0


def _read_pid(handle: BinaryIO) -> int | None:
    try:
        handle.seek(_PID_OFFSET)
        text = handle.read(32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: BinaryIO) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: BinaryIO) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: BinaryIO) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: BinaryIO) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
