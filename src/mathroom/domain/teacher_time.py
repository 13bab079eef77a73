"""The teacher's own time (a small-group pull or 1-1 conferences), spread fairly.

For each student of a period: the last school day they sat with the teacher and how many of
the period's school days have passed since; who has waited longer than N school days; and
turns over the next days so that everyone is seen at least once every N school days. Need
still comes first: fairness adds turns for the students in the middle, it never takes a pull
away from the students far behind.

A day counts as "seen" when the student is in a pull or conference block of that day's plan
and was not marked absent. ``days_since`` counts the period's school days (its meeting days,
Monday to Friday) after the last time seen, up to and including the day asked about: seen
yesterday is 1, seen today is 0. Seen on day X, a student is due on the N-th school day after
X and overdue after it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from math import ceil

from mathroom.domain.errors import ValidationError
from mathroom.domain.gap_map import GapMap
from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.plan import PULL_HOSTS, SCHOOL_DAYS, BlockKind, DayPlan, PlanBlock
from mathroom.domain.pulls import GAP_LEVELS, suggest_pulls
from mathroom.domain.roster import Weekday
from mathroom.domain.skills import Level, Skill

DEFAULT_FAIR_EVERY = 5
MAX_FAIR_EVERY = 20
PULL_SIZE = 4  # the most students a suggested pull sits with
CONFERENCE_MINUTES_EACH = 3  # a 1-1 conference is short: a few minutes a student


@dataclass(frozen=True, slots=True)
class Seen:
    """One student's teacher time as seen on one day."""

    student: StudentId
    last_seen: date | None  # the last day with teacher time up to the day asked about
    days_since: int  # school days since then (since the record began, when never seen)
    next_booked: date | None = None  # teacher time already planned after that day

    @property
    def never(self) -> bool:
        return self.last_seen is None


@dataclass(frozen=True, slots=True)
class TimeSuggestion:
    """Teacher time to add to a day: a small-group pull or a block of 1-1 conferences."""

    kind: BlockKind  # SMALL_GROUP or CONFERENCE
    students: tuple[StudentId, ...]
    skill: Skill | None
    reason: str
    fair: bool  # a turn so that nobody waits too long (False: a pull by need)


def check_every(every: int) -> int:
    """``every`` when it is a sensible number of school days (ValidationError otherwise)."""
    if not 1 <= every <= MAX_FAIR_EVERY:
        raise ValidationError(
            "fair_every", f"must be between 1 and {MAX_FAIR_EVERY} school days (got {every})"
        )
    return every


def school_days(meeting_days: Collection[Weekday]) -> frozenset[Weekday]:
    """The weekdays a period meets that are school days (Monday to Friday when none are)."""
    days = frozenset(d for d in meeting_days if d in SCHOOL_DAYS)
    return days or frozenset(SCHOOL_DAYS)


def school_days_after(after: date, until: date, meeting_days: Collection[Weekday]) -> int:
    """How many of the period's school days fall after ``after``, up to ``until`` inclusive."""
    if until <= after:
        return 0
    days = school_days(meeting_days)
    weeks, rest = divmod((until - after).days, 7)
    count = weeks * len(days)  # every whole week holds each weekday once
    for offset in range(1, rest + 1):
        if Weekday.of(after + timedelta(days=weeks * 7 + offset)) in days:
            count += 1
    return count


def next_school_days(
    first: date, count: int, meeting_days: Collection[Weekday]
) -> tuple[date, ...]:
    """``count`` of the period's school days from ``first`` on (``first`` when it is one)."""
    days = school_days(meeting_days)
    found: list[date] = []
    day = first
    while len(found) < count:
        if Weekday.of(day) in days:
            found.append(day)
        day += timedelta(days=1)
    return tuple(found)


def teacher_time_days(
    plans: Iterable[DayPlan], absent: Mapping[date, Collection[StudentId]]
) -> dict[StudentId, tuple[date, ...]]:
    """The days each student had (or has planned) teacher time, in order; a student marked
    absent that day was not seen."""
    days: dict[StudentId, set[date]] = {}
    for plan in plans:
        away = absent.get(plan.plan_date, ())
        for block in plan.blocks:
            if not block.is_teacher_time:
                continue
            for student in block.students:
                if student not in away:
                    days.setdefault(student, set()).add(plan.plan_date)
    return {student: tuple(sorted(found)) for student, found in days.items()}


def seen_on(
    plans: Sequence[DayPlan],
    students: Sequence[StudentId],
    absent: Mapping[date, Collection[StudentId]],
    on: date,
    meeting_days: Collection[Weekday] = SCHOOL_DAYS,
    since: date | None = None,
) -> tuple[Seen, ...]:
    """Each student's last teacher time up to ``on`` (its plans count) and the school days
    passed since, in roster order; plans after ``on`` only give ``next_booked``.

    The record begins at ``since`` (default: the period's first planned day): a student never
    seen has waited since then. With no record at all, nobody has waited.
    """
    start = since if since is not None else min((p.plan_date for p in plans), default=None)
    times = teacher_time_days(plans, absent)
    result: list[Seen] = []
    for student in students:
        days = times.get(student, ())
        before = [d for d in days if d <= on]
        later = [d for d in days if d > on]
        last = before[-1] if before else None
        if last is not None:
            waited = school_days_after(last, on, meeting_days)
        elif start is not None:
            waited = school_days_after(start - timedelta(days=1), on, meeting_days)
        else:
            waited = 0
        result.append(Seen(student, last, waited, later[0] if later else None))
    return tuple(result)


def overdue(seen: Sequence[Seen], every: int) -> tuple[Seen, ...]:
    """Who has not been seen for more than ``every`` school days, longest first (roster
    order among equals)."""
    check_every(every)
    return tuple(sorted((s for s in seen if s.days_since > every), key=lambda s: -s.days_since))


def due(seen: Sequence[Seen], every: int) -> tuple[Seen, ...]:
    """Who reaches ``every`` school days on the day: today is their last day to be seen."""
    check_every(every)
    return tuple(s for s in seen if s.days_since == every)


def fair_capacity(roster_size: int, every: int) -> int:
    """How many turns a day may hold: a fair share of the roster, and one to catch up."""
    return ceil(roster_size / check_every(every)) + 1


def fair_turns(
    seen: Sequence[Seen],
    days: Sequence[date],
    every: int,
    per_day: int,
    away: Mapping[date, Collection[StudentId]] | None = None,
) -> tuple[tuple[StudentId, ...], ...]:
    """Who takes a turn on each of ``days`` (the period's next school days; ``seen`` was
    counted on the first) so that nobody waits more than ``every`` school days.

    Each student not seen on the first day gets one turn, by the day they would be due as far
    as ``per_day`` allows: turns are spread evenly over the days, the soonest due and the
    longest waiting first. A student already booked by that day waits for the booking;
    ``away`` (absent, or busy) students get no turn that day.
    """
    check_every(every)
    if per_day < 0:
        raise ValidationError("per_day", "cannot be negative")
    if not days:
        return ()
    blocked = away or {}
    first = days[0]
    pool: list[tuple[int, int, int, StudentId]] = []
    for index, item in enumerate(seen):
        if item.last_seen is not None and item.last_seen >= first:
            continue  # seen that day already
        deadline = max(0, every - item.days_since)  # the index of the day they are due
        if item.next_booked is not None and item.next_booked in days[: deadline + 1]:
            continue
        pool.append((deadline, -item.days_since, index, item.student))
    pool.sort()
    turns: list[tuple[StudentId, ...]] = []
    for k, day in enumerate(days):
        busy = blocked.get(day, ())
        due_now = sum(1 for entry in pool if entry[0] <= k)
        quota = min(per_day, max(due_now, ceil(len(pool) / (len(days) - k))))
        chosen = [entry for entry in pool if entry[3] not in busy][:quota]
        taken = {entry[3] for entry in chosen}
        pool = [entry for entry in pool if entry[3] not in taken]
        turns.append(tuple(entry[3] for entry in chosen))
    return tuple(turns)


def group_turns(
    students: Sequence[StudentId],
    gap: GapMap,
    waiting: Mapping[StudentId, int],
    size: int = PULL_SIZE,
) -> tuple[TimeSuggestion, ...]:
    """A day's turns as teacher time: students who share a need (Not yet or Getting there on
    a skill) are pulled together, two to ``size`` at a time; the rest get 1-1 conferences."""
    if size < 2:
        raise ValidationError("size", "a pull sits with at least two students")
    left = list(dict.fromkeys(students))
    result: list[TimeSuggestion] = []
    while True:
        best: tuple[tuple[int, int, str], Skill, list[StudentId]] | None = None
        for skill in gap.skills:
            sharing = [s for s in left if gap.level(s, skill.id) in GAP_LEVELS]
            if len(sharing) < 2:
                continue
            sharing.sort(
                key=lambda s: (gap.level(s, skill.id) or 0, -waiting.get(s, 0), left.index(s))
            )
            group = sharing[:size]
            not_yet = sum(1 for s in group if gap.level(s, skill.id) is Level.NOT_YET)
            key = (-len(group), -not_yet, skill.code)
            if best is None or key < best[0]:
                best = (key, skill, group)
        if best is None:
            break
        _, skill, group = best
        shared = _level_words(gap, group, skill.id)
        result.append(
            TimeSuggestion(
                BlockKind.SMALL_GROUP,
                tuple(group),
                skill,
                f"their turn ({_waited(group, waiting)}); {shared} on {skill.code} — {skill.name}",
                fair=True,
            )
        )
        left = [s for s in left if s not in group]
    if left:
        own = _own_need(gap, left[0]) if len(left) == 1 else None
        focus = f"; {own.code} — {own.name}" if own is not None else ""
        result.append(
            TimeSuggestion(
                BlockKind.CONFERENCE,
                tuple(left),
                own,
                f"their turn ({_waited(left, waiting)}){focus}",
                fair=True,
            )
        )
    return tuple(result)


def suggest_day(
    gap: GapMap,
    seen: Sequence[Seen],
    days: Sequence[date],
    every: int,
    per_day: int,
    need_skills: Sequence[SkillId],
    need_pulls: int = 1,
    absent: Mapping[date, Collection[StudentId]] | None = None,
) -> tuple[TimeSuggestion, ...]:
    """The teacher time for ``days[0]``: pulls by need first (among equals, those who have
    waited longest), then turns so that nobody waits more than ``every`` school days.

    ``seen`` is counted on ``days[0]`` (students already seen that day are left alone);
    ``absent`` holds who is marked absent on each of ``days``.
    """
    if not days:
        return ()
    day = days[0]
    away = absent or {}
    roster = {s.student for s in seen}
    present = roster - set(away.get(day, ()))
    waiting = {s.student: s.days_since for s in seen}
    busy = {s.student for s in seen if s.last_seen == day}
    pulls = suggest_pulls(
        gap, need_skills, present, PULL_SIZE, need_pulls, already_pulled=busy, waiting=waiting
    )
    by_need = [
        TimeSuggestion(BlockKind.SMALL_GROUP, p.students, p.skill, p.reason, fair=False)
        for p in pulls
    ]
    pulled = {s for p in pulls for s in p.students}
    counted = [replace(s, last_seen=day, days_since=0) if s.student in pulled else s for s in seen]
    turns = fair_turns(counted, days, every, per_day, away)[0]
    return (*by_need, *group_turns(turns, gap, waiting))


def suggestion_minutes(suggestion: TimeSuggestion, pull_minutes: int) -> int:
    """How long a suggestion runs: a pull its usual minutes, conferences a few each."""
    if suggestion.kind is BlockKind.CONFERENCE:
        return CONFERENCE_MINUTES_EACH * len(suggestion.students)
    return pull_minutes


def conference_block(
    students: Sequence[StudentId], skill: Skill | None, minutes: int, *, concurrent: bool = True
) -> PlanBlock:
    """1-1 conferences, one student after another, while the others keep working."""
    title = f"1-1 conferences: {skill.name} ({skill.code})" if skill else "1-1 conferences"
    return PlanBlock(
        BlockKind.CONFERENCE,
        minutes,
        title=title,
        skill_code=skill.code if skill else None,
        students=tuple(students),
        concurrent=concurrent,
    )


def host_index(blocks: Sequence[PlanBlock]) -> int | None:
    """Where teacher time runs: the first stations block, else the first practice block."""
    for kind in PULL_HOSTS:
        found = next((i for i, b in enumerate(blocks) if b.kind is kind), None)
        if found is not None:
            return found
    return None


def with_teacher_time(
    blocks: Sequence[PlanBlock], kept: Sequence[PlanBlock]
) -> tuple[PlanBlock, ...]:
    """``blocks`` with the teacher time ``kept`` (set ahead for the day) put back: inside the
    host block after what already runs there, or at the end in its own minutes when the day
    has no stations or practice block."""
    if not kept:
        return tuple(blocks)
    result = list(blocks)
    host = host_index(result)
    if host is None:
        return (*result, *(replace(b, concurrent=False) for b in kept))
    at = host + 1
    while at < len(result) and result[at].concurrent:
        at += 1
    result[at:at] = [replace(b, concurrent=True) for b in kept]
    return tuple(result)


def _waited(students: Sequence[StudentId], waiting: Mapping[StudentId, int]) -> str:
    days = sorted({waiting.get(s, 0) for s in students})
    span = str(days[0]) if len(days) == 1 else f"{days[0]}–{days[-1]}"
    unit = "school day" if days == [1] else "school days"
    return f"not seen for {span} {unit}"


def _level_words(gap: GapMap, group: Sequence[StudentId], skill: SkillId) -> str:
    levels = [gap.level(s, skill) for s in group]
    if len(set(levels)) == 1 and levels[0] is not None:
        who = "both are" if len(group) == 2 else f"all {len(group)} are"
        return f"{who} {levels[0].label}"
    not_yet = levels.count(Level.NOT_YET)
    return f"{not_yet} Not yet and {len(group) - not_yet} Getting there"


def _own_need(gap: GapMap, student: StudentId) -> Skill | None:
    """The student's lowest gap, first in the skill map among equals."""
    gaps = [(gap.level(student, s.id), n, s) for n, s in enumerate(gap.skills)]
    found = [(level, n, s) for level, n, s in gaps if level in GAP_LEVELS]
    return min(found, key=lambda x: (x[0] or 0, x[1]))[2] if found else None
