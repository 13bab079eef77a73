"""One Mathroom per data folder: a live holder refuses a second one; a crashed one does not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from mathroom.instance_lock import InstanceLock, InstanceLockedError

HOLDER = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication
    from mathroom.instance_lock import InstanceLock
    app = QCoreApplication(sys.argv[:1])
    lock = InstanceLock(__import__("pathlib").Path(sys.argv[1]))
    lock.acquire()
    print("locked", flush=True)
    time.sleep(120)
    """
)


def hold_lock(path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_second_process_is_refused_then_stale_lock_is_cleared(
    qapp: QApplication, tmp_path: Path
) -> None:
    path = tmp_path / "mathroom.lock"
    holder = hold_lock(path)
    try:
        with pytest.raises(InstanceLockedError) as info:
            InstanceLock(path).acquire()
        assert info.value.pid == holder.pid
        assert "already open" in str(info.value)
    finally:
        holder.send_signal(signal.SIGKILL)  # a crash: the lock file stays behind
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert path.exists()
    lock = InstanceLock(path)
    lock.acquire()  # the dead PID's lock is stale and cleared
    lock.release()
    assert not path.exists()


def test_the_same_process_can_release_and_take_again(qapp: QApplication, tmp_path: Path) -> None:
    lock = InstanceLock(tmp_path / "a.lock")
    lock.acquire()
    lock.release()
    lock.acquire()
    lock.release()
