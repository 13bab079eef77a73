"""The plan for one period on one day: a timeline of blocks."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from mathroom.domain.ids import DayPlanId, GroupSetId, PeriodId, SkillId, StudentId, TaskId
from mathroom.domain.pulls import GAP_LEVELS, PullSuggestion
from mathroom.domain.roster import Weekday
from mathroom.domain.skills import Evidence, EvidenceSource, Level

SCHOOL_DAYS = (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)


class BlockKind(StrEnum):
    WARMUP = "warmup"
    STATIONS = "stations"
    SMALL_GROUP = "small_group"
    PRACTICE = "practice"
    GALLERY_WALK = "gallery_walk"
    EXIT_TICKET = "exit_ticket"
    CLOSING = "closing"
    MINI_LESSON = "mini_lesson"
    PROJECT = "project"  # a day of a multi-day project or piece of math art
    CONFERENCE = "conference"  # 1-1 conferences, one student after another

    @property
    def label(self) -> str:
        return _BLOCK_LABELS[self]

    @property
    def default_minutes(self) -> int:
        """How long a newly added block of this kind runs until the teacher changes it."""
        return _DEFAULT_MINUTES[self]


_BLOCK_LABELS = {
    BlockKind.WARMUP: "Warm-up",
    BlockKind.STATIONS: "Whiteboard stations",
    BlockKind.SMALL_GROUP: "Small-group pull",
    BlockKind.PRACTICE: "Independent practice",
    BlockKind.GALLERY_WALK: "Gallery walk",
    BlockKind.EXIT_TICKET: "Exit ticket",
    BlockKind.CLOSING: "Closing",
    BlockKind.MINI_LESSON: "Mini-lesson",
    BlockKind.PROJECT: "Project work",
    BlockKind.CONFERENCE: "1-1 conferences",
}

_DEFAULT_MINUTES = {
    BlockKind.WARMUP: 5,
    BlockKind.STATIONS: 25,
    BlockKind.SMALL_GROUP: 10,
    BlockKind.PRACTICE: 12,
    BlockKind.GALLERY_WALK: 8,
    BlockKind.EXIT_TICKET: 5,
    BlockKind.CLOSING: 3,
    BlockKind.MINI_LESSON: 10,
    BlockKind.PROJECT: 30,
    BlockKind.CONFERENCE: 12,
}

# How a block reads in a one-line summary; warm-up and closing are routine and left out.
_SUMMARY_WORDS = {
    BlockKind.STATIONS: "stations",
    BlockKind.PRACTICE: "practice",
    BlockKind.GALLERY_WALK: "gallery walk",
    BlockKind.EXIT_TICKET: "exit ticket",
    BlockKind.MINI_LESSON: "mini-lesson",
    BlockKind.PROJECT: "project",
    BlockKind.CONFERENCE: "conferences",
}


# The blocks in which the teacher sits with named students.
TEACHER_TIME_KINDS = frozenset({BlockKind.SMALL_GROUP, BlockKind.CONFERENCE})


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
    rotation_minutes: int | None = None  # stations: groups move on every N minutes
    practice_skills: tuple[str, ...] = ()  # independent practice: the skill codes to focus on
    # A project block: which of the task's milestones this day is (0 = the launch).
    milestone: int | None = None

    @property
    def heading(self) -> str:
        return self.title or self.kind.label

    @property
    def task_ids(self) -> tuple[TaskId, ...]:
        """Every task the block uses: its own, then each station's, without repeats."""
        ids = [self.task_id, *(s.task_id for s in self.stations)]
        return tuple(dict.fromkeys(t for t in ids if t is not None))

    @property
    def is_pull(self) -> bool:
        """A small group of named students: it belongs to those students' period and day."""
        return self.kind is BlockKind.SMALL_GROUP and bool(self.students)

    @property
    def is_teacher_time(self) -> bool:
        """Named students get the teacher's own time: a small-group pull or 1-1 conferences."""
        return self.kind in TEACHER_TIME_KINDS and bool(self.students)

    def with_groups(self, group_set: GroupSetId, group_numbers: Sequence[int]) -> PlanBlock:
        """The block with one station per group (station n gets group n).

        Station tasks are kept in order and repeat when there are more groups than tasks.
        """
        tasks = [s.task_id for s in self.stations]
        stations = tuple(
            Station(number, tasks[index % len(tasks)] if tasks else None, number)
            for index, number in enumerate(sorted(group_numbers))
        )
        return replace(self, group_set_id=group_set, stations=stations)

    def without_groups(self) -> PlanBlock:
        """The block's shape and tasks, with no group set and no students."""
        stations = tuple(Station(s.number, s.task_id, None) for s in self.stations)
        return replace(self, group_set_id=None, stations=stations, students=())


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

    def fits(self, period_minutes: int) -> bool:
        """True when the blocks fit the period and every pull fits inside its host block."""
        return self.minutes_short(period_minutes) >= 0 and self.concurrent_overrun() == 0

    def summary(self) -> str:
        """One line for a week-view cell: "Stations · 6 boards · 1 pull · exit ticket"."""
        parts: list[str] = []
        pulls = sum(1 for block in self.blocks if block.kind is BlockKind.SMALL_GROUP)
        for block in self.blocks:
            word = _SUMMARY_WORDS.get(block.kind)
            if word is None or word in parts:
                continue
            parts.append(word)
            if block.kind is BlockKind.STATIONS and block.stations:
                parts.append(f"{len(block.stations)} boards")
            if block.kind is BlockKind.STATIONS and pulls:
                parts.append(f"{pulls} pull" + ("s" if pulls > 1 else ""))
                pulls = 0
        if pulls:
            parts.append(f"{pulls} pull" + ("s" if pulls > 1 else ""))
        if not parts:
            parts = [block.kind.label.lower() for block in self.blocks[:2]] or ["no blocks"]
        line = " · ".join(parts)
        return line[0].upper() + line[1:]

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


def next_school_day(day: date, meeting_days: Collection[Weekday] = SCHOOL_DAYS) -> date:
    """The first day after ``day`` that is a weekday the period meets (Mon–Fri by default)."""
    days = {d for d in meeting_days if d in SCHOOL_DAYS} or set(SCHOOL_DAYS)
    following = day + timedelta(days=1)
    while Weekday.of(following) not in days:
        following += timedelta(days=1)
    return following


def teaching_day(day: date) -> date:
    """The school day the classroom is about on ``day``: ``day`` itself on a weekday, the
    coming Monday on a weekend (Saturday evening's plans are for Monday)."""
    return day if Weekday.of(day) in SCHOOL_DAYS else next_school_day(day)


def school_week(day: date) -> tuple[date, ...]:
    """Monday to Friday of the week ``teaching_day(day)`` falls in."""
    monday = teaching_day(day) - timedelta(days=teaching_day(day).weekday())
    return tuple(monday + timedelta(days=i) for i in range(5))


# Evidence from the lesson itself: what students showed on the boards and the exit ticket.
LESSON_SOURCES = frozenset({EvidenceSource.EXIT_TICKET, EvidenceSource.WHITEBOARD})
# The blocks a pull can run inside while everyone else keeps working.
PULL_HOSTS = (BlockKind.STATIONS, BlockKind.PRACTICE)


def pull_block(suggestion: PullSuggestion, minutes: int) -> PlanBlock:
    """A small-group pull that runs inside the block before it."""
    return PlanBlock(
        BlockKind.SMALL_GROUP,
        minutes,
        title=f"Pull: {suggestion.skill.name} ({suggestion.skill.code})",
        skill_code=suggestion.skill.code,
        students=suggestion.students,
        concurrent=True,
    )


def skills_to_revisit(evidence: Iterable[Evidence], on: date) -> list[SkillId]:
    """Skills with Not yet or Getting there on ``on``'s exit tickets and whiteboards.

    Most Not yets first, then most Getting theres, then the skill seen first.
    """
    counts: dict[SkillId, list[int]] = {}
    for item in evidence:
        if item.observed_on != on or item.source not in LESSON_SOURCES:
            continue
        if item.level not in GAP_LEVELS:
            continue
        tally = counts.setdefault(item.skill_id, [0, 0])
        tally[0 if item.level is Level.NOT_YET else 1] += 1
    order = {skill: n for n, skill in enumerate(counts)}
    return sorted(counts, key=lambda s: (-counts[s][0], -counts[s][1], order[s]))


def next_day_blocks(
    blocks: Sequence[PlanBlock],
    pulls: Sequence[PullSuggestion],
    practice_focus: tuple[str, ...],
    pull_minutes: int,
) -> tuple[PlanBlock, ...]:
    """Today's blocks for another day: same kinds, tasks and minutes, without groups.

    Today's pulls make way for ``pulls`` (same minutes, in the same places; today's students
    never stay). With no pull today, the first pull goes inside the first stations or
    practice block. Practice blocks take ``practice_focus`` when it is not empty.
    """
    waiting = list(pulls)
    result: list[PlanBlock] = []
    for block in blocks:
        if block.kind is BlockKind.SMALL_GROUP:
            if waiting:
                result.append(pull_block(waiting.pop(0), block.minutes))
            elif not block.students:
                result.append(block)  # an empty slot (from a template) waits for students
            continue
        if block.kind is BlockKind.PRACTICE and practice_focus:
            block = replace(block, practice_skills=practice_focus)
        result.append(block.without_groups())
    had_pulls = any(b.kind is BlockKind.SMALL_GROUP for b in blocks)
    if waiting and not had_pulls:
        host = next((i for i, b in enumerate(result) if b.kind in PULL_HOSTS), None)
        if host is not None:
            at = host + 1
            while at < len(result) and result[at].concurrent:
                at += 1
            result.insert(at, pull_block(waiting[0], min(pull_minutes, result[host].minutes)))
    return tuple(result)
