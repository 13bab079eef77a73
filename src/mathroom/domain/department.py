"""The department library's items and the rule that decides, item by item, what a publish or
a pull does with them. Pure: no database, no network, no clock.

An item is a task, a unit, a plan template or a task pack, published as a whole, in
versions. The laptop remembers, for each local item it shares, the library item and version
it last agreed with and the content's fingerprint then (a :class:`Link`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class ItemKind(StrEnum):
    TASK = "task"
    UNIT = "unit"
    PLAN_TEMPLATE = "plan_template"
    TASK_PACK = "task_pack"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ItemKind.TASK: "Task",
    ItemKind.UNIT: "Unit",
    ItemKind.PLAN_TEMPLATE: "Plan template",
    ItemKind.TASK_PACK: "Task pack",
}

# Local items are published in this order, so a unit or template finds its tasks published.
PUBLISH_ORDER = (ItemKind.TASK, ItemKind.UNIT, ItemKind.PLAN_TEMPLATE)


def fingerprint(content: Mapping[str, Any], image: bytes | None = None) -> str:
    """A SHA-256 of the content (key order does not count) and the image's bytes."""
    digest = hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    )
    digest.update(b"\x00" + (image if image is not None else b"\x00no image"))
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class ItemContent:
    """What travels for one item: its JSON content and (tasks only) a diagram."""

    kind: ItemKind
    title: str
    content: Mapping[str, Any]
    image: bytes | None = None
    key: str | None = None  # a starter item's slug, shared by every laptop

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.content, self.image)


@dataclass(frozen=True, slots=True)
class RemoteItem:
    """An item as the library lists it (its newest version), without its content."""

    item_id: str
    kind: ItemKind
    key: str | None
    title: str
    owner: str
    head: int
    fingerprint: str
    published_at: datetime
    retired_at: datetime | None = None
    retired_by: str | None = None

    @property
    def retired(self) -> bool:
        return self.retired_at is not None


@dataclass(frozen=True, slots=True)
class Link:
    """The laptop's note that local item ``local_id`` is library item ``item_id``, as of
    ``version``, when its content had ``fingerprint`` and was last changed at ``local_updated_at``.
    """

    kind: ItemKind
    local_id: int
    item_id: str
    version: int  # 0: linked by slug or name, never yet agreed on a version
    fingerprint: str
    local_updated_at: datetime


class SyncState(StrEnum):
    IN_SYNC = "in sync"
    LOCAL_NEW = "new here"  # on the laptop only: a publish creates it
    LOCAL_CHANGED = "changed here"  # a publish sends a new version (or the teacher's own copy)
    REMOTE_NEW = "new in the library"  # a pull brings it
    REMOTE_CHANGED = "changed in the library"  # a pull applies the new version
    CONFLICT = "conflict"  # changed on both sides: the teacher chooses
    RETIRED = "retired"  # a lead retired it: a pull leaves the laptop's copy alone
    SET_ASIDE = "archived here"  # archived or deleted on the laptop: left alone both ways


def sync_state(
    link: Link | None,
    remote: RemoteItem | None,
    *,
    local_exists: bool,
    local_fingerprint: str | None,
) -> SyncState:
    """Where one item stands. ``local_fingerprint`` is the local content's fingerprint now
    (None when unknown because the local item was not changed since the link was made)."""
    if remote is not None and remote.retired:
        return SyncState.RETIRED
    if link is None or remote is None:
        if remote is not None:
            return SyncState.REMOTE_NEW
        return SyncState.LOCAL_NEW if local_exists else SyncState.IN_SYNC
    if not local_exists:
        return SyncState.SET_ASIDE  # the teacher archived it: a pull does not bring it back
    local_changed = local_fingerprint is not None and local_fingerprint != link.fingerprint
    remote_changed = remote.head != link.version
    if local_changed and remote_changed:
        if local_fingerprint == remote.fingerprint:
            return SyncState.IN_SYNC  # both sides made the same change
        return SyncState.CONFLICT
    if local_changed:
        return SyncState.LOCAL_CHANGED
    if remote_changed:
        if link.fingerprint == remote.fingerprint:
            return SyncState.IN_SYNC  # a version with nothing new for this laptop
        return SyncState.REMOTE_CHANGED
    return SyncState.IN_SYNC


class Resolution(StrEnum):
    """The teacher's choice for a conflict."""

    KEEP_MINE = "mine"  # the laptop's version stays; the next publish sends it
    TAKE_LIBRARY = "library"  # the library's version replaces the laptop's


@dataclass(frozen=True, slots=True)
class Moved:
    """One item a publish or pull moved (or could not): what the command line prints."""

    kind: ItemKind
    title: str
    what: str  # "published", "new version 3", "pulled", "updated", "conflict", ...
    item_id: str | None = None


@dataclass(frozen=True, slots=True)
class SyncReport:
    moved: tuple[Moved, ...] = ()
    conflicts: tuple[Moved, ...] = ()
    failed: tuple[Moved, ...] = ()

    @property
    def count(self) -> int:
        return len(self.moved)
