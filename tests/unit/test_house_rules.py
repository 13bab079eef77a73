"""House rules as executable checks: things ruff and mypy cannot see."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "mathroom"
CLOCK_MODULE = SRC / "clock.py"

# Reading any of these is reading the wall clock: only clock.py may (SystemClock).
WALL_CLOCK_READS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("time", "time"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "strftime"),
    ("time", "ctime"),
    # The projector's timer too: it runs on the app's one clock, so a test can step it.
    ("time", "monotonic"),
    # A stopwatch that decides a result (the grouping engine's time limit) is a clock read too.
    ("time", "perf_counter"),
    # A file's time turned into a calendar moment: the files' clock, not the app's.
    ("datetime", "fromtimestamp"),
    ("date", "fromtimestamp"),
}


def _modules() -> Iterator[Path]:
    yield from sorted(SRC.rglob("*.py"))


def wall_clock_reads(source: str) -> list[tuple[int, str]]:
    """Each ``date.today`` / ``datetime.now`` / ``time.time``... named in ``source``: called
    or passed along (``today=date.today`` is a read too)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute):
            pass
        elif isinstance(node.value, ast.Name) and (node.value.id, node.attr) in WALL_CLOCK_READS:
            found.append((node.lineno, f"{node.value.id}.{node.attr}"))
        elif (
            isinstance(node.value, ast.Attribute)  # datetime.datetime.now, dt.date.today
            and (node.value.attr, node.attr) in WALL_CLOCK_READS
        ):
            found.append((node.lineno, f"{node.value.attr}.{node.attr}"))
        if isinstance(node, ast.ImportFrom) and node.module == "time":
            found.extend(
                (node.lineno, f"from time import {alias.name}")
                for alias in node.names
                if ("time", alias.name) in WALL_CLOCK_READS
            )
    return found


def test_only_the_clock_module_reads_the_wall_clock() -> None:
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {what}"
        for path in _modules()
        if path != CLOCK_MODULE
        for line, what in wall_clock_reads(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use the injected Clock instead:\n" + "\n".join(offenders)


# The database's clock is a wall clock too (SQLite's and PostgreSQL's alike).
SQL_CLOCK_WORDS = ("now()", "current_timestamp", "current_date", "'now'", "localtimestamp")


def sql_clock_reads(source: str) -> list[tuple[int, str]]:
    """``func.now`` and SQL text that asks the database for the time."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in {"now", "current_timestamp"}:
            if isinstance(node.value, ast.Name) and node.value.id == "func":
                found.append((node.lineno, f"func.{node.attr}"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = [w for w in SQL_CLOCK_WORDS if w in node.value.casefold()]
            found.extend((node.lineno, f"SQL {word}") for word in words)
    return found


def test_no_sql_asks_the_database_for_the_time() -> None:
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {what}"
        for path in _modules()
        if path != CLOCK_MODULE
        for line, what in sql_clock_reads(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "pass the app's clock as a parameter:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("q = update(t).values(at=func.now())\n", [(1, "func.now")]),
        ('q = text("UPDATE t SET at = now()")\n', [(1, "SQL now()")]),
        ("q = \"SELECT datetime('now')\"\n", [(1, "SQL 'now'")]),
        ('q = text("UPDATE t SET at = :at")\n', []),
    ],
)
def test_the_sql_rule_sees_database_clocks(source: str, expected: list[tuple[int, str]]) -> None:
    assert sql_clock_reads(source) == expected


def test_only_the_entry_point_makes_the_wall_clock() -> None:
    """SystemClock is built in one place (app.main, via clock_from_environment)."""
    makers = [
        f"{path.relative_to(SRC)}"
        for path in _modules()
        if path != CLOCK_MODULE
        and any(
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"SystemClock", "ShiftedClock", "clock_from_environment"}
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert makers == ["app.py"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from datetime import date\nx = date.today()\n", [(2, "date.today")]),
        ("def f(today=date.today): ...\n", [(1, "date.today")]),
        ("import datetime as d\nd.datetime.now()\n", [(2, "datetime.now")]),
        ("from time import time\n", [(1, "from time import time")]),
        ("import time\nstart = time.monotonic()\n", [(2, "time.monotonic")]),
        ("import time\nstart = time.perf_counter()\n", [(2, "time.perf_counter")]),
        ("when = moment.now\n", []),
    ],
)
def test_the_rule_sees_calls_and_references(source: str, expected: list[tuple[int, str]]) -> None:
    assert wall_clock_reads(source) == expected
