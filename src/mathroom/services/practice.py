"""Personal practice sheets for a period's day: built from each student's gaps, adjustable
by hand, printed in the packet, and marked back in as evidence."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import combinations

from sqlalchemy.orm import Session

from mathroom.domain.errors import ValidationError
from mathroom.domain.groups import GroupSet
from mathroom.domain.ids import GroupSetId, PeriodId, SkillId, StudentId
from mathroom.domain.levels import LevelRule, current_level
from mathroom.domain.plan import BlockKind, DayPlan
from mathroom.domain.practice.registry import check_focus, has_generator
from mathroom.domain.practice.sheet import (
    DEFAULT_SIZE,
    MAX_SIZE,
    SECURE_LEVELS,
    ClassSheets,
    PracticeSheet,
    SheetRequest,
    build_class_sheets,
)
from mathroom.domain.roster import display_names
from mathroom.domain.skills import Evidence, EvidenceSource, Level, Skill
from mathroom.export.packet_model import PracticeProblem
from mathroom.export.packet_model import PracticeSheet as PrintedSheet
from mathroom.store.repositories.attendance import AttendanceRepository
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.practice import PracticeChoiceRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.unit_of_work import Store

RECENT_DAYS = 28  # a skill secured within four weeks comes back as spaced review
PRACTICE_SIZE = "practice_size"


@dataclass(frozen=True, slots=True)
class StudentPractice:
    """One student's sheet for the day, with what shaped it (teacher-facing)."""

    student: StudentId
    name: str  # display name
    hand_focus: tuple[str, ...]  # set by the teacher; empty when chosen from the gaps
    version: int
    sheet: PracticeSheet


@dataclass(frozen=True, slots=True)
class _Inputs:
    names: dict[StudentId, str]
    absent: frozenset[StudentId]
    requests: list[SheetRequest]
    pairs: list[tuple[StudentId, StudentId]]
    choices: dict[StudentId, tuple[tuple[str, ...], int]]


class PracticeService:
    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    # -- settings ---------------------------------------------------------------------
    def size(self) -> int:
        with self._store.unit_of_work() as session:
            value = SettingsRepository(session).get(PRACTICE_SIZE, DEFAULT_SIZE)
        return value if isinstance(value, int) and 1 <= value <= MAX_SIZE else DEFAULT_SIZE

    def set_size(self, size: int) -> None:
        if not 1 <= size <= MAX_SIZE:
            raise ValidationError("size", f"a sheet holds 1 to {MAX_SIZE} problems")
        with self._store.unit_of_work() as session:
            SettingsRepository(session).set(PRACTICE_SIZE, size)

    # -- sheets -----------------------------------------------------------------------
    def class_sheets(self, period: PeriodId, on: date) -> list[StudentPractice]:
        """Every present student's sheet, in roster order (absent students get none)."""
        with self._store.unit_of_work() as session:
            inputs = _inputs(session, period, on)
        built = _build(inputs, on)
        return [
            StudentPractice(
                sheet.student_id,
                inputs.names[sheet.student_id],
                inputs.choices.get(sheet.student_id, ((), 0))[0],
                sheet.version,
                sheet,
            )
            for sheet in built.sheets
        ]

    def printed_sheets(self, period: PeriodId, on: date) -> list[PrintedSheet]:
        """The sheets as the packet prints them (display names and problems only)."""
        with self._store.unit_of_work() as session:
            return printed_sheets(session, period, on)

    def set_focus(
        self, period: PeriodId, on: date, student: StudentId, codes: Sequence[str]
    ) -> None:
        """Hand-set the skills a student's sheet works on (empty: back to their gaps)."""
        check_focus(codes, "focus")
        with self._store.unit_of_work() as session:
            PracticeChoiceRepository(session).set_focus(
                period, student, on, list(dict.fromkeys(codes)), self._now()
            )

    def regenerate(self, period: PeriodId, on: date, student: StudentId) -> int:
        """New problems on the same skills for one student; returns the new version."""
        with self._store.unit_of_work() as session:
            return PracticeChoiceRepository(session).next_version(period, student, on, self._now())

    def record_marks(
        self, student: StudentId, on: date, marks: Mapping[str, Level]
    ) -> tuple[int, ...]:
        """A marked sheet's levels per skill, as evidence (returns ids, for undo)."""
        with self._store.unit_of_work() as session:
            skills = SkillRepository(session)
            ids = skills.ids_by_code()
            missing = [code for code in marks if code not in ids]
            if missing:
                raise ValidationError("skill", f"unknown skill code {', '.join(missing)}")
            items = [
                Evidence(student, ids[code], level, on, EvidenceSource.PRACTICE, "practice sheet")
                for code, level in marks.items()
            ]
            return tuple(skills.record_evidence(items, self._now()))


def printed_sheets(
    session: Session,
    period: PeriodId,
    on: date,
    plan: DayPlan | None = None,
    group_sets: Mapping[GroupSetId, GroupSet] | None = None,
) -> list[PrintedSheet]:
    """The period's sheets for the day as the packet prints them, read in ``session``
    (with the day's ``plan`` and its ``group_sets`` when the caller has read them)."""
    inputs = _inputs(session, period, on, plan, group_sets)
    return [
        PrintedSheet(
            name=inputs.names[sheet.student_id],
            problems=tuple(
                PracticeProblem(p.prompt, p.answer_text, p.step, p.skill_code)
                for p in sheet.problems
            ),
            answer_bank=sheet.answer_bank,
        )
        for sheet in _build(inputs, on).sheets
    ]


def _build(inputs: _Inputs, on: date) -> ClassSheets:
    return build_class_sheets(inputs.requests, on, absent=inputs.absent, must_differ=inputs.pairs)


def _inputs(
    session: Session,
    period: PeriodId,
    on: date,
    known_plan: DayPlan | None = None,
    known_sets: Mapping[GroupSetId, GroupSet] | None = None,
) -> _Inputs:
    """Everything the day's sheets are made from, read in one session."""
    students = RosterRepository(session).students(period)
    settings = SettingsRepository(session)
    style = settings.display_name_style()
    rule = settings.level_rule()
    size = settings.get(PRACTICE_SIZE, DEFAULT_SIZE)
    skills = SkillRepository(session).skills()
    evidence = SkillRepository(session).evidence_of([s.id for s in students])
    absent = AttendanceRepository(session).absent(period, on)
    plan = known_plan if known_plan is not None else PlanRepository(session).plan(period, on)
    group_set_id = (
        next((b.group_set_id for b in plan.blocks if b.group_set_id is not None), None)
        if plan
        else None
    )
    group_set = None
    if group_set_id and known_sets is not None and group_set_id in known_sets:
        group_set = known_sets[group_set_id]
    elif group_set_id:
        group_set = GroupRepository(session).group_set(group_set_id)
    choices = PracticeChoiceRepository(session).choices(period, on)
    if not isinstance(size, int) or not 1 <= size <= MAX_SIZE:
        size = DEFAULT_SIZE
    names = display_names(students, style)
    day_focus: tuple[str, ...] = ()
    if plan is not None:
        block = next((b for b in plan.blocks if b.kind is BlockKind.PRACTICE), None)
        # Codes saved before focus was checked at entry are skipped, not fatal.
        day_focus = tuple(c for c in block.practice_skills if has_generator(c)) if block else ()
    levels, secured = _standings(skills, evidence, rule, on)
    requests = []
    for student in students:
        mine = levels.get(student.id, {})
        hand, version = choices.get(student.id, ((), 0))
        requests.append(
            SheetRequest(
                student.id,
                levels=mine,
                recently_secured=secured.get(student.id, ()),
                focus=tuple(c for c in hand if has_generator(c)),
                size=size,
                version=version,
                # The day's focus shares the places the student's own gaps leave.
                day_focus=day_focus,
            )
        )
    pairs: list[tuple[StudentId, StudentId]] = []
    if group_set is not None:
        for group in group_set.groups:
            pairs += list(combinations(sorted(group.members), 2))
    return _Inputs(names, absent, requests, pairs, choices)


def _standings(
    skills: Sequence[Skill], evidence: Sequence[Evidence], rule: LevelRule, on: date
) -> tuple[dict[StudentId, dict[str, Level]], dict[StudentId, tuple[str, ...]]]:
    """Each student's level per skill code, and the skills they secured lately."""
    code_of = {skill.id: skill.code for skill in skills}
    grouped: dict[tuple[StudentId, SkillId], list[Evidence]] = {}
    for item in evidence:
        # Evidence from before the day only: marks recorded that day must not change its sheet.
        if item.observed_on < on:
            grouped.setdefault((item.student_id, item.skill_id), []).append(item)
    levels: dict[StudentId, dict[str, Level]] = {}
    secured: dict[StudentId, list[str]] = {}
    recent = on - timedelta(days=RECENT_DAYS)
    for (student, skill), items in grouped.items():
        code = code_of.get(skill)
        if code is None:
            continue
        level = current_level(items, rule, on)
        if level is None:
            continue
        levels.setdefault(student, {})[code] = level
        latest = max(items, key=lambda e: e.observed_on)
        if level in SECURE_LEVELS and latest.observed_on >= recent:
            secured.setdefault(student, []).append(code)
    return levels, {s: tuple(sorted(codes)) for s, codes in secured.items()}
