"""Reads and writes on the department library's server, one item whole per transaction.

The server's own rules (row-level security, triggers) decide who may do what; this module
turns their refusals into answers a teacher can read.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from mathroom.domain.department import ItemContent, ItemKind, RemoteItem
from mathroom.domain.errors import MathroomError
from mathroom.store.department.server_tables import item, item_version

FETCH_CHUNK = 1000  # items read per query in a pull

# The item's head moves on and its new version is written in one statement (one round trip).
_NEW_VERSION = text(
    "WITH moved AS ("
    " UPDATE mathroom.item SET head = :base + 1, title = :title, fingerprint = :stamp,"
    " published_at = :at"
    " WHERE id = :id AND head = :base AND retired_at IS NULL RETURNING id, head)"
    " INSERT INTO mathroom.item_version"
    " (item_id, version, content, image, fingerprint, published_at)"
    " SELECT id, head, CAST(:content AS jsonb), :image, :stamp, :at FROM moved"
    " RETURNING version"
)

_LISTED = select(
    item.c.id,
    item.c.kind,
    item.c.key,
    item.c.title,
    item.c.owner,
    item.c.head,
    item.c.fingerprint,
    item.c.published_at,
    item.c.retired_at,
    item.c.retired_by,
)


class PublishRefusedError(MathroomError):
    """The server refused one item (not the teacher's, retired, or not allowed)."""


@dataclass(frozen=True, slots=True)
class RemoteVersion:
    item: RemoteItem
    content: ItemContent


@dataclass(frozen=True, slots=True)
class Published:
    item_id: str
    version: int
    fingerprint: str


def _remote(row: Any) -> RemoteItem:
    return RemoteItem(
        item_id=str(row.id),
        kind=ItemKind(row.kind),
        key=row.key,
        title=row.title,
        owner=row.owner,
        head=row.head,
        fingerprint=row.fingerprint,
        published_at=row.published_at,
        retired_at=row.retired_at,
        retired_by=row.retired_by,
    )


class RemoteLibrary:
    """The library on one open connection; each write is its own transaction. Publication
    and retirement times come from the app's one clock (``now``), like every other date."""

    def __init__(self, connection: Connection, now: Callable[[], datetime]) -> None:
        self._connection = connection
        self._now = now

    def _at(self) -> datetime:
        return self._now().astimezone()  # the laptop's local time, with its offset

    @property
    def user(self) -> str:
        with self._reading():
            return str(self._connection.execute(text("SELECT current_user")).scalar_one())

    def items(self) -> list[RemoteItem]:
        """Every item's newest version (retired ones too), without content: one query."""
        with self._reading():
            rows = self._connection.execute(_LISTED.order_by(item.c.kind, item.c.title))
            return [_remote(row) for row in rows]

    def changed_since(self, mark: int | None) -> tuple[list[RemoteItem], int]:
        """The items written since ``mark`` (all of them for None), and the mark to pass next
        time: the oldest transaction still running now, so nothing committed later is missed.
        """
        with self._reading():
            now = self._connection.execute(
                text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
            ).scalar_one()
            query = _LISTED
            if mark is not None:
                query = query.where(text("changed_xact >= CAST(CAST(:mark AS text) AS xid8)"))
            rows = self._connection.execute(query, {"mark": mark} if mark is not None else {})
            return [_remote(row) for row in rows], int(now)

    def items_by_id(self, item_ids: Sequence[str]) -> list[RemoteItem]:
        return self._some(item.c.id, [uuid.UUID(i) for i in item_ids])

    def items_by_key(self, kind: ItemKind, keys: Sequence[str]) -> list[RemoteItem]:
        return [i for i in self._some(item.c.key, list(keys)) if i.kind is kind]

    def _some(self, column: Any, values: list[Any]) -> list[RemoteItem]:
        found: list[RemoteItem] = []
        with self._reading():
            for start in range(0, len(values), FETCH_CHUNK):
                chunk = values[start : start + FETCH_CHUNK]
                rows = self._connection.execute(_LISTED.where(column.in_(chunk)))
                found.extend(_remote(row) for row in rows)
        return found

    def fetch(self, wanted: Sequence[RemoteItem]) -> Iterator[list[RemoteVersion]]:
        """The content of ``wanted`` at their listed versions, a chunk at a time."""
        for start in range(0, len(wanted), FETCH_CHUNK):
            chunk = wanted[start : start + FETCH_CHUNK]
            by_id = {uuid.UUID(r.item_id): r for r in chunk}
            with self._reading():
                rows = self._connection.execute(
                    text(
                        "SELECT v.item_id, v.content, v.image FROM mathroom.item_version v "
                        "JOIN unnest(CAST(:ids AS uuid[]), CAST(:versions AS integer[])) "
                        "AS w(id, version) ON v.item_id = w.id AND v.version = w.version"
                    ),
                    {"ids": list(by_id), "versions": [r.head for r in by_id.values()]},
                )
                found = []
                for item_id, content, image in rows:
                    remote = by_id[item_id]
                    found.append(
                        RemoteVersion(
                            remote, ItemContent(remote.kind, remote.title, content, image)
                        )
                    )
            yield found

    def create(self, content: ItemContent) -> Published:
        """A new item owned by the signed-in teacher, version 1, in one transaction."""
        stamp, at = content.fingerprint, self._at()
        try:
            with self._connection.begin():
                item_id = self._connection.execute(
                    insert(item)
                    .values(
                        kind=content.kind.value,
                        key=content.key,
                        title=content.title[:200],
                        head=1,
                        fingerprint=stamp,
                        published_at=at,
                    )
                    .returning(item.c.id)
                ).scalar_one()
                self._add_version(item_id, 1, content, stamp, at)
        except IntegrityError as exc:
            raise PublishRefusedError(f"{content.title}: already in the library") from exc
        except OperationalError:
            raise  # the connection, not the item: the caller stops
        except DBAPIError as exc:
            raise PublishRefusedError(f"{content.title}: {_first_line(exc)}") from exc
        return Published(str(item_id), 1, stamp)

    def add_version(self, item_id: str, base: int, content: ItemContent) -> Published | None:
        """Version ``base + 1`` of the teacher's own item, in one transaction; None when the
        library's newest version is no longer ``base`` (someone published meanwhile)."""
        stamp = content.fingerprint
        values = {
            "id": uuid.UUID(item_id),
            "base": base,
            "title": content.title[:200],
            "stamp": stamp,
            "content": json.dumps(dict(content.content), ensure_ascii=False),
            "image": content.image,
            "at": self._at(),
        }
        try:
            with self._connection.begin():
                moved = self._connection.execute(_NEW_VERSION, values).first()
        except OperationalError:
            raise
        except DBAPIError as exc:
            raise PublishRefusedError(f"{content.title}: {_first_line(exc)}") from exc
        if moved is None:
            return None
        return Published(item_id, base + 1, stamp)

    def retire(self, item_ids: Iterable[str]) -> int:
        """Retire items (a lead's right), all in one transaction; how many were retired."""
        keys = [uuid.UUID(i) for i in item_ids]
        try:
            with self._connection.begin():
                result = self._connection.execute(
                    update(item)
                    .where(and_(item.c.id.in_(keys), item.c.retired_at.is_(None)))
                    .values(retired_at=self._at())
                    .returning(item.c.id)
                )
                return len(result.all())
        except DBAPIError as exc:
            raise PublishRefusedError(f"retiring was refused: {_first_line(exc)}") from exc

    def _add_version(
        self, item_id: Any, version: int, content: ItemContent, stamp: str, at: datetime
    ) -> None:
        self._connection.execute(
            insert(item_version).values(
                item_id=item_id,
                version=version,
                content=dict(content.content),
                image=content.image,
                fingerprint=stamp,
                published_at=at,
            )
        )

    def _reading(self) -> Any:
        """A read-only transaction: a pull's lists and contents come from one consistent view
        of each chunk."""
        return _ReadOnly(self._connection)


class _ReadOnly:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def __enter__(self) -> None:
        self._transaction = self._connection.begin()
        self._connection.execute(text("SET TRANSACTION READ ONLY"))

    def __exit__(self, *exc: object) -> None:
        self._transaction.rollback()


def _first_line(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
