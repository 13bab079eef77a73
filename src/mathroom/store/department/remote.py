"""Reads and writes on the department library's server, one item whole per transaction.

The server's own rules (row-level security, triggers) decide who may do what; this module
turns their refusals into answers a teacher can read.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, text, tuple_, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from mathroom.domain.department import ItemContent, ItemKind, RemoteItem
from mathroom.domain.errors import MathroomError
from mathroom.store.department.server_tables import item, item_version

FETCH_CHUNK = 1000  # items read per query in a pull


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
    """The library on one open connection; each write is its own transaction."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    @property
    def user(self) -> str:
        with self._reading():
            return str(self._connection.execute(text("SELECT current_user")).scalar_one())

    def items(self) -> list[RemoteItem]:
        """Every item's newest version (retired ones too), without content: one query."""
        with self._reading():
            rows = self._connection.execute(select(item).order_by(item.c.kind, item.c.title))
            return [_remote(row) for row in rows]

    def fetch(self, wanted: Sequence[RemoteItem]) -> Iterator[list[RemoteVersion]]:
        """The content of ``wanted`` at their listed versions, a chunk at a time."""
        for start in range(0, len(wanted), FETCH_CHUNK):
            chunk = wanted[start : start + FETCH_CHUNK]
            by_key = {(uuid.UUID(r.item_id), r.head): r for r in chunk}
            with self._reading():
                rows = self._connection.execute(
                    select(
                        item_version.c.item_id,
                        item_version.c.version,
                        item_version.c.content,
                        item_version.c.image,
                    ).where(
                        tuple_(item_version.c.item_id, item_version.c.version).in_(list(by_key))
                    )
                )
                found = []
                for row in rows:
                    remote = by_key[(row.item_id, row.version)]
                    content = ItemContent(remote.kind, remote.title, row.content, row.image)
                    found.append(RemoteVersion(remote, content))
            yield found

    def create(self, content: ItemContent) -> Published:
        """A new item owned by the signed-in teacher, version 1, in one transaction."""
        stamp = content.fingerprint
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
                    )
                    .returning(item.c.id)
                ).scalar_one()
                self._add_version(item_id, 1, content, stamp)
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
        key = uuid.UUID(item_id)
        try:
            with self._connection.begin():
                moved = self._connection.execute(
                    update(item)
                    .where(and_(item.c.id == key, item.c.head == base, item.c.retired_at.is_(None)))
                    .values(
                        head=base + 1,
                        title=content.title[:200],
                        fingerprint=stamp,
                        published_at=func.now(),
                    )
                    .returning(item.c.head)
                ).first()
                if moved is None:
                    return None
                self._add_version(key, base + 1, content, stamp)
        except OperationalError:
            raise
        except DBAPIError as exc:
            raise PublishRefusedError(f"{content.title}: {_first_line(exc)}") from exc
        return Published(item_id, base + 1, stamp)

    def retire(self, item_ids: Iterable[str]) -> int:
        """Retire items (a lead's right), all in one transaction; how many were retired."""
        keys = [uuid.UUID(i) for i in item_ids]
        try:
            with self._connection.begin():
                result = self._connection.execute(
                    update(item)
                    .where(and_(item.c.id.in_(keys), item.c.retired_at.is_(None)))
                    .values(retired_at=func.now())
                    .returning(item.c.id)
                )
                return len(result.all())
        except DBAPIError as exc:
            raise PublishRefusedError(f"retiring was refused: {_first_line(exc)}") from exc

    def _add_version(self, item_id: Any, version: int, content: ItemContent, stamp: str) -> None:
        self._connection.execute(
            insert(item_version).values(
                item_id=item_id,
                version=version,
                content=dict(content.content),
                image=content.image,
                fingerprint=stamp,
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
