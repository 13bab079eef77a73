"""Task bank actions: edit, duplicate, archive, where a task was used, and task packs."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy.orm import Session

from mathroom import __version__
from mathroom.domain.errors import MathroomError, ValidationError
from mathroom.domain.ids import PeriodId, TaskId
from mathroom.domain.tasks import (
    Task,
    TaskMatch,
    TaskSpec,
    TaskUse,
    in_skill_order,
    match_task,
    titled_copy,
    validate_task,
)
from mathroom.export.task_pack import write_task_pack
from mathroom.importers.task_pack import TaskPack, read_task_pack
from mathroom.services.safety import SafetyNet
from mathroom.services.undo_journal import UndoJournalService
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.unit_of_work import Store

COPY_SUFFIX = " (copy)"
IMPORTED_SUFFIX = " (imported)"


class DuplicateChoice(StrEnum):
    KEEP_BOTH = "keep_both"  # import it as a copy, titled "… (imported)"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class IncomingTask:
    """A task in a pack, as it would be saved, and how it relates to the bank."""

    number: int  # 1-based position in the pack: the key for a DuplicateChoice
    spec: TaskSpec  # unknown skill codes already dropped
    match: TaskMatch
    existing: Task | None  # the bank task it is the same as, or a duplicate of
    unknown_skills: tuple[str, ...]
    created_at: datetime | None
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class PackPreview:
    source: str
    format: int
    exported_at: datetime | None
    app_version: str | None
    tasks: tuple[IncomingTask, ...]

    def matching(self, match: TaskMatch) -> tuple[IncomingTask, ...]:
        return tuple(task for task in self.tasks if task.match is match)

    @property
    def duplicates(self) -> tuple[IncomingTask, ...]:
        """The tasks that need a DuplicateChoice before the pack can be imported."""
        return self.matching(TaskMatch.DUPLICATE)

    @property
    def unknown_skills(self) -> tuple[str, ...]:
        return tuple(sorted({code for task in self.tasks for code in task.unknown_skills}))


class PackNeedsDecisionError(MathroomError):
    """Some duplicates have no keep-both-or-skip decision; nothing was imported."""

    def __init__(self, preview: PackPreview, undecided: Sequence[int]) -> None:
        numbers = ", ".join(str(n) for n in undecided)
        super().__init__(
            f"{preview.source}: nothing was imported; choose keep both or skip for task {numbers}"
        )
        self.preview = preview
        self.undecided = tuple(undecided)


@dataclass(frozen=True, slots=True)
class ImportReport:
    source: str
    added: tuple[TaskId, ...]  # new tasks and kept copies, in pack order
    new: int
    kept_both: int
    skipped_same: int
    skipped_duplicates: int
    dropped_skills: tuple[str, ...]  # codes not in this skill map: the tasks came without them
    backup: Path | None


class TaskService:
    def __init__(self, store: Store, safety: SafetyNet, now: Callable[[], datetime]) -> None:
        self._store = store
        self._safety = safety
        self._now = now

    @property
    def journal(self) -> UndoJournalService:
        """Records what an action writes, for exact undo (see services/undo_journal.py)."""
        return UndoJournalService(self._store)

    # -- reading ----------------------------------------------------------------------
    def tasks(self, include_archived: bool = False) -> list[Task]:
        with self._store.unit_of_work() as session:
            return TaskRepository(session).tasks(include_archived=include_archived)

    def task(self, task_id: TaskId) -> Task:
        with self._store.unit_of_work() as session:
            return TaskRepository(session).get(task_id)

    def uses(self, task_id: TaskId) -> list[TaskUse]:
        """Days the task is planned for any period, newest first."""
        with self._store.unit_of_work() as session:
            return TaskRepository(session).uses(task_id)

    def last_used(self, period_id: PeriodId) -> dict[TaskId, date]:
        """The latest planned day of each task used with the period (for "not used lately")."""
        with self._store.unit_of_work() as session:
            return TaskRepository(session).last_used(period_id)

    # -- editing ----------------------------------------------------------------------
    def save(self, spec: TaskSpec, task_id: TaskId | None = None) -> TaskId:
        """Add a task (no ``task_id``) or replace one's content; ValidationError names the field.

        Skill codes are stored in skill-map order.
        """
        spec = replace(spec, title=spec.title.strip())
        problems = validate_task(spec)
        if problems:
            raise problems[0]
        with self._store.unit_of_work() as session:
            order = _skill_order(session)
            unknown = sorted(set(spec.skill_codes) - set(order))
            if unknown:
                raise ValidationError(
                    "skill_codes", f"not in the skill map: {', '.join(unknown)}; add them first"
                )
            spec = replace(spec, skill_codes=in_skill_order(spec.skill_codes, order))
            tasks = TaskRepository(session)
            owner = tasks.slug_owner(spec.slug) if spec.slug else None
            if owner is not None and owner != task_id:
                raise ValidationError("slug", f"another task already has the slug {spec.slug}")
            skill_ids = SkillRepository(session).ids_by_code()
            if task_id is None:
                return tasks.add(spec, skill_ids, self._now())
            tasks.update(task_id, spec, skill_ids, self._now())
            return task_id

    def duplicate(self, task_id: TaskId) -> TaskId:
        """A new task with the same content, titled "… (copy)"."""
        with self._store.unit_of_work() as session:
            tasks = TaskRepository(session)
            spec = titled_copy(tasks.get(task_id).spec, COPY_SUFFIX)
            return tasks.add(spec, SkillRepository(session).ids_by_code(), self._now())

    def archive(self, task_id: TaskId) -> None:
        """Take a task out of the bank; plans keep it, and restore() brings it back."""
        self._safety.before_change()
        with self._store.unit_of_work() as session:
            TaskRepository(session).archive(task_id, self._now())

    def restore(self, task_id: TaskId) -> None:
        with self._store.unit_of_work() as session:
            TaskRepository(session).restore(task_id)

    # -- packs ------------------------------------------------------------------------
    def export_pack(self, task_ids: Sequence[TaskId], path: Path) -> int:
        """Write the tasks to a .mathroom-tasks file; returns how many went in."""
        if not task_ids:
            raise ValidationError("task_ids", "choose at least one task to export")
        with self._store.unit_of_work() as session:
            tasks = TaskRepository(session)
            chosen = [tasks.get(task_id) for task_id in dict.fromkeys(task_ids)]
        write_task_pack(chosen, path, self._now(), __version__)
        return len(chosen)

    def preview_pack(self, path: Path) -> PackPreview:
        """Read a pack and sort its tasks into new, same and duplicate; writes nothing."""
        pack = read_task_pack(path)
        with self._store.unit_of_work() as session:
            return _preview(session, pack)

    def import_pack(
        self, path: Path, decisions: Mapping[int, DuplicateChoice] | None = None
    ) -> ImportReport:
        """Add a pack's tasks, all or nothing, after a backup.

        Identical tasks are skipped; each duplicate needs a decision (by task number), or
        PackNeedsDecisionError is raised before anything is written. Nothing is overwritten.
        """
        decisions = decisions or {}
        pack = read_task_pack(path)
        with self._store.unit_of_work() as session:
            preview = _preview(session, pack)
        _check_decisions(preview, decisions)
        # A pack with nothing to add (all already here, or skipped) needs no backup.
        backup = self._safety.before_import() if _to_add(preview, decisions) else None
        now = self._now()
        with self._store.unit_of_work() as session:
            preview = _preview(session, pack)  # again: the bank may have changed meanwhile
            _check_decisions(preview, decisions)
            tasks = TaskRepository(session)
            skill_ids = SkillRepository(session).ids_by_code()
            added: list[TaskId] = []
            dropped: set[str] = set()
            for item in _to_add(preview, decisions):
                spec = item.spec
                if item.match is TaskMatch.DUPLICATE:
                    spec = titled_copy(spec, IMPORTED_SUFFIX)
                added.append(
                    tasks.add(
                        spec,
                        skill_ids,
                        now,
                        created_at=item.created_at,
                        updated_at=item.updated_at,
                    )
                )
                dropped.update(item.unknown_skills)
        duplicates = len(preview.duplicates)
        kept = sum(
            1 for t in preview.duplicates if decisions[t.number] == DuplicateChoice.KEEP_BOTH
        )
        return ImportReport(
            source=pack.source,
            added=tuple(added),
            new=len(preview.matching(TaskMatch.NEW)),
            kept_both=kept,
            skipped_same=len(preview.matching(TaskMatch.SAME)),
            skipped_duplicates=duplicates - kept,
            dropped_skills=tuple(sorted(dropped)),
            backup=backup,
        )


def _to_add(preview: PackPreview, decisions: Mapping[int, DuplicateChoice]) -> list[IncomingTask]:
    """New tasks, and duplicates the teacher chose to keep, in pack order."""
    return [
        task
        for task in preview.tasks
        if task.match is TaskMatch.NEW
        or (
            task.match is TaskMatch.DUPLICATE
            and decisions[task.number] == DuplicateChoice.KEEP_BOTH
        )
    ]


def _skill_order(session: Session) -> list[str]:
    return [skill.code for skill in SkillRepository(session).skills(include_hidden=True)]


def _preview(session: Session, pack: TaskPack) -> PackPreview:
    bank = TaskRepository(session).tasks(include_archived=True)
    order = _skill_order(session)
    known = set(order)
    incoming = []
    for packed in pack.tasks:
        codes = packed.spec.skill_codes
        spec = replace(packed.spec, skill_codes=in_skill_order(codes, order))
        match, existing = match_task(spec, bank)
        unknown = tuple(dict.fromkeys(code for code in codes if code not in known))
        incoming.append(
            IncomingTask(
                packed.number,
                spec,
                match,
                existing,
                unknown,
                packed.created_at,
                packed.updated_at,
            )
        )
    return PackPreview(
        pack.source, pack.format, pack.exported_at, pack.app_version, tuple(incoming)
    )


def _check_decisions(preview: PackPreview, decisions: Mapping[int, DuplicateChoice]) -> None:
    undecided = [task.number for task in preview.duplicates if task.number not in decisions]
    if undecided:
        raise PackNeedsDecisionError(preview, undecided)
