"""Reusable day shapes: blocks with minutes and tasks, never students or groups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from mathroom.domain.errors import MathroomError, ValidationError
from mathroom.domain.ids import TaskId
from mathroom.domain.plan import TEACHER_TIME_KINDS, BlockKind, DayPlan, PlanBlock, Station

# The blocks that stretch or shrink to fit a period. Warm-up, exit ticket and closing keep
# their minutes: their length comes from the routine, not from the bell schedule.
FLEXIBLE_KINDS = frozenset(
    {BlockKind.STATIONS, BlockKind.PRACTICE, BlockKind.GALLERY_WALK, BlockKind.MINI_LESSON}
)
MIN_FLEXIBLE_MINUTES = 3


class TemplateExistsError(MathroomError):
    """A template with that name is already saved; nothing was changed."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"A plan template called “{name}” already exists. Choose another name or replace it."
        )
        self.name = name


@dataclass(frozen=True, slots=True)
class TemplateBlock:
    kind: BlockKind
    minutes: int
    title: str = ""
    task_id: TaskId | None = None
    task_slug: str | None = None  # finds the task again after a restore or re-import
    stations: int = 0  # how many whiteboards a stations block uses
    station_tasks: tuple[TaskId | None, ...] = ()  # station n's task; none: the block's task
    rotation_minutes: int | None = None
    concurrent: bool = False

    def __post_init__(self) -> None:
        if self.minutes < 0:
            raise ValidationError("minutes", "a block cannot last a negative number of minutes")
        if self.stations < 0:
            raise ValidationError("stations", "cannot be negative")
        if self.rotation_minutes is not None and self.rotation_minutes <= 0:
            raise ValidationError("rotation_minutes", "groups must stay a minute or more")

    def to_block(self) -> PlanBlock:
        """A plan block with numbered stations and no groups yet."""
        count = max(self.stations, len(self.station_tasks))
        stations = tuple(
            Station(n, self.station_tasks[n - 1] if n <= len(self.station_tasks) else None, None)
            for n in range(1, count + 1)
        )
        return PlanBlock(
            self.kind,
            self.minutes,
            title=self.title,
            task_id=self.task_id,
            stations=stations,
            concurrent=self.concurrent,
            rotation_minutes=self.rotation_minutes,
        )


@dataclass(frozen=True, slots=True)
class PlanTemplate:
    name: str
    blocks: tuple[TemplateBlock, ...]
    builtin: bool = False

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValidationError("name", "a template needs a name")
        if len(self.name) > 80:
            raise ValidationError("name", "keep the name under 80 characters")

    @property
    def total_minutes(self) -> int:
        return sum(block.minutes for block in self.blocks if not block.concurrent)

    def to_blocks(self) -> tuple[PlanBlock, ...]:
        return tuple(block.to_block() for block in self.blocks)

    def fitted(self, period_minutes: int) -> PlanTemplate:
        """The template stretched or squeezed to fill ``period_minutes`` exactly.

        The main activities (stations, practice, gallery walk, mini-lesson) take up the
        difference in proportion to their length; if squeezing would leave them under
        ``MIN_FLEXIBLE_MINUTES``, every block shrinks in proportion instead. Rotations keep
        their number of rounds, and pulls never outlast the block they run inside.
        Raises ValidationError when the period is shorter than one minute per block.
        """
        main = [i for i, block in enumerate(self.blocks) if not block.concurrent]
        if period_minutes == self.total_minutes or not main:
            return self
        if period_minutes < len(main):
            raise ValidationError(
                "period_minutes",
                f"{self.name} has {len(main)} blocks: it cannot fit {period_minutes} minutes",
            )
        flexible = [i for i in main if self.blocks[i].kind in FLEXIBLE_KINDS] or main
        fixed = sum(self.blocks[i].minutes for i in main if i not in flexible)
        room = period_minutes - fixed
        if room < MIN_FLEXIBLE_MINUTES * len(flexible):
            flexible, room = main, period_minutes
        shares = spread([self.blocks[i].minutes for i in flexible], room)
        minutes = {i: self.blocks[i].minutes for i in main} | dict(
            zip(flexible, shares, strict=True)
        )
        blocks: list[TemplateBlock] = []
        host = 0
        for index, block in enumerate(self.blocks):
            if block.concurrent:
                blocks.append(replace(block, minutes=min(block.minutes, host)))
                continue
            host = minutes[index]
            blocks.append(replace(block, minutes=host, rotation_minutes=_rotation(block, host)))
        return PlanTemplate(self.name, tuple(blocks), self.builtin)


def spread(weights: Sequence[int], total: int) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainders round up), each ≥ 1."""
    if total < len(weights):
        raise ValidationError("minutes", f"{total} minutes cannot cover {len(weights)} blocks")
    if not weights:
        return []
    basis = list(weights) if sum(weights) > 0 else [1] * len(weights)
    # One minute each first, so no block disappears; the rest goes in proportion.
    extra = total - len(basis)
    exact = [extra * w / sum(basis) for w in basis]
    shares = [int(x) for x in exact]
    order = sorted(range(len(basis)), key=lambda i: (shares[i] - exact[i], i))
    for i in order[: extra - sum(shares)]:
        shares[i] += 1
    return [share + 1 for share in shares]


def _rotation(block: TemplateBlock, minutes: int) -> int | None:
    """The same number of rounds in the new length (at least one minute each)."""
    if block.rotation_minutes is None or block.minutes == minutes:
        return block.rotation_minutes
    rounds = max(1, round(block.minutes / block.rotation_minutes))
    return max(1, minutes // rounds)


def template_from_plan(name: str, plan: DayPlan) -> PlanTemplate:
    """The plan's shape and tasks; students, groups and each pull's focus are left behind."""
    blocks = []
    for block in plan.blocks:
        pull = block.kind in TEACHER_TIME_KINDS
        blocks.append(
            TemplateBlock(
                block.kind,
                block.minutes,
                # A pull's title names its skill: tomorrow's pull will have another focus.
                title="" if pull else block.title,
                task_id=block.task_id,
                stations=len(block.stations),
                station_tasks=tuple(s.task_id for s in block.stations)
                if any(s.task_id is not None for s in block.stations)
                else (),
                rotation_minutes=block.rotation_minutes,
                concurrent=block.concurrent,
            )
        )
    return PlanTemplate(name, tuple(blocks))


BUILTIN_TEMPLATES = (
    PlanTemplate(
        "Thinking-classroom day",
        (
            TemplateBlock(BlockKind.WARMUP, 5),
            TemplateBlock(BlockKind.STATIONS, 25, stations=6),
            TemplateBlock(BlockKind.GALLERY_WALK, 8),
            TemplateBlock(BlockKind.EXIT_TICKET, 5),
            TemplateBlock(BlockKind.CLOSING, 2),
        ),
        builtin=True,
    ),
    PlanTemplate(
        "Stations 3 × 15 min",
        (
            TemplateBlock(BlockKind.WARMUP, 5),
            TemplateBlock(BlockKind.STATIONS, 45, stations=3, rotation_minutes=15),
            TemplateBlock(BlockKind.EXIT_TICKET, 5),
        ),
        builtin=True,
    ),
    PlanTemplate(
        "Workshop: mini-lesson + pulls",
        (
            TemplateBlock(BlockKind.WARMUP, 5),
            TemplateBlock(BlockKind.MINI_LESSON, 12, title="Mini-lesson"),
            TemplateBlock(BlockKind.PRACTICE, 28),
            TemplateBlock(BlockKind.SMALL_GROUP, 12, concurrent=True),
            TemplateBlock(BlockKind.EXIT_TICKET, 5),
            TemplateBlock(BlockKind.CLOSING, 5),
        ),
        builtin=True,
    ),
)
BUILTIN_NAMES = frozenset(t.name.casefold() for t in BUILTIN_TEMPLATES)
