"""The department library: publish the teacher's tasks, units and plan templates to the
department's PostgreSQL server, pull colleagues' new and changed items, resolve conflicts.

Every method reaches the server only when called (a click, a command) and closes the
connection after. Each item moves whole: one transaction on the server, one on the laptop
(a pull applies up to a chunk of items in one laptop transaction, never part of an item).
A connection lost half-way stops the action; items already moved stay moved, the rest
stay as they were on both sides. Nothing about students is read or sent: only the task
bank, units and plan templates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from mathroom.domain.department import (
    PUBLISH_ORDER,
    ItemContent,
    ItemKind,
    Link,
    Moved,
    RemoteItem,
    Resolution,
    SyncReport,
    SyncState,
    sync_state,
)
from mathroom.domain.department_content import task_content, task_spec
from mathroom.domain.errors import MathroomError, ValidationError
from mathroom.domain.tasks import TaskSpec
from mathroom.importers.task_pack import read_task_pack
from mathroom.store.department.local import NEVER, Applied, LocalEntry, LocalLibrary
from mathroom.store.department.remote import (
    PublishRefusedError,
    RemoteLibrary,
    RemoteVersion,
)
from mathroom.store.department.server import (
    LibraryUnreachableError,
    ServerAddress,
    connect,
)
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.unit_of_work import Store

if TYPE_CHECKING:
    from mathroom.store.department.schema import LibrarySetup

__all__ = [
    "LibraryEntry",
    "LibraryStatus",
    "LibraryUnreachableError",
    "Resolution",
    "ServerAddress",
    "SyncReport",
]

SERVER_SETTING = "department_library"  # the app_setting key
PULLED_SETTING = "department_library_pulled"  # + ":host:port/db": where the last pull got to
SCHEDULE_SETTING = "department_library_schedule"  # hours between automatic pulls; 0: none
# The choices the Library page offers: only when the teacher clicks, hourly, 4-hourly, daily.
PULL_EVERY_HOURS = (0, 1, 4, 24)
LINK_BATCH = 200  # published items noted per laptop transaction


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One row of the Library page and of `mathroom library status`."""

    kind: ItemKind
    title: str
    state: SyncState
    item_id: str | None = None
    owner: str | None = None
    published_at: datetime | None = None
    version: int | None = None
    retired_by: str | None = None


@dataclass(frozen=True, slots=True)
class LibraryStatus:
    server: str
    user: str
    schema: str | None
    entries: tuple[LibraryEntry, ...]

    def count(self, state: SyncState) -> int:
        return sum(1 for e in self.entries if e.state is state)

    @property
    def conflicts(self) -> tuple[LibraryEntry, ...]:
        return tuple(e for e in self.entries if e.state is SyncState.CONFLICT)


@dataclass(slots=True)
class _Step:
    """One item's place in a publish or pull."""

    kind: ItemKind
    state: SyncState
    local: LocalEntry | None = None
    link: Link | None = None
    remote: RemoteItem | None = None
    content: ItemContent | None = None
    provisional: bool = False  # linked by slug just now: the link must be written

    @property
    def title(self) -> str:
        if self.remote is not None:
            return self.remote.title
        if self.local is not None:
            return self.local.title
        return ""


@dataclass(slots=True)
class _Report:
    moved: list[Moved] = field(default_factory=list)
    conflicts: list[Moved] = field(default_factory=list)
    failed: list[Moved] = field(default_factory=list)

    def done(self) -> SyncReport:
        return SyncReport(tuple(self.moved), tuple(self.conflicts), tuple(self.failed))


def init_server(
    address: ServerAddress, *, teachers: Iterable[str] = (), leads: Iterable[str] = ()
) -> LibrarySetup:
    """Create or upgrade the library's schema, policies and grants (idempotent); needs no
    classroom, only the lead's sign-in."""
    from mathroom.store.department.schema import init_library  # Alembic: only for the lead

    return init_library(address, teachers=teachers, leads=leads)


class DepartmentLibraryService:
    """Publish, pull and resolve against one department library at a time."""

    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    # -- the address the teacher last used (no password: libpq and the keychain keep those)
    def saved_server(self) -> tuple[str, bool]:
        """The library address and TLS choice last used in the app ("" when never)."""
        with self._store.unit_of_work() as session:
            value = SettingsRepository(session).get(SERVER_SETTING, {})
        if not isinstance(value, dict):
            return "", False
        return str(value.get("server", "")), bool(value.get("require_tls", False))

    def save_server(self, address: ServerAddress) -> None:
        with self._store.unit_of_work() as session:
            SettingsRepository(session).set(
                SERVER_SETTING,
                {"server": address.text, "require_tls": address.require_tls},
            )

    # -- pulling on a schedule the teacher turns on -------------------------------------------
    def pull_schedule(self) -> int:
        """Hours between automatic pulls while Mathroom is open (0: only when asked)."""
        with self._store.unit_of_work() as session:
            value = SettingsRepository(session).get(SCHEDULE_SETTING, 0)
        return value if isinstance(value, int) and value in PULL_EVERY_HOURS else 0

    def set_pull_schedule(self, hours: int) -> None:
        if hours not in PULL_EVERY_HOURS:
            allowed = ", ".join(str(h) for h in PULL_EVERY_HOURS)
            raise ValidationError("pull every (hours)", f"{hours} is not one of {allowed}")
        with self._store.unit_of_work() as session:
            SettingsRepository(session).set(SCHEDULE_SETTING, hours)

    def scheduled_pull(self) -> SyncReport | None:
        """The pull the schedule asks for, from the address last used; None when the
        schedule is off or no address was ever used (nothing is reached then)."""
        server, require_tls = self.saved_server()
        if not server or not self.pull_schedule():
            return None
        return self.pull(ServerAddress.parse(server, require_tls=require_tls))

    # -- the department lead ---------------------------------------------------------------
    def retire(self, address: ServerAddress, item_ids: Sequence[str]) -> int:
        """Retire library items (leads only); how many were retired."""
        for item_id in item_ids:
            _check_item_id(item_id)
        with connect(address) as connection:
            return RemoteLibrary(connection, self._now).retire(item_ids)

    # -- every teacher ---------------------------------------------------------------------
    def status(self, address: ServerAddress) -> LibraryStatus:
        """Every library item and every local one, each with where it stands. Changes
        nothing on either side."""
        with connect(address) as connection:
            remote = RemoteLibrary(connection, self._now)
            user = remote.user
            items = self._listed(remote)
            with connection.begin():
                from mathroom.store.department.schema import schema_revision

                schema = schema_revision(connection)
        entries: list[LibraryEntry] = []
        with self._store.unit_of_work() as session:
            local = LocalLibrary(session, address.identity)
            links = local.links()
            for kind in (*PUBLISH_ORDER, ItemKind.TASK_PACK):
                steps = self._plan(local, kind, items, links)
                entries.extend(_entry(step) for step in steps)
                # A starter task found by its slug counts for the units that use it.
                links = [*links, *(s.link for s in steps if s.provisional and s.link)]
        return LibraryStatus(address.display, user, schema, tuple(entries))

    def publish(self, address: ServerAddress) -> SyncReport:
        """Send every new or changed local task, unit and template, each item whole.

        The laptop notes what was sent in batches: should it miss one (a crash right after
        the server's commit), the next publish finds the same content on both sides and only
        notes it then.
        """
        report = _Report()
        with connect(address) as connection:
            remote = RemoteLibrary(connection, self._now)
            try:
                me = remote.user
                remote.items_by_id([])  # the library is there and readable
            except DBAPIError as exc:
                raise _not_set_up() from exc
            for kind in PUBLISH_ORDER:
                with self._store.unit_of_work() as session:
                    local = LocalLibrary(session, address.identity)
                    steps = self._publish_plan(local, remote, kind)
                    self._keep_links(local, steps)
                sent: list[Link] = []
                try:
                    for step in steps:
                        try:
                            link = self._publish_one(remote, me, step, report)
                        except PublishRefusedError as exc:
                            report.failed.append(Moved(kind, step.title, str(exc), _item(step)))
                            continue
                        if link is not None:
                            sent.append(link)
                        if len(sent) >= LINK_BATCH:
                            self._note_sent(address, sent)
                except DBAPIError as exc:
                    raise LibraryUnreachableError(_lost(address, exc, report)) from exc
                finally:
                    self._note_sent(address, sent)
        return report.done()

    def publish_pack(self, address: ServerAddress, path: Path) -> SyncReport:
        """Publish a task pack file (``.mathroom-tasks``) as a task pack item: its tasks as
        task items of the teacher's (one transaction each), then the pack naming them."""
        pack = read_task_pack(path)
        report = _Report()
        with connect(address) as connection:
            remote = RemoteLibrary(connection, self._now)
            try:
                items: list[str] = []
                for packed in pack.tasks:
                    content = task_content(packed.spec)
                    made = remote.create(replace(content, key=None))
                    items.append(made.item_id)
                    report.moved.append(
                        Moved(ItemKind.TASK, content.title, "published", made.item_id)
                    )
                name = path.name.removesuffix(".mathroom-tasks")[:80] or "Task pack"
                shared = ItemContent(ItemKind.TASK_PACK, name, {"name": name, "tasks": items})
                made = remote.create(shared)
                report.moved.append(Moved(ItemKind.TASK_PACK, name, "published", made.item_id))
            except PublishRefusedError as exc:
                report.failed.append(Moved(ItemKind.TASK_PACK, path.name, str(exc)))
            except DBAPIError as exc:
                raise LibraryUnreachableError(_lost(address, exc, report)) from exc
        return report.done()

    def _note_sent(self, address: ServerAddress, sent: list[Link]) -> None:
        if not sent:
            return
        with self._store.unit_of_work() as session:
            LocalLibrary(session, address.identity).replace_links(sent, self._now())
        sent.clear()

    def pull(self, address: ServerAddress) -> SyncReport:
        """Bring the department's new and changed items, tasks first, each item whole.

        Only items written since the last complete pull are asked for: a pull with nothing
        new reads nothing but that. A pull that met a conflict or a refused item asks again
        next time, so the conflict is shown until it is settled.
        """
        report = _Report()
        mark_key = f"{PULLED_SETTING}:{address.identity}"
        with self._store.unit_of_work() as session:
            mark = SettingsRepository(session).get(mark_key)
        with connect(address) as connection:
            remote = RemoteLibrary(connection, self._now)
            try:
                items, next_mark = remote.changed_since(mark if isinstance(mark, int) else None)
            except DBAPIError as exc:
                raise _not_set_up() from exc
            for kind in PUBLISH_ORDER:
                with self._store.unit_of_work() as session:
                    local = LocalLibrary(session, address.identity)
                    steps = self._pull_plan(local, kind, items)
                    self._keep_links(local, steps)
                wanted = []
                for step in steps:
                    if step.state is SyncState.CONFLICT:
                        report.conflicts.append(Moved(kind, step.title, "conflict", _item(step)))
                    elif step.state in (SyncState.REMOTE_NEW, SyncState.REMOTE_CHANGED):
                        wanted.append(step)
                by_id = {step.remote.item_id: step for step in wanted if step.remote}
                try:
                    for versions in remote.fetch([s.remote for s in wanted if s.remote]):
                        self._apply(address, kind, versions, by_id, report)
                except DBAPIError as exc:
                    raise LibraryUnreachableError(_lost(address, exc, report)) from exc
        if not report.conflicts and not report.failed:
            with self._store.unit_of_work() as session:
                SettingsRepository(session).set(mark_key, next_mark)
        return report.done()

    def resolve(self, address: ServerAddress, item_id: str, choice: Resolution) -> SyncReport:
        """The teacher's choice for one conflict: keep the laptop's version (the next publish
        sends it) or take the library's (it replaces the laptop's now)."""
        _check_item_id(item_id)
        report = _Report()
        with connect(address) as connection:
            remote = RemoteLibrary(connection, self._now)
            items = {i.item_id: i for i in remote.items()}
            if item_id not in items:
                raise ValidationError("item", f"{item_id} is not in the department library")
            found = items[item_id]
            with self._store.unit_of_work() as session:
                local = LocalLibrary(session, address.identity)
                link = next((k for k in local.links() if k.item_id == item_id), None)
                if link is None:
                    raise ValidationError("item", f"{found.title}: this laptop has no copy of it")
                if choice is Resolution.KEEP_MINE:
                    local.move_link_version(item_id, found.head)
                    report.moved.append(Moved(found.kind, found.title, "kept yours", item_id))
                    return report.done()
            step = _Step(found.kind, SyncState.REMOTE_CHANGED, None, link, found)
            for versions in remote.fetch([found]):
                self._apply(address, found.kind, versions, {item_id: step}, report)
        return report.done()

    # -- the plan --------------------------------------------------------------------------
    def _listed(self, remote: RemoteLibrary) -> list[RemoteItem]:
        try:
            return remote.items()
        except DBAPIError as exc:
            raise _not_set_up() from exc

    def _plan(
        self,
        local: LocalLibrary,
        kind: ItemKind,
        items: Sequence[RemoteItem],
        links: Sequence[Link],
    ) -> list[_Step]:
        """Every item of ``kind`` on either side (the status view)."""
        mine = [link for link in links if link.kind is kind]
        tasks = {link.local_id: link.item_id for link in links if link.kind is ItemKind.TASK}
        remote = [i for i in items if i.kind is kind]
        return self._steps(local, kind, local.entries(kind), mine, remote, lambda: tasks)

    def _steps(
        self,
        local: LocalLibrary,
        kind: ItemKind,
        entries: Mapping[int, LocalEntry],
        links: Sequence[Link],
        items: Sequence[RemoteItem],
        task_items: Callable[[], Mapping[int, str]],
    ) -> list[_Step]:
        """Where each of ``entries`` (local), ``links`` and ``items`` (library) stands; an
        unlinked local item meets the library item with its slug."""
        remote = {i.item_id: i for i in items}
        by_key = {i.key: i for i in remote.values() if i.key is not None}
        mine = {link.local_id: link for link in links}
        linked_items = {link.item_id for link in links}
        matched: dict[int, Link] = {}
        for local_id, entry in entries.items():
            keyed = entry.key is not None and kind is not ItemKind.PLAN_TEMPLATE
            found = by_key.get(entry.key) if keyed and entry.key is not None else None
            if local_id not in mine and found is not None and found.item_id not in linked_items:
                matched[local_id] = Link(kind, local_id, found.item_id, 0, "", NEVER)
                linked_items.add(found.item_id)
        to_read = [
            local_id
            for local_id, entry in entries.items()
            if local_id not in mine or entry.updated_at != mine[local_id].local_updated_at
        ]
        item_of = task_items() if to_read and kind is not ItemKind.TASK else {}
        contents = local.contents(kind, to_read, item_of)
        steps = []
        for local_id, entry in entries.items():
            link = mine.get(local_id) or matched.get(local_id)
            item = remote.get(link.item_id) if link is not None else None
            content = contents.get(local_id)
            stamp = content.fingerprint if content is not None else None
            state = sync_state(link, item, local_exists=True, local_fingerprint=stamp)
            steps.append(_Step(kind, state, entry, link, item, content, local_id in matched))
        for link in mine.values():
            if link.local_id not in entries:
                item = remote.get(link.item_id)
                state = sync_state(link, item, local_exists=False, local_fingerprint=None)
                steps.append(_Step(kind, state, None, link, item))
        for item in remote.values():
            if item.item_id not in linked_items:
                state = sync_state(None, item, local_exists=False, local_fingerprint=None)
                steps.append(_Step(kind, state, None, None, item))
        return steps

    def _pull_plan(
        self, local: LocalLibrary, kind: ItemKind, items: Sequence[RemoteItem]
    ) -> list[_Step]:
        """The library items a pull saw changed, with the laptop's side of each."""
        remote = [i for i in items if i.kind is kind]
        links = local.links_to(kind, [i.item_id for i in remote])
        unlinked = [i.key for i in remote if i.key and i.item_id not in links]
        entries = dict(local.entries(kind, [link.local_id for link in links.values()]))
        entries.update({e.local_id: e for e in local.unlinked_by_key(kind, unlinked).values()})
        return self._steps(
            local, kind, entries, list(links.values()), remote, lambda: _task_items(local)
        )

    def _publish_plan(
        self, local: LocalLibrary, remote: RemoteLibrary, kind: ItemKind
    ) -> list[_Step]:
        """The laptop's new and changed items, with the library's side of each."""
        entries = local.changed_entries(kind)
        links = local.links_from(kind, entries)
        linked = {link.local_id for link in links}
        keys = [e.key for e in entries.values() if e.key and e.local_id not in linked]
        items = remote.items_by_id([link.item_id for link in links])
        if kind is not ItemKind.PLAN_TEMPLATE and keys:
            items += remote.items_by_key(kind, keys)
        return self._steps(local, kind, entries, links, items, lambda: _task_items(local))

    def _keep_links(self, local: LocalLibrary, steps: Sequence[_Step]) -> None:
        """Write down what both sides already agree on (same content reached separately, a
        starter item found by its slug), so it is not compared again."""
        now = self._now()
        for step in steps:
            link, item, entry = step.link, step.remote, step.local
            if link is None or item is None or entry is None:
                continue
            if step.state is SyncState.IN_SYNC and (
                link.version != item.head
                or link.local_updated_at != entry.updated_at
                or step.provisional
            ):
                # The link keeps the laptop's own fingerprint (a laptop without some skill
                # keeps a task without it): the one just read, or the one agreed before.
                stamp = step.content.fingerprint if step.content else link.fingerprint
                local.record_link(
                    step.kind, entry.local_id, item.item_id, item.head, stamp,
                    entry.updated_at, now,
                )  # fmt: skip
                step.link = replace(link, version=item.head, fingerprint=stamp)
            elif step.provisional:
                local.record_link(step.kind, entry.local_id, item.item_id, 0, "", NEVER, now)

    # -- moving one item -------------------------------------------------------------------
    def _publish_one(
        self, remote: RemoteLibrary, me: str, step: _Step, report: _Report
    ) -> Link | None:
        """Send one item (one server transaction); the link the laptop must note for it."""
        kind, entry, content = step.kind, step.local, step.content
        if step.state is SyncState.CONFLICT:
            report.conflicts.append(Moved(kind, step.title, "conflict", _item(step)))
            return None
        if step.state not in (SyncState.LOCAL_NEW, SyncState.LOCAL_CHANGED):
            return None
        if entry is None or content is None:
            return None
        item, link = step.remote, step.link
        if step.state is SyncState.LOCAL_CHANGED and item is not None and link is not None:
            if item.owner == me:
                published = remote.add_version(item.item_id, link.version, content)
                if published is None:
                    report.conflicts.append(Moved(kind, step.title, "conflict", item.item_id))
                    return None
                what = f"new version {published.version}"
            else:
                # A colleague's item: the teacher's edit becomes their own item; theirs stays.
                published = remote.create(replace(content, key=None))
                what = f"published as your own copy of {item.owner}'s"
        else:
            published = remote.create(content)
            what = "published"
        report.moved.append(Moved(kind, content.title, what, published.item_id))
        return Link(
            kind, entry.local_id, published.item_id, published.version, published.fingerprint,
            entry.updated_at,
        )  # fmt: skip

    def _apply(
        self,
        address: ServerAddress,
        kind: ItemKind,
        versions: Sequence[RemoteVersion],
        steps: dict[str, _Step],
        report: _Report,
    ) -> None:
        """Write one chunk of library versions to the laptop in one transaction."""
        now = self._now()
        with self._store.unit_of_work() as session:
            local = LocalLibrary(session, address.identity)
            if kind is ItemKind.TASK:
                self._apply_tasks(local, versions, steps, report, now)
                return
            task_of = {k.item_id: k.local_id for k in local.links(ItemKind.TASK)}
            for version in versions:
                step = steps[version.item.item_id]
                local_id = step.link.local_id if step.link is not None else None
                nested = session.begin_nested()
                try:
                    if kind is ItemKind.UNIT:
                        applied = local.apply_unit(
                            version.content.content, version.item.key, local_id, task_of, now
                        )
                    else:
                        applied = local.apply_template(
                            version.content.content, version.item.owner, local_id, task_of, now
                        )
                except ValidationError as exc:
                    nested.rollback()
                    report.failed.append(Moved(kind, version.item.title, str(exc), _item(step)))
                    continue
                nested.commit()
                self._linked(local, kind, version.item, applied, now)
                what = "pulled" if local_id is None else f"updated to version {version.item.head}"
                report.moved.append(Moved(kind, version.item.title, what, version.item.item_id))

    def _apply_tasks(
        self,
        local: LocalLibrary,
        versions: Sequence[RemoteVersion],
        steps: dict[str, _Step],
        report: _Report,
        now: datetime,
    ) -> None:
        skill_ids = local.skill_ids()
        free = local.free_slugs(ItemKind.TASK, (v.item.key or "" for v in versions))
        new: list[tuple[RemoteItem, TaskSpec]] = []
        for version in versions:
            step = steps[version.item.item_id]
            item = version.item
            slug = item.key if item.key in free else None
            try:
                spec = task_spec(version.content.content, version.content.image, slug)
            except ValidationError as exc:
                report.failed.append(Moved(ItemKind.TASK, item.title, str(exc), item.item_id))
                continue
            if step.link is None:
                free.discard(slug or "")
                new.append((item, spec))
                continue
            applied = local.update_task(step.link.local_id, spec, skill_ids, now)
            self._linked(local, ItemKind.TASK, item, applied, now)
            report.moved.append(
                Moved(ItemKind.TASK, item.title, f"updated to version {item.head}", item.item_id)
            )
        created = local.create_tasks([spec for _, spec in new], skill_ids, now)
        local.record_links(
            [
                Link(
                    ItemKind.TASK, a.local_id, item.item_id, item.head, a.fingerprint, a.updated_at
                )
                for (item, _), a in zip(new, created, strict=True)
            ],
            now,
        )
        report.moved.extend(Moved(ItemKind.TASK, i.title, "pulled", i.item_id) for i, _ in new)

    def _linked(
        self, local: LocalLibrary, kind: ItemKind, item: RemoteItem, applied: Applied,
        now: datetime,
    ) -> None:  # fmt: skip
        local.record_link(
            kind, applied.local_id, item.item_id, item.head, applied.fingerprint,
            applied.updated_at, now,
        )  # fmt: skip


def _not_set_up() -> MathroomError:
    return MathroomError(
        "The department library is not set up on this server (or you are not one of its "
        "teachers): ask the department lead to run `mathroom library init`."
    )


def _task_items(local: LocalLibrary) -> dict[int, str]:
    """Every local task's library item (what a unit's or template's content names)."""
    return {link.local_id: link.item_id for link in local.links(ItemKind.TASK)}


def _entry(step: _Step) -> LibraryEntry:
    item = step.remote
    return LibraryEntry(
        kind=step.kind,
        title=step.title,
        state=step.state,
        item_id=item.item_id if item else None,
        owner=item.owner if item else None,
        published_at=item.published_at if item else None,
        version=item.head if item else None,
        retired_by=item.retired_by if item else None,
    )


def _item(step: _Step) -> str | None:
    return step.remote.item_id if step.remote is not None else None


def _check_item_id(item_id: str) -> None:
    import uuid

    try:
        uuid.UUID(item_id)
    except ValueError:
        raise ValidationError("item", f"{item_id!r} is not a library item id") from None


def _lost(address: ServerAddress, exc: DBAPIError, report: _Report) -> str:
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    return (
        f"The connection to {address.display} was lost ({detail}) after {len(report.moved)} "
        "items; every other item is as it was on both sides. Run it again to finish."
    )
