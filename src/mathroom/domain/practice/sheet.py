"""Personal practice sheets: mostly a student's weakest skills, the day's focus and some
spaced review in the rest, one stretch, and a scrambled answer bank; for a class,
neighbours never share a problem. Every place says why it is there.

Seeds come from a stable hash (BLAKE2b) of the student, the day, the skill, the problem's
place on the sheet, the sheet's version and a retry count, so the same inputs print the same
sheet on any machine and Python run (``hash()`` is salted per process, so it is never used).
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import StudentId
from mathroom.domain.practice.problem import Problem
from mathroom.domain.practice.registry import (
    check_focus,
    generator_for,
    has_generator,
    skill_codes,
)
from mathroom.domain.skills import Level

GAP_LEVELS = (Level.NOT_YET, Level.GETTING_THERE)
SECURE_LEVELS = (Level.GOT_IT, Level.EXTENDING)

DEFAULT_SIZE = 8
MAX_SIZE = 40
MAX_FOCUS_SKILLS = 3
"""A sheet works on at most this many gaps, so each gets several problems."""

PROBLEMS_PER_REVIEW = 4
"""One review problem for every four on the sheet: 2 of 8."""

RESEED_LIMIT = 200
"""Fresh seeds tried for one place before a repeated problem is accepted (and reported)."""

DEFAULT_MIX = (
    "7.NS.A.1b",
    "7.NS.A.2a",
    "7.RP.A.2b",
    "7.RP.A.3-pct-change",
    "7.EE.A.1-simp",
    "7.EE.B.4a-solve",
    "7.G.B.4-area",
    "7.SP.C.7a",
)
"""Grade-level practice for a student with nothing recorded yet."""

_DIFFICULTY = {Level.NOT_YET: 1, Level.GETTING_THERE: 2, Level.GOT_IT: 2, Level.EXTENDING: 3}
_UNKNOWN_DIFFICULTY = 2


class Role(StrEnum):
    FOCUS = "focus"  # a gap: Not yet or Getting there, or the teacher's hand-set focus
    TODAY = "today"  # the day's planned focus, in the places the student's gaps leave
    REVIEW = "review"  # spaced review of a secured skill (or the grade-level default mix)
    STRETCH = "stretch"  # one harder problem


@dataclass(frozen=True, slots=True)
class SheetRequest:
    """What one student's sheet is built from. ``levels`` maps skill codes to current levels;
    ``focus``, the teacher's hand-set choice for this student, replaces the weakest-skill
    choice; ``day_focus``, the day's planned focus, takes a share of the places the gaps
    leave (never the gaps' own half); bump ``version`` to reprint."""

    student_id: StudentId
    levels: Mapping[str, Level] = field(default_factory=dict)
    recently_secured: tuple[str, ...] = ()
    focus: tuple[str, ...] = ()
    size: int = DEFAULT_SIZE
    version: int = 0
    day_focus: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Slot:
    """One planned place on a sheet, before a problem is drawn for it."""

    role: Role
    skill_code: str
    difficulty: int
    reason: str = ""  # teacher-facing: "Not yet on 7.NS.A.1", "Today's focus"


@dataclass(frozen=True, slots=True)
class SheetItem:
    number: int  # 1-based, as printed
    role: Role
    problem: Problem
    reason: str = ""  # why the problem is on the sheet (see Slot.reason)


@dataclass(frozen=True, slots=True)
class PracticeSheet:
    student_id: StudentId
    day: date
    version: int
    items: tuple[SheetItem, ...]
    answer_bank: tuple[str, ...]  # the items' answer texts, shuffled
    repeats: int = 0  # places that couldn't avoid a problem they were asked to avoid

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(item.problem for item in self.items)


@dataclass(frozen=True, slots=True)
class ClassSheets:
    """Sheets for the present students, in the order asked. ``clashes`` lists pairs that
    must differ but still share a problem (only when a skill runs out of fresh problems)."""

    sheets: tuple[PracticeSheet, ...]
    clashes: tuple[tuple[StudentId, StudentId], ...] = ()

    def for_student(self, student: StudentId) -> PracticeSheet | None:
        return next((s for s in self.sheets if s.student_id == student), None)


def plan_sheet(request: SheetRequest) -> tuple[Slot, ...]:
    """The roles, skills, difficulties and reasons of a sheet, in printed order.

    Gap places go round the (at most three) weakest skills, Not yet before Getting there,
    so the weakest gets the most; with gaps they hold at least half the sheet. The day's
    focus shares the places left with spaced review of recently secured skills (about one
    place in four is review when there is no day focus); the last place is one stretch.
    """
    _check(request)
    teaching = {code: n for n, code in enumerate(skill_codes())}
    levels = {c: lv for c, lv in request.levels.items() if has_generator(c)}
    by_hand = bool(request.focus)
    if by_hand:
        gaps = list(dict.fromkeys(request.focus))
    else:
        weak = (c for c, lv in levels.items() if lv in GAP_LEVELS)
        gaps = sorted(weak, key=lambda c: (levels[c], teaching[c]))[:MAX_FOCUS_SKILLS]
    day_codes = tuple(c for c in dict.fromkeys(request.day_focus) if has_generator(c))
    today = [c for c in day_codes if c not in gaps]
    secured = sorted(
        (c for c, lv in levels.items() if lv in SECURE_LEVELS),
        key=lambda c: (-levels[c], teaching[c]),
    )
    # A skill recorded as a gap since it was secured isn't reviewed: it is a gap again.
    recent = [
        c
        for c in dict.fromkeys(request.recently_secured)
        if has_generator(c) and levels.get(c) not in GAP_LEVELS
    ]
    review_pool = [c for c in dict.fromkeys(recent + secured) if c not in gaps + today]
    places = request.size - 1  # the last place is the stretch
    gap_count = today_count = 0
    if gaps:
        if today:
            gap_count = min(places, math.ceil(request.size / 2))
            rest = places - gap_count
            review_count = min(request.size // PROBLEMS_PER_REVIEW, rest // 2, len(review_pool))
            today_count = rest - review_count
        else:
            review_count = min(request.size // PROBLEMS_PER_REVIEW, len(review_pool))
            gap_count = places - review_count
        reviews = review_pool[:review_count]
        stretch = _stretch_skill(gaps, levels, review_pool, by_hand=by_hand or places == 0)
    else:
        today_count = math.ceil(places / 2) if today else 0
        pool = review_pool or list(DEFAULT_MIX)
        reviews = [pool[n % len(pool)] for n in range(places - today_count)]
        stretch = today[0] if today else pool[0 if review_pool else places % len(pool)]
    worked = [gaps[n % len(gaps)] for n in range(gap_count)]
    day = [today[n % len(today)] for n in range(today_count)]
    gap_slots = [
        Slot(Role.FOCUS, c, _difficulty(c, Role.FOCUS, levels), _why(c, levels, day_codes, by_hand))
        for c in worked
    ]
    day_slots = [
        Slot(Role.TODAY, c, _difficulty(c, Role.TODAY, levels), "Today's focus") for c in day
    ]
    review_slots = [
        Slot(
            Role.REVIEW, c, _difficulty(c, Role.REVIEW, levels), _review_why(c, levels, review_pool)
        )
        for c in reviews
    ]
    # A review problem opens the sheet as a warm-up; the rest follow the focus work.
    ordered = review_slots[:1] + gap_slots + day_slots + review_slots[1:]
    stretch_why = f"Stretch: a harder one on {stretch}"
    ordered.append(
        Slot(Role.STRETCH, stretch, _difficulty(stretch, Role.STRETCH, levels), stretch_why)
    )
    return tuple(ordered)


def _why(code: str, levels: Mapping[str, Level], day: Sequence[str], by_hand: bool) -> str:
    """Why a gap place works on ``code``: the student's own level, or the teacher's hand."""
    why = f"Set by hand: {code}" if by_hand else f"{levels[code].label} on {code}"
    return f"{why} (also today's focus)" if code in day else why


def _review_why(code: str, levels: Mapping[str, Level], pool: Sequence[str]) -> str:
    if code not in pool:
        return "Grade 7 mix: no evidence yet"
    level = levels.get(code)
    return f"Review: {level.label} on {code}" if level is not None else f"Review: {code}"


def _difficulty(code: str, role: Role, levels: Mapping[str, Level]) -> int:
    """Level sets difficulty (Not yet 1, Getting there and Got it 2, Extending 3); the
    stretch is always the generator's hardest."""
    top = max(generator_for(code).difficulties)
    if role is Role.STRETCH:
        return top
    level = levels.get(code)
    return min(top, _DIFFICULTY[level] if level is not None else _UNKNOWN_DIFFICULTY)


def _stretch_skill(
    gaps: Sequence[str], levels: Mapping[str, Level], review_pool: Sequence[str], *, by_hand: bool
) -> str:
    """A hard problem where it fits best: the first hand-set focus; else a skill that is
    nearly there (Getting there); else a secured skill; else the weakest gap itself."""
    if by_hand:
        return gaps[0]
    nearly = [c for c in gaps if levels.get(c) is Level.GETTING_THERE]
    if nearly:
        return nearly[0]
    return review_pool[0] if review_pool else gaps[0]


def build_sheet(request: SheetRequest, day: date, *, avoid: Collection[str] = ()) -> PracticeSheet:
    """One student's sheet for ``day``. Problems whose prompt is in ``avoid`` (a neighbour's)
    or already on this sheet are re-seeded."""
    seen: set[str] = set()
    items: list[SheetItem] = []
    repeats = 0
    for index, slot in enumerate(plan_sheet(request)):
        generator = generator_for(slot.skill_code)
        for attempt in range(RESEED_LIMIT):
            seed = problem_seed(
                request.student_id, day, slot.skill_code, index, request.version, attempt
            )
            problem = generator.make(seed, slot.difficulty)
            if problem.prompt not in seen and problem.prompt not in avoid:
                break
        else:
            repeats += 1
        seen.add(problem.prompt)
        items.append(SheetItem(index + 1, slot.role, problem, slot.reason))
    bank = _answer_bank(items, request, day)
    return PracticeSheet(request.student_id, day, request.version, tuple(items), bank, repeats)


def build_class_sheets(
    requests: Sequence[SheetRequest],
    day: date,
    *,
    absent: Collection[StudentId] = (),
    must_differ: Collection[tuple[StudentId, StudentId]] = (),
) -> ClassSheets:
    """Sheets for every present student. Absent students get none. Each pair in
    ``must_differ`` (seat neighbours, groupmates) shares no problem: a later student's
    clashing problems are re-seeded against the sheets already built."""
    seen_ids: set[StudentId] = set()
    for request in requests:
        if request.student_id in seen_ids:
            raise ValidationError("requests", f"student {request.student_id} is listed twice")
        seen_ids.add(request.student_id)
    partners: dict[StudentId, set[StudentId]] = {}
    for a, b in must_differ:
        if a != b:
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
    built: dict[StudentId, PracticeSheet] = {}
    clashes: list[tuple[StudentId, StudentId]] = []
    for request in requests:
        student = request.student_id
        if student in absent:
            continue
        near = [built[p] for p in sorted(partners.get(student, ())) if p in built]
        taken = {problem.prompt for sheet in near for problem in sheet.problems}
        sheet = build_sheet(request, day, avoid=taken)
        mine = {problem.prompt for problem in sheet.problems}
        clashes += [
            (other.student_id, student)
            for other in near
            if mine & {p.prompt for p in other.problems}
        ]
        built[student] = sheet
    return ClassSheets(tuple(built.values()), tuple(clashes))


def problem_seed(
    student: StudentId, day: date, skill_code: str, index: int, version: int, attempt: int = 0
) -> int:
    """A 64-bit seed that is the same on every machine and in every run."""
    key = f"{student}|{day.isoformat()}|{skill_code}|{index}|{version}|{attempt}"
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")


def _answer_bank(items: Sequence[SheetItem], request: SheetRequest, day: date) -> tuple[str, ...]:
    """The answers in a scrambled, repeatable order that is never the problems' order."""
    texts = [item.problem.answer_text for item in items]
    bank = list(texts)
    random.Random(problem_seed(request.student_id, day, "answer-bank", 0, request.version)).shuffle(
        bank
    )
    if bank == texts and len(set(texts)) > 1:
        bank = bank[1:] + bank[:1]  # a rotation of a list with two different items differs
    return tuple(bank)


def _check(request: SheetRequest) -> None:
    if not 1 <= request.size <= MAX_SIZE:
        raise ValidationError("size", f"a sheet has 1 to {MAX_SIZE} problems, not {request.size}")
    check_focus(request.focus, "focus")
    check_focus(request.day_focus, "day_focus")
