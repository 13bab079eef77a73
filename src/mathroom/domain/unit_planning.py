"""A day's tasks from a unit: the next fresh tasks in the unit's order for the warm-up, the
whiteboards, the practice and the exit ticket, a mix of board kinds, and never a task the
period had in the last few weeks unless the teacher allows repeats.

Pure: the service reads the unit, the task bank and the period's plans, and writes the
result. Everything here is deterministic (no clock, no randomness), so the same history
always gives the same days.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import TaskId
from mathroom.domain.plan import PULL_HOSTS, TEACHER_TIME_KINDS, BlockKind, PlanBlock, Station
from mathroom.domain.projects import with_project
from mathroom.domain.tasks import Task, TaskKind
from mathroom.domain.units import DEFAULT_REPEAT_WEEKS

# Tasks a group can work on at a whiteboard for one stations block.
BOARD_KINDS = frozenset({TaskKind.WHITEBOARD, TaskKind.DISCUSSION, TaskKind.MATH_ART})
NEVER = 10**6  # days since a task that was never planned: older than any real use


class Slot(StrEnum):
    """A place in a day that takes tasks of some kinds."""

    WARMUP = "warmup"
    BOARDS = "boards"
    PRACTICE = "practice"
    EXIT_TICKET = "exit_ticket"

    @property
    def label(self) -> str:
        return _SLOT_LABELS[self]

    @property
    def kinds(self) -> frozenset[TaskKind]:
        return _SLOT_KINDS[self]


_SLOT_LABELS = {
    Slot.WARMUP: "warm-up",
    Slot.BOARDS: "board task",
    Slot.PRACTICE: "practice task",
    Slot.EXIT_TICKET: "exit ticket",
}
_SLOT_KINDS = {
    Slot.WARMUP: frozenset({TaskKind.WARMUP}),
    Slot.BOARDS: BOARD_KINDS,
    Slot.PRACTICE: frozenset({TaskKind.PRACTICE}),
    Slot.EXIT_TICKET: frozenset({TaskKind.EXIT_TICKET}),
}
_BLOCK_SLOTS = {
    BlockKind.WARMUP: Slot.WARMUP,
    BlockKind.PRACTICE: Slot.PRACTICE,
    BlockKind.EXIT_TICKET: Slot.EXIT_TICKET,
}


@dataclass(frozen=True, slots=True)
class DayNeeds:
    """What a day asks for: a warm-up? how many whiteboards? practice? an exit ticket?"""

    warmup: bool = False
    boards: int = 0
    practice: bool = False
    exit_ticket: bool = False
    # Tasks the day has already (a template's own, a project kept): never chosen twice.
    taken: frozenset[TaskId] = frozenset()


@dataclass(frozen=True, slots=True)
class TaskPool:
    """What the choice reads for one period."""

    unit_tasks: tuple[Task, ...]  # the unit's active tasks in the unit's order; () without one
    bank: tuple[Task, ...]  # every active task of the bank (the unit's included)
    # Skill codes "near" the unit, nearest first (its own, then their prerequisites: the
    # gaps from earlier grades), for the bank fallback.
    unit_skills: tuple[str, ...] = ()
    # The days the period has each task in a plan (the days being planned left out).
    history: Mapping[TaskId, Collection[date]] = field(default_factory=dict)
    repeat_weeks: int = DEFAULT_REPEAT_WEEKS
    allow_repeats: bool = False
    has_unit: bool = True  # without a unit every task comes from the bank, said once elsewhere
    # Tasks of the units that come later in the year: never a fallback, they would teach
    # what the class has not met yet.
    later: frozenset[TaskId] = frozenset()


@dataclass(frozen=True, slots=True)
class DayTasks:
    """The tasks chosen for one day, and a message for every slot that is not plain."""

    day: date
    warmup: TaskId | None = None
    boards: tuple[TaskId, ...] = ()  # 0 to 2 distinct tasks; board n gets (n - 1) % len
    practice: TaskId | None = None
    exit_ticket: TaskId | None = None
    messages: tuple[str, ...] = ()

    @property
    def chosen(self) -> tuple[TaskId, ...]:
        ids = [self.warmup, *self.boards, self.practice, self.exit_ticket]
        return tuple(dict.fromkeys(t for t in ids if t is not None))

    def for_slot(self, slot: Slot) -> TaskId | None:
        return {
            Slot.WARMUP: self.warmup,
            Slot.PRACTICE: self.practice,
            Slot.EXIT_TICKET: self.exit_ticket,
        }.get(slot)


def board_task_count(boards: int) -> int:
    """How many different tasks go on ``boards`` whiteboards: two (one on a single board),
    each on half the boards, so every group meets another group's thinking on its own task
    in the gallery walk, and a unit's rich tasks last a day each rather than a third of one.
    """
    if boards <= 0:
        return 0
    return min(boards, 2)


def fits(task: Task, slot: Slot) -> bool:
    """Whether the task can fill the slot: its kind, and for a board a task done in one
    sitting (a piece of math art with several days named is a project, planned as one)."""
    if task.kind not in slot.kinds:
        return False
    return slot is not Slot.BOARDS or len(task.spec.milestones) <= 1


def days_since(history: Mapping[TaskId, Collection[date]], task: TaskId, day: date) -> int:
    """Days between ``day`` and the nearest day the period has the task (either way);
    NEVER when it has never been planned."""
    return min((abs((day - used).days) for used in history.get(task, ())), default=NEVER)


def is_fresh(pool: TaskPool, task: TaskId, day: date) -> bool:
    """Not planned for the period within ``repeat_weeks`` weeks of ``day``."""
    return days_since(pool.history, task, day) >= 7 * pool.repeat_weeks


def choose_day(pool: TaskPool, day: date, needs: DayNeeds) -> DayTasks:
    """The day's tasks: for each slot the next fresh tasks of the unit in its order; then
    fresh bank tasks of the kind that share a skill with the unit; then any fresh bank task
    of the kind (spiral review); then, only when repeats are allowed, the task of the kind
    used longest ago. A slot still without a task is left empty, with a message."""
    taken = set(needs.taken)
    messages: list[str] = []
    picked: dict[Slot, list[Task]] = {}
    wanted = [
        (Slot.WARMUP, 1 if needs.warmup else 0),
        (Slot.BOARDS, board_task_count(needs.boards)),
        (Slot.PRACTICE, 1 if needs.practice else 0),
        (Slot.EXIT_TICKET, 1 if needs.exit_ticket else 0),
    ]
    for slot, count in wanted:
        if count == 0:
            continue
        found, message = _fill_slot(pool, day, slot, count, taken)
        picked[slot] = found
        taken.update(t.id for t in found)
        if message:
            messages.append(message)

    def one(slot: Slot) -> TaskId | None:
        tasks = picked.get(slot)
        return tasks[0].id if tasks else None

    return DayTasks(
        day,
        warmup=one(Slot.WARMUP),
        boards=tuple(t.id for t in picked.get(Slot.BOARDS, [])),
        practice=one(Slot.PRACTICE),
        exit_ticket=one(Slot.EXIT_TICKET),
        messages=tuple(messages),
    )


def choose_days(pool: TaskPool, days: Sequence[tuple[date, DayNeeds]]) -> list[DayTasks]:
    """Several days in a row: what an earlier day of the run took counts as used."""
    history = {task: tuple(used) for task, used in pool.history.items()}
    chosen: list[DayTasks] = []
    for day, needs in days:
        tasks = choose_day(replace(pool, history=dict(history)), day, needs)
        for task in (*tasks.chosen, *needs.taken):
            history[task] = (*history.get(task, ()), day)
        chosen.append(tasks)
    return chosen


def _fill_slot(
    pool: TaskPool, day: date, slot: Slot, count: int, taken: set[TaskId]
) -> tuple[list[Task], str]:
    """Up to ``count`` tasks for the slot, and what the teacher should know about them."""
    usable = [t for t in pool.bank if fits(t, slot) and t.id not in taken]
    usable_ids = {t.id for t in usable}
    unit = [t for t in pool.unit_tasks if t.id in usable_ids]
    in_unit = {t.id for t in unit}
    picked = _mixed([t for t in unit if is_fresh(pool, t.id, day)], count, [])
    from_unit = len(picked)

    def staleness(task: Task) -> int:  # longest unused first
        return -days_since(pool.history, task.id, day)

    rank = {code: n for n, code in enumerate(pool.unit_skills)}

    def nearness(task: Task) -> int:  # the unit's earliest skill first; -1: no shared skill
        return min((rank[c] for c in task.spec.skill_codes if c in rank), default=-1)

    others = [
        t
        for t in usable
        if t.id not in in_unit and t.id not in pool.later and is_fresh(pool, t.id, day)
    ]
    near = sorted(
        (t for t in others if nearness(t) >= 0),
        key=lambda t: (nearness(t), staleness(t), t.title, t.id),
    )
    review = sorted(
        (t for t in others if nearness(t) < 0), key=lambda t: (staleness(t), t.title, t.id)
    )
    picked = _mixed(review, count, _mixed(near, count, picked))
    from_bank = picked[from_unit:]
    fresh = len(picked)
    if fresh < count and pool.allow_repeats:
        order = {t.id: n for n, t in enumerate(pool.unit_tasks)}
        stale = sorted(
            (t for t in usable if t not in picked and not is_fresh(pool, t.id, day)),
            key=lambda t: (staleness(t), t.id not in order, order.get(t.id, 0), t.title, t.id),
        )
        picked = _mixed(stale, count, picked)
    return picked, _message(pool, slot, count, from_bank, picked[fresh:], len(picked))


def _mixed(candidates: Sequence[Task], count: int, picked: list[Task]) -> list[Task]:
    """``picked`` topped up to ``count`` from ``candidates`` in order, taking a kind not
    picked yet when there is one further on (so the boards mix whiteboard tasks, discussion
    prompts and math art when the unit has several)."""
    result = list(picked)
    rest = [t for t in candidates if t not in result]
    while rest and len(result) < count:
        kinds = {t.kind for t in result}
        task = next((t for t in rest if t.kind not in kinds), rest[0])
        result.append(task)
        rest.remove(task)
    return result


def _message(
    pool: TaskPool,
    slot: Slot,
    count: int,
    from_bank: Sequence[Task],
    repeated: Sequence[Task],
    found: int,
) -> str:
    """What is not plain about the slot: tasks from the bank, repeats, too few, none."""
    label = slot.label
    where = "this unit" if pool.has_unit else "the task bank"
    if found == 0:
        empty = {
            Slot.BOARDS: "the boards have no task",
            Slot.PRACTICE: "practice works from its skill sheets alone",
        }.get(slot, f"the {label} is left empty")
        hint = "" if pool.allow_repeats else " (allow repeats to reuse one)"
        return f"no fresh {label} in {where} or the task bank: {empty}{hint}"
    parts: list[str] = []
    if from_bank and pool.has_unit:
        parts.append(f"no fresh {label} left in this unit: {_titles(from_bank)} from the bank")
    if repeated:
        parts.append(f"no fresh {label} in {where} or the task bank: {_titles(repeated)} again")
    if found < count:
        hint = "" if pool.allow_repeats else " (allow repeats for more)"
        parts.append(f"only {found} of {count} {label}s: they share the boards{hint}")
    return "; ".join(parts)


def _title(task: Task) -> str:
    return f"“{task.title}”"


def _titles(tasks: Sequence[Task]) -> str:
    return ", ".join(_title(t) for t in tasks)


# From blocks to needs and back


def day_needs(
    blocks: Sequence[PlanBlock], *, only_empty: bool, taken: Collection[TaskId] = ()
) -> DayNeeds:
    """What the blocks ask for. ``only_empty`` (a template): only slots without a task, and
    no practice task (a template's practice works from its sheets); otherwise every warm-up,
    board and exit ticket, and a practice task where the block had one. The tasks the fill
    will leave in place (and ``taken``) are not chosen again."""

    def wants(kind: BlockKind) -> bool:
        return any(b.kind is kind and (not only_empty or b.task_id is None) for b in blocks)

    boards = max(
        (
            sum(1 for s in b.stations if not only_empty or s.task_id is None)
            for b in blocks
            if b.kind is BlockKind.STATIONS
        ),
        default=0,
    )
    staying = set(taken)
    for block in blocks:
        if only_empty or (block.kind not in _BLOCK_SLOTS and block.kind is not BlockKind.STATIONS):
            staying.update(block.task_ids)
    return DayNeeds(
        warmup=wants(BlockKind.WARMUP),
        boards=boards,
        practice=not only_empty
        and any(b.kind is BlockKind.PRACTICE and b.task_id is not None for b in blocks),
        exit_ticket=wants(BlockKind.EXIT_TICKET),
        taken=frozenset(staying),
    )


def with_day_tasks(
    blocks: Sequence[PlanBlock], tasks: DayTasks, *, only_empty: bool
) -> tuple[PlanBlock, ...]:
    """The blocks with the chosen tasks in their slots (``only_empty``: where none was).

    Station i (counting the stations that take a task) gets board task i % k. A slot the
    choice left empty is emptied too, never left with the old day's task: the message says
    why it is empty.
    """
    result: list[PlanBlock] = []
    for block in blocks:
        slot = _BLOCK_SLOTS.get(block.kind)
        if slot is not None and (not only_empty or block.task_id is None):
            if slot is not Slot.PRACTICE or block.task_id is not None:
                block = replace(block, task_id=tasks.for_slot(slot), task_title=None)
        elif block.kind is BlockKind.STATIONS and block.stations:
            block = replace(block, stations=_dealt(block.stations, tasks.boards, only_empty))
        result.append(block)
    return tuple(result)


def _dealt(
    stations: Sequence[Station], boards: Sequence[TaskId], only_empty: bool
) -> tuple[Station, ...]:
    dealt: list[Station] = []
    turn = 0
    for station in stations:
        if only_empty and station.task_id is not None:
            dealt.append(station)
            continue
        task = boards[turn % len(boards)] if boards else None
        dealt.append(replace(station, task_id=task))
        turn += 1
    return tuple(dealt)


# A day planned again


# The blocks that make up the lesson proper; on a project day the project takes their place.
LESSON_KINDS = frozenset(
    {BlockKind.STATIONS, BlockKind.GALLERY_WALK, BlockKind.MINI_LESSON, BlockKind.PRACTICE}
)
_HOST_KINDS = frozenset({*PULL_HOSTS, BlockKind.PROJECT})


def set_ahead(blocks: Sequence[PlanBlock]) -> tuple[PlanBlock, ...]:
    """The blocks of a day the teacher set ahead and a new plan for the day must keep: its
    project blocks and its teacher time (pulls and conferences with named students)."""
    return tuple(b for b in blocks if b.kind is BlockKind.PROJECT or b.is_teacher_time)


def keep_set_ahead(
    new: Sequence[PlanBlock], old: Sequence[PlanBlock], period_minutes: int | None = None
) -> tuple[PlanBlock, ...]:
    """The new day's blocks with the old day's project blocks and teacher time kept.

    A project that shared its day with a lesson is fitted into the new lesson the way
    starting a project fits it (the flexible blocks make room). A project that was the
    day's lesson (no stations, practice, gallery walk or mini-lesson beside it), or that
    does not fit, takes the place of those blocks and of the pulls inside them, and fills
    the period. The teacher's own pulls take the place of the suggested ones, their
    conferences of any others; both run inside the first block they can (stations,
    practice or the project), else in their own minutes before the exit ticket.
    """
    projects = [b for b in old if b.kind is BlockKind.PROJECT]
    teacher = [b for b in old if b.is_teacher_time]
    result = list(new)
    if projects:
        fitted = (
            _fitted(result, projects, period_minutes)
            if any(b.kind in LESSON_KINDS for b in old)
            else None
        )
        result = fitted if fitted is not None else _project_day(result, projects, period_minutes)
    if teacher:
        kept_kinds = {b.kind for b in teacher}
        result = [b for b in result if b.kind not in kept_kinds]
        host = next((i for i, b in enumerate(result) if b.kind in _HOST_KINDS), None)
        if host is None:  # nothing to run inside: in their own minutes
            at = _before_exit(result)
        else:
            at = host + 1
            while at < len(result) and result[at].concurrent:
                at += 1
        result[at:at] = [replace(b, concurrent=host is not None) for b in teacher]
    return tuple(result)


def _fitted(
    blocks: list[PlanBlock], projects: Sequence[PlanBlock], period_minutes: int | None
) -> list[PlanBlock] | None:
    try:
        for project in projects:
            blocks = list(with_project(blocks, project, period_minutes))
    except ValidationError:
        return None
    return blocks


def _project_day(
    blocks: Sequence[PlanBlock], projects: Sequence[PlanBlock], period_minutes: int | None
) -> list[PlanBlock]:
    """The project as the day's lesson: in place of the main blocks and their pulls, the
    first project block taking whatever minutes the period has left."""
    first_main = next((i for i, b in enumerate(blocks) if b.kind in LESSON_KINDS), None)
    at = (
        sum(1 for b in blocks[:first_main] if b.kind not in LESSON_KINDS)
        if first_main is not None
        else _before_exit(blocks)
    )
    result = [
        b
        for b in blocks
        if b.kind not in LESSON_KINDS and not (b.concurrent and b.kind in TEACHER_TIME_KINDS)
    ]
    placed = list(projects)
    if period_minutes is not None:
        used = sum(b.minutes for b in [*result, *placed[1:]] if not b.concurrent)
        if period_minutes - used >= 1:
            placed[0] = replace(placed[0], minutes=period_minutes - used)
    result[at:at] = placed
    return result


def _before_exit(blocks: Sequence[PlanBlock]) -> int:
    return next(
        (i for i, b in enumerate(blocks) if b.kind in (BlockKind.EXIT_TICKET, BlockKind.CLOSING)),
        len(blocks),
    )
