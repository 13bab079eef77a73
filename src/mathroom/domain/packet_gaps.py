"""What a day's packet would leave out, found before it is built.

A board without a task prints no station card, an exit ticket without a task prints no exit
tickets, a pull nobody was chosen for prints nothing: the packet is still made, but the
teacher is told first, in plain words, what will be missing and where to fix it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mathroom.domain.ids import TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock

PLAN_PAGE = "on the Plan page"


class GapKind(StrEnum):
    NOTHING_PLANNED = "nothing_planned"  # no chosen period has a plan: no packet at all
    NO_PLAN = "no_plan"  # one period has no plan that day
    EMPTY_PLAN = "empty_plan"  # a plan without blocks
    NO_BOARDS = "no_boards"  # a stations block without whiteboards
    BOARDS_WITHOUT_TASK = "boards_without_task"
    BOARDS_WITHOUT_GROUP = "boards_without_group"
    GALLERY_WALK_WITHOUT_GROUPS = "gallery_walk_without_groups"
    WARMUP_WITHOUT_TASK = "warmup_without_task"
    EXIT_TICKET_WITHOUT_TASK = "exit_ticket_without_task"
    PROJECT_WITHOUT_TASK = "project_without_task"
    ARCHIVED_TASK = "archived_task"  # a block's task is no longer in the active bank
    PULL_WITHOUT_STUDENTS = "pull_without_students"
    CONFERENCE_WITHOUT_STUDENTS = "conference_without_students"
    PRACTICE_WITHOUT_FOCUS = "practice_without_focus"


@dataclass(frozen=True, slots=True)
class PacketGap:
    """One thing the packet would leave out: where, what, and what to do about it."""

    kind: GapKind
    period: str  # the period's name ("" when the gap is about every period)
    block: str  # the block's heading ("" when the gap is about the whole period)
    missing: str  # what will be missing, starting in lower case
    fix: str  # what to do, a sentence

    @property
    def text(self) -> str:
        """One line: "Period 1 · Whiteboard stations: 3 of 6 boards have no task… Choose…"."""
        where = " · ".join(part for part in (self.period, self.block) if part)
        what = f"{where}: {self.missing}" if where else self.missing[:1].upper() + self.missing[1:]
        return f"{what}. {self.fix}"


@dataclass(frozen=True, slots=True)
class PeriodDay:
    """What the checks know about one period on the day."""

    name: str
    plan: DayPlan | None
    meets: bool = True  # False when the period does not meet on that weekday
    # Whether any of its students has evidence recorded by that day: practice sheets without
    # a focus are made from it. Only read for a practice block that has no focus.
    has_evidence: bool = True


def packet_gaps(
    on: date, periods: Sequence[PeriodDay], active_tasks: Collection[TaskId]
) -> tuple[PacketGap, ...]:
    """Every section of ``on``'s packet that would be empty or wrong, period by period, in
    the order of the plan's blocks. ``active_tasks`` are the tasks the packet can print."""
    day = f"{on:%A, %B} {on.day}"
    if not any(p.plan is not None for p in periods):
        return (
            PacketGap(
                GapKind.NOTHING_PLANNED,
                "",
                "",
                f"nothing is planned for {day}, so there is no packet to make",
                f"Plan the day {PLAN_PAGE}, or pick another date.",
            ),
        )
    gaps: list[PacketGap] = []
    for period in periods:
        if period.plan is None:
            if period.meets:
                gaps.append(
                    PacketGap(
                        GapKind.NO_PLAN,
                        period.name,
                        "",
                        f"nothing is planned for {day}, so the packet has no pages for it",
                        f"Plan its day {PLAN_PAGE}.",
                    )
                )
            continue
        gaps += _plan_gaps(period, period.plan, frozenset(active_tasks))
    return tuple(gaps)


def _plan_gaps(period: PeriodDay, plan: DayPlan, active: frozenset[TaskId]) -> list[PacketGap]:
    if not plan.blocks:
        return [
            PacketGap(
                GapKind.EMPTY_PLAN,
                period.name,
                "",
                "the day's plan has no blocks, so the run sheet is empty",
                f"Add blocks {PLAN_PAGE}.",
            )
        ]
    headings = [block.heading for block in plan.blocks]
    gaps: list[PacketGap] = []
    for index, block in enumerate(plan.blocks):
        name = block.heading
        if headings.count(name) > 1:
            name = f"{name} (block {index + 1})"

        def gap(kind: GapKind, missing: str, fix: str, name: str = name) -> None:
            gaps.append(PacketGap(kind, period.name, name, missing, fix))

        if block.kind is BlockKind.STATIONS:
            _station_gaps(block, active, gap)
        elif block.kind is BlockKind.GALLERY_WALK:
            if len(_grouped_boards(plan)) < 2:
                gap(
                    GapKind.GALLERY_WALK_WITHOUT_GROUPS,
                    "no response slips will print: a gallery walk needs two or more whiteboards "
                    "with groups",
                    f"Make groups for the whiteboard stations {PLAN_PAGE} or the Groups page.",
                )
        elif block.kind in _TASK_BLOCKS:
            kind, lost = _TASK_BLOCKS[block.kind]
            if block.task_id is None:
                gap(kind, f"there is no task, so {lost}", f"Choose a task {PLAN_PAGE}.")
            elif block.task_id not in active:
                gap(
                    GapKind.ARCHIVED_TASK,
                    f"its task{_quoted(block.task_title)} is archived, so {lost}",
                    f"Choose another task {PLAN_PAGE}, or restore it on the Tasks page.",
                )
        elif block.kind is BlockKind.SMALL_GROUP and not block.students:
            gap(
                GapKind.PULL_WITHOUT_STUDENTS,
                "no students are chosen, so nothing prints for this pull (the run sheet says "
                "“Pull: no students chosen”)",
                f"Choose the students {PLAN_PAGE}, or add a suggested pull on the Skills page.",
            )
        elif block.kind is BlockKind.CONFERENCE and not block.students:
            gap(
                GapKind.CONFERENCE_WITHOUT_STUDENTS,
                "no students are chosen, so the run sheet lists nobody to confer with",
                f"Choose the students {PLAN_PAGE}.",
            )
        elif (
            block.kind is BlockKind.PRACTICE
            and not block.practice_skills
            and not period.has_evidence
        ):
            gap(
                GapKind.PRACTICE_WITHOUT_FOCUS,
                "no focus is set and no evidence is recorded for these students yet, so every "
                "practice sheet is the same general grade-7 mix",
                f"Choose a practice focus {PLAN_PAGE} (or per student on the Practice page).",
            )
    return gaps


# Blocks whose task is what they print: the gap when it has none, and what goes missing.
_TASK_BLOCKS = {
    BlockKind.WARMUP: (
        GapKind.WARMUP_WITHOUT_TASK,
        "the run sheet has no warm-up to put on the board",
    ),
    BlockKind.EXIT_TICKET: (GapKind.EXIT_TICKET_WITHOUT_TASK, "no exit tickets will print"),
    BlockKind.PROJECT: (GapKind.PROJECT_WITHOUT_TASK, "no project brief or rubric will print"),
}

_Report = Callable[[GapKind, str, str], None]


def _station_gaps(block: PlanBlock, active: frozenset[TaskId], gap: _Report) -> None:
    boards = block.stations
    if not boards:
        gap(
            GapKind.NO_BOARDS,
            "there are no whiteboards, so no station cards or group posters will print",
            f"Set how many whiteboards {PLAN_PAGE}.",
        )
        return
    total = len(boards)
    tasks = {b.number: b.task_id or block.task_id for b in boards}
    without_task = [n for n, task in tasks.items() if task is None]
    archived = [n for n, task in tasks.items() if task is not None and task not in active]
    if without_task:
        gap(
            GapKind.BOARDS_WITHOUT_TASK,
            f"{_some(without_task, total)} no task, so {_cards(without_task, total)}",
            f"Choose a task for each board {PLAN_PAGE}.",
        )
    if archived:
        gap(
            GapKind.ARCHIVED_TASK,
            f"{_some(archived, total)} an archived task, so {_cards(archived, total)}",
            f"Choose another task {PLAN_PAGE}, or restore it on the Tasks page.",
        )
    ungrouped = [b.number for b in boards if b.group_number is None or block.group_set_id is None]
    if ungrouped:
        gap(
            GapKind.BOARDS_WITHOUT_GROUP,
            f"{_some(ungrouped, total)} no group, so "
            f"{'its poster prints' if len(ungrouped) == 1 else 'their posters print'} "
            "without names",
            f"Make groups {PLAN_PAGE} or the Groups page.",
        )


def _grouped_boards(plan: DayPlan) -> list[int]:
    block = next((b for b in plan.blocks if b.kind is BlockKind.STATIONS), None)
    if block is None or block.group_set_id is None:
        return []
    return [s.number for s in block.stations if s.group_number is not None]


def _some(numbers: Sequence[int], total: int) -> str:
    """ "3 of 6 boards (2, 4 and 5) have", "all 6 boards have", "the board has"."""
    if total == 1:
        words = "the board"
    elif len(numbers) == total:
        words = f"all {total} boards"
    else:
        words = f"{len(numbers)} of {total} boards ({_listed(numbers)})"
    return f"{words} {'has' if total == 1 or len(numbers) == 1 else 'have'}"


def _cards(numbers: Sequence[int], total: int) -> str:
    """ "no station cards will print", "their station cards won't print"."""
    if len(numbers) == total:
        return "no station cards will print" if total > 1 else "no station card will print"
    return "their station cards won't print" if len(numbers) > 1 else "its station card won't print"


def _listed(numbers: Sequence[int]) -> str:
    """ "3", "2 and 5", "2, 4 and 5"."""
    words = [str(n) for n in numbers]
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _quoted(title: str | None) -> str:
    return f" “{title}”" if title else ""
