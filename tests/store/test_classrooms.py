"""Classrooms in one data folder: the demo and the teacher's own, what a new one takes along,
all-or-nothing creation, the list file, and the commands that open the open one."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.clock import FixedClock
from mathroom.composition import Services, open_services
from mathroom.domain.tasks import TaskImage, TaskKind, TaskSpec
from mathroom.paths import CLASSROOMS_FILE, DataFolder
from mathroom.services import classrooms as classrooms_module
from mathroom.services.classrooms import (
    ClassroomError,
    Classrooms,
    check_name,
    slug_for,
)
from mathroom.store import library_copy as library_copy_module
from mathroom.store.engine import make_engine
from mathroom.store.migrate import current_revision, head_revision

LIBRARY = {
    "app_setting",
    "skill",
    "skill_prerequisite",
    "task",
    "task_skill",
    "plan_template",
    "unit",
    "unit_skill",
    "unit_task",
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def counts(database: Path) -> dict[str, int]:
    """Rows in every table of the database (but Alembic's)."""
    with sqlite3.connect(database) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name != "alembic_version" and not name.startswith("sqlite_")
        ]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def add_library_extras(services: Services) -> None:
    """A teacher's own task with a diagram, a saved plan template and a setting."""
    services.tasks.save(
        TaskSpec(
            "Shaded grid",
            TaskKind.WHITEBOARD,
            "What fraction is shaded?",
            skill_codes=("7.RP.A.1",),
            image=TaskImage("grid.png", PNG, "image/png"),
        )
    )
    period = services.classroom.overview().periods[0]
    today = services.clock.today()
    plan = next(
        p
        for day in range(-7, 8)
        if (p := services.plans.plan(period.id, today.fromordinal(today.toordinal() + day)))
    )
    services.plans.save_as_template("My stations day", plan)
    services.packet.set_paper(services.packet.paper().__class__("a4"))


def test_a_new_classroom_takes_the_library_and_no_students(
    services: Services, clock: FixedClock
) -> None:
    add_library_extras(services)
    before = counts(services.folder.database)
    assert before["student"] and before["evidence"] and before["day_plan"] and before["group_set"]
    assert before["unit"] and before["unit_task"]  # units come along like the task bank
    rooms = Classrooms(services.folder.root, clock.now)

    made = rooms.create("Room 14, 2026-27")

    assert made.classroom.folder == "classrooms/room-14-2026-27"
    assert not made.classroom.is_open and not made.classroom.demo
    assert made.source == "Demo classroom"
    assert (made.diagrams, made.templates) == (1, 1)
    after = counts(made.classroom.data_folder.database)
    for table, rows in after.items():
        if table in LIBRARY:
            assert rows == before[table], table
        else:
            assert rows == 0, f"{table} came along"
    engine = make_engine(made.classroom.data_folder.database)
    try:
        assert current_revision(engine) == head_revision()  # migrated, never create_all
    finally:
        engine.dispose()
    opened = open_services(made.classroom.data_folder, clock)
    try:
        overview = opened.classroom.overview()
        assert overview.periods == () and overview.students == 0
        assert overview.tasks == services.classroom.overview().tasks == made.tasks
        shaded = next(t for t in opened.tasks.tasks() if t.spec.title == "Shaded grid")
        assert shaded.spec.image is not None and shaded.spec.image.data == PNG
        assert [t.name for t in opened.plans.templates() if not t.builtin] == ["My stations day"]
        assert opened.packet.paper().value == "a4"
        assert opened.maintenance.backup_now().parent == made.classroom.data_folder.backups
    finally:
        opened.close()
    # The demo is exactly as it was.
    assert counts(services.folder.database) == before


def test_the_list_names_the_demo_and_switches_back_and_forth(
    demo_folder: DataFolder, clock: FixedClock
) -> None:
    rooms = Classrooms(demo_folder.root, clock.now)
    assert not (demo_folder.root / CLASSROOMS_FILE).exists()
    (only,) = rooms.all()
    assert (only.name, only.demo, only.is_open, only.is_root) == (
        "Demo classroom",
        True,
        True,
        True,
    )

    rooms.create("Mine", use=True)

    data = json.loads((demo_folder.root / CLASSROOMS_FILE).read_text(encoding="utf-8"))
    assert data == {
        "format": 1,
        "open": "classrooms/mine",
        "classrooms": [
            {"name": "Demo classroom", "folder": ".", "demo": True},
            {"name": "Mine", "folder": "classrooms/mine", "demo": False},
        ],
    }
    assert rooms.open_one().name == "Mine"
    assert rooms.use("demo").is_root
    assert rooms.open_one().name == "Demo classroom"
    assert rooms.use("MINE").name == "Mine"
    with pytest.raises(ClassroomError, match=r"no classroom called 'Yours'.*'Demo classroom'"):
        rooms.use("Yours")
    with pytest.raises(ClassroomError, match="already a classroom called 'mine'"):
        rooms.create("mine")


def test_an_existing_folder_without_a_list_is_its_own_classroom(
    folder: DataFolder, clock: FixedClock
) -> None:
    opened = open_services(folder, clock)
    try:
        opened.library.seed_if_empty()
    finally:
        opened.close()
    rooms = Classrooms(folder.root, clock.now)
    (only,) = rooms.all()
    assert (only.name, only.demo, only.path) == ("My classroom", False, folder.root)
    assert rooms.demo() is None


def test_a_failed_copy_leaves_no_half_made_classroom(
    demo_folder: DataFolder, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    rooms = Classrooms(demo_folder.root, clock.now)
    rooms.create("First")
    list_before = (demo_folder.root / CLASSROOMS_FILE).read_bytes()

    def broken_copy(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(library_copy_module, "copy_library", broken_copy)
    with pytest.raises(ClassroomError, match=r"No space left on device\. Nothing was changed"):
        rooms.create("Second")
    assert sorted(p.name for p in (demo_folder.root / "classrooms").iterdir()) == ["first"]
    assert (demo_folder.root / CLASSROOMS_FILE).read_bytes() == list_before


def test_a_folder_that_cannot_be_made_changes_nothing(
    demo_folder: DataFolder, clock: FixedClock
) -> None:
    # A file where the classrooms' folder should be: nothing can be built in it.
    (demo_folder.root / "classrooms").write_text("not a folder", encoding="utf-8")
    rooms = Classrooms(demo_folder.root, clock.now)
    with pytest.raises(ClassroomError, match=r"Could not make a folder.*Nothing was changed"):
        rooms.create("Mine")
    assert not (demo_folder.root / CLASSROOMS_FILE).exists()
    assert (demo_folder.root / "classrooms").read_text(encoding="utf-8") == "not a folder"


def test_a_list_that_cannot_be_written_leaves_no_classroom_behind(
    demo_folder: DataFolder, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(classrooms_module, "write_bytes_atomically", refuse)
    with pytest.raises(OSError, match="Read-only"):
        Classrooms(demo_folder.root, clock.now).create("Mine")
    assert list((demo_folder.root / "classrooms").iterdir()) == []


def test_a_damaged_list_is_explained(demo_folder: DataFolder, now: datetime) -> None:
    (demo_folder.root / CLASSROOMS_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ClassroomError, match=r"cannot be read.*delete it"):
        Classrooms(demo_folder.root, lambda: now).open_one()
    escape = {"format": 1, "open": ".", "classrooms": [{"name": "x", "folder": "../x", "demo": 0}]}
    (demo_folder.root / CLASSROOMS_FILE).write_text(json.dumps(escape), encoding="utf-8")
    with pytest.raises(ClassroomError, match="outside the data folder"):
        Classrooms(demo_folder.root, lambda: now).all()


@pytest.mark.parametrize(
    ("name", "problem"),
    [("   ", "needs a name"), ("x" * 61, "61 characters long; keep it to 60")],
)
def test_names_are_checked(name: str, problem: str) -> None:
    with pytest.raises(ClassroomError, match=re.escape(problem)):
        check_name(name, [])


@given(st.text(max_size=80))
def test_every_name_gives_a_safe_folder_name(name: str) -> None:
    slug = slug_for(name)
    assert 1 <= len(slug) <= 40
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-")
