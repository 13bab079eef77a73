"""Task bank actions against real migrated databases: edits, archive, uses, packs in and out."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from mathroom.clock import FixedClock
from mathroom.domain.errors import ContentError, ValidationError
from mathroom.domain.ids import TaskId
from mathroom.domain.tasks import Task, TaskImage, TaskMatch, TaskSpec
from mathroom.paths import DataFolder
from mathroom.services.safety import SafetyNet
from mathroom.services.tasks import DuplicateChoice, PackNeedsDecisionError, TaskService
from mathroom.store.backup import list_backups
from mathroom.store.engine import make_engine
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.tables import PeriodRow, StationRow
from mathroom.store.unit_of_work import Store
from tests.store.test_task_repository import add_period, add_plan, add_skill_map, full_spec

# The task bank and skill map read the same on any day: no reruns on calendar dates.
pytestmark = pytest.mark.any_date


@pytest.fixture
def bank(store: Store, migrated_folder: DataFolder, clock: FixedClock) -> TaskService:
    """An empty bank over the bundled skill map."""
    with store.unit_of_work() as session:
        add_skill_map(session)
    return TaskService(store, SafetyNet(migrated_folder, clock.now), clock.now)


@pytest.fixture
def fresh(tmp_path: Path, migrated_db: Path, now: datetime) -> Iterator[TaskService]:
    """A second, brand-new data folder with the skill map: where packs get imported."""
    folder = DataFolder(tmp_path / "fresh")
    folder.ensure()
    shutil.copyfile(migrated_db, folder.database)
    store = Store(make_engine(folder.database))
    with store.unit_of_work() as session:
        add_skill_map(session)
    try:
        yield TaskService(store, SafetyNet(folder, lambda: now), lambda: now)
    finally:
        store.close()


def saved_with_history(bank: TaskService, clock: FixedClock, spec: TaskSpec) -> Task:
    """Save, then edit a day later, so created_at and updated_at differ."""
    task_id = bank.save(replace(spec, answer="draft"))
    clock.advance(timedelta(days=1))
    bank.save(spec, task_id)
    return bank.task(task_id)


def test_a_task_with_every_field_survives_save_and_load(
    bank: TaskService, clock: FixedClock, now: datetime
) -> None:
    task = saved_with_history(bank, clock, full_spec())
    assert task.spec == full_spec()
    assert (task.created_at, task.updated_at) == (now, now + timedelta(days=1))
    assert bank.tasks() == [task]


def test_every_field_survives_a_pack_into_a_fresh_data_folder(
    bank: TaskService, clock: FixedClock, fresh: TaskService, tmp_path: Path
) -> None:
    plain = full_spec(title="Plain", slug=None, image=None, start=None, minutes=None)
    tasks = [saved_with_history(bank, clock, spec) for spec in (full_spec(), plain)]
    pack = tmp_path / "out" / "ratios.mathroom-tasks"
    assert bank.export_pack([t.id for t in tasks], pack) == 2
    with zipfile.ZipFile(pack) as archive:
        assert archive.namelist() == ["pack.json", "images/2.png"]  # title order: Plain first

    preview = fresh.preview_pack(pack)
    assert [t.match for t in preview.tasks] == [TaskMatch.NEW, TaskMatch.NEW]
    report = fresh.import_pack(pack, {})
    assert (report.new, report.skipped_same, report.dropped_skills) == (2, 0, ())
    assert report.backup is not None and report.backup.exists()
    imported = fresh.tasks()
    assert [(t.spec, t.created_at, t.updated_at) for t in imported] == [
        (t.spec, t.created_at, t.updated_at) for t in sorted(tasks, key=lambda t: t.title)
    ]

    again = fresh.import_pack(pack)  # identical content is already there: nothing added
    assert (again.new, again.skipped_same, again.added) == (0, 2, ())
    assert len(fresh.tasks()) == 2


def test_update_replaces_skills_in_skill_map_order(
    bank: TaskService, clock: FixedClock, now: datetime
) -> None:
    task_id = bank.save(full_spec())
    clock.advance(timedelta(hours=2))
    bank.save(full_spec(skill_codes=("7.G.A.1", "7.RP.A.2c", "7.RP.A.1")), task_id)
    task = bank.task(task_id)
    assert task.spec.skill_codes == ("7.RP.A.1", "7.RP.A.2c", "7.G.A.1")
    assert (task.created_at, task.updated_at) == (now, clock.now())


def test_duplicate_copies_everything_but_the_title_and_slug(bank: TaskService) -> None:
    original = bank.save(full_spec())
    copy = bank.task(bank.duplicate(original))
    assert copy.id != original
    assert copy.spec == full_spec(title="Shadows and Flagpoles (copy)", slug=None)
    long = bank.task(bank.duplicate(bank.save(full_spec(title="x" * 120, slug="long"))))
    assert len(long.title) == 120 and long.title.endswith(" (copy)")


def test_archive_backs_up_first_and_restore_undoes_it(
    bank: TaskService, migrated_folder: DataFolder
) -> None:
    task_id = bank.save(full_spec())
    bank.archive(task_id)
    assert bank.tasks() == []
    assert [t.archived for t in bank.tasks(include_archived=True)] == [True]
    assert len(list_backups(migrated_folder.backups)) == 1
    bank.restore(task_id)
    assert [t.id for t in bank.tasks()] == [task_id]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"prompt": ""}, "prompt"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 241}, "minutes"),
        ({"hints": ("A hint", " ")}, "hints"),
        ({"image": TaskImage("cat.png", b"GIF89a" + b"\0" * 20, "image/png")}, "image"),
        (
            {"image": TaskImage("big.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 5 * 2**20, "image/png")},
            "image",
        ),
        ({"skill_codes": ("7.RP.A.2a", "9.XX.Z.9")}, "skill_codes"),
    ],
)
def test_validation_errors_name_the_field(
    bank: TaskService, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        bank.save(full_spec(**changes))
    assert caught.value.field == field
    assert bank.tasks() == []


def test_an_unknown_skill_code_is_named(bank: TaskService) -> None:
    with pytest.raises(ValidationError, match=r"not in the skill map: 9\.XX\.Z\.9"):
        bank.save(full_spec(skill_codes=("9.XX.Z.9",)))


def test_a_slug_can_belong_to_one_task_only(bank: TaskService) -> None:
    first = bank.save(full_spec())
    bank.save(full_spec(answer="changed"), first)  # its own slug is fine
    with pytest.raises(ValidationError) as caught:
        bank.save(full_spec(title="Another"))
    assert caught.value.field == "slug"


def test_uses_and_last_used_see_plan_blocks_and_stations(bank: TaskService, store: Store) -> None:
    task, other = bank.save(full_spec()), bank.save(full_spec(title="Other", slug=None))
    with store.unit_of_work() as session:
        period = add_period(session, "Period 2")
        add_plan(session, period, date(2026, 11, 16), block_task=task)
        add_plan(session, period, date(2026, 11, 20), station_tasks=(other, task))
    assert [(u.on, u.period_name) for u in bank.uses(task)] == [
        (date(2026, 11, 20), "Period 2"),
        (date(2026, 11, 16), "Period 2"),
    ]
    assert bank.last_used(period) == {task: date(2026, 11, 20), other: date(2026, 11, 20)}


def test_uses_finds_the_demo_plans_station_tasks(
    demo_store: Store, demo_folder: DataFolder, now: datetime
) -> None:
    service = TaskService(demo_store, SafetyNet(demo_folder, lambda: now), lambda: now)
    with demo_store.unit_of_work() as session:
        found = session.scalar(select(StationRow.task_id).where(StationRow.task_id.is_not(None)))
        periods = {pid: name for pid, name in session.execute(select(PeriodRow.id, PeriodRow.name))}
    assert found is not None
    station_task = TaskId(found)
    uses = service.uses(station_task)
    assert uses and all(periods[u.period_id] == u.period_name for u in uses)
    assert [u.on for u in uses] == sorted((u.on for u in uses), reverse=True)
    for use in uses:
        latest = max(u.on for u in uses if u.period_id == use.period_id)
        assert service.last_used(use.period_id)[station_task] == latest


def test_a_changed_task_with_the_same_slug_waits_for_a_decision(
    bank: TaskService, fresh: TaskService, tmp_path: Path
) -> None:
    pack = tmp_path / "tasks.mathroom-tasks"
    bank.export_pack([bank.save(full_spec())], pack)
    mine = fresh.save(full_spec(prompt="The teacher's own wording of the flagpole task."))
    before = fresh.tasks()

    preview = fresh.preview_pack(pack)
    assert [(t.match, t.existing and t.existing.id) for t in preview.tasks] == [
        (TaskMatch.DUPLICATE, mine)
    ]
    with pytest.raises(PackNeedsDecisionError, match="task 1"):
        fresh.import_pack(pack)
    assert fresh.tasks() == before

    skipped = fresh.import_pack(pack, {1: DuplicateChoice.SKIP})
    assert (skipped.skipped_duplicates, skipped.added) == (1, ())
    assert fresh.tasks() == before

    kept = fresh.import_pack(pack, {1: DuplicateChoice.KEEP_BOTH})
    assert kept.kept_both == 1
    copy = fresh.task(kept.added[0])
    assert copy.spec == full_spec(title="Shadows and Flagpoles (imported)", slug=None)
    assert fresh.task(mine) == before[0]  # never overwritten


def test_the_same_title_and_prompt_is_a_duplicate_too(
    bank: TaskService, fresh: TaskService, tmp_path: Path
) -> None:
    pack = tmp_path / "tasks.mathroom-tasks"
    bank.export_pack([bank.save(full_spec(slug=None))], pack)
    fresh.save(full_spec(slug=None, minutes=40))
    assert [t.match for t in fresh.preview_pack(pack).tasks] == [TaskMatch.DUPLICATE]


def test_unknown_skill_codes_in_a_pack_are_dropped_and_reported(
    fresh: TaskService, tmp_path: Path
) -> None:
    pack = tmp_path / "old.mathroom-tasks"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr(
            "tasks.json",
            '{"format": 1, "tasks": [{"slug": "s", "title": "T", "kind": "warmup",'
            ' "prompt": "P", "skills": ["7.RP.A.1", "ZZ.9", "7.EE.Q.7"]}]}',
        )
    assert fresh.preview_pack(pack).unknown_skills == ("7.EE.Q.7", "ZZ.9")
    report = fresh.import_pack(pack)
    assert report.dropped_skills == ("7.EE.Q.7", "ZZ.9")
    assert fresh.task(report.added[0]).spec.skill_codes == ("7.RP.A.1",)


def test_an_import_that_fails_halfway_writes_nothing(
    bank: TaskService, fresh: TaskService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [bank.save(full_spec(title=f"Task {n}", slug=f"task-{n}")) for n in range(3)]
    pack = tmp_path / "three.mathroom-tasks"
    bank.export_pack(ids, pack)
    real_add = TaskRepository.add
    calls: list[int] = []

    def failing_add(self: TaskRepository, *args: object, **kwargs: object) -> TaskId:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_add(self, *args, **kwargs)  # type: ignore[arg-type]  # passes through

    monkeypatch.setattr(TaskRepository, "add", failing_add)
    with pytest.raises(OSError, match="disk full"):
        fresh.import_pack(pack)
    monkeypatch.undo()
    assert fresh.tasks() == []


def test_a_bad_pack_is_refused_before_any_backup(
    bank: TaskService, migrated_folder: DataFolder, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.mathroom-tasks"
    bad.write_text("just some notes", encoding="utf-8")
    with pytest.raises(ContentError, match="not a zip file"):
        bank.import_pack(bad)
    assert list_backups(migrated_folder.backups) == []
    assert bank.tasks() == []


def test_exporting_nothing_is_refused(bank: TaskService, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        bank.export_pack([], tmp_path / "empty.mathroom-tasks")
    assert caught.value.field == "task_ids"
    assert not (tmp_path / "empty.mathroom-tasks").exists()
