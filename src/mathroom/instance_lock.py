"""One running Mathroom per data folder, via a QLockFile beside the database.

QtCore only (no GUI): the CLI verbs that write take the same lock as the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile

from mathroom.domain.errors import MathroomError


class InstanceLockedError(MathroomError):
    """Another live Mathroom process holds the data folder."""

    def __init__(self, lock_path: Path, pid: int | None, host: str | None) -> None:
        holder = f"process {pid}" if pid else "another process"
        if host:
            holder += f" on {host}"
        super().__init__(
            f"Mathroom is already open on this data folder ({holder}). Close that window "
            f"first, or choose another folder with --data-dir. Lock file: {lock_path}"
        )
        self.lock_path = lock_path
        self.pid = pid
        self.host = host


class InstanceLock:
    """Held for the life of the process; a lock left by a crashed process is cleared."""

    def __init__(self, path: Path) -> None:
        if QCoreApplication.instance() is None:
            # Stale-lock detection compares executable names, which needs an application.
            raise RuntimeError("create a QCoreApplication before taking the instance lock")
        self.path = path
        self._lock = QLockFile(str(path))
        # 0: a lock is stale only when its process is gone, never merely for being old
        # (a teacher leaves the app open all day).
        self._lock.setStaleLockTime(0)

    def acquire(self) -> None:
        if self._lock.tryLock(0):
            return
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            pid, host, _app = self._lock.getLockInfo()
            raise InstanceLockedError(self.path, pid or None, host or None)
        raise MathroomError(f"Could not create the lock file {self.path} (permission denied?).")

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()
