"""Atomic file writes: temp file in the same folder, fsync, then os.replace.

A failure at any point leaves the previous file untouched and no temp file behind (a kill
can leave one: the next write to the same file removes it). No file the teacher names ever
replaces Mathroom's own data: the database, its backups, anything in a backups folder.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from mathroom.domain.errors import MathroomError

log = logging.getLogger(__name__)

# paths.DATABASE_NAME and the backups folder's name (paths is a sibling layer, not imported).
_DATABASE = "mathroom.sqlite"
_BACKUPS = "backups"
_SQLITE_HEADER = b"SQLite format 3\x00"


# Crash tests (tests/faults) name a phase here; the process kills itself on reaching it, as a
# power cut or kill -9 would stop it. Unset in normal use: the check is one dictionary lookup.
FAULT_ENV = "MATHROOM_FAULT_KILL_AT"


def fault_point(phase: str) -> None:
    """A watched phase of a write (``backup:copied``...): see FAULT_ENV."""
    if os.environ.get(FAULT_ENV) == phase:
        import signal

        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


class ProtectedFileError(MathroomError):
    """The teacher chose a file that is Mathroom's own data; nothing was written."""


def refuse_protected(target: Path, *, database_copy: bool = False) -> None:
    """Raise ProtectedFileError if writing ``target`` could replace Mathroom's data.

    Refused: a data file (``mathroom.sqlite`` and its companions or damaged copies), anything
    in a data folder's ``backups/``, and, unless a database copy is what is written
    (``database_copy``), any existing SQLite database, such as a backup kept elsewhere.
    """
    path = target.expanduser().resolve()
    why = None
    if path.name == _DATABASE or path.name.startswith((f"{_DATABASE}-", f"{_DATABASE}.corrupt-")):
        why = "it is Mathroom's data file"
    elif path.parent.name == _BACKUPS and (path.parent.parent / _DATABASE).exists():
        why = "it is in Mathroom's backups folder"
    elif not database_copy and _is_sqlite(path):
        why = "it is a database (perhaps a Mathroom backup)"
    if why is not None:
        raise ProtectedFileError(
            f"Nothing was written to {target}: {why}. Choose another file name or folder."
        )


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (a no-op where folders cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(target: Path, suffix: str = ".part") -> Iterator[Path]:
    """Yield a temp path beside ``target``; on success it replaces ``target`` atomically.

    The caller writes the temp file by any means (a library that wants a path). Errors name
    ``target``, the file the teacher chose, never the hidden temp file.
    """
    refuse_protected(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target, suffix)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    except OSError as exc:
        raise _naming(exc, target) from exc
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        fault_point("write:temp-written")
        os.replace(temp, target)
        fsync_folder(target.parent)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        if isinstance(exc, OSError) and exc.filename in (str(temp), temp):
            raise _naming(exc, target) from exc
        raise


def _naming(error: OSError, target: Path) -> OSError:
    """The same error, about the teacher's file."""
    return type(error)(error.errno, error.strerror or str(error), str(target))


def remove_leftovers(target: Path, suffix: str = ".part") -> list[Path]:
    """Delete temp files an earlier, killed write of ``target`` left beside it (logged)."""
    removed = []
    for leftover in target.parent.glob(f".{_glob_escape(target.name)}.*{suffix}"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
            log.warning("removed %s, left by an interrupted write", leftover)
    return removed


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary file that becomes ``target`` only if it returns."""
    with atomic_path(target) as temp, open(temp, "wb") as handle:
        write(handle)
        handle.flush()


def write_bytes_atomically(target: Path, data: bytes) -> None:
    def write(handle: BinaryIO) -> None:
        handle.write(data)

    write_atomically(target, write)
