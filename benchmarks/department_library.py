"""The department library at a department's scale: 50,000 tasks from 30 teachers on a real
PostgreSQL (a private cluster on loopback, as the tests start it).

Figures: a first pull of everything onto an empty laptop (target ≤ 10 s), a pull with nothing
new (≤ 1 s), publishing 100 changed tasks (≤ 2 s). Each is printed with its ratio to a floor
measured in the same run on the same server: the bare driver moving the same rows (every
content row; every item's id and version) or making the same number of one-row transactions,
so a slow machine and slow code can be told apart.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import psycopg

from mathroom.services.department import DepartmentLibraryService, ServerAddress, init_server
from mathroom.store.engine import make_engine
from mathroom.store.migrate import upgrade_to_head
from mathroom.store.repositories.skills import SkillEditor, SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.unit_of_work import Store
from tests.department.pg_cluster import PASSWORD, Cluster, running_cluster

TASKS, TEACHERS, CHANGED = 50_000, 30, 100
TARGETS = {"first pull": 10.0, "no-op pull": 1.0, f"publish {CHANGED} changed": 2.0}
START = datetime(2026, 11, 23, 7, 30)

# Every task as a teacher would write it: prompt, hints, a skill, minutes.
FILL = """
INSERT INTO mathroom.item (id, kind, title, owner, head, fingerprint)
SELECT md5('task' || n)::uuid, 'task', 'Task ' || n, 'teacher' || (n % {teachers}), 1,
       md5('content' || n)
FROM generate_series(1, {tasks}) AS n;
INSERT INTO mathroom.item_version (item_id, version, author, content, fingerprint)
SELECT md5('task' || n)::uuid, 1, 'teacher' || (n % {teachers}),
       jsonb_build_object(
           'title', 'Task ' || n, 'kind', 'whiteboard',
           'prompt', 'A tank fills at ' || n || ' litres a minute. How long until it holds '
                     || (n * 7) || ' litres? Show your reasoning on the board.',
           'start', NULL, 'extensions', jsonb_build_array('What if it leaks 1 L a minute?'),
           'hints', jsonb_build_array('Make a table.', 'What is one minute worth?'),
           'answer', (7)::text || ' minutes', 'teacher_notes', NULL,
           'skill_codes', jsonb_build_array('7.RP.A.1'), 'minutes', 15, 'materials', NULL,
           'image_name', NULL, 'milestones', '[]'::jsonb, 'rubric', '[]'::jsonb),
       md5('content' || n)
FROM generate_series(1, {tasks}) AS n;
"""


class Ticking:
    """The laptop's clock: a second on at every reading, so each edit has its own time."""

    def __init__(self) -> None:
        self._now = START

    def __call__(self) -> datetime:
        self._now += timedelta(seconds=1)
        return self._now


def _laptop(folder: Path) -> Store:
    path = folder / "mathroom.sqlite"
    engine = make_engine(path)
    upgrade_to_head(engine, path, backups_dir=None, now=START)
    engine.dispose()
    store = Store(make_engine(path))
    with store.unit_of_work() as session:
        SkillEditor(session).add("7.RP.A.1", "Unit rates", "RP", 7, "")
    return store


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def _floors(cluster: Cluster, database: str) -> dict[str, float]:
    """The bare driver on the same server: what no code of ours could beat."""
    dsn = f"host=127.0.0.1 port={cluster.port} dbname={database} user=teacher0"
    floors = {}
    with psycopg.connect(dsn, password=PASSWORD) as connection:
        floors["first pull"], _ = _timed(
            lambda: connection.execute(
                "SELECT item_id, version, content, image FROM mathroom.item_version"
            ).fetchall()
        )
        connection.commit()
        floors["no-op pull"], _ = _timed(
            lambda: connection.execute(
                "SELECT id, head, fingerprint, owner, published_at FROM mathroom.item"
            ).fetchall()
        )
        connection.commit()
        connection.execute("CREATE TEMP TABLE scratch (n integer, body text)")
        connection.commit()

        def one_row_transactions() -> None:
            for n in range(CHANGED):
                connection.execute("INSERT INTO scratch VALUES (%s, %s)", (n, "x" * 300))
                connection.commit()

        floors[f"publish {CHANGED} changed"], _ = _timed(one_row_transactions)
    return floors


def main() -> None:
    with running_cluster() as cluster, tempfile.TemporaryDirectory() as scratch:
        os.environ["PGPASSFILE"] = str(cluster.passfile)
        database = "department"
        cluster.add_login("lead", createrole=True, owns=database)
        teachers = [f"teacher{n}" for n in range(TEACHERS)]
        for role in teachers:
            cluster.add_login(role)
        init_server(
            ServerAddress.parse(cluster.url("lead", database)), teachers=teachers, leads=["lead"]
        )
        cluster.psql(FILL.format(tasks=TASKS, teachers=TEACHERS), database)
        cluster.psql("VACUUM ANALYZE", database)
        store = _laptop(Path(scratch))
        me = ServerAddress.parse(cluster.url("teacher0", database))
        library = DepartmentLibraryService(store, Ticking())
        figures = {}
        figures["first pull"], first = _timed(lambda: library.pull(me))
        figures["no-op pull"], again = _timed(lambda: library.pull(me))
        with store.unit_of_work() as session:
            tasks = TaskRepository(session)
            skills = SkillRepository(session).ids_by_code()
            clock = Ticking()
            own = [t for t in tasks.tasks() if int(t.title.split()[1]) % TEACHERS == 0]
            for task in own[:CHANGED]:
                changed = replace(task.spec, prompt=task.spec.prompt + " Then try 10 L.")
                tasks.update(task.id, changed, skills, clock() + timedelta(days=1))
        figures[f"publish {CHANGED} changed"], sent = _timed(lambda: library.publish(me))
        floors = _floors(cluster, database)
        moved = {
            "first pull": first.count,  # type: ignore[attr-defined]
            "no-op pull": again.count,  # type: ignore[attr-defined]
            f"publish {CHANGED} changed": sent.count,  # type: ignore[attr-defined]
        }
        store.close()
    print(f"department library: {TASKS:,} tasks from {TEACHERS} teachers")
    for name, seconds in figures.items():
        verdict = "ok" if seconds <= TARGETS[name] else "SLOW"
        print(
            f"  {name:<22} {seconds:6.2f} s  ({moved[name]:>6} items; target ≤ "
            f"{TARGETS[name]:g} s, {verdict}; {seconds / floors[name]:5.1f}× the floor "
            f"{floors[name]:.3f} s)"
        )


if __name__ == "__main__":
    main()
