"""The plan for one period on one day: a timeline of blocks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from mathroom.domain.ids import DayPlanId, GroupSetId, PeriodId, StudentId, TaskId


class BlockKind(StrEnum):
    WARMUP = "warmup"
    STATIONS = "stations"
    SMALL_GROUP = "small_group"
    PRACTICE = "practice"
    GALLERY_WALK = "gallery_walk"
    EXIT_TICKET = "exit_ticket"
    CLOSING = "closing"

    @property
    def label(self) -> str:
        return _BLOCK_LABELS[self]


_BLOCK_LABELS = {
    BlockKind.WARMUP: "Warm-up",
    BlockKind.STATIONS: "Whiteboard stations",
    BlockKind.SMALL_GROUP: "Small-group pull",
    BlockKind.PRACTICE: "Independent practice",
    BlockKind.GALLERY_WALK: "Gallery walk",
    BlockKind.EXIT_TICKET: "Exit ticket",
    BlockKind.CLOSING: "Closing",
}


@dataclass(frozen=True, slots=True)
class Station:
    number: int
    task_id: TaskId | None
    group_number: int | None


@dataclass(frozen=True, slots=True)
class PlanBlock:
    kind: BlockKind
    minutes: int
    title: str = ""
    task_id: TaskId | None = None
    task_title: str | None = None
    group_set_id: GroupSetId | None = None
    stations: tuple[Station, ...] = ()
    skill_code: str | None = None  # a small-group pull's focus
    students: tuple[StudentId, ...] = ()  # who is pulled (small group) — teacher-only
    # A block that runs inside the previous one (a pull while the others work at the
    # whiteboards): it takes clock time inside its host, not extra minutes of the period.
    concurrent: bool = False

    @property
    def heading(self) -> str:
        return self.title or self.kind.label


@dataclass(frozen=True, slots=True)
class TimedBlock:
    block: PlanBlock
    starts_at: time
    ends_at: time


@dataclass(frozen=True, slots=True)
class DayPlan:
    id: DayPlanId
    period_id: PeriodId
    plan_date: date
    blocks: tuple[PlanBlock, ...]
    notes: str = ""

    @property
    def total_minutes(self) -> int:
        return sum(block.minutes for block in self.blocks if not block.concurrent)

    def concurrent_overrun(self) -> int:
        """Minutes by which blocks running inside another block outlast it (0 when they fit)."""
        worst = host = used = 0
        for block in self.blocks:
            if block.concurrent:
                used += block.minutes
                worst = max(worst, used - host)
            else:
                host, used = block.minutes, 0
        return worst

    def minutes_short(self, period_minutes: int) -> int:
        """How many minutes the plan falls short of (positive) or overruns (negative)."""
        return period_minutes - self.total_minutes

    def timeline(self, starts_at: time) -> tuple[TimedBlock, ...]:
        """Clock times for each block, starting at the period's bell."""
        clock = datetime.combine(self.plan_date, starts_at)
        inside = clock
        timed: list[TimedBlock] = []
        for block in self.blocks:
            if block.concurrent:
                # Back to back inside the host block, without moving the period's clock.
                end = inside + timedelta(minutes=block.minutes)
                timed.append(TimedBlock(block, inside.time(), end.time()))
                inside = end
                continue
            end = clock + timedelta(minutes=block.minutes)
            timed.append(TimedBlock(block, clock.time(), end.time()))
            inside = clock
            clock = end
        return tuple(timed)
