"""The teacher's own time: who has had a pull or a 1-1 conference and who waits too long,
suggestions for any day, and pulls or conferences added to today's or a later day's plan.

Teacher-only: names and waits appear on the laptop and the run sheet, never the projector.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy.orm import Session

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.plan import (
    LESSON_SOURCES,
    BlockKind,
    PlanBlock,
    pull_block,
    skills_to_revisit,
)
from mathroom.domain.pulls import GAP_LEVELS, PullSuggestion, neediest_skills
from mathroom.domain.roster import Weekday, display_names
from mathroom.domain.skills import Level, Skill
from mathroom.domain.teacher_time import (
    CONFERENCE_MINUTES_EACH,
    Seen,
    TimeSuggestion,
    check_every,
    conference_block,
    due,
    fair_capacity,
    host_index,
    next_school_days,
    overdue,
    school_days,
    suggest_day,
    suggestion_minutes,
)
from mathroom.services.plan_needs import NEEDIEST_FALLBACK, PULL_MINUTES, read_needs
from mathroom.services.time_record import FAIR_EVERY, TimeRecord, fair_every, read_record
from mathroom.services.undo_journal import UndoJournalService
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.unit_of_work import Store

MAX_PULL = 8  # the most students one pull sits with
MAX_MINUTES = 90


@dataclass(frozen=True, slots=True)
class SeenStudent:
    """One student's teacher time, with the name the teacher's screen shows."""

    student: StudentId
    name: str  # display name
    full_name: str
    last_seen: date | None
    days_since: int
    next_booked: date | None = None

    @property
    def wait_text(self) -> str:
        """'6 school days', or 'not seen yet (6 school days)' when never seen."""
        days = f"{self.days_since} school day" + ("" if self.days_since == 1 else "s")
        return f"not seen yet ({days})" if self.last_seen is None else days


@dataclass(frozen=True, slots=True)
class Unseen:
    """Who waits for the teacher's time on a day: past N school days, and due that day."""

    on: date
    every: int
    overdue: tuple[SeenStudent, ...]  # more than ``every`` school days, longest first
    due: tuple[SeenStudent, ...]  # exactly ``every``: the day is their last to be seen


@dataclass(frozen=True, slots=True)
class DaySuggestions:
    period: PeriodId
    day: date
    every: int
    suggestions: tuple[TimeSuggestion, ...]
    names: dict[StudentId, str]
    waiting: dict[StudentId, int]


@dataclass(frozen=True, slots=True)
class Choices:
    """What the teacher chooses from for a day: the roster with waits, and the skills."""

    period: PeriodId
    day: date
    every: int
    students: tuple[SeenStudent, ...]  # roster order
    busy: frozenset[StudentId]  # already have a pull or conferences that day
    absent: frozenset[StudentId]  # marked absent that day
    skills: tuple[Skill, ...]  # the skill map's order
    gaps: dict[StudentId, frozenset[str]]  # skill codes each student is not yet secure on


@dataclass(frozen=True, slots=True)
class Added:
    """What an addition put into a day's plan, so it can be taken back (undo)."""

    period: PeriodId
    day: date
    blocks: tuple[PlanBlock, ...]
    created_plan: bool  # the day had no plan before

    @property
    def summary(self) -> str:
        """'a pull and 1-1 conferences for 5 students on Tuesday, November 24'."""
        pulls = sum(1 for b in self.blocks if b.kind is BlockKind.SMALL_GROUP)
        talks = sum(1 for b in self.blocks if b.kind is BlockKind.CONFERENCE)
        parts = []
        if pulls:
            parts.append("a pull" if pulls == 1 else f"{pulls} pulls")
        if talks:
            parts.append("1-1 conferences")
        students = sum(len(b.students) for b in self.blocks)
        who = "1 student" if students == 1 else f"{students} students"
        return f"{' and '.join(parts)} for {who} on {self.day:%A, %B} {self.day.day}"


class TeacherTimeService:
    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    @property
    def journal(self) -> UndoJournalService:
        """Records what an action writes, for exact undo (see services/undo_journal.py)."""
        return UndoJournalService(self._store)

    # The setting

    def fair_every(self) -> int:
        """N: every student should be seen at least once every N school days."""
        with self._store.unit_of_work() as session:
            return fair_every(session)

    def set_fair_every(self, every: int) -> None:
        check_every(every)
        with self._store.unit_of_work() as session:
            SettingsRepository(session).set(FAIR_EVERY, every)

    # Who has been seen

    def seen(self, period: PeriodId, on: date) -> tuple[SeenStudent, ...]:
        """Every student's last teacher time up to ``on`` (its plan included), roster order."""
        with self._store.unit_of_work() as session:
            record = read_record(session, period)
            names = _names(session, record)
        return tuple(_view(s, names) for s in record.seen(on))

    def overdue(self, period: PeriodId, on: date) -> Unseen:
        """Who has not been seen for more than N school days on ``on`` (longest first), and
        who reaches N that day."""
        with self._store.unit_of_work() as session:
            record = read_record(session, period)
            names = _names(session, record)
        return unseen(record, on, names)

    # Suggestions and choices

    def suggestions(
        self, period: PeriodId, day: date, *, need_pulls: int | None = None
    ) -> DaySuggestions:
        """Pulls and conferences for ``day`` from the evidence recorded up to that day: a pull
        by need first (none when the day already has a pull; ``need_pulls`` says how many),
        then turns so that nobody waits more than N school days."""
        with self._store.unit_of_work() as session:
            record = read_record(session, period)
            self._check_day(record, day)
            needs = read_needs(session, period, day)
            names = _names(session, record)
            existing = PlanRepository(session).plan(period, day)
        count = need_pulls
        if count is None:
            has_pull = existing is not None and any(b.is_pull for b in existing.blocks)
            count = 0 if has_pull else 1
        lesson_days = [
            e.observed_on
            for e in needs.evidence
            if e.observed_on < day and e.source in LESSON_SOURCES
        ]
        visible = {s.id for s in needs.gap.skills}
        revisit = (
            [s for s in skills_to_revisit(needs.evidence, max(lesson_days)) if s in visible]
            if lesson_days
            else []
        )
        skills = revisit or [
            n.skill.id for n in neediest_skills(needs.gap, needs.present)[:NEEDIEST_FALLBACK]
        ]
        seen = record.seen(day)
        made = suggest_day(
            needs.gap,
            seen,
            next_school_days(day, record.every, record.period.meeting_days),
            record.every,
            fair_capacity(len(record.students), record.every),
            skills,
            count,
            record.absent,
        )
        return DaySuggestions(
            period,
            day,
            record.every,
            made,
            {student: shown for student, (shown, _full) in names.items()},
            {s.student: s.days_since for s in seen},
        )

    def choices(self, period: PeriodId, day: date) -> Choices:
        """The roster with each student's wait on ``day``, and the skills to choose from."""
        with self._store.unit_of_work() as session:
            record = read_record(session, period)
            names = _names(session, record)
            needs = read_needs(session, period, day)
            existing = PlanRepository(session).plan(period, day)
        busy = frozenset(
            s
            for b in (existing.blocks if existing else ())
            if b.is_teacher_time
            for s in b.students
        )
        gaps = {
            student.id: frozenset(
                skill.code
                for skill in needs.gap.skills
                if needs.gap.level(student.id, skill.id) in GAP_LEVELS
            )
            for student in record.students
        }
        return Choices(
            period,
            day,
            record.every,
            tuple(_view(s, names) for s in record.seen(day)),
            busy,
            frozenset(record.absent.get(day, ())),
            needs.gap.skills,
            gaps,
        )

    # Adding and taking back

    def add_pull(
        self,
        period: PeriodId,
        day: date,
        students: Sequence[StudentId],
        skill_code: str,
        minutes: int = PULL_MINUTES,
    ) -> Added:
        """A small-group pull on ``skill_code`` for ``day`` (today or later), inside the
        day's stations or practice block; the day's plan is made when it has none."""
        with self._store.unit_of_work() as session:
            record = read_record(session, period)
            skill = _skill(session, skill_code, "skill_code")
            if skill is None:
                raise ValidationError("skill_code", "a pull needs a skill to work on")
            if len(students) > MAX_PULL:
                raise ValidationError(
                    "students",
                    f"a pull sits with at most {MAX_PULL} students (got {len(students)})",
                )
            levels = tuple(Level.NOT_YET for _ in students)
            block = pull_block(PullSuggestion(skill, tuple(students), levels), minutes)
            return self._add(session, record, day, [block])

    def add_conferences(
        self,
        period: PeriodId,
        day: date,
        students: Sequence[StudentId],
        skill_code: str | None = None,
        minutes: int | None = None,
    ) -> Added:
        """1-1 conferences, one student after another, for ``day`` (today or later): a few
        minutes each unless ``minutes`` says otherwise."""
        with self._store.unit_of_work() as session:
            record = read_record(session, period)
            skill = _skill(session, skill_code, "skill_code")
            length = minutes if minutes is not None else _conference_minutes(len(students))
            block = conference_block(tuple(students), skill, length)
            return self._add(session, record, day, [block])

    def add_suggestions(
        self, period: PeriodId, day: date, suggestions: Sequence[TimeSuggestion]
    ) -> Added:
        """The ticked suggestions for ``day``, all or nothing."""
        if not suggestions:
            raise ValidationError("suggestions", "tick at least one suggestion to add")
        with self._store.unit_of_work() as session:
            record = read_record(session, period)
            blocks = []
            for suggestion in suggestions:
                minutes = suggestion_minutes(suggestion, PULL_MINUTES)
                if suggestion.kind is BlockKind.SMALL_GROUP and suggestion.skill is not None:
                    levels = tuple(Level.NOT_YET for _ in suggestion.students)
                    pull = PullSuggestion(suggestion.skill, suggestion.students, levels)
                    blocks.append(pull_block(pull, minutes))
                else:
                    blocks.append(conference_block(suggestion.students, suggestion.skill, minutes))
            return self._add(session, record, day, blocks)

    def remove(self, added: Added) -> None:
        """Take an addition back (undo): its blocks go, and the plan too if it made it and
        nothing else has been put in since."""
        with self._store.unit_of_work() as session:
            repository = PlanRepository(session)
            plan = repository.plan(added.period, added.day)
            if plan is None:
                return
            blocks = list(plan.blocks)
            for block in added.blocks:
                found = next((i for i, b in enumerate(blocks) if _same(b, block)), None)
                if found is not None:
                    blocks.pop(found)
            if not blocks and added.created_plan:
                repository.delete_plan(added.period, added.day)
            else:
                repository.save_plan(added.period, added.day, blocks, self._now(), plan.notes)

    # Helpers

    def _check_day(self, record: TimeRecord, day: date) -> None:
        today = self._now().date()
        if day < today:
            raise ValidationError(
                "day",
                f"{day:%A, %B} {day.day} is past: pulls and conferences are planned for today "
                "or a later day",
            )
        if Weekday.of(day) not in school_days(record.period.meeting_days):
            raise ValidationError("day", f"{record.period.name} does not meet on {day:%A}s")

    def _add(
        self, session: Session, record: TimeRecord, day: date, blocks: Sequence[PlanBlock]
    ) -> Added:
        """Check every block, then put them all inside the day's host block."""
        self._check_day(record, day)
        repository = PlanRepository(session)
        plan = repository.plan(record.period.id, day)
        names = {s.id: s.full_name for s in record.students}
        absent = record.absent.get(day, frozenset())
        taken = {
            s: b.heading
            for b in (plan.blocks if plan else ())
            if b.is_teacher_time
            for s in b.students
        }
        for block in blocks:
            _check_block(block, names, absent, taken, day)
            taken.update((s, block.heading) for s in block.students)
        host = host_index(plan.blocks) if plan else None
        after = plan.blocks[host].kind.value if plan is not None and host is not None else ""
        placed = tuple(replace(b, concurrent=after != "") for b in blocks)
        for block in placed:  # each goes after the host and what already runs inside it
            repository.append_block(record.period.id, day, block, self._now(), after=after)
        return Added(record.period.id, day, placed, plan is None)


def unseen(record: TimeRecord, on: date, names: dict[StudentId, tuple[str, str]]) -> Unseen:
    """The record's overdue and due students on ``on`` (for the packet, in its session)."""
    seen = record.seen(on)
    return Unseen(
        on,
        record.every,
        tuple(_view(s, names) for s in overdue(seen, record.every)),
        tuple(_view(s, names) for s in due(seen, record.every)),
    )


def record_names(session: Session, record: TimeRecord) -> dict[StudentId, tuple[str, str]]:
    """Each student's display name and full name."""
    return _names(session, record)


def _names(session: Session, record: TimeRecord) -> dict[StudentId, tuple[str, str]]:
    style = SettingsRepository(session).display_name_style()
    shown = display_names(list(record.students), style)
    return {s.id: (shown[s.id], s.full_name) for s in record.students}


def _view(seen: Seen, names: dict[StudentId, tuple[str, str]]) -> SeenStudent:
    name, full = names.get(seen.student, ("?", "?"))
    return SeenStudent(seen.student, name, full, seen.last_seen, seen.days_since, seen.next_booked)


def _skill(session: Session, code: str | None, field: str) -> Skill | None:
    if code is None or not code.strip():
        return None
    skills = {s.code: s for s in SkillRepository(session).skills(include_hidden=True)}
    found = skills.get(code.strip())
    if found is None:
        raise ValidationError(
            field,
            f"{code!r} is not a skill code of the skill map "
            "(codes are case-sensitive, like 7.NS.A.1b)",
        )
    return found


def _conference_minutes(students: int) -> int:
    return max(1, CONFERENCE_MINUTES_EACH * students)


def _check_block(
    block: PlanBlock,
    names: dict[StudentId, str],
    absent: frozenset[StudentId],
    taken: dict[StudentId, str],
    day: date,
) -> None:
    if not block.students:
        raise ValidationError("students", "choose at least one student")
    if len(set(block.students)) != len(block.students):
        raise ValidationError("students", "a student is chosen twice")
    if not 1 <= block.minutes <= MAX_MINUTES:
        raise ValidationError(
            "minutes", f"must be 1 to {MAX_MINUTES} minutes (got {block.minutes})"
        )
    for student in block.students:
        if student not in names:
            raise ValidationError("students", f"student {student} is not in this period")
        if student in absent:
            raise ValidationError("students", f"{names[student]} is marked absent on {day:%A}")
        if student in taken:
            raise ValidationError(
                "students",
                f"{names[student]} already has teacher time on {day:%A} ({taken[student]})",
            )


def _same(a: PlanBlock, b: PlanBlock) -> bool:
    return (a.kind, a.title, a.students, a.skill_code) == (
        b.kind,
        b.title,
        b.students,
        b.skill_code,
    )
