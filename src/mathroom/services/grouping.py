"""Make, adjust and save a period's groups with the grouping engine."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from mathroom.domain.attendance import present
from mathroom.domain.errors import MathroomError
from mathroom.domain.gap_map import build_gap_map
from mathroom.domain.grouping import (
    BuddyRule,
    FixedStation,
    GroupingMode,
    GroupingRequest,
    GroupingResult,
    PastRound,
    Remainder,
    SkillLevel,
    form_groups,
)
from mathroom.domain.grouping.roles import assign_roles
from mathroom.domain.groups import ConstraintKind, Group, GroupSet, PairConstraint, pair_counts
from mathroom.domain.hard_rules import BrokenRule, broken_rules, late_arrival_group
from mathroom.domain.ids import GroupSetId, PeriodId, SkillId, StudentId
from mathroom.domain.plan import BlockKind
from mathroom.domain.plan_schedule import station_grouping
from mathroom.domain.roster import DisplayNameStyle, Student, display_names
from mathroom.services.undo_journal import UndoJournalService
from mathroom.store.repositories.attendance import AttendanceRepository
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.settings import GROUP_OVERRIDE_PREFIX, SettingsRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.unit_of_work import Store

HISTORY_SETS = 60
TIME_LIMIT_S = 1.5
OVERRIDE_KEY = GROUP_OVERRIDE_PREFIX + "{}"  # a setting per group set saved with a rule broken


@dataclass(frozen=True, slots=True)
class GroupDraft:
    """Groups on the teacher's screen: names, and warnings in plain words (teacher only)."""

    period: PeriodId
    on: date
    groups: tuple[Group, ...]
    names: dict[StudentId, str]
    absent: tuple[StudentId, ...]
    mode: GroupingMode
    group_size: int
    seed: int
    repeats: int = 0
    warnings: dict[int, tuple[str, ...]] = field(default_factory=dict)  # by group number
    group_set: GroupSetId | None = None  # the saved set these groups are, when they are one
    overridden: tuple[str, ...] = ()  # rules the teacher chose to break when saving the set
    broken: tuple[str, ...] = ()  # hard rules these groups break: saving them is an override


class BoardChoice(StrEnum):
    """What the teacher chose when the groups and the plan's whiteboards differ in number."""

    KEEP = "keep"  # the plan's whiteboards stay as planned: the groups must match them
    MATCH_GROUPS = "match_groups"  # add whiteboards (repeating tasks from board 1) or drop some


class BoardCountError(MathroomError):
    """The groups and the day's whiteboards differ in number and the teacher has not said
    what to do; nothing was saved."""

    def __init__(self, boards: int, groups: int) -> None:
        super().__init__(
            f"The plan has {boards} whiteboards; these are {groups} groups. Nothing was saved: "
            f"make {boards} groups, or choose to {'add' if groups > boards else 'leave out'} "
            "whiteboards."
        )
        self.boards = boards
        self.groups = groups


class HardRuleError(MathroomError):
    """The groups break a hard rule and the teacher has not chosen to override it; nothing
    was saved."""

    def __init__(self, broken: Sequence[str]) -> None:
        super().__init__(
            "These groups break "
            + ("a rule" if len(broken) == 1 else f"{len(broken)} rules")
            + ": "
            + "; ".join(broken)
            + ". Nothing was saved: move the students, or save anyway (the override is recorded)."
        )
        self.broken = tuple(broken)


@dataclass(frozen=True, slots=True)
class LatePlace:
    """Where a late arrival can go: the smallest group where every rule holds, or None,
    with what joining each group would break (for the teacher to decide)."""

    group: int | None
    breaks: dict[int, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class DayGroups:
    """A period's day as the Groups page opens on it."""

    boards: int | None  # whiteboards in the day's stations block; None: no stations planned
    saved: GroupDraft | None  # the day's saved groups (its stations' set first), if any


class GroupingService:
    def __init__(
        self,
        store: Store,
        now: Callable[[], datetime],
        elapsed: Callable[[], float] | None = None,
    ) -> None:
        """``elapsed``: the app clock's monotonic seconds, so the engine's time limit holds;
        without it only the engine's work budget ends a search (tests: the same every run)."""
        self._store = store
        self._now = now
        self._elapsed = elapsed

    @property
    def journal(self) -> UndoJournalService:
        """Records what an action writes, for exact undo (see services/undo_journal.py)."""
        return UndoJournalService(self._store)

    def make(
        self,
        period: PeriodId,
        on: date,
        group_size: int,
        *,
        mode: GroupingMode = GroupingMode.FRESH_MIX,
        remainder: Remainder = Remainder.LARGER,
        skills: Sequence[SkillId] = (),
        locked: Mapping[StudentId, int] | None = None,
        seed: int | None = None,
        roles: Sequence[str] = (),
        time_limit_s: float = TIME_LIMIT_S,
        cancelled: Callable[[], bool] | None = None,
        earlier: Sequence[Sequence[Group]] = (),
    ) -> GroupDraft:
        """Fresh groups for the students present on ``on``; ``locked`` students keep their group.

        ``earlier``: groups drafted for the days before ``on`` in the same planning run (oldest
        first), not saved yet, that count as the most recent history.
        Raises InfeasibleError (naming the rule) when the teacher's rules cannot all hold.
        """
        seed = seed if seed is not None else random.SystemRandom().randrange(1, 2**31)
        with self._store.unit_of_work() as session:
            students = RosterRepository(session).students(period)
            absent = AttendanceRepository(session).absent(period, on)
            groups = GroupRepository(session)
            rules = groups.constraints(period)
            # Sets made ahead for later days have not happened yet: they are no history.
            history = groups.group_sets(period, HISTORY_SETS, until=on)
            style = SettingsRepository(session).display_name_style()
            role_history = groups.role_counts(period, until=on) if roles else {}
            levels: list[SkillLevel] = []
            if mode is not GroupingMode.FRESH_MIX and skills:
                repository = SkillRepository(session)
                evidence = repository.evidence_of([s.id for s in students])
                rule = SettingsRepository(session).level_rule()
                chosen = [s for s in repository.skills() if s.id in set(skills)]
                gap = build_gap_map(students, chosen, evidence, rule, on)
                levels = [
                    SkillLevel(student, skill, level)
                    for (student, skill), level in gap.levels.items()
                ]
        ids = tuple(s.id for s in students)
        enrolled = set(ids)
        request = GroupingRequest(
            students=ids,
            group_size=group_size,
            remainder=remainder,
            absent=(absent & enrolled,),
            keep_apart=tuple(
                (r.a, r.b) for r in rules if r.kind is ConstraintKind.KEEP_APART and r.b in enrolled
            ),
            keep_together=tuple(
                (r.a, r.b)
                for r in rules
                if r.kind is ConstraintKind.KEEP_TOGETHER and r.b in enrolled
            ),
            buddies=_buddy_rules(rules, enrolled - absent),  # an absent buddy cannot help today
            fixed_stations=tuple(
                FixedStation(s, n)
                for s, n in (locked or {}).items()
                if s in enrolled and s not in absent
            ),
            history=tuple(
                PastRound(age, tuple(g.members for g in groups))
                for age, groups in enumerate(
                    [*reversed(earlier), *(gs.groups for gs in history)], start=1
                )
            ),
            mode=mode,
            levels=tuple(levels),
            seed=seed,
            time_limit_s=time_limit_s,
        )
        result = form_groups(request, clock=self._elapsed, cancelled=cancelled)
        if roles:
            result = _with_roles(result, roles, role_history)
        draft = _draft(
            period, on, result, students_names(students, style), absent, group_size, seed
        )
        return _checked(draft, draft.groups, rules, history)

    def make_groups(
        self,
        period: PeriodId,
        on: date,
        count: int,
        *,
        mode: GroupingMode = GroupingMode.FRESH_MIX,
        skills: Sequence[SkillId] = (),
        locked: Mapping[StudentId, int] | None = None,
        seed: int | None = None,
        roles: Sequence[str] = (),
        time_limit_s: float = TIME_LIMIT_S,
        earlier: Sequence[tuple[Group, ...]] = (),
    ) -> GroupDraft:
        """``count`` groups of the students present (fewer when there are too few students
        for groups of two or more; sizes differ by at most one). ``earlier``: groups drafted
        for the days before in the same planning run, kept apart like saved history."""
        with self._store.unit_of_work() as session:
            students = [s.id for s in RosterRepository(session).students(period)]
            here = present(students, AttendanceRepository(session).statuses(period, on))
        shape = station_grouping(len(here), count)
        return self.make(
            period,
            on,
            shape.group_size,
            mode=mode,
            remainder=shape.remainder,
            skills=skills,
            locked=locked,
            seed=seed,
            roles=roles,
            time_limit_s=time_limit_s,
            earlier=earlier,
        )

    def day_groups(self, period: PeriodId, on: date) -> DayGroups:
        """How many whiteboards the day's plan has, and the groups already saved for the day:
        the set on its stations, else the newest set made for that day."""
        with self._store.unit_of_work() as session:
            plan = PlanRepository(session).plan(period, on)
            block = (
                next((b for b in plan.blocks if b.kind is BlockKind.STATIONS), None)
                if plan
                else None
            )
            groups = GroupRepository(session)
            history = groups.group_sets(period, HISTORY_SETS, until=on)
            saved = groups.group_set(block.group_set_id) if block and block.group_set_id else None
            saved = saved or next((s for s in history if s.made_on == on), None)
            boards = len(block.stations) if block is not None else None
            if saved is None:
                return DayGroups(boards, None)
            students = RosterRepository(session).students(period)
            rules = groups.constraints(period)
            settings = SettingsRepository(session)
            style = settings.display_name_style()
            record = settings.get(OVERRIDE_KEY.format(int(saved.id)))
        draft = _saved_draft(saved, students, style, rules, history)
        overridden = _override_text(record, saved, draft.names)
        return DayGroups(boards, replace(draft, overridden=overridden))

    def check(self, draft: GroupDraft, groups: tuple[Group, ...]) -> GroupDraft:
        """Warnings for groups the teacher rearranged by hand (met before, broken rules)."""
        with self._store.unit_of_work() as session:
            repository = GroupRepository(session)
            rules = repository.constraints(draft.period)
            history = repository.group_sets(draft.period, HISTORY_SETS, until=draft.on)
        # A saved set being edited is not its own history.
        return _checked(draft, groups, rules, [h for h in history if h.id != draft.group_set])

    def save(
        self,
        draft: GroupDraft,
        boards: BoardChoice = BoardChoice.KEEP,
        *,
        override: bool = False,
    ) -> GroupSetId:
        """Keep the groups as the period's set for that date (the history grows) and put them
        on that day's whiteboard stations, when the day's plan has a stations block.

        When the groups and the planned whiteboards differ in number, ``boards`` says what
        the teacher chose: KEEP refuses (BoardCountError, nothing saved), MATCH_GROUPS adds
        whiteboards (repeating the tasks from board 1) or leaves the last ones out. A
        stations block without whiteboards yet takes one per group.

        Saved groups saved again unchanged are not a second meeting: the same set is used.
        New groups for a day replace the day's earlier sets, in the history too (who worked
        with whom counts the day once); a set a plan still uses elsewhere stays.

        Groups that break a hard rule (keep apart, keep together, a buddy) raise
        HardRuleError unless ``override``; an override is recorded with the set.
        """
        with self._store.unit_of_work() as session:
            repository = GroupRepository(session)
            rules = repository.constraints(draft.period)
            broken = broken_rules(draft.groups, rules, draft.absent)
            if broken and not override:
                raise HardRuleError([_describe(b, draft.names) for b in broken])
            plans = PlanRepository(session)
            plan = plans.plan(draft.period, draft.on)
            block = (
                next((b for b in plan.blocks if b.kind is BlockKind.STATIONS), None)
                if plan
                else None
            )
            planned = len(block.stations) if block is not None else 0
            if planned and planned != len(draft.groups) and boards is BoardChoice.KEEP:
                raise BoardCountError(planned, len(draft.groups))
            set_id = _unchanged_set(repository, draft) or add_group_set(
                repository, draft, self._now()
            )
            plans.use_group_set(
                draft.period,
                draft.on,
                set_id,
                repository.group_ids(set_id),
                add_or_remove_boards=boards is BoardChoice.MATCH_GROUPS,
            )
            same_day = {
                s.id
                for s in repository.group_sets(draft.period, HISTORY_SETS, until=draft.on)
                if s.made_on == draft.on and s.id != set_id
            }
            if draft.group_set is not None and draft.group_set != set_id:
                same_day.add(draft.group_set)
            plans.drop_unused_group_sets(same_day, draft.on - timedelta(days=1))
            settings = SettingsRepository(session)
            for gone in same_day:
                if repository.group_set(gone) is None:
                    settings.delete(OVERRIDE_KEY.format(int(gone)))
            _record_override(settings, set_id, draft, broken, self._now())
            return set_id

    def late_arrival(
        self, draft: GroupDraft, groups: tuple[Group, ...], student: StudentId
    ) -> LatePlace:
        """The group a late arrival joins: the smallest one where every rule holds, or
        None, with what each group would break, so the teacher can choose."""
        with self._store.unit_of_work() as session:
            rules = GroupRepository(session).constraints(draft.period)
        absent = tuple(s for s in draft.absent if s != student)
        group = late_arrival_group(groups, rules, student, absent)
        before = set(broken_rules(groups, rules, absent))
        breaks: dict[int, tuple[str, ...]] = {}
        for candidate in groups:
            joined = tuple(
                Group(g.number, (*g.members, student), g.roles) if g is candidate else g
                for g in groups
            )
            new = [b for b in broken_rules(joined, rules, absent) if b not in before]
            if new:
                breaks[candidate.number] = tuple(_describe(b, draft.names) for b in new)
        return LatePlace(group, breaks)

    def overridden(self, group_set: GroupSetId) -> tuple[str, ...]:
        """The rules the teacher chose to break when saving ``group_set`` (none: empty)."""
        with self._store.unit_of_work() as session:
            saved = GroupRepository(session).group_set(group_set)
            settings = SettingsRepository(session)
            record = settings.get(OVERRIDE_KEY.format(int(group_set)))
            if saved is None:
                return ()
            roster = RosterRepository(session).students(saved.period_id, include_archived=True)
            names = students_names(roster, settings.display_name_style())
        return _override_text(record, saved, names)


def add_group_set(groups: GroupRepository, draft: GroupDraft, now: datetime) -> GroupSetId:
    """Save the draft's groups as a set made for its day (the history grows)."""
    return groups.add_group_set(
        draft.period,
        draft.on,
        draft.groups,
        mode=draft.mode.value,
        group_size=draft.group_size,
        seed=draft.seed,
        now=now,
    )


def _unchanged_set(groups: GroupRepository, draft: GroupDraft) -> GroupSetId | None:
    """The draft's saved set, when the draft still holds exactly its groups."""
    if draft.group_set is None:
        return None
    saved = groups.group_set(draft.group_set)
    if saved is None or saved.period_id != draft.period or saved.made_on != draft.on:
        return None
    return saved.id if _shape(saved.groups) == _shape(draft.groups) else None


def _shape(groups: Sequence[Group]) -> set[tuple[int, frozenset[StudentId], frozenset[object]]]:
    return {(g.number, frozenset(g.members), frozenset(g.roles)) for g in groups}


def _saved_draft(
    saved: GroupSet,
    students: Sequence[Student],
    style: DisplayNameStyle,
    rules: Sequence[PairConstraint],
    history: Sequence[GroupSet],
) -> GroupDraft:
    """A saved set as groups on the teacher's screen, ready to adjust or save again.

    Students no longer on the roster are left out; those in no group are listed as left out
    (absent, or joined since), so a late arrival can be added.
    """
    names = students_names(students, style)
    groups = tuple(
        Group(
            g.number,
            tuple(m for m in g.members if m in names),
            tuple((s, r) for s, r in g.roles if s in names),
        )
        for g in saved.groups
    )
    placed = {m for g in groups for m in g.members}
    earlier = [h for h in history if h.id != saved.id]
    met = pair_counts(earlier)
    repeats = sum(
        1
        for g in groups
        for i, a in enumerate(g.members)
        for b in g.members[i + 1 :]
        if met.get(frozenset((a, b)), 0)
    )
    try:
        mode = GroupingMode(saved.mode)
    except ValueError:
        mode = GroupingMode.FRESH_MIX
    sizes = [len(g.members) for g in groups if g.members]
    draft = GroupDraft(
        saved.period_id,
        saved.made_on,
        groups,
        names,
        tuple(sorted(s.id for s in students if s.id not in placed)),
        mode,
        max(2, min(sizes, default=3)),
        0,  # the seed that dealt them is not needed again: they are kept as they are
        repeats,
        group_set=saved.id,
    )
    return _checked(draft, groups, rules, earlier)


def _draft(
    period: PeriodId,
    on: date,
    result: GroupingResult,
    names: dict[StudentId, str],
    absent: frozenset[StudentId],
    group_size: int,
    seed: int,
) -> GroupDraft:
    planned = result.rounds[0]
    return GroupDraft(
        period,
        on,
        planned.groups,
        names,
        tuple(sorted(absent)),
        result.mode,
        group_size,
        seed,
        result.repeats.total,
    )


def _checked(
    draft: GroupDraft,
    groups: tuple[Group, ...],
    rules: Sequence[PairConstraint],
    history: Sequence[GroupSet],
) -> GroupDraft:
    """The draft with ``groups`` and their warnings (met before, broken rules)."""
    met = pair_counts(history)
    warnings: dict[int, tuple[str, ...]] = {}
    broken: dict[int, list[str]] = {}
    where = {m: g.number for g in groups for m in g.members}
    hard = broken_rules(groups, rules, draft.absent)
    for rule in hard:
        shown = {rule.group}
        if rule.kind is ConstraintKind.KEEP_TOGETHER:  # a split pair shows in both groups
            shown.add(where.get(rule.b, rule.group))
        for number in shown:
            broken.setdefault(number, []).append(_warning(rule, draft.names))
    for group in groups:
        notes: list[str] = list(broken.get(group.number, ()))
        ordered = list(group.members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                times = met.get(frozenset((a, b)), 0)
                if times >= 2:
                    notes.append(
                        f"{draft.names.get(a)} and {draft.names.get(b)} met {times} times before"
                    )
        if notes:
            warnings[group.number] = tuple(notes)
    described = tuple(_describe(b, draft.names) for b in hard)
    return replace(draft, groups=groups, warnings=warnings, broken=described)


def students_names(students: Sequence[Student], style: DisplayNameStyle) -> dict[StudentId, str]:
    """Display names as on shared surfaces (the projector shows the same ones)."""
    return display_names(list(students), style)


def _with_roles(
    result: GroupingResult, roles: Sequence[str], history: Mapping[StudentId, Mapping[str, int]]
) -> GroupingResult:
    """Give each group's roles to the members who have held them least (rotating fairly)."""
    planned = result.rounds[0]
    assignments = {a.group_number: a for a in assign_roles(planned.groups, roles, history)}
    groups = []
    for group in planned.groups:
        assignment = assignments.get(group.number)
        labels = {
            student: ", ".join(assignment.role_of(student)) if assignment else ""
            for student in group.members
        }
        groups.append(
            Group(group.number, group.members, tuple((s, r) for s, r in labels.items() if r))
        )
    first = replace(planned, groups=tuple(groups))
    return replace(result, rounds=(first, *result.rounds[1:]))


def _buddy_rules(
    rules: Sequence[PairConstraint], enrolled: set[StudentId]
) -> tuple[BuddyRule, ...]:
    """One engine rule per student: at least one of all their named buddies in the group."""
    buddies: dict[StudentId, set[StudentId]] = {}
    for rule in rules:
        if rule.kind is ConstraintKind.BUDDY and rule.a in enrolled and rule.b in enrolled:
            buddies.setdefault(rule.a, set()).add(rule.b)
    return tuple(BuddyRule(student, frozenset(named)) for student, named in sorted(buddies.items()))


def _warning(broken: BrokenRule, names: Mapping[StudentId, str]) -> str:
    a, b = names.get(broken.a), names.get(broken.b)
    if broken.kind is ConstraintKind.KEEP_APART:
        return f"breaks a keep-apart rule: {a} and {b}"
    if broken.kind is ConstraintKind.KEEP_TOGETHER:
        return f"splits a keep-together rule: {a} and {b}"
    return f"{a} has none of their buddies in the group"


def _describe(broken: BrokenRule, names: Mapping[StudentId, str]) -> str:
    a, b = names.get(broken.a, "?"), names.get(broken.b, "?")
    if broken.kind is ConstraintKind.KEEP_APART:
        return f"group {broken.group} breaks a keep-apart rule: {a} and {b}"
    if broken.kind is ConstraintKind.KEEP_TOGETHER:
        return f"a keep-together rule is split: {a} and {b}"
    return f"{a} in group {broken.group} has none of their buddies ({b}…)"


def _record_override(
    settings: SettingsRepository,
    set_id: GroupSetId,
    draft: GroupDraft,
    broken: Sequence[BrokenRule],
    now: datetime,
) -> None:
    """Keep the teacher's override with the set (what was broken, and when); a set saved
    with every rule holding has none."""
    key = OVERRIDE_KEY.format(int(set_id))
    if not broken:
        settings.delete(key)
        return
    settings.set(
        key,
        {
            "period": int(draft.period),
            "made_on": draft.on.isoformat(),
            "rules": [b.key() for b in broken],
            "at": now.isoformat(timespec="seconds"),
        },
    )


def _override_text(
    record: object, saved: GroupSet | None, names: Mapping[StudentId, str]
) -> tuple[str, ...]:
    """The override's rules in words, if the record belongs to this very set (an id can be
    used again). The record holds ids only, never names: a classroom's settings are copied
    into a new classroom, and no student may go with them."""
    if not isinstance(record, dict) or saved is None:
        return ()
    if record.get("period") != int(saved.period_id):
        return ()
    if record.get("made_on") != saved.made_on.isoformat():
        return ()
    where = {m: g.number for g in saved.groups for m in g.members}
    out = []
    for key in record.get("rules", ()):
        try:
            kind, a, b = str(key).split(":")
            rule = BrokenRule(
                ConstraintKind(kind),
                StudentId(int(a)),
                StudentId(int(b)),
                where.get(StudentId(int(a)), 0),
            )
        except ValueError:
            continue  # a record from another version: its words cannot be rebuilt
        out.append(_describe(rule, names))
    return tuple(out)
