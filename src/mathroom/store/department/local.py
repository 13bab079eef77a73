"""The laptop's side of the department library: which local item is which library item,
each local item's library content, and applying a library version to the local store.

Works on the session of one unit of work: the service decides how many items share one
(each item is always applied whole).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
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
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.repositories.tasks import _to_task as task_snapshot
from mathroom.store.repositories.units import UnitRepository
from mathroom.store.tables import (
    DepartmentLinkRow,
    PlanTemplateRow,
    SkillRow,
    TaskRow,
    TaskSkillRow,
    UnitRow,
)

NEVER = datetime.min  # a link made by slug or name: the local content is always compared
_CHUNK = 500  # ids per IN (...) query
_TABLES: dict[ItemKind, Any] = {
    ItemKind.TASK: TaskRow,
    ItemKind.UNIT: UnitRow,
    ItemKind.PLAN_TEMPLATE: PlanTemplateRow,
}


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

    def entries(
        self, kind: ItemKind, local_ids: Iterable[int] | None = None
    ) -> dict[int, LocalEntry]:
        """The active local items of ``kind`` (archived ones are not shared), or only those
        of ``local_ids``."""
        table: Any = _TABLES.get(kind)
        if table is None:
            return {}
        query = self._listing(kind)
        if local_ids is None:
            return self._entries(kind, query)
        found: dict[int, LocalEntry] = {}
        wanted = sorted(set(local_ids))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            found.update(self._entries(kind, query.where(table.id.in_(chunk))))
        return found

    def changed_entries(self, kind: ItemKind) -> dict[int, LocalEntry]:
        """Local items never shared with this library, or changed since they last were."""
        table: Any = _TABLES.get(kind)
        if table is None:
            return {}
        link = DepartmentLinkRow
        query = (
            self._listing(kind)
            .outerjoin(
                link,
                (link.server == self._server)
                & (link.kind == kind.value)
                & (link.local_id == table.id),
            )
            .where(link.id.is_(None) | (link.local_updated_at != table.updated_at))
        )
        return self._entries(kind, query)

    def unlinked_by_key(self, kind: ItemKind, keys: Iterable[str]) -> dict[str, LocalEntry]:
        """Local items (tasks, units) with one of ``keys`` as slug and no link yet."""
        wanted = sorted(set(keys))
        table: Any = _TABLES.get(kind)
        if not wanted or table is None or kind is ItemKind.PLAN_TEMPLATE:
            return {}
        link = DepartmentLinkRow
        unlinked = self._listing(kind).outerjoin(
            link,
            (link.server == self._server) & (link.kind == kind.value) & (link.local_id == table.id),
        )
        found: dict[str, LocalEntry] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            query = unlinked.where(link.id.is_(None), table.slug.in_(chunk))
            found.update({e.key: e for e in self._entries(kind, query).values() if e.key})
        return found

    def links_to(self, kind: ItemKind, item_ids: Iterable[str]) -> dict[str, Link]:
        """This laptop's links to ``item_ids``, by item."""
        links = self._links_where(kind, DepartmentLinkRow.item_id, item_ids)
        return {link.item_id: link for link in links}

    def links_from(self, kind: ItemKind, local_ids: Iterable[int]) -> list[Link]:
        """The links of these local items."""
        return self._links_where(kind, DepartmentLinkRow.local_id, local_ids)

    def _links_where(self, kind: ItemKind, column: Any, values: Iterable[Any]) -> list[Link]:
        table = DepartmentLinkRow
        wanted = sorted(set(values))
        found: list[Link] = []
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            rows = self._session.execute(
                select(
                    table.kind,
                    table.local_id,
                    table.item_id,
                    table.version,
                    table.fingerprint,
                    table.local_updated_at,
                ).where(
                    table.server == self._server,
                    table.kind == kind.value,
                    column.in_(chunk),
                )
            )
            found.extend(_link(row) for row in rows)
        return found

    def _listing(self, kind: ItemKind) -> Any:
        if kind is ItemKind.TASK:
            return select(TaskRow.id, TaskRow.title, TaskRow.updated_at, TaskRow.slug).where(
                TaskRow.archived_at.is_(None)
            )
        if kind is ItemKind.UNIT:
            return select(UnitRow.id, UnitRow.name, UnitRow.updated_at, UnitRow.slug).where(
                UnitRow.archived_at.is_(None)
            )
        return select(
            PlanTemplateRow.id,
            PlanTemplateRow.name,
            PlanTemplateRow.updated_at,
            PlanTemplateRow.name,
        )

    def _entries(self, kind: ItemKind, query: Any) -> dict[int, LocalEntry]:
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
        """Tasks read a chunk at a time (a publish may read thousands), as the bank reads them."""
        found: dict[int, ItemContent] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            codes: dict[int, list[str]] = {}
            for task_id, code in self._session.execute(
                select(TaskSkillRow.task_id, SkillRow.code)
                .join(SkillRow, SkillRow.id == TaskSkillRow.skill_id)
                .where(TaskSkillRow.task_id.in_(chunk))
            ):
                codes.setdefault(task_id, []).append(code)
            for row in self._session.scalars(select(TaskRow).where(TaskRow.id.in_(chunk))):
                found[row.id] = task_content(task_snapshot(row, codes.get(row.id, ())).spec)
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

    def replace_links(self, links: Sequence[Link], now: datetime) -> None:
        """Note many links at once, each replacing any link of its local item or its item."""
        table = DepartmentLinkRow
        for kind in {link.kind for link in links}:
            mine = [link for link in links if link.kind is kind]
            for start in range(0, len(mine), _CHUNK):
                chunk = mine[start : start + _CHUNK]
                self._session.execute(
                    delete(table).where(
                        table.server == self._server,
                        (
                            (table.kind == kind.value)
                            & table.local_id.in_([k.local_id for k in chunk])
                        )
                        | table.item_id.in_([k.item_id for k in chunk]),
                    )
                )
        self.record_links(links, now)

    def record_links(self, links: Sequence[Link], now: datetime) -> None:
        """Many new links at once (a first pull): none of them may exist yet."""
        if links:
            synced = _sqlite_time(now)
            self._session.connection().exec_driver_sql(
                "INSERT INTO department_link (server, kind, local_id, item_id, version, "
                "fingerprint, local_updated_at, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        self._server,
                        link.kind.value,
                        link.local_id,
                        link.item_id,
                        link.version,
                        link.fingerprint,
                        _sqlite_time(link.local_updated_at),
                        synced,
                    )
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
        """Many new tasks in a few statements (a first pull brings thousands): plain
        executemany, ids given here (the writer holds the data folder's lock)."""
        if not specs:
            return []
        connection = self._session.connection()
        first = (self._session.scalar(select(func.max(TaskRow.id))) or 0) + 1
        ids = list(range(first, first + len(specs)))
        connection.exec_driver_sql(
            "INSERT INTO task (id, slug, title, kind, prompt, start_text, extensions, hints, "
            "answer, teacher_notes, minutes, materials, image, image_name, milestones, rubric, "
            "created_at, updated_at, archived_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [_task_row(task_id, spec, now) for task_id, spec in zip(ids, specs, strict=True)],
        )
        links = [
            (task_id, skill_ids[code])
            for task_id, spec in zip(ids, specs, strict=True)
            for code in sorted(set(spec.skill_codes))
            if code in skill_ids
        ]
        if links:
            connection.exec_driver_sql(
                "INSERT INTO task_skill (task_id, skill_id) VALUES (?, ?)", links
            )
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


def _table(row: Any) -> Table:
    """The Core table under an ORM row class (bulk inserts skip the ORM's bookkeeping)."""
    table = row.__table__
    assert isinstance(table, Table)
    return table


def _sqlite_time(moment: datetime) -> str:
    """A time as SQLAlchemy's SQLite DateTime stores it (compared as text in queries)."""
    m = moment
    return (
        f"{m.year:04d}-{m.month:02d}-{m.day:02d} "
        f"{m.hour:02d}:{m.minute:02d}:{m.second:02d}.{m.microsecond:06d}"
    )


def _task_row(task_id: int, spec: TaskSpec, now: datetime) -> tuple[Any, ...]:
    """A task table row (as repositories.tasks._fill sets it) for a plain bulk insert; the
    JSON columns as SQLAlchemy's JSON type stores them."""
    stamp = _sqlite_time(now)
    return (
        task_id,
        spec.slug,
        spec.title,
        spec.kind.value,
        spec.prompt,
        spec.start,
        json.dumps(list(spec.extensions)),
        json.dumps(list(spec.hints)),
        spec.answer,
        spec.teacher_notes,
        spec.minutes,
        spec.materials,
        spec.image.data if spec.image else None,
        spec.image.name if spec.image else None,
        json.dumps(list(spec.milestones)),
        json.dumps(list(spec.rubric)),
        stamp,
        stamp,
    )


def _known(spec: TaskSpec, skill_ids: Mapping[str, SkillId]) -> TaskSpec:
    """The spec as the laptop keeps it: skills it does not know are left out."""
    if all(code in skill_ids for code in spec.skill_codes):
        return spec
    return replace(spec, skill_codes=tuple(c for c in spec.skill_codes if c in skill_ids))
