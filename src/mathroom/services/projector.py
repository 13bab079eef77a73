"""What the projector may show: scenes built only from display names and task content.

No scene has a field for levels, evidence, notes, constraint reasons or student numbers, and
every field holds plain strings, numbers or image bytes, so nothing private can travel to the
projector window. Absent students are left off; names follow the display-name setting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from mathroom.domain.errors import ValidationError
from mathroom.domain.groups import GroupSet
from mathroom.domain.ids import PeriodId, StudentId, TaskId
from mathroom.domain.plan import TEACHER_TIME_KINDS, BlockKind, PlanBlock
from mathroom.domain.plan_schedule import rotation_schedule
from mathroom.domain.projects import project_kicker
from mathroom.domain.tasks import Task
from mathroom.services.classroom import current_period, present_names
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.unit_of_work import Store

# Blocks whose minutes run out with the room told to move on (when they have rotations).
_MOVE_WORDS = {
    BlockKind.STATIONS: "Move to the next station",
    BlockKind.GALLERY_WALK: "Move to the next board",
}
# Blocks that end with someone sharing: they get a name picker.
_SHARING = (BlockKind.WARMUP, BlockKind.CLOSING)
TIMES_UP = "Time’s up"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    block: int  # position in the scene list's blocks (0 = the first block)
    title: str
    minutes: int
    starts_at: str  # "8:05", or "" when the period has no bell time


@dataclass(frozen=True, slots=True)
class AgendaScene:
    key: str
    heading: str
    subheading: str
    items: tuple[AgendaItem, ...]
    block: int = -1  # the agenda belongs to no block


@dataclass(frozen=True, slots=True)
class Seat:
    name: str  # display name
    role: str = ""  # a rotating role ("marker"), when the group set uses them


@dataclass(frozen=True, slots=True)
class GroupTile:
    label: str  # "Whiteboard 3" or "Group 3": a number, never how the group was made
    seats: tuple[Seat, ...]  # in name order, so the order gives nothing away


@dataclass(frozen=True, slots=True)
class GroupRevealScene:
    key: str
    block: int
    title: str
    tiles: tuple[GroupTile, ...]


@dataclass(frozen=True, slots=True)
class TaskScene:
    key: str
    block: int
    kicker: str  # where the task is done: "Warm-up", "Whiteboards 1 and 4"
    title: str
    prompt: str  # Markdown with $...$ math
    hints: tuple[str, ...]  # revealed one at a time; the "to get started" question first
    extensions: tuple[str, ...]  # "When you're done…"
    image: bytes = b""
    image_type: str = ""  # media type of ``image``


@dataclass(frozen=True, slots=True)
class TimerRound:
    label: str  # "Round 2 of 4", or "" for a block without rotations
    seconds: int
    then: str  # what the room is told when the round ends


@dataclass(frozen=True, slots=True)
class TimerScene:
    key: str
    block: int
    title: str
    minutes: int
    rounds: tuple[TimerRound, ...]


@dataclass(frozen=True, slots=True)
class NamePickerScene:
    key: str
    block: int
    title: str
    names: tuple[str, ...]  # present students' display names
    groups: tuple[str, ...]  # today's group labels, for picking a group instead


Scene = AgendaScene | GroupRevealScene | TaskScene | TimerScene | NamePickerScene


class ProjectorService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def scenes(self, period: PeriodId, on: date) -> tuple[Scene, ...]:
        """The day's scenes for one period: the agenda, then what each block needs.

        Read in one unit of work, so every scene shows the same state of the classroom.
        """
        with self._store.unit_of_work() as session:
            info = current_period(session, period)
            plan = PlanRepository(session).plan(period, on)
            names = present_names(session, period, on)
            timeline = plan.timeline(info.starts_at or time(0)) if plan else ()
            shown = [timed for timed in timeline if _projected(timed.block)]
            tasks = {task.id: task for task in TaskRepository(session).tasks()} if shown else {}
            groups = GroupRepository(session)
            wanted = {t.block.group_set_id for t in shown if t.block.group_set_id is not None}
            sets = {set_id: found for set_id in wanted if (found := groups.group_set(set_id))}
        items = tuple(
            AgendaItem(
                index,
                timed.block.heading,
                timed.block.minutes,
                _clock(timed.starts_at) if info.starts_at else "",
            )
            for index, timed in enumerate(shown)
        )
        result: list[Scene] = [
            AgendaScene("agenda", f"Welcome, {info.name}!", f"{on:%A, %B} {on.day}", items)
        ]
        group_labels: tuple[str, ...] = ()
        for index, timed in enumerate(shown):
            block = timed.block
            group_set = sets.get(block.group_set_id) if block.group_set_id is not None else None
            tiles = _tiles(block, group_set, names) if group_set is not None else ()
            if tiles:
                group_labels = group_labels or tuple(t.label for t in tiles if t.seats)
                result.append(GroupRevealScene(f"{index}:groups", index, "Today’s groups", tiles))
            result.extend(_task_scenes(index, block, tasks))
            result.append(_timer_scene(index, block, group_set))
            if block.kind in _SHARING:
                result.append(
                    NamePickerScene(
                        f"{index}:picker", index, "Who’s sharing?", tuple(names.values()), ()
                    )
                )
        if not shown:
            everyone = tuple(names.values())
            result.append(NamePickerScene("picker", -1, "Who’s sharing?", everyone, ()))
        # Every picker may pick a group once the day's groups are known.
        return tuple(
            _with_groups(scene, group_labels) if isinstance(scene, NamePickerScene) else scene
            for scene in result
        )


def _projected(block: PlanBlock) -> bool:
    """Pulls and 1-1 conferences are teacher-only (who needs what, who sits with the teacher),
    and blocks inside another share its clock."""
    return block.kind not in TEACHER_TIME_KINDS and not block.concurrent


def _clock(moment: time) -> str:
    return f"{moment.hour % 12 or 12}:{moment.minute:02d}"


def _tiles(
    block: PlanBlock, group_set: GroupSet, names: dict[StudentId, str]
) -> tuple[GroupTile, ...]:
    """One tile per station (or per group), with the present members by name."""
    by_number = {g.number: g for g in group_set.groups}

    def seats(number: int | None) -> tuple[Seat, ...]:
        group = by_number.get(number) if number is not None else None
        if group is None:
            return ()
        present = [m for m in group.members if m in names]
        found = (Seat(names[m], group.role_of(m) or "") for m in present)
        return tuple(sorted(found, key=lambda seat: seat.name.casefold()))

    if block.stations:
        return tuple(
            GroupTile(f"Whiteboard {station.number}", seats(station.group_number))
            for station in sorted(block.stations, key=lambda s: s.number)
        )
    return tuple(GroupTile(f"Group {g.number}", seats(g.number)) for g in group_set.groups)


def _task_scenes(index: int, block: PlanBlock, tasks: dict[TaskId, Task]) -> list[TaskScene]:
    scenes: list[TaskScene] = []
    for n, task_id in enumerate(block.task_ids):
        task = tasks.get(task_id)
        if task is None:
            continue
        boards = [s.number for s in block.stations if s.task_id == task_id]
        spec = task.spec
        image = spec.image
        scenes.append(
            TaskScene(
                key=f"{index}:task:{n}",
                block=index,
                kicker=_kicker(block, task, boards),
                title=spec.title,
                prompt=spec.prompt,
                hints=tuple(h for h in (spec.start, *spec.hints) if h and h.strip()),
                extensions=spec.extensions,
                image=image.data if image is not None else b"",
                image_type=image.media_type if image is not None else "",
            )
        )
    return scenes


def _kicker(block: PlanBlock, task: Task, boards: Sequence[int]) -> str:
    """Where the task is done: its whiteboards, the day of a project, or the block."""
    if boards:
        return _boards(boards)
    if block.kind is BlockKind.PROJECT and block.task_id == task.id:
        return project_kicker(task.spec, block.milestone or 0)
    return block.heading


def _boards(numbers: Sequence[int]) -> str:
    if len(numbers) == 1:
        return f"Whiteboard {numbers[0]}"
    listed = ", ".join(str(n) for n in numbers[:-1])
    return f"Whiteboards {listed} and {numbers[-1]}"


def _timer_scene(index: int, block: PlanBlock, group_set: GroupSet | None) -> TimerScene:
    """The block's countdown, split into rounds when groups rotate."""
    key, title = f"{index}:timer", block.heading
    every = block.rotation_minutes
    move = _MOVE_WORDS.get(block.kind)
    if every is None or move is None or block.minutes < 2 * every:
        whole = TimerRound("", block.minutes * 60, TIMES_UP)
        return TimerScene(key, index, title, block.minutes, (whole,))
    groups = len(group_set.groups) if group_set is not None else len(block.stations)
    stations = max(len(block.stations), groups)
    try:
        rounds = len(rotation_schedule(max(1, groups), max(1, stations), block.minutes, every))
    except ValidationError:
        rounds = block.minutes // every
    timed = [
        TimerRound(f"Round {n} of {rounds}", every * 60, move if n < rounds else TIMES_UP)
        for n in range(1, rounds + 1)
    ]
    spare = block.minutes - rounds * every
    if spare > 0:
        # Minutes after the last full round are for tidying up, so no round is cut short.
        last = timed[-1]
        timed[-1] = TimerRound(last.label, last.seconds, "Finish up and tidy your board")
        timed.append(TimerRound("Wrap-up", spare * 60, TIMES_UP))
    return TimerScene(key, index, title, block.minutes, tuple(timed))


def _with_groups(scene: NamePickerScene, groups: tuple[str, ...]) -> NamePickerScene:
    return NamePickerScene(scene.key, scene.block, scene.title, scene.names, groups)
