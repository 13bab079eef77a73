"""The laptop's side of the department library: which local item is which library item,
each local item's library content, and applying a library version to the local store.

Works on the session of one unit of work: the service decides how many items share one
(each item is always applied whole).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from mathroom.domain.department import ItemContent, ItemKind, Link
from mathroom.domain.department_content import (
    task_content,
    template_blocks,
    template_content,
    unit_content,
    unit_fields,
)
from mathroom.domain.ids import SkillId, TaskId, UnitId
from mathroom.domain.plan_templates import BUILTIN_NAMES
from mathroom.domain.tasks import TaskSpec
from mathroom.domain.units import UnitSpec
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository, _fill
from mathroom.store.repositories.units import UnitRepository
from mathroom.store.tables import (
    DepartmentLinkRow,
    PlanTemplateRow,
    TaskRow,
    TaskSkillRow,
    UnitRow,
)

NEVER = datetime.min  # a link made by slug or name: the local content is always compared


@dataclass(frozen=True, slots=True)
class LocalEntry:
    """A local item as a publish or pull first sees it: cheap to list by the thousand."""

    kind: ItemKind
    local_id: int
    title: str
    updated_at: datetime
    key: str | None  # a task's or unit's slug; a template's name


@dataclass(frozen=True, slots=True)
class Applied:
    """A library version written to the laptop: the link to record for it."""

    local_id: int
    fingerprint: str
    updated_at: datetime


def _link(row: Any) -> Link:
    return Link(
        ItemKind(row.kind),
        row.local_id,
        row.item_id,
        row.version,
        row.fingerprint,
        row.local_updated_at,
    )


class LocalLibrary:
    def __init__(self, session: Session, server: str) -> None:
        self._session = session
        self._server = server

    # -- what the laptop has -----------------------------------------------------------------
    def links(self, kind: ItemKind | None = None) -> list[Link]:
        """The laptop's links to this library (of one kind, if given); plain columns, as a
        pull reads tens of thousands."""
        table = DepartmentLinkRow
        query = select(
            table.kind,
            table.local_id,
            table.item_id,
            table.version,
            table.fingerprint,
            table.local_updated_at,
        ).where(table.server == self._server)
        if kind is not None:
            query = query.where(table.kind == kind.value)
        return [_link(row) for row in self._session.execute(query)]

    def entries(self, kind: ItemKind) -> dict[int, LocalEntry]:
        """The active local items of ``kind`` (archived ones are not shared)."""
        if kind is ItemKind.TASK:
            query: Any = select(TaskRow.id, TaskRow.title, TaskRow.updated_at, TaskRow.slug).where(
                TaskRow.archived_at.is_(None)
            )
        elif kind is ItemKind.UNIT:
            query = select(UnitRow.id, UnitRow.name, UnitRow.updated_at, UnitRow.slug).where(
                UnitRow.archived_at.is_(None)
            )
        elif kind is ItemKind.PLAN_TEMPLATE:
            query = select(
                PlanTemplateRow.id,
                PlanTemplateRow.name,
                PlanTemplateRow.updated_at,
                PlanTemplateRow.name,
            )
        else:
            return {}
        return {
            row[0]: LocalEntry(kind, row[0], row[1], row[2], row[3])
            for row in self._session.execute(query)
        }

    def contents(
        self, kind: ItemKind, local_ids: Iterable[int], item_of: Mapping[int, str]
    ) -> dict[int, ItemContent]:
        """The library content of local items; ``item_of`` maps local task ids to items."""
        wanted = list(local_ids)
        if not wanted:
            return {}
        if kind is ItemKind.TASK:
            return self._task_contents(wanted)
        if kind is ItemKind.UNIT:
            units = UnitRepository(self._session).units()
            return {
                unit.id: unit_content(
                    unit.spec.name,
                    unit.spec.weeks,
                    unit.spec.summary,
                    unit.spec.skill_codes,
                    [item_of[t] for t in unit.spec.task_ids if t in item_of],
                    unit.spec.slug,
                )
                for unit in units
                if unit.id in set(wanted)
            }
        rows = self._session.scalars(select(PlanTemplateRow).where(PlanTemplateRow.id.in_(wanted)))
        return {row.id: template_content(row.name, row.blocks, item_of.get) for row in rows}

    def _task_contents(self, wanted: Sequence[int]) -> dict[int, ItemContent]:
        found: dict[int, ItemContent] = {}
        repository = TaskRepository(self._session)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for task_id in chunk:
                found[task_id] = task_content(repository.get(TaskId(task_id)).spec)
        return found

    # -- links -----------------------------------------------------------------------------
    def record_link(
        self,
        kind: ItemKind,
        local_id: int,
        item_id: str,
        version: int,
        fingerprint: str,
        local_updated_at: datetime,
        now: datetime,
    ) -> None:
        """Note (or move) the link of a local item, replacing any other link to that item."""
        table = DepartmentLinkRow
        self._session.execute(
            delete(table).where(
                table.server == self._server,
                ((table.kind == kind.value) & (table.local_id == local_id))
                | (table.item_id == item_id),
            )
        )
        self._session.execute(
            insert(table).values(
                server=self._server,
                kind=kind.value,
                local_id=local_id,
                item_id=item_id,
                version=version,
                fingerprint=fingerprint,
                local_updated_at=local_updated_at,
                synced_at=now,
            )
        )

    def record_links(self, links: Sequence[Link], now: datetime) -> None:
        """Many new links at once (a first pull): none of them may exist yet."""
        if links:
            self._session.execute(
                insert(DepartmentLinkRow),
                [
                    {
                        "server": self._server,
                        "kind": link.kind.value,
                        "local_id": link.local_id,
                        "item_id": link.item_id,
                        "version": link.version,
                        "fingerprint": link.fingerprint,
                        "local_updated_at": link.local_updated_at,
                        "synced_at": now,
                    }
                    for link in links
                ],
            )

    def move_link_version(self, item_id: str, version: int) -> None:
        """The teacher keeps their version of a conflict: it now stands on ``version``."""
        self._session.execute(
            update(DepartmentLinkRow)
            .where(DepartmentLinkRow.server == self._server, DepartmentLinkRow.item_id == item_id)
            .values(version=version)
        )

    # -- applying library versions ---------------------------------------------------------
    def skill_ids(self) -> dict[str, SkillId]:
        return SkillRepository(self._session).ids_by_code()

    def free_slugs(self, kind: ItemKind, slugs: Iterable[str]) -> set[str]:
        """Those of ``slugs`` no local task (or unit) has yet."""
        wanted = {s for s in slugs if s}
        if not wanted:
            return set()
        column = TaskRow.slug if kind is ItemKind.TASK else UnitRow.slug
        taken = set(self._session.scalars(select(column).where(column.in_(wanted))))
        return wanted - taken

    def create_tasks(
        self,
        specs: Sequence[TaskSpec],
        skill_ids: Mapping[str, SkillId],
        now: datetime,
    ) -> list[Applied]:
        """Many new tasks in a few statements (a first pull brings thousands)."""
        if not specs:
            return []
        values = []
        for spec in specs:
            row = TaskRow()
            _fill(row, spec)
            value = {c.key: getattr(row, c.key) for c in TaskRow.__table__.columns if c.key != "id"}
            value.update(created_at=now, updated_at=now, archived_at=None)
            values.append(value)
        ids = list(
            self._session.scalars(
                insert(TaskRow).returning(TaskRow.id, sort_by_parameter_order=True), values
            )
        )
        links = [
            {"task_id": task_id, "skill_id": skill_ids[code]}
            for task_id, spec in zip(ids, specs, strict=True)
            for code in sorted(set(spec.skill_codes))
            if code in skill_ids
        ]
        if links:
            self._session.execute(insert(TaskSkillRow), links)
        return [
            Applied(task_id, task_content(_known(spec, skill_ids)).fingerprint, now)
            for task_id, spec in zip(ids, specs, strict=True)
        ]

    def update_task(
        self, task_id: int, spec: TaskSpec, skill_ids: Mapping[str, SkillId], now: datetime
    ) -> Applied:
        current = self._session.get(TaskRow, task_id)
        if current is not None and current.slug:
            spec = replace(spec, slug=current.slug)  # the laptop's slug stays its own
        TaskRepository(self._session).update(TaskId(task_id), spec, skill_ids, now)
        return Applied(task_id, task_content(_known(spec, skill_ids)).fingerprint, now)

    def apply_unit(
        self,
        content: Mapping[str, Any],
        slug: str | None,
        local_id: int | None,
        task_of: Mapping[str, int],
        now: datetime,
    ) -> Applied:
        name, weeks, summary, codes, items = unit_fields(content)
        skill_ids = self.skill_ids()
        known_codes = tuple(c for c in codes if c in skill_ids)
        task_items = [i for i in items if i in task_of]
        spec = UnitSpec(
            name=name,
            weeks=weeks,
            skill_codes=known_codes,
            task_ids=tuple(TaskId(task_of[i]) for i in task_items),
            summary=summary,
            slug=slug,
        )
        units = UnitRepository(self._session)
        if local_id is None:
            if slug is not None and units.slug_owner(slug) is not None:
                spec = UnitSpec(spec.name, spec.weeks, spec.skill_codes, spec.task_ids, summary)
            local_id = units.add(spec, skill_ids, now)
        else:
            current = units.get(UnitId(local_id))
            spec = UnitSpec(
                spec.name, spec.weeks, spec.skill_codes, spec.task_ids, summary, current.spec.slug
            )
            units.update(UnitId(local_id), spec, skill_ids, now)
        stamp = unit_content(name, weeks, summary, known_codes, task_items, None).fingerprint
        return Applied(local_id, stamp, now)

    def apply_template(
        self,
        content: Mapping[str, Any],
        owner: str,
        local_id: int | None,
        task_of: Mapping[str, int],
        now: datetime,
    ) -> Applied:
        name, blocks = template_blocks(content, task_of.get)
        row = self._session.get(PlanTemplateRow, local_id) if local_id is not None else None
        if row is None:
            row = PlanTemplateRow(name=self._free_template_name(name, owner), created_at=now)
            self._session.add(row)
        row.blocks = blocks
        row.updated_at = now
        self._session.flush()
        item_of = {local: item for item, local in task_of.items()}
        stamp = template_content(row.name, blocks, item_of.get).fingerprint
        return Applied(row.id, stamp, now)

    def _free_template_name(self, name: str, owner: str) -> str:
        taken = {n.casefold() for n in self._session.scalars(select(PlanTemplateRow.name))}
        taken |= set(BUILTIN_NAMES)
        candidate = name.strip()
        number = 1
        while candidate.casefold() in taken:
            suffix = f" ({owner})" if number == 1 else f" ({owner} {number})"
            candidate = name.strip()[: 80 - len(suffix)] + suffix
            number += 1
        return candidate

    def template_name_owner(self, name: str) -> int | None:
        return self._session.scalar(
            select(PlanTemplateRow.id).where(func.lower(PlanTemplateRow.name) == name.lower())
        )

    def updated_at(self, kind: ItemKind, local_id: int) -> datetime | None:
        table: Any = {
            ItemKind.TASK: TaskRow,
            ItemKind.UNIT: UnitRow,
            ItemKind.PLAN_TEMPLATE: PlanTemplateRow,
        }[kind]
        return self._session.scalar(select(table.updated_at).where(table.id == local_id))


def _known(spec: TaskSpec, skill_ids: Mapping[str, SkillId]) -> TaskSpec:
    """The spec as the laptop keeps it: skills it does not know are left out."""
    return replace(spec, skill_codes=tuple(c for c in spec.skill_codes if c in skill_ids))
