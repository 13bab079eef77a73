"""The teacher's time, measured: the clicks and key presses it takes to plan a varied new day
for three periods and make the day's packet (target: 40 or fewer).

Runs the scripted pytest-qt walk (tests/e2e/test_planning_walk.py) on the demo classroom in
its own process and prints its figures; the walk itself fails when it takes more than 40.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WALK = "tests/e2e/test_planning_walk.py"
ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="mathroom-bench-walk-") as folder:
        report = Path(folder) / "walk.json"
        env = os.environ | {"MATHROOM_WALK_REPORT": str(report), "QT_QPA_PLATFORM": "offscreen"}
        started = time.perf_counter()
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-p",
                "no:xdist",
                WALK,
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        if not report.exists():
            print("planning walk: did not finish")
            print(run.stdout[-2000:], run.stderr[-2000:], sep="\n")
            return
        figures = json.loads(report.read_text(encoding="utf-8"))
    verdict = "ok" if run.returncode == 0 else "FAILED"
    print(
        f"planning walk (plan a new day for 3 periods, make the packet): "
        f"{figures['actions']} actions (target ≤ {figures['target']}), "
        f"{seconds:.0f} s wall including start-up [{verdict}]"
    )
    for step in figures["steps"]:
        print(f"    {step}")
    for question in figures["questions"]:
        print(f"    answered: {question}")


if __name__ == "__main__":
    main()
