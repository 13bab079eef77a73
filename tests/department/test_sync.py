"""Publish and pull between two laptops and the department library on a real PostgreSQL:
items move whole, versions count up, conflicts wait for the teacher, a lost connection leaves
every item as it was on both sides."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from mathroom.domain.department import ItemKind, Resolution, SyncState
from mathroom.domain.ids import TaskId
from mathroom.domain.tasks import TaskKind, TaskSpec
from mathroom.services.department import DepartmentLibraryService, LibraryUnreachableError
from mathroom.store.department import remote as remote_module
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.unit_of_work import Store
from tests.department.conftest import Department, Ticking

pytestmark = pytest.mark.any_date


def _edit(store: Store, title: str, ticking: Ticking, **changes: object) -> TaskId:
    with store.unit_of_work() as session:
        tasks = TaskRepository(session)
        task = next(t for t in tasks.tasks() if t.title == title)
        skills = SkillRepository(session).ids_by_code()
        tasks.update(task.id, replace(task.spec, **changes), skills, ticking())  # type: ignore[arg-type]
        return task.id


def _add(store: Store, spec: TaskSpec, ticking: Ticking) -> TaskId:
    with store.unit_of_work() as session:
        skills = SkillRepository(session).ids_by_code()
        return TaskRepository(session).add(spec, skills, ticking())


def _prompt(store: Store, task_id: TaskId) -> str:
    with store.unit_of_work() as session:
        return TaskRepository(session).get(task_id).spec.prompt


def _task_titled(store: Store, title: str) -> TaskId:
    with store.unit_of_work() as session:
        return next(t.id for t in TaskRepository(session).tasks() if t.title == title)


FRESH = TaskSpec(
    title="Tile patterns",
    kind=TaskKind.WHITEBOARD,
    prompt="How many tiles in step $n$?",
    hints=("Draw step 4.",),
    skill_codes=("7.RP.A.1",),
    minutes=15,
)


def test_a_teachers_new_task_reaches_a_colleague_whole(
    department: Department,
    ben: DepartmentLibraryService,
    cho: DepartmentLibraryService,
    ben_store: Store,
    cho_store: Store,
    ticking: Ticking,
) -> None:
    _add(ben_store, FRESH, ticking)
    sent = ben.publish(department.address("ben"))
    assert [(m.kind, m.title, m.what) for m in sent.moved] == [
        (ItemKind.TASK, "Tile patterns", "published")
    ]
    pulled = cho.pull(department.address("cho"))
    assert [(m.title, m.what) for m in pulled.moved] == [("Tile patterns", "pulled")]
    with cho_store.unit_of_work() as session:
        copy = next(t for t in TaskRepository(session).tasks() if t.title == "Tile patterns")
    assert copy.spec == FRESH
    # A second pull has nothing to do, nor has a publish; a new version arrives as an update.
    assert cho.pull(department.address("cho")).count == 0
    assert cho.publish(department.address("cho")).count == 0
    _edit(ben_store, "Tile patterns", ticking, prompt="How many tiles in step 10?")
    assert [m.what for m in ben.publish(department.address("ben")).moved] == ["new version 2"]
    updated = cho.pull(department.address("cho"))
    assert [m.what for m in updated.moved] == ["updated to version 2"]
    assert _prompt(cho_store, copy.id) == "How many tiles in step 10?"
    status = cho.status(department.address("cho"))
    assert status.user == "cho" and status.schema == "d001"
    assert {e.state for e in status.entries} == {SyncState.IN_SYNC}
    row = next(e for e in status.entries if e.title == "Tile patterns")
    assert (row.owner, row.version) == ("ben", 2)


def test_both_edited_the_conflict_waits_for_the_teacher(
    department: Department,
    ben: DepartmentLibraryService,
    cho: DepartmentLibraryService,
    ben_store: Store,
    cho_store: Store,
    ticking: Ticking,
) -> None:
    _add(ben_store, FRESH, ticking)
    ben.publish(department.address("ben"))
    cho.pull(department.address("cho"))
    _edit(ben_store, "Tile patterns", ticking, prompt="Ben's version")
    ben.publish(department.address("ben"))
    mine = _edit(cho_store, "Tile patterns", ticking, prompt="Cho's version")

    pulled = cho.pull(department.address("cho"))
    assert pulled.count == 0 and [c.title for c in pulled.conflicts] == ["Tile patterns"]
    assert _prompt(cho_store, mine) == "Cho's version"  # both versions kept
    item = pulled.conflicts[0].item_id
    assert item is not None
    pushed = cho.publish(department.address("cho"))
    assert pushed.count == 0 and len(pushed.conflicts) == 1

    # Cho keeps hers: it becomes her own item; Ben's stays his.
    cho.resolve(department.address("cho"), item, Resolution.KEEP_MINE)
    forked = cho.publish(department.address("cho"))
    assert [m.what for m in forked.moved] == ["published as your own copy of ben's"]
    owners = department.sql(
        "SELECT owner || ':' || head FROM mathroom.item WHERE title = 'Tile patterns' "
        "ORDER BY owner"
    ).split()
    assert owners == ["ben:2", "cho:1"]
    # Ben's version stays in the library for Cho to take as a task of its own, if she wants.
    status = cho.status(department.address("cho"))
    apart = [(e.title, e.owner) for e in status.entries if e.state is not SyncState.IN_SYNC]
    assert apart == [("Tile patterns", "ben")]
    assert status.count(SyncState.REMOTE_NEW) == 1


def test_taking_the_librarys_version_replaces_the_laptops(
    department: Department,
    ben: DepartmentLibraryService,
    cho: DepartmentLibraryService,
    ben_store: Store,
    cho_store: Store,
    ticking: Ticking,
) -> None:
    _add(ben_store, FRESH, ticking)
    ben.publish(department.address("ben"))
    cho.pull(department.address("cho"))
    _edit(ben_store, "Tile patterns", ticking, prompt="Ben's version")
    ben.publish(department.address("ben"))
    mine = _edit(cho_store, "Tile patterns", ticking, prompt="Cho's version")
    conflict = cho.pull(department.address("cho")).conflicts[0]
    assert conflict.item_id is not None
    taken = cho.resolve(department.address("cho"), conflict.item_id, Resolution.TAKE_LIBRARY)
    assert [m.what for m in taken.moved] == ["updated to version 2"]
    assert _prompt(cho_store, mine) == "Ben's version"
    assert cho.publish(department.address("cho")).count == 0


def test_the_same_teacher_on_two_laptops_gets_a_conflict_not_a_lost_edit(
    department: Department,
    ben_store: Store,
    cho_store: Store,
    ticking: Ticking,
) -> None:
    home = DepartmentLibraryService(ben_store, ticking)
    school = DepartmentLibraryService(cho_store, ticking)
    _add(ben_store, FRESH, ticking)
    home.publish(department.address("ben"))
    school.pull(department.address("ben"))
    _edit(ben_store, "Tile patterns", ticking, prompt="At home")
    _edit(cho_store, "Tile patterns", ticking, prompt="At school")
    assert home.publish(department.address("ben")).count == 1
    late = school.publish(department.address("ben"))
    assert late.count == 0 and [c.title for c in late.conflicts] == ["Tile patterns"]
    assert department.sql("SELECT max(head) FROM mathroom.item") == "2"


def test_a_lost_connection_leaves_the_item_as_it_was_on_both_sides(
    department: Department,
    ben: DepartmentLibraryService,
    ben_store: Store,
    ticking: Ticking,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for n in range(3):
        _add(ben_store, replace(FRESH, title=f"Pattern {n}"), ticking)
    real = remote_module.RemoteLibrary._add_version
    calls = []

    def drop_on_second(self: remote_module.RemoteLibrary, *args: object) -> None:
        calls.append(args)
        if len(calls) == 2:  # the item row is written, its version not: the line drops
            raise OperationalError("INSERT", {}, Exception("server closed the connection"))
        real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(remote_module.RemoteLibrary, "_add_version", drop_on_second)
    with pytest.raises(LibraryUnreachableError, match="after 1 items"):
        ben.publish(department.address("ben"))
    titles = department.sql("SELECT title FROM mathroom.item WHERE title LIKE 'Pattern%'")
    assert titles.split("\n") == ["Pattern 0"]  # Pattern 1's item row rolled back with it
    status = ben.status(department.address("ben"))
    assert status.count(SyncState.LOCAL_NEW) == 2
    monkeypatch.setattr(remote_module.RemoteLibrary, "_add_version", real)
    assert ben.publish(department.address("ben")).count == 2


def test_a_pull_cut_off_applies_whole_items_only(
    department: Department,
    ben: DepartmentLibraryService,
    cho: DepartmentLibraryService,
    ben_store: Store,
    cho_store: Store,
    ticking: Ticking,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for n in range(5):
        _add(ben_store, replace(FRESH, title=f"Pattern {n}"), ticking)
    ben.publish(department.address("ben"))
    monkeypatch.setattr(remote_module, "FETCH_CHUNK", 2)
    real = remote_module.RemoteLibrary.fetch

    def cut(self: remote_module.RemoteLibrary, wanted: object) -> object:
        for n, chunk in enumerate(real(self, wanted)):  # type: ignore[arg-type]
            if n == 1:
                raise OperationalError("SELECT", {}, Exception("server closed the connection"))
            yield chunk

    monkeypatch.setattr(remote_module.RemoteLibrary, "fetch", cut)
    with pytest.raises(LibraryUnreachableError, match="after 2 items"):
        cho.pull(department.address("cho"))
    with cho_store.unit_of_work() as session:
        have = [t.title for t in TaskRepository(session).tasks() if t.title.startswith("Pattern")]
    assert len(have) == 2
    monkeypatch.setattr(remote_module.RemoteLibrary, "fetch", real)
    assert cho.pull(department.address("cho")).count == 3


def test_retired_items_are_not_pulled(
    department: Department,
    ben: DepartmentLibraryService,
    cho: DepartmentLibraryService,
    ben_store: Store,
    cho_store: Store,
    ticking: Ticking,
) -> None:
    _add(ben_store, FRESH, ticking)
    sent = ben.publish(department.address("ben"))
    item = next(m.item_id for m in sent.moved if m.title == "Tile patterns")
    assert item is not None
    assert (
        DepartmentLibraryService(cho_store, ticking).retire(department.address("ana"), [item]) == 1
    )
    assert cho.pull(department.address("cho")).count == 0
    status = cho.status(department.address("cho"))
    retired = [e for e in status.entries if e.state is SyncState.RETIRED]
    assert [(e.title, e.retired_by) for e in retired] == [("Tile patterns", "ana")]


def test_units_and_templates_travel_with_their_tasks(
    department: Department,
    ben: DepartmentLibraryService,
    ben_store: Store,
    cho_store: Store,
    ticking: Ticking,
) -> None:
    """A laptop with no starter content gets the department's units and templates, each
    pointing at its own copies of their tasks."""
    from mathroom.domain.plan import BlockKind
    from mathroom.domain.plan_templates import PlanTemplate, TemplateBlock
    from mathroom.domain.units import UnitSpec
    from mathroom.store.repositories.plan_templates import PlanTemplateRepository
    from mathroom.store.repositories.units import UnitRepository

    task = _add(ben_store, FRESH, ticking)
    with ben_store.unit_of_work() as session:
        block = TemplateBlock(BlockKind.STATIONS, 30, task_id=task, stations=2)
        PlanTemplateRepository(session).save_template(
            PlanTemplate("Ben's stations", (block,)), ticking()
        )
        skills = SkillRepository(session).ids_by_code()
        unit = UnitSpec("Patterns", 2, ("7.RP.A.1",), (task,), summary="Growing patterns")
        UnitRepository(session).add(unit, skills, ticking())
    ben.publish(department.address("ben"))
    empty = DepartmentLibraryService(cho_store, ticking)
    pulled = empty.pull(department.address("cho"))
    assert not pulled.failed and not pulled.conflicts
    with cho_store.unit_of_work() as session:
        tasks = {t.id: t.title for t in TaskRepository(session).tasks()}
        template = PlanTemplateRepository(session).template("Ben's stations")
        units = UnitRepository(session).units()
    assert template is not None and tasks[template.blocks[0].task_id] == "Tile patterns"  # type: ignore[index]
    assert [(u.name, [tasks[t] for t in u.spec.task_ids]) for u in units] == [
        ("Patterns", ["Tile patterns"])
    ]
    assert empty.pull(department.address("cho")).count == 0


def test_a_task_pack_file_is_published_as_a_pack_of_task_items(
    department: Department,
    ben: DepartmentLibraryService,
    cho: DepartmentLibraryService,
    cho_store: Store,
    tmp_path: Path,
    now: datetime,
) -> None:
    from mathroom.domain.tasks import Task
    from mathroom.export.task_pack import write_task_pack

    tasks = [Task(TaskId(n), replace(FRESH, title=f"Pattern {n}")) for n in (1, 2)]
    pack = tmp_path / "Growing patterns.mathroom-tasks"
    write_task_pack(tasks, pack, now, "test")
    sent = ben.publish_pack(department.address("ben"), pack)
    assert [(m.kind, m.title) for m in sent.moved] == [
        (ItemKind.TASK, "Pattern 1"),
        (ItemKind.TASK, "Pattern 2"),
        (ItemKind.TASK_PACK, "Growing patterns"),
    ]
    listed = department.sql(
        "SELECT jsonb_array_length(v.content -> 'tasks') FROM mathroom.item i "
        "JOIN mathroom.item_version v ON v.item_id = i.id WHERE i.kind = 'task_pack'"
    )
    assert listed == "2"
    assert cho.pull(department.address("cho")).count == 2  # the pack's tasks
    status = cho.status(department.address("cho"))
    packs = [e for e in status.entries if e.kind is ItemKind.TASK_PACK]
    assert [(p.title, p.owner) for p in packs] == [("Growing patterns", "ben")]
    with cho_store.unit_of_work() as session:
        titles = sorted(t.title for t in TaskRepository(session).tasks())
    assert titles == ["Pattern 1", "Pattern 2"]


def test_publication_and_retirement_times_are_the_apps_clock_not_the_servers(
    department: Department,
    ben: DepartmentLibraryService,
    ben_store: Store,
    ticking: Ticking,
) -> None:
    """The library shows when a colleague published, on the same one clock as every other
    date in Mathroom (MATHROOM_TODAY included): the server's own clock is never read."""
    _add(ben_store, FRESH, ticking)
    before = ticking()
    ben.publish(department.address("ben"))
    after = ticking()
    entry = next(e for e in ben.status(department.address("ben")).entries if e.title == FRESH.title)
    assert entry.published_at is not None
    published = entry.published_at.astimezone().replace(tzinfo=None)
    assert before < published < after  # years away from the server's now(), in the suite
