"""Day plans: save and read them, start from templates, make station groups, copy a lesson
to other periods, roll today's lesson forward to the next school day and plan the next days
from each period's unit (services/plan_days.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from mathroom.domain.errors import MathroomError, ValidationError
from mathroom.domain.groups import Group
from mathroom.domain.ids import GroupSetId, PeriodId
from mathroom.domain.plan import (
    TEACHER_TIME_KINDS,
    BlockKind,
    DayPlan,
    PlanBlock,
    next_school_day,
    pull_block,
)
from mathroom.domain.plan_templates import (
    BUILTIN_NAMES,
    BUILTIN_TEMPLATES,
    PlanTemplate,
    template_from_plan,
)
from mathroom.domain.practice.registry import focus_refusal
from mathroom.domain.pulls import PullSuggestion
from mathroom.domain.roster import Period
from mathroom.domain.unit_planning import LESSON_KINDS, keep_set_ahead
from mathroom.services.grouping import GroupDraft, GroupingService, add_group_set
from mathroom.services.plan_days import (
    DayDraft,
    PlannedDay,
    UnitTasks,
    check_days,
    draft_days,
    first_unplanned_day,
    lesson_shape,
    school_days,
)
from mathroom.services.plan_needs import PULL_MINUTES, copied_blocks, read_needs, tuned_for_next_day
from mathroom.services.undo_journal import UndoJournalService
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.repositories.plan_templates import PlanTemplateRepository
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.unit_of_work import Store


class PlanExistsError(MathroomError):
    """The day already has a plan; nothing was changed (the caller may ask to replace it)."""

    def __init__(self, periods: Sequence[str], on: date) -> None:
        who = ", ".join(periods)
        super().__init__(
            f"{who} already {'has' if len(periods) == 1 else 'have'} a plan for "
            f"{on:%A, %B} {on.day}. Nothing was changed; choose Replace to overwrite it."
        )
        self.periods = tuple(periods)
        self.on = on


@dataclass(frozen=True, slots=True)
class _Staged:
    """A plan ready to write, with the drafts for its stations blocks by block index."""

    period: PeriodId
    on: date
    blocks: tuple[PlanBlock, ...]
    drafts: dict[int, GroupDraft]
    notes: str = ""


class PlanService:
    def __init__(
        self,
        store: Store,
        now: Callable[[], datetime],
        grouping: GroupingService | None = None,
    ) -> None:
        self._store = store
        self._now = now
        self._grouping = grouping or GroupingService(store, now)

    @property
    def journal(self) -> UndoJournalService:
        """Records what an action writes, for exact undo (see services/undo_journal.py)."""
        return UndoJournalService(self._store)

    # Reading and saving

    def plan(self, period: PeriodId, on: date) -> DayPlan | None:
        with self._store.unit_of_work() as session:
            return PlanRepository(session).plan(period, on)

    def save_plan(
        self, period: PeriodId, on: date, blocks: Sequence[PlanBlock], notes: str = ""
    ) -> DayPlan:
        """Replace the day's plan with ``blocks``, all or nothing (ValidationError: unchanged)."""
        with self._store.unit_of_work() as session:
            return self._replace(session, period, on, blocks, notes)

    def delete_plan(self, period: PeriodId, on: date) -> bool:
        with self._store.unit_of_work() as session:
            repository = PlanRepository(session)
            old = repository.plan(period, on)
            deleted = repository.delete_plan(period, on)
            repository.drop_unused_group_sets(_group_sets(old), self._now().date())
            return deleted

    def week(
        self, monday: date, periods: Sequence[PeriodId]
    ) -> dict[tuple[PeriodId, date], DayPlan]:
        """Every plan of the periods from ``monday`` to the Sunday after, by (period, day)."""
        with self._store.unit_of_work() as session:
            plans = PlanRepository(session).plans_between(
                periods, monday, monday + timedelta(days=6)
            )
        return {(plan.period_id, plan.plan_date): plan for plan in plans}

    # Pulls from the Skills page

    def add_pull(self, period: PeriodId, on: date, suggestion: PullSuggestion) -> str:
        """Put a suggested small-group pull into the day's plan; returns the block's title.

        It runs inside the whiteboard-stations block (the teacher pulls a few students while
        the others keep working), so it adds no minutes to the period.
        """
        block = pull_block(suggestion, PULL_MINUTES)
        with self._store.unit_of_work() as session:
            PlanRepository(session).append_block(
                period, on, block, self._now(), after=BlockKind.STATIONS.value
            )
        return block.title

    def remove_block(self, period: PeriodId, on: date, title: str) -> None:
        with self._store.unit_of_work() as session:
            PlanRepository(session).remove_block(period, on, title)

    def pulled_today(self, period: PeriodId, on: date) -> set[int]:
        """Students already in a pull today (at most one pull per student per day)."""
        with self._store.unit_of_work() as session:
            plans = PlanRepository(session).plans(period, on, on)
        return {int(s) for plan in plans for b in plan.blocks for s in b.students}

    # Templates

    def templates(self) -> list[PlanTemplate]:
        """The built-in templates first, then the teacher's, by name."""
        with self._store.unit_of_work() as session:
            saved = PlanTemplateRepository(session).templates()
        return [*BUILTIN_TEMPLATES, *saved]

    def save_as_template(
        self, name: str, plan: DayPlan, *, overwrite: bool = False
    ) -> PlanTemplate:
        """Keep the plan's shape and tasks under ``name`` (no students, groups or pulls).

        Raises TemplateExistsError when the name is taken and ``overwrite`` is False.
        """
        template = template_from_plan(name.strip(), plan)
        with self._store.unit_of_work() as session:
            PlanTemplateRepository(session).save_template(
                template, self._now(), overwrite=overwrite
            )
        return template

    def delete_template(self, name: str) -> bool:
        if name.strip().casefold() in BUILTIN_NAMES:
            raise ValidationError("name", f"“{name}” is built in and cannot be deleted")
        with self._store.unit_of_work() as session:
            return PlanTemplateRepository(session).delete_template(name)

    def start_from_template(
        self, period: PeriodId, on: date, template: PlanTemplate, *, replace: bool = False
    ) -> DayPlan:
        """The day's plan laid out from a template, fitted to the period's minutes.

        Slots the template leaves without a task (warm-up, boards, exit ticket) get the next
        fresh tasks of the period's unit, as plan_days chooses them (fresh bank tasks without
        a unit). Stations come numbered but without groups: make_station_groups fills them.
        Pulls and conferences set ahead for a day that holds nothing else are kept. Raises
        PlanExistsError when the day has a plan and ``replace`` is False; ValidationError
        when the period is too short for the template's blocks.
        """
        with self._store.unit_of_work() as session:
            info = _period(session, period)
            if not replace:
                _refuse_existing_any(session, period, [on])
            fitted = template.fitted(info.minutes) if info.minutes else template
            blocks = _around_teacher_time(session, period, on, fitted.to_blocks())
            # Empty warm-up, boards and exit ticket get the unit's next tasks (the bank's
            # without a unit); the template's own tasks stay.
            blocks, _messages = UnitTasks(session, period, [on]).fill(
                on, blocks, only_empty=True, allow_repeats=False
            )
            return self._replace(session, period, on, blocks, "")

    # Groups for the stations

    def make_station_groups(
        self,
        period: PeriodId,
        on: date,
        block_index: int,
        *,
        group_size: int | None = None,
        groups: int | None = None,
        seed: int | None = None,
    ) -> DayPlan:
        """Fresh groups for the day's stations block, one per station numbered 1..k.

        Give ``group_size`` or ``groups`` (default: one group per planned station). The
        grouping engine prefers partners who have not met in the sets made up to ``on``;
        students marked absent that day are left out. The group set is saved with the day.
        """
        with self._store.unit_of_work() as session:
            plan = _with_stations(PlanRepository(session).plan(period, on), block_index)
        block = plan.blocks[block_index]
        draft = self._station_draft(period, on, block, group_size, groups, seed)
        with self._store.unit_of_work() as session:
            repository = PlanRepository(session)
            # Read again: the plan may have changed while the engine searched.
            current = _with_stations(repository.plan(period, on), block_index)
            staged = _Staged(period, on, current.blocks, {block_index: draft}, current.notes)
            return self._write(session, staged)

    # Copying and rolling forward

    def copy_to_periods(
        self,
        source_period: PeriodId,
        on: date,
        targets: Sequence[PeriodId],
        target_date: date | None = None,
        *,
        replace: bool = False,
        seed: int | None = None,
    ) -> dict[PeriodId, DayPlan]:
        """Copy the day's lesson (blocks, tasks, timing) to other periods, all or nothing.

        Groups are made afresh from each target period's own roster with the grouping
        engine; another period's students are never copied. Pulls are recomputed from the
        target period's needs: each pull keeps its skill and gets the target students who
        need it most, and is left out when nobody there needs it. Raises PlanExistsError
        (naming the periods) when a target already has a plan and ``replace`` is False.
        """
        day = target_date or on
        wanted = list(dict.fromkeys(t for t in targets))
        if day == on and source_period in wanted:
            raise ValidationError("targets", "a lesson cannot be copied onto itself")
        with self._store.unit_of_work() as session:
            repository = PlanRepository(session)
            source = repository.plan(source_period, on)
            if source is None:
                raise ValidationError("source", f"there is no plan on {on} to copy")
            known = {p.id for p in RosterRepository(session).periods()}
            unknown = [t for t in wanted if t not in known]
            if unknown:
                raise ValidationError("targets", f"no current period has id {unknown[0]}")
            if not replace:
                _refuse_existing(session, wanted, day)
            needs = {t: read_needs(session, t, day) for t in wanted}
        staged = []
        for number, target in enumerate(wanted):
            blocks = copied_blocks(source.blocks, needs[target])
            drafts = self._drafts(target, day, blocks, _seed(seed, number))
            staged.append(_Staged(target, day, blocks, drafts, source.notes))
        with self._store.unit_of_work() as session:
            if not replace:  # planned by someone else while the groups were being made
                _refuse_existing(session, [s.period for s in staged], day)
            return {plan.period: self._write(session, plan) for plan in staged}

    def tomorrow_from_today(
        self, period: PeriodId, today: date, *, replace: bool = False, seed: int | None = None
    ) -> DayPlan:
        """The next school day's plan, shaped like today's and tuned by today's evidence.

        Same blocks and timing; the tasks are the unit's next fresh ones when the period has
        a unit (today's otherwise); pulls and conferences set ahead for a day that holds
        nothing else stay, in place of the suggested pull. Pulls go to the skills that got
        Not yet or Getting there on today's exit tickets and whiteboards (the neediest skills
        when there were none), for the students whose current level is lowest; practice
        blocks focus on the same skills. Station groups are made fresh against the history,
        today's included. The next school day skips weekends and days the period does not
        meet. Raises PlanExistsError when that day has a plan and ``replace`` is False.
        """
        with self._store.unit_of_work() as session:
            info = _period(session, period)
            repository = PlanRepository(session)
            source = repository.plan(period, today)
            if source is None:
                raise ValidationError("today", f"there is no plan on {today} to start from")
            day = next_school_day(today, info.meeting_days)
            if not replace:
                _refuse_existing_any(session, period, [day])
            needs = read_needs(session, period, day)
            # Today's project day stays with today: the project set its later days itself.
            shape = tuple(b for b in source.blocks if b.kind is not BlockKind.PROJECT)
            if not any(b.kind in LESSON_KINDS for b in shape):
                shape = lesson_shape(session, info, day)[0]
            blocks = tuned_for_next_day(shape, needs, today)
            blocks = _around_teacher_time(session, period, day, blocks)
            tasks = UnitTasks(session, period, [day])
            if tasks.unit(day) is not None:
                blocks, _messages = tasks.fill(day, blocks, only_empty=False, allow_repeats=False)
        staged = _Staged(period, day, blocks, self._drafts(period, day, blocks, seed), source.notes)
        with self._store.unit_of_work() as session:
            if not replace:
                _refuse_existing_any(session, period, [day])
            return self._write(session, staged)

    # Planning the next days from the unit

    def plan_days(
        self,
        period: PeriodId,
        first: date | None = None,
        days: int = 1,
        *,
        replace: bool = False,
        allow_repeats: bool = False,
        seed: int | None = None,
    ) -> list[PlannedDay]:
        """Plan the period's next ``days`` school days (days it meets) from its unit.

        ``first``: the first day (or the first day the period meets after it); by default
        the first day the period meets after today, or after its last planned lesson when
        that is later. See plan_days_for.
        """
        return self.plan_days_for(
            [period], first, days, replace=replace, allow_repeats=allow_repeats, seed=seed
        )[period]

    def plan_days_for(
        self,
        periods: Sequence[PeriodId],
        first: date | None = None,
        days: int = 1,
        *,
        replace: bool = False,
        allow_repeats: bool = False,
        seed: int | None = None,
    ) -> dict[PeriodId, list[PlannedDay]]:
        """Plan the next ``days`` school days of every period in ``periods``, all or nothing.

        Each day is shaped like the period's most recent lesson (the first built-in template
        when there is none), with the next fresh tasks of its unit for the warm-up, boards,
        practice and exit ticket (tasks taken earlier in the run count as used; a slot with
        no fresh task is left empty unless ``allow_repeats``, and the day's messages say
        so), pulls from the evidence for students not pulled earlier in the run, and fresh
        groups per day. Projects and teacher time set ahead for a day are kept when it is
        planned again. Raises PlanExistsError when a day has a plan (more than pulls and
        conferences set ahead) and ``replace`` is False; ValidationError for an unknown
        period or a number of days out of range.
        """
        check_days(days)
        wanted = list(dict.fromkeys(periods))
        today = self._now().date()
        with self._store.unit_of_work() as session:
            runs: dict[PeriodId, list[date]] = {}
            for period in wanted:
                info = _period(session, period)
                start = first or first_unplanned_day(session, info, today)
                runs[period] = school_days(start, days, info.meeting_days)
            if not replace:
                for period, run in runs.items():
                    _refuse_existing_any(session, period, run)
            drafts = {
                period: draft_days(
                    session, _period(session, period), run, allow_repeats=allow_repeats
                )
                for period, run in runs.items()
            }
        staged: list[tuple[_Staged, DayDraft]] = []
        for number, (period, run_drafts) in enumerate(drafts.items()):
            earlier: list[tuple[Group, ...]] = []
            for index, draft in enumerate(run_drafts):
                groups = self._drafts(
                    period,
                    draft.day,
                    draft.blocks,
                    _seed(seed, 1000 * number + 10 * index),
                    earlier=earlier,
                )
                earlier.extend(g.groups for g in groups.values())
                stage = _Staged(period, draft.day, draft.blocks, groups, draft.notes)
                staged.append((stage, draft))
        with self._store.unit_of_work() as session:
            if not replace:  # planned by someone else while the groups were being made
                for period, run in runs.items():
                    _refuse_existing_any(session, period, run)
            planned: dict[PeriodId, list[PlannedDay]] = {period: [] for period in wanted}
            for stage, draft in staged:
                plan = self._write(session, stage)
                planned[stage.period].append(PlannedDay(plan, draft.unit, draft.messages))
        return planned

    def school_days(self, period: PeriodId, first: date | None = None, days: int = 1) -> list[date]:
        """The days plan_days would plan (the days the period meets, from ``first`` or from
        the first unplanned day after today)."""
        check_days(days)
        with self._store.unit_of_work() as session:
            info = _period(session, period)
            start = first or first_unplanned_day(session, info, self._now().date())
        return school_days(start, days, info.meeting_days)

    # Helpers

    def _station_draft(
        self,
        period: PeriodId,
        on: date,
        block: PlanBlock,
        group_size: int | None,
        groups: int | None,
        seed: int | None,
        earlier: Sequence[tuple[Group, ...]] = (),
    ) -> GroupDraft:
        if group_size is not None and groups is not None:
            raise ValidationError("group_size", "give a group size or a number of groups, not both")
        if group_size is not None:
            return self._grouping.make(period, on, group_size, seed=seed)
        count = groups if groups is not None else len(block.stations)
        if count < 1:
            raise ValidationError("groups", "say how many groups (the block has no stations)")
        return self._grouping.make_groups(period, on, count, seed=seed, earlier=earlier)

    def _drafts(
        self,
        period: PeriodId,
        on: date,
        blocks: Sequence[PlanBlock],
        seed: int | None,
        earlier: Sequence[tuple[Group, ...]] = (),
    ) -> dict[int, GroupDraft]:
        """New groups for every stations block with stations, one group per station
        (``earlier``: groups drafted for the days before in the same run)."""
        drafts = {}
        for index, block in enumerate(blocks):
            if block.kind is BlockKind.STATIONS and block.stations:
                drafts[index] = self._station_draft(
                    period, on, block, None, len(block.stations), _seed(seed, index), earlier
                )
        return drafts

    def _write(self, session: Session, staged: _Staged) -> DayPlan:
        """Save the drafts as group sets and the plan with its stations pointing at them."""
        groups = GroupRepository(session)
        blocks = list(staged.blocks)
        for index, draft in staged.drafts.items():
            set_id = add_group_set(groups, draft, self._now())
            blocks[index] = blocks[index].with_groups(set_id, [g.number for g in draft.groups])
        return self._replace(session, staged.period, staged.on, blocks, staged.notes)

    def _replace(
        self,
        session: Session,
        period: PeriodId,
        on: date,
        blocks: Sequence[PlanBlock],
        notes: str,
    ) -> DayPlan:
        """Save the day's plan; groups it made ahead for a later day and no longer uses go."""
        _check_practice_focus(blocks, set(SkillRepository(session).ids_by_code()))
        repository = PlanRepository(session)
        old = repository.plan(period, on)
        repository.save_plan(period, on, tuple(blocks), self._now(), notes)
        plan = _saved(repository, period, on)
        after = self._now().date()
        if _group_sets(plan) - _group_sets(old):
            # New groups for the day replace its old ones in the history too, even today's.
            after = min(after, on - timedelta(days=1))
        repository.drop_unused_group_sets(_group_sets(old) - _group_sets(plan), after)
        return plan


def _check_practice_focus(blocks: Sequence[PlanBlock], known: set[str]) -> None:
    """A practice block's focus must be skill codes of the skill map: a typo would otherwise
    be saved and then silently ignored when the sheets are made."""
    for index, block in enumerate(blocks):
        unknown = [code for code in block.practice_skills if code not in known]
        if unknown:
            raise ValidationError(
                f"blocks[{index}].practice_skills",
                f"{block.heading}: {', '.join(unknown)} is not a skill code of the skill map "
                "(codes are case-sensitive, like 7.NS.A.1b)",
            )
        # The same refusal as the Practice page and the command line give.
        refusal = focus_refusal(block.practice_skills)
        if refusal is not None:
            raise ValidationError(f"blocks[{index}].practice_skills", refusal)


def _saved(repository: PlanRepository, period: PeriodId, on: date) -> DayPlan:
    plan = repository.plan(period, on)
    assert plan is not None  # just written in this unit of work
    return plan


def _group_sets(plan: DayPlan | None) -> set[GroupSetId]:
    return {b.group_set_id for b in plan.blocks if b.group_set_id} if plan else set()


def _refuse_existing(session: Session, periods: Sequence[PeriodId], on: date) -> None:
    taken = {p.period_id for p in PlanRepository(session).plans_between(periods, on, on)}
    if taken:
        names = [p.name for p in RosterRepository(session).periods() if p.id in taken]
        raise PlanExistsError(names, on)


def _refuse_existing_any(session: Session, period: PeriodId, days: Sequence[date]) -> None:
    """PlanExistsError for the first of ``days`` the period has a plan on. A day holding
    only teacher time set ahead (pulls, conferences) is open: planning keeps all of it."""
    plans = PlanRepository(session).plans(period, days[0], days[-1])
    planned = {
        p.plan_date for p in plans if any(b.kind not in TEACHER_TIME_KINDS for b in p.blocks)
    }
    taken = [day for day in days if day in planned]
    if taken:
        _refuse_existing(session, [period], taken[0])


def _around_teacher_time(
    session: Session, period: PeriodId, on: date, blocks: Sequence[PlanBlock]
) -> tuple[PlanBlock, ...]:
    """``blocks`` with the pulls and conferences set ahead for the day, when that is all the
    day holds (a fuller plan is replaced whole, after the teacher agreed), and with the day's
    project blocks: a project placed its days ahead and never loses one to a new lesson."""
    old = PlanRepository(session).plan(period, on)
    if old is None:
        return tuple(blocks)
    minutes = _period(session, period).minutes
    if all(b.kind in TEACHER_TIME_KINDS for b in old.blocks):
        return keep_set_ahead(blocks, old.blocks, minutes)
    if any(b.kind is BlockKind.PROJECT for b in old.blocks):
        # The lesson around the project is replaced; its old pulls go with it.
        return keep_set_ahead(blocks, [b for b in old.blocks if not b.is_teacher_time], minutes)
    return tuple(blocks)


def _period(session: Session, period: PeriodId) -> Period:
    info = next((p for p in RosterRepository(session).periods() if p.id == period), None)
    if info is None:
        raise ValidationError("period", f"no current period has id {period}")
    return info


def _with_stations(plan: DayPlan | None, index: int) -> DayPlan:
    """The plan, when block ``index`` is a stations block (ValidationError otherwise)."""
    if plan is None:
        raise ValidationError("plan", "the day has no plan yet")
    if not 0 <= index < len(plan.blocks) or plan.blocks[index].kind is not BlockKind.STATIONS:
        raise ValidationError("block_index", f"block {index + 1} is not a stations block")
    return plan


def _seed(seed: int | None, offset: int) -> int | None:
    return None if seed is None else seed + offset
