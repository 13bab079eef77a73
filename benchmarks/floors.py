"""Whole-process timings and the floors they are compared with, measured in the same run.

A figure on its own says little on a busy 2-core laptop; a ratio to the floor measured a
moment earlier on the same machine (``python -c pass``, a bare Qt window, a bare ReportLab
canvas) says how much Mathroom adds. Each figure is the median of a few runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

RUNS = 5


def child_env() -> dict[str, str]:
    """The environment a teacher's process has: bytecode caches written and used, Qt
    offscreen (no display needed), Mathroom's own clock unpinned."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def process_seconds(argv: Sequence[str], runs: int = RUNS, stdin: bytes | None = None) -> float:
    """Median wall time of a whole process, after one warm-up run (which also writes the
    bytecode caches a teacher's second start has)."""
    env = child_env()

    def once() -> float:
        start = time.perf_counter()
        done = subprocess.run(argv, input=stdin, env=env, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr.decode()[-2000:]}")
        return elapsed

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
