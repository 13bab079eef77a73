"""`make run` without a display: it says the window is on a virtual display, how to look at it
and how to stop it; Ctrl+C closes the app, stops Xvfb and exits 0 without a traceback."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "tools" / "run.sh"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.gui,
    pytest.mark.skipif(
        shutil.which("Xvfb") is None or shutil.which("setsid") is None,
        reason="Xvfb (or setsid) is not installed: `bash tools/system-packages.sh run` adds it",
    ),
]


def wait_for(path: Path, text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.2)
    return False


def test_ctrl_c_stops_the_app_and_xvfb_cleanly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["MATHROOM_DATA_DIR"] = str(data)
    with out.open("wb") as stdout, err.open("wb") as stderr:
        # Its own process group, like a terminal's foreground job: Ctrl+C is SIGINT to all of it.
        run = subprocess.Popen(
            ["bash", str(RUN), sys.executable],
            env=env,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
        )
        try:
            assert wait_for(out, "To stop it: press Ctrl+C", 20), err.read_text()
            log = data / "logs" / "mathroom.log"
            # The window is up once the app has logged its start (the backup it takes at start).
            wait_for(log, "backup", 6)
            os.killpg(run.pid, signal.SIGINT)
            assert run.wait(timeout=10) == 0
        finally:
            if run.poll() is None:
                os.killpg(run.pid, signal.SIGKILL)
                run.wait()
    said = out.read_text(encoding="utf-8")
    assert "virtual display" in said and "Xvfb :" in said
    display = said.split("Xvfb :", 1)[1].split()[0]
    assert "To look at the window" in said
    assert "Mathroom stopped." in said
    complaints = err.read_text(encoding="utf-8")
    assert "Traceback" not in complaints and "Error" not in complaints, complaints
    number = display.rstrip(".")
    assert not Path(f"/tmp/.X11-unix/X{number}").exists(), "Xvfb was left running"
