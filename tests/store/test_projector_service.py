"""Projector scenes from the demo classroom: the right scenes in the right order, present
students only, and nothing private in any field."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from types import UnionType

import pytest

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.ids import PeriodId
from mathroom.domain.plan import BlockKind, PlanBlock
from mathroom.domain.roster import DisplayNameStyle, Period
from mathroom.paths import DataFolder
from mathroom.services import projector
from mathroom.services.attendance import AttendanceService
from mathroom.services.classroom import ClassroomService
from mathroom.services.plans import PlanService
from mathroom.services.projector import (
    AgendaScene,
    GroupRevealScene,
    NamePickerScene,
    ProjectorService,
    Scene,
    TaskScene,
    TimerScene,
)
from mathroom.services.roster import RosterService
from mathroom.services.safety import SafetyNet
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.unit_of_work import Store
from tests.store.transactions import counted_transactions

LEVEL_WORDS = ("Not yet", "Getting there", "Got it", "Extending")
SCENE_TYPES = (AgendaScene, GroupRevealScene, TaskScene, TimerScene, NamePickerScene)
# Every field a scene (or a part of one) may have: display names, labels and task content.
ALLOWED_FIELDS = {
    "key", "block", "heading", "subheading", "items", "title", "minutes", "starts_at",
    "tiles", "label", "seats", "name", "role", "kicker", "prompt", "hints", "extensions",
    "image", "image_type", "rounds", "seconds", "then", "names", "groups",
}  # fmt: skip


def service(store: Store) -> ProjectorService:
    return ProjectorService(store)


def first_period(store: Store) -> Period:
    return ClassroomService(store).overview().periods[0]


def strings(value: object) -> Iterator[str]:
    """Every string inside a scene, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from strings(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from strings(getattr(value, field.name))


def all_text(scenes: tuple[Scene, ...]) -> str:
    return "\n".join(s for scene in scenes for s in strings(scene))


def leaf_types(hint: object) -> Iterator[object]:
    origin = typing.get_origin(hint)
    if origin in (tuple, typing.Union, UnionType):
        for arg in typing.get_args(hint):
            if arg is not Ellipsis:
                yield from leaf_types(arg)
    else:
        yield hint


def test_scenes_can_only_carry_names_labels_and_task_content() -> None:
    seen: set[type] = set()
    pending: list[type] = list(SCENE_TYPES)
    while pending:
        kind = pending.pop()
        if kind in seen:
            continue
        seen.add(kind)
        assert dataclasses.is_dataclass(kind)
        assert kind.__dataclass_params__.frozen  # type: ignore[attr-defined]  # dataclass meta
        names = {field.name for field in dataclasses.fields(kind)}
        assert names <= ALLOWED_FIELDS, f"{kind.__name__} grew {names - ALLOWED_FIELDS}"
        hints = typing.get_type_hints(kind, vars(projector))
        for hint in hints.values():
            for leaf in leaf_types(hint):
                assert leaf in (str, int, bytes) or dataclasses.is_dataclass(leaf), (kind, hint)
                if dataclasses.is_dataclass(leaf) and isinstance(leaf, type):
                    pending.append(leaf)


def test_the_demo_day_runs_agenda_then_each_blocks_scenes(
    demo_store: Store, school_day: date
) -> None:
    period = first_period(demo_store)
    scenes = service(demo_store).scenes(period.id, school_day)
    assert isinstance(scenes[0], AgendaScene)
    agenda = scenes[0]
    assert agenda.heading == f"Welcome, {period.name}!"
    titles = [item.title for item in agenda.items]
    # The pull is teacher-only and runs inside the stations: it is not on the agenda.
    assert titles[:3] == ["Warm-up", "Whiteboard stations", "Gallery walk"]
    assert not any("Pull" in title for title in titles)
    assert agenda.items[0].starts_at == "8:05"
    assert [s.block for s in scenes[1:]] == sorted(s.block for s in scenes[1:])
    assert len({s.key for s in scenes}) == len(scenes)
    kinds = [type(s) for s in scenes if s.block == 1]
    assert kinds[0] is GroupRevealScene and kinds[-1] is TimerScene
    assert kinds.count(TaskScene) == 2  # one per board task (two, each on three boards)
    every_block = {item.block for item in agenda.items}
    assert every_block == {s.block for s in scenes if isinstance(s, TimerScene)}
    reveal = next(s for s in scenes if isinstance(s, GroupRevealScene))
    assert [t.label for t in reveal.tiles] == [f"Whiteboard {n}" for n in range(1, 7)]
    for tile in reveal.tiles:
        names = [seat.name for seat in tile.seats]
        assert names == sorted(names, key=str.casefold)  # order gives nothing away
    pickers = [s for s in scenes if isinstance(s, NamePickerScene)]
    assert pickers and all(p.groups == tuple(t.label for t in reveal.tiles) for p in pickers)


def test_a_scene_list_reads_one_snapshot_in_one_transaction(
    demo_store: Store, school_day: date
) -> None:
    period = first_period(demo_store)
    with counted_transactions(demo_store) as begun:
        scenes = service(demo_store).scenes(period.id, school_day)
    assert len(begun) == 1
    kinds = {type(scene) for scene in scenes}
    assert kinds == set(SCENE_TYPES)  # agenda, groups, tasks, timers and pickers all read


def test_tasks_bring_prompt_hints_and_extensions_but_never_answers_or_notes(
    demo_store: Store,
    school_day: date,
) -> None:
    period = first_period(demo_store)
    scenes = service(demo_store).scenes(period.id, school_day)
    tasks = {t.title: t for t in ClassroomService(demo_store).tasks()}
    shown = [s for s in scenes if isinstance(s, TaskScene)]
    assert len(shown) >= 4  # warm-up, two board tasks, practice or exit ticket
    text = all_text(scenes)
    for scene in shown:
        spec = tasks[scene.title].spec
        assert scene.prompt == spec.prompt
        assert scene.extensions == spec.extensions
        assert scene.hints == tuple(h for h in (spec.start, *spec.hints) if h)
        for private in (spec.answer, spec.teacher_notes):
            if private and private.strip():
                assert private not in text
    assert any(s.kicker == "Whiteboards 2, 4 and 6" for s in shown)  # a task on three boards


def test_absent_students_are_left_off_every_scene(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    period = first_period(demo_store)
    entries = ClassroomService(demo_store).roster(period.id)
    absent = entries[2]
    AttendanceService(demo_store, lambda: now).set_status(
        period.id, absent.student.id, school_day, AttendanceStatus.ABSENT
    )
    scenes = service(demo_store).scenes(period.id, school_day)
    assert absent.display_name not in all_text(scenes).split("\n")
    picker = next(s for s in scenes if isinstance(s, NamePickerScene))
    assert set(picker.names) == {e.display_name for e in entries} - {absent.display_name}
    reveal = next(s for s in scenes if isinstance(s, GroupRevealScene))
    seated = [seat.name for tile in reveal.tiles for seat in tile.seats]
    assert sorted(seated) == sorted(picker.names)


def test_names_follow_the_display_name_setting(
    demo_store: Store, demo_folder: DataFolder, school_day: date, now: datetime
) -> None:
    period = first_period(demo_store)
    roster = RosterService(demo_store, SafetyNet(demo_folder, lambda: now), lambda: now)
    roster.set_display_style(DisplayNameStyle.FIRST_LAST)
    entries = ClassroomService(demo_store).roster(period.id)
    scenes = service(demo_store).scenes(period.id, school_day)
    picker = next(s for s in scenes if isinstance(s, NamePickerScene))
    assert set(picker.names) == {e.student.full_name for e in entries}


def test_nothing_private_reaches_any_scene(demo_store: Store, school_day: date) -> None:
    text = ""
    for period in ClassroomService(demo_store).overview().periods:
        text += all_text(service(demo_store).scenes(period.id, school_day))
    for word in LEVEL_WORDS:
        assert word not in text
    classroom = ClassroomService(demo_store)
    for period in classroom.overview().periods:
        for entry in classroom.roster(period.id):
            number = entry.student.student_number
            assert not number or number not in text
        with demo_store.unit_of_work() as session:
            reasons = [c.reason for c in GroupRepository(session).constraints(period.id)]
        assert reasons and all(r not in text for r in reasons if r.strip())
        plan = classroom.plans(period.id, school_day, school_day)[0]
        for block in plan.blocks:
            if block.kind is BlockKind.SMALL_GROUP:
                assert block.heading not in text  # who is pulled, and for what skill
    assert "fresh_mix" not in text  # how the groups were made


def test_a_rotation_counts_down_each_round_and_says_move_on(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    period = first_period(demo_store)
    plans = PlanService(demo_store, lambda: now)
    plan = plans.plan(period.id, school_day)
    assert plan is not None
    blocks = [
        dataclasses.replace(b, minutes=25, rotation_minutes=8)
        if b.kind is BlockKind.STATIONS
        else b
        for b in plan.blocks
    ]
    plans.save_plan(period.id, school_day, blocks, notes="Watch the back table (teacher only)")
    scenes = service(demo_store).scenes(period.id, school_day)
    timer = next(s for s in scenes if isinstance(s, TimerScene) and s.block == 1)
    assert [r.label for r in timer.rounds] == [
        "Round 1 of 3",
        "Round 2 of 3",
        "Round 3 of 3",
        "Wrap-up",
    ]
    assert [r.seconds for r in timer.rounds] == [480, 480, 480, 60]
    assert timer.rounds[0].then == "Move to the next station"
    assert sum(r.seconds for r in timer.rounds) == 25 * 60
    assert "Watch the back table" not in all_text(scenes)


def test_a_day_without_a_plan_still_has_an_agenda_and_a_picker(
    demo_store: Store, school_day: date
) -> None:
    period = first_period(demo_store)
    someday = school_day + timedelta(days=60)
    scenes = service(demo_store).scenes(period.id, someday)
    assert [type(s) for s in scenes] == [AgendaScene, NamePickerScene]
    assert isinstance(scenes[0], AgendaScene) and scenes[0].items == ()


@pytest.mark.parametrize("kind", [BlockKind.WARMUP, BlockKind.CLOSING])
def test_sharing_blocks_get_a_name_picker(
    demo_store: Store, kind: BlockKind, school_day: date, now: datetime
) -> None:
    period = first_period(demo_store)
    on = school_day + timedelta(days=60)
    PlanService(demo_store, lambda: now).save_plan(PeriodId(period.id), on, [PlanBlock(kind, 5)])
    scenes = service(demo_store).scenes(period.id, on)
    assert [type(s) for s in scenes] == [AgendaScene, TimerScene, NamePickerScene]
