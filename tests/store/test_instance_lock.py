"""One Mathroom per data folder: a live holder refuses a second one; a crashed one does not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mathroom.domain.errors import MathroomError
from mathroom.instance_lock import InstanceLock, InstanceLockedError

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from mathroom.instance_lock import InstanceLock
    lock = InstanceLock(Path(sys.argv[1]))
    lock.acquire()
    print("locked", "PySide6" in sys.modules, flush=True)
    time.sleep(120)
    """
)


def hold_lock(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().split() == ["locked", "False"]  # and no Qt was loaded
    return holder


def test_second_process_is_refused_then_a_crashed_holder_blocks_nothing(tmp_path: Path) -> None:
    path = tmp_path / "mathroom.lock"
    holder = hold_lock(path)
    try:
        with pytest.raises(InstanceLockedError) as info:
            InstanceLock(path).acquire()
        assert info.value.pid == holder.pid
        message = str(info.value)
        assert "already open" in message
        assert str(holder.pid) not in message and "--data-dir" not in message  # plain words
    finally:
        holder.send_signal(signal.SIGKILL)  # a crash: the lock file stays behind
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert path.exists()
    lock = InstanceLock(path)
    lock.acquire()  # the system dropped the dead process's lock with it
    assert lock.held and path.read_text().strip() == str(os.getpid())
    lock.release()


def test_the_same_process_can_release_and_take_again(tmp_path: Path) -> None:
    lock = InstanceLock(tmp_path / "a.lock")
    lock.acquire()
    lock.acquire()  # already held: nothing to do
    lock.release()
    lock.acquire()
    lock.release()
    assert not lock.held


def test_two_locks_in_one_process_exclude_each_other(tmp_path: Path) -> None:
    first, second = InstanceLock(tmp_path / "a.lock"), InstanceLock(tmp_path / "a.lock")
    first.acquire()
    try:
        with pytest.raises(InstanceLockedError):
            second.acquire()
    finally:
        first.release()
    second.acquire()
    second.release()


def test_a_folder_that_cannot_hold_a_lock_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(MathroomError, match="Could not create the lock file"):
        InstanceLock(tmp_path / "missing" / "a.lock").acquire()
