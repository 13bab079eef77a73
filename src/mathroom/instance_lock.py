"""One running Mathroom per data folder: an operating-system lock on a file beside the database.

No Qt: the window and every writing CLI verb take the same lock. The lock belongs to the
open file, so the system drops it the moment its process ends, even after a crash or a
power cut: a lock left behind can never block the next start. Only a live Mathroom blocks:
a lock file held by a process that is not Mathroom (a sync or backup tool), or one naming no
process at all (empty, garbage), is taken over with a line in the log.
"""

from __future__ import annotations

import errno
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
        handle = self._open()
        try:
            _lock(handle)
        except OSError as exc:
            pid = _read_pid(handle)
            if pid == os.getpid() or (pid is not None and is_live_mathroom(pid)):
                handle.close()
                log.info("data folder is locked by process %s", pid)
                raise InstanceLockedError(self.path, pid) from None
            handle.close()
            handle = self._take_over(exc, pid)
        previous = _read_text(handle)
        if previous and previous != str(os.getpid()):
            log.info("lock file %s left by %r (a crash?) taken over", self.path.name, previous)
        handle.seek(_PID_OFFSET)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode("ascii"))
        handle.flush()
        self._file = handle

    def _open(self) -> BinaryIO:
        try:
            return self.path.open("a+b")  # never truncate: the holder's pid is in it
        except OSError as exc:
            raise MathroomError(
                f"Could not create the lock file {self.path}: {exc.strerror or exc}."
            ) from exc

    def _take_over(self, refused: OSError, pid: int | None) -> BinaryIO:
        """The lock is held, but not by a live Mathroom: a fresh lock file in its place."""
        holder = "no process" if pid is None else f"process {pid}, which is not Mathroom"
        if refused.errno not in _HELD:
            # The file system cannot lock at all (some network shares): go by the pid alone.
            log.warning(
                "lock file %s cannot be locked here (%s); it names %s: going ahead",
                self.path,
                refused.strerror or refused,
                holder,
            )
            return self._open()
        log.warning("lock file %s is held by %s; taking it over", self.path, holder)
        try:
            self.path.unlink()
        except OSError as exc:
            raise InstanceLockedError(self.path, pid) from exc
        handle = self._open()
        try:
            _lock(handle)
        except OSError:  # another start took it over a moment earlier
            handle.close()
            raise InstanceLockedError(self.path, pid) from None
        return handle

    def release(self) -> None:
        handle, self._file = self._file, None
        if handle is None:
            return
        try:
            # Emptied on a clean exit, so a pid found at the next start means a crash (or a
            # file someone else wrote), worth its line in the log.
            handle.seek(_PID_OFFSET)
            handle.truncate()
            handle.flush()
            _unlock(handle)
        except OSError:  # a file system that never locked (see _take_over): nothing to undo
            pass
        finally:
            handle.close()


# Windows locks byte ranges, and a locked byte cannot be read by anyone else: the lock sits on
# byte 0 and the pid is written after it, where a refused process can still read it.
_PID_OFFSET = 1 if sys.platform == "win32" else 0


# What a lock held by another process raises; anything else means locks don't work there.
_HELD = {errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


def _read_text(handle: BinaryIO) -> str:
    try:
        handle.seek(_PID_OFFSET)
        return handle.read(32).decode("ascii", "replace").strip()
    except OSError:
        return ""


def _read_pid(handle: BinaryIO) -> int | None:
    text = _read_text(handle)
    return int(text) if text.isdigit() and len(text) < 10 else None


def is_live_mathroom(pid: int) -> bool:
    """Whether ``pid`` is a running Mathroom (the window or a command).

    Where the system does not say what a process runs (no /proc), any live process counts
    as Mathroom: better to ask the teacher than to open the data twice.
    """
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would end the process there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, another user's
    except OSError:
        return False
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return not Path("/proc/self").exists()
    except OSError:
        return True
    return b"mathroom" in command.lower()


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
