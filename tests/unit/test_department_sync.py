"""The department library's pure rules: fingerprints, where an item stands, what a task looks
like in the library and back, and the server address a teacher types."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.department import (
    ItemKind,
    Link,
    RemoteItem,
    SyncState,
    fingerprint,
    sync_state,
)
from mathroom.domain.department_content import (
    task_content,
    task_spec,
    template_blocks,
    template_content,
)
from mathroom.domain.errors import ValidationError
from mathroom.domain.tasks import TaskKind, TaskSpec
from mathroom.store.department.server import ServerAddress

pytestmark = pytest.mark.any_date

WHEN = datetime(2026, 11, 23, 7, 30)
text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20).filter(str.strip)


def _remote(head: int, stamp: str, *, retired: bool = False) -> RemoteItem:
    return RemoteItem(
        "1b4e28ba-2fa1-11d2-883f-0016d3cca427", ItemKind.TASK, None, "T", "ben", head, stamp,
        WHEN, WHEN if retired else None,
    )  # fmt: skip


@given(st.dictionaries(text, st.integers() | text, max_size=6))
def test_a_fingerprint_ignores_key_order(content: dict[str, object]) -> None:
    reordered = dict(reversed(list(content.items())))
    assert fingerprint(content) == fingerprint(reordered)
    assert fingerprint(content, b"\x89PNG") != fingerprint(content)


@given(
    version=st.integers(1, 5),
    head_moves=st.booleans(),
    local_edit=st.sampled_from(["none", "touched", "edited"]),
    same_change=st.booleans(),
)
def test_where_an_item_stands(
    version: int, head_moves: bool, local_edit: str, same_change: bool
) -> None:
    link = Link(ItemKind.TASK, 7, "x", version, "agreed", WHEN)
    remote_stamp = "agreed" if not head_moves else ("mine" if same_change else "theirs")
    remote = _remote(version + 1 if head_moves else version, remote_stamp)
    local = {"none": None, "touched": "agreed", "edited": "mine"}[local_edit]
    state = sync_state(link, remote, local_exists=True, local_fingerprint=local)
    changed_here = local_edit == "edited"
    if changed_here and head_moves:
        expected = SyncState.IN_SYNC if same_change else SyncState.CONFLICT
    elif changed_here:
        expected = SyncState.LOCAL_CHANGED
    elif head_moves:
        expected = SyncState.REMOTE_CHANGED
    else:
        expected = SyncState.IN_SYNC
    assert state is expected


def test_new_retired_and_archived_items() -> None:
    link = Link(ItemKind.TASK, 7, "x", 1, "a", WHEN)
    assert sync_state(None, None, local_exists=True, local_fingerprint="a") is SyncState.LOCAL_NEW
    assert (
        sync_state(None, _remote(1, "a"), local_exists=False, local_fingerprint=None)
        is SyncState.REMOTE_NEW
    )
    retired = _remote(2, "b", retired=True)
    assert sync_state(link, retired, local_exists=True, local_fingerprint="c") is SyncState.RETIRED
    assert (
        sync_state(link, _remote(2, "b"), local_exists=False, local_fingerprint=None)
        is SyncState.SET_ASIDE
    )


@given(
    title=text,
    prompt=text,
    kind=st.sampled_from(TaskKind),
    hints=st.lists(text, max_size=3),
    codes=st.lists(st.sampled_from(["7.RP.A.1", "7.EE.B.4", "6.NS.B.2"]), unique=True),
    minutes=st.none() | st.integers(1, 240),
)
def test_a_task_comes_back_from_the_library_as_it_went(
    title: str,
    prompt: str,
    kind: TaskKind,
    hints: list[str],
    codes: list[str],
    minutes: int | None,
) -> None:
    spec = TaskSpec(
        title, kind, prompt, hints=tuple(hints), skill_codes=tuple(sorted(codes)), minutes=minutes
    )
    shared = task_content(spec)
    assert task_spec(shared.content, shared.image, None) == spec


def test_a_damaged_task_names_its_field() -> None:
    shared = task_content(TaskSpec("Tiles", TaskKind.WARMUP, "How many?"))
    with pytest.raises(ValidationError, match="minutes"):
        task_spec({**shared.content, "minutes": "ten"}, None, None)
    with pytest.raises(ValidationError, match="kind"):
        task_spec({**shared.content, "kind": "lecture"}, None, None)


def test_a_template_names_tasks_by_library_item_both_ways() -> None:
    blocks = [{"kind": "stations", "minutes": 30, "task_id": 4, "station_tasks": [4, 9, None]}]
    shared = template_content("Stations", blocks, {4: "item-4"}.get)
    assert shared.content["blocks"] == [
        {
            "kind": "stations",
            "minutes": 30,
            "task": "item-4",
            "station_tasks": ["item-4", None, None],
        }
    ]
    name, local = template_blocks(shared.content, {"item-4": 40}.get)
    assert (name, local) == (
        "Stations",
        [{"kind": "stations", "minutes": 30, "task_id": 40, "station_tasks": [40, None, None]}],
    )


def test_the_server_address() -> None:
    plain = ServerAddress.parse("postgresql://ben@db.school.org/maths")
    assert (plain.user, plain.identity, plain.teacher_role) == (
        "ben", "db.school.org:5432/maths", "maths_teacher",
    )  # fmt: skip
    tls = ServerAddress.parse("postgresql://ben@db.school.org:6432/maths", require_tls=True)
    assert tls.url.query["sslmode"] == "require" and tls.identity.endswith(":6432/maths")
    assert tls.text == "postgresql://ben@db.school.org:6432/maths?sslmode=require"
    for bad, field in (
        ("postgresql://db.school.org/maths", "USER@HOST/DB"),
        ("postgresql://ben@db.school.org", "USER@HOST/DB"),
        ("postgresql://ben@db/maths?sslmode=sometimes", "sslmode"),
        ("not an address", "postgresql://"),
    ):
        with pytest.raises(ValidationError, match=field):
            ServerAddress.parse(bad)
    with pytest.raises(ValidationError, match="contradicts"):
        ServerAddress.parse("postgresql://ben@db/maths?sslmode=disable", require_tls=True)
