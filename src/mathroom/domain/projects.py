"""Projects and math art over several days: which day is which, how each day's plan makes
room for the project block, and how the same words name a project day everywhere (Plan page,
week view, run sheet, projector)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import TaskId
from mathroom.domain.plan import SCHOOL_DAYS, BlockKind, PlanBlock, next_school_day
from mathroom.domain.plan_templates import FLEXIBLE_KINDS, MIN_FLEXIBLE_MINUTES
from mathroom.domain.roster import Weekday
from mathroom.domain.tasks import DEFAULT_MILESTONES, TaskKind, TaskSpec, milestone_role

PROJECT_KINDS = frozenset({TaskKind.PROJECT, TaskKind.MATH_ART})
PROJECT_MINUTES = BlockKind.PROJECT.default_minutes  # on a day that already has a plan
MIN_PROJECT_MINUTES = 10  # less than this is no time to work on a project
# A day the project plans from nothing: a warm-up, the project, then tidy up and share.
WARMUP_MINUTES = 5
CLOSING_MINUTES = 5
# The blocks that end a lesson: a project block goes in before them.
_ENDINGS = (BlockKind.EXIT_TICKET, BlockKind.CLOSING)


def days_of(spec: TaskSpec) -> tuple[str, ...]:
    """The task's days by name: its own milestones, else the default for its kind, else
    none (a one-day task)."""
    return spec.milestones or DEFAULT_MILESTONES.get(spec.kind, ())


def is_multi_day(spec: TaskSpec) -> bool:
    """A task that can be started as a project: a project, math art, or anything with days."""
    return spec.kind in PROJECT_KINDS or bool(spec.milestones)


def day_label(milestones: Sequence[str], index: int) -> str:
    """ "Day 2 of 4 — Work day" (a day past the end, after the task lost days: "Day 5")."""
    if not 0 <= index < len(milestones):
        return f"Day {index + 1}"
    return f"Day {index + 1} of {len(milestones)} — {milestones[index]}"


def block_title(task_title: str, milestones: Sequence[str], index: int) -> str:
    """The project block's own title: "Scale Drawing — Day 2 of 4: Work day"."""
    if not 0 <= index < len(milestones):
        return f"{task_title} — Day {index + 1}"
    return f"{task_title} — Day {index + 1} of {len(milestones)}: {milestones[index]}"


def project_line(spec: TaskSpec, index: int) -> str:
    """How a project day reads on the Plan page, the week view and the run sheet:
    "Project: Scale Drawing · Day 2 of 4 — Work day" ("Math art: …" for math art)."""
    return f"{spec.kind.label}: {spec.title} · {day_label(days_of(spec), index)}"


def project_kicker(spec: TaskSpec, index: int) -> str:
    """Above the task on the projector: "Project · Day 2 of 4 — Work day"."""
    return f"{spec.kind.label} · {day_label(days_of(spec), index)}"


def role_of(spec: TaskSpec, index: int) -> str:
    """ "launch", "work" or "critique": what the day prints (see milestone_role)."""
    days = days_of(spec)
    if not 0 <= index < len(days):
        return "work"  # a day the task no longer has: print nothing extra
    return milestone_role(days, index)


def project_blocks(blocks: Sequence[PlanBlock], task: TaskId) -> list[PlanBlock]:
    """The blocks of ``blocks`` that are a day of the project ``task``."""
    return [b for b in blocks if b.kind is BlockKind.PROJECT and b.task_id == task]


def other_project(blocks: Sequence[PlanBlock], task: TaskId) -> PlanBlock | None:
    """A project block of the day that is not ``task``'s (one project a day at most)."""
    return next(
        (b for b in blocks if b.kind is BlockKind.PROJECT and b.task_id != task),
        None,
    )


def _meets(day: date, meeting_days: Collection[Weekday]) -> bool:
    days = {d for d in meeting_days if d in SCHOOL_DAYS} or set(SCHOOL_DAYS)
    return Weekday.of(day) in days


def project_dates(launch: date, meeting_days: Collection[Weekday], count: int) -> tuple[date, ...]:
    """``count`` school days the period meets, from ``launch`` (or the first such day after
    it when the period does not meet on ``launch``)."""
    if count < 1:
        raise ValidationError("milestones", "a project has at least one day")
    first = launch if _meets(launch, meeting_days) else next_school_day(launch, meeting_days)
    dates = [first]
    while len(dates) < count:
        dates.append(next_school_day(dates[-1], meeting_days))
    return tuple(dates)


def project_block(
    task: TaskId, spec: TaskSpec, index: int, minutes: int = PROJECT_MINUTES
) -> PlanBlock:
    """The block for day ``index`` of the project (0 = the launch)."""
    return PlanBlock(
        BlockKind.PROJECT,
        minutes,
        title=block_title(spec.title, days_of(spec), index),
        task_id=task,
        task_title=spec.title,
        milestone=index,
    )


def new_project_day(project: PlanBlock, period_minutes: int | None) -> tuple[PlanBlock, ...]:
    """A day with no plan yet: warm-up, the project, then a closing to tidy up and share,
    filling the period (the project keeps its own minutes when the period's length is not
    known). ValidationError when the period is too short for project work."""
    minutes = project.minutes
    if period_minutes is not None:
        minutes = period_minutes - WARMUP_MINUTES - CLOSING_MINUTES
        if minutes < MIN_PROJECT_MINUTES:
            raise ValidationError(
                "minutes",
                f"a {period_minutes}-minute period leaves no time for project work",
            )
    return (
        PlanBlock(BlockKind.WARMUP, WARMUP_MINUTES),
        replace(project, minutes=minutes),
        PlanBlock(BlockKind.CLOSING, CLOSING_MINUTES),
    )


def with_project(
    blocks: Sequence[PlanBlock], project: PlanBlock, period_minutes: int | None
) -> tuple[PlanBlock, ...]:
    """The day's blocks with ``project`` put in before the exit ticket and closing at the end.

    When the period's length is known and the day would overrun, the flexible blocks
    (stations, practice, gallery walk, mini-lesson) shrink in proportion, each keeping at
    least MIN_FLEXIBLE_MINUTES, rotations keeping their rounds and pulls their host; when
    that is not enough the project gets what is left. ValidationError when less than
    MIN_PROJECT_MINUTES is left.
    """
    at = len(blocks)
    while at > 0 and blocks[at - 1].kind in _ENDINGS and not blocks[at - 1].concurrent:
        at -= 1
    result = [*blocks[:at], project, *blocks[at:]]
    if period_minutes is None:
        return tuple(result)
    overflow = _total(result) - period_minutes
    if overflow <= 0:
        return tuple(result)
    flexible = [i for i, b in enumerate(result) if b.kind in FLEXIBLE_KINDS and not b.concurrent]
    # Each flexible block gives minutes down to MIN_FLEXIBLE_MINUTES (a shorter one gives none).
    floors = [min(result[i].minutes, MIN_FLEXIBLE_MINUTES) for i in flexible]
    spare = [result[i].minutes - low for i, low in zip(flexible, floors, strict=True)]
    given = min(overflow, sum(spare))
    kept = share(spare, sum(spare) - given)
    for i, low, extra in zip(flexible, floors, kept, strict=True):
        result[i] = _resized(result[i], low + extra)
    left = project.minutes - (overflow - given)
    if left < MIN_PROJECT_MINUTES:
        fixed = _total(result) - project.minutes
        raise ValidationError(
            "minutes",
            f"the plan already fills {fixed} of the period's {period_minutes} minutes: "
            f"no room for {MIN_PROJECT_MINUTES} minutes of project work",
        )
    result[at] = replace(project, minutes=left)
    return _hosts_kept(result)


def shrink_note(before: Sequence[PlanBlock], after: Sequence[PlanBlock], project: PlanBlock) -> str:
    """What making room cost: "Whiteboard stations 25→13 min · Gallery walk 8→4 min", and
    the project's own minutes when it got fewer than asked; "" when nothing shrank."""
    others = [b for b in after if b.kind is not BlockKind.PROJECT]
    changes = [
        f"{old.heading} {old.minutes}→{new.minutes} min"
        for old, new in zip(before, others, strict=True)
        if new.minutes < old.minutes and not old.concurrent
    ]
    placed = next((b for b in after if b.kind is BlockKind.PROJECT), project)
    if placed.minutes < project.minutes:
        changes.append(f"project work {project.minutes}→{placed.minutes} min")
    return " · ".join(changes)


def without_project(
    blocks: Sequence[PlanBlock], task: TaskId, period_minutes: int | None
) -> tuple[PlanBlock, ...] | None:
    """The day without ``task``'s project blocks, its flexible blocks grown back to fill the
    period; None when what is left is only the bare warm-up and closing the project put
    around itself (the day had no plan before)."""
    kept = [b for b in blocks if not (b.kind is BlockKind.PROJECT and b.task_id == task)]
    if all(_bare_routine(b) for b in kept):
        return None
    short = period_minutes - _total(kept) if period_minutes is not None else 0
    flexible = [i for i, b in enumerate(kept) if b.kind in FLEXIBLE_KINDS and not b.concurrent]
    if short > 0 and flexible:
        weights = [kept[i].minutes for i in flexible]
        if sum(weights) == 0:
            weights = [1] * len(flexible)
        for i, extra in zip(flexible, share(weights, short), strict=True):
            kept[i] = _resized(kept[i], kept[i].minutes + extra)
    return tuple(kept)


def share(weights: Sequence[int], total: int) -> list[int]:
    """``total`` (at most ``sum(weights)`` when shrinking) split in proportion to ``weights``
    by largest remainders; a zero weight gets nothing, and no share exceeds its weight when
    ``total`` does not exceed their sum."""
    whole = sum(weights)
    if whole <= 0 or total <= 0:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    shares = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _bare_routine(block: PlanBlock) -> bool:
    return (
        block.kind in (BlockKind.WARMUP, BlockKind.CLOSING)
        # A new project day's warm-up gets the unit's next one: it is still the routine.
        and (block.task_id is None or block.kind is BlockKind.WARMUP)
        and not block.title
        and not block.students
        and not block.stations
    )


def _total(blocks: Sequence[PlanBlock]) -> int:
    return sum(b.minutes for b in blocks if not b.concurrent)


def _resized(block: PlanBlock, minutes: int) -> PlanBlock:
    """The block at its new length, with as many rotation rounds as before."""
    rotation = block.rotation_minutes
    if rotation is not None and block.minutes != minutes:
        rounds = max(1, round(block.minutes / rotation))
        rotation = max(1, minutes // rounds)
    return replace(block, minutes=minutes, rotation_minutes=rotation)


def _hosts_kept(blocks: list[PlanBlock]) -> tuple[PlanBlock, ...]:
    """Pulls that run inside a block never outlast it."""
    host = 0
    out: list[PlanBlock] = []
    for block in blocks:
        if block.concurrent:
            out.append(replace(block, minutes=min(block.minutes, host)))
        else:
            host = block.minutes
            out.append(block)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ProjectRunDay:
    """One day of a project's run in a period's plans."""

    on: date
    milestone: int


def run_around(days: Sequence[ProjectRunDay], on: date) -> tuple[ProjectRunDay, ...]:
    """The run of a project that ``on`` belongs to, among the days (by date) a period has
    that project: from the last launch on or before ``on`` up to the next launch after it.
    A project done again later in the year is a separate run."""
    ordered = sorted(days, key=lambda d: d.on)
    if not any(d.on == on for d in ordered):
        return ()
    launches = [d.on for d in ordered if d.milestone == 0]
    start = max((d for d in launches if d <= on), default=ordered[0].on)
    end = min((d for d in launches if d > on), default=None)
    return tuple(d for d in ordered if d.on >= start and (end is None or d.on < end))
