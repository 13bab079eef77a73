"""Whole-process timings and the floors they are compared with, measured in the same run.

A figure on its own says little on a busy 2-core laptop; a ratio to the floor measured a
moment earlier on the same machine (``python -c pass``, a bare Qt window, a bare ReportLab
canvas) says how much Mathroom adds. Each figure is the median of a few runs.
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

RUNS = 5


def child_env() -> dict[str, str]:
    """The environment a teacher's process has: bytecode caches written and used, Qt
    offscreen (no display needed), Mathroom's own clock unpinned, and a cache folder of this
    benchmark run's own (filled by each measure's warm-up run, as a teacher's first use does)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("MATHROOM_CACHE_DIR", _RUN_CACHE)
    return env


_RUN_CACHE = tempfile.mkdtemp(prefix="mathroom-bench-cache-")
atexit.register(shutil.rmtree, _RUN_CACHE, ignore_errors=True)


def process_seconds(
    argv: Sequence[str],
    runs: int = RUNS,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    warm_up: bool = True,
) -> float:
    """Median wall time of a whole process, after one warm-up run (which also writes the
    bytecode and font caches a teacher's second start has) unless ``warm_up`` is False."""
    env = env if env is not None else child_env()

    def once() -> float:
        start = time.perf_counter()
        done = subprocess.run(argv, input=stdin, env=env, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr.decode()[-2000:]}")
        return elapsed

    if warm_up:
        once()
    return statistics.median(once() for _ in range(runs))


def in_process_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``action`` in this process, after one warm-up call."""
    action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def python() -> str:
    return sys.executable


def mathroom_command() -> list[str]:
    """The installed ``mathroom`` script, as a teacher's terminal runs it."""
    script = Path(sys.executable).with_name("mathroom")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mathroom"]


def ratio_line(label: str, seconds: float, floor: float, target: float, floor_name: str) -> str:
    """One printed figure: the time, the ratio to its floor, and the target ratio."""
    ratio = seconds / floor
    mark = "ok" if ratio <= target else "over"
    return (
        f"  {label:<38} {seconds * 1000:7.0f} ms = {ratio:5.1f}× {floor_name} "
        f"(target ≤ {target:g}×: {mark})"
    )
