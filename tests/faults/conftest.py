"""Shared by the fault-injection tests: ways to damage a database, and verbs run as real
processes that kill themselves at a watched phase (MATHROOM_FAULT_KILL_AT), as kill -9 or a
power cut would stop them.

`make test` runs the quick set; `make faults` (MATHROOM_FAULTS_LONG=1) every phase and kind.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import pytest

from mathroom.atomic_files import FAULT_ENV
from mathroom.clock import TODAY_ENV

LONG = os.environ.get("MATHROOM_FAULTS_LONG") == "1"
# Names are stamps, not calendar decisions: every test here runs on any date.
TAKEN_AT = datetime(2026, 11, 23, 7, 0, 0)


T = TypeVar("T")


def quick_or_long(quick: list[T], rest: list[T]) -> list[T]:
    """The quick set in `make test`, all of it in `make faults`."""
    return quick + rest if LONG else quick


def _index_only(db: Path) -> None:
    """Empty one index's root page: quick_check passes, integrity_check finds rows missing
    from the index (a class would show some of its students)."""
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'student'"
        ).fetchone()[0]
    connection.close()
    data = bytearray(db.read_bytes())
    page = bytearray(page_size)
    page[0] = 0x0A  # an index leaf with no cells
    page[5:7] = (page_size % 65536).to_bytes(2, "big")
    data[(root - 1) * page_size : root * page_size] = page
    db.write_bytes(bytes(data))


def _truncated(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])


def _zero_bytes(db: Path) -> None:
    db.write_bytes(b"")


def _garbage(db: Path) -> None:
    db.write_bytes(b"\x13not a database\x00" * 600)


def _wrong_file(db: Path) -> None:
    """A sound SQLite file that is not Mathroom's (another app's database copied over)."""
    db.unlink()
    for sidecar in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        sidecar.unlink(missing_ok=True)
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT)")
        connection.execute("INSERT INTO photos (caption) VALUES ('beach')")
    connection.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "index-only": _index_only,
    "truncated": _truncated,
    "zero-bytes": _zero_bytes,
    "garbage": _garbage,
    "wrong-file": _wrong_file,
}


def student_count(db: Path) -> int:
    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as connection:
        count: int = connection.execute("SELECT count(*) FROM student").fetchone()[0]
    connection.close()
    return count


def run_killed_at(phase: str, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a Python snippet in its own process with the kill armed at ``phase``."""
    env = {**os.environ, FAULT_ENV: phase, "QT_QPA_PLATFORM": "offscreen"}
    env.pop(TODAY_ENV, None)
    env.pop("MATHROOM_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def assert_killed(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == -9, (result.returncode, result.stdout, result.stderr)


@pytest.fixture
def fault_moment() -> datetime:
    return TAKEN_AT
