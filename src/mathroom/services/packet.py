"""The day's packet: gather each period's plan, groups, tasks and sheets, then print them.

Student-facing parts are filled from display names and task content only; the run sheet
and answer key (teacher-only) may carry skills and levels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from sqlalchemy.orm import Session

from mathroom.domain.errors import MathroomError
from mathroom.domain.groups import GroupSet
from mathroom.domain.ids import GroupSetId, PeriodId, StudentId, TaskId
from mathroom.domain.levels import current_level
from mathroom.domain.packet_gaps import GapKind, PacketGap, PeriodDay, packet_gaps
from mathroom.domain.plan import SCHOOL_DAYS, TEACHER_TIME_KINDS, BlockKind, DayPlan, PlanBlock
from mathroom.domain.plan_schedule import ScheduleRound, gallery_walk
from mathroom.domain.roster import Period, Weekday
from mathroom.domain.tasks import Task
from mathroom.export.layout import PaperSize
from mathroom.export.packet import build_packet, count_packet
from mathroom.export.packet_model import (
    ExitTicket,
    Packet,
    PacketLayout,
    PacketOptions,
    PeriodPacket,
    Poster,
    PracticeSheet,
    ResponseSlip,
    RunBlock,
    Section,
    SectionPages,
)
from mathroom.export.roster_sheet import ExportReport, long_date
from mathroom.export.task_cards import Card
from mathroom.paths import DataFolder
from mathroom.services.classroom import roster_entries
from mathroom.services.practice import printed_sheets
from mathroom.services.printing import card_for_task, check_sheet_name
from mathroom.services.project_packet import project_pages, run_sheet_lines
from mathroom.services.teacher_time import record_names, unseen
from mathroom.services.time_record import fair_every, read_record
from mathroom.store.repositories.attendance import AttendanceRepository
from mathroom.store.repositories.groups import GroupRepository
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.unit_of_work import Store

# What the Print page and the CLI choose from, without reaching into export/.
__all__ = [
    "PacketCount",
    "PacketGap",
    "PacketLayout",
    "PacketOptions",
    "PacketService",
    "Section",
    "SectionPages",
]

DEFAULT_START = time(8, 0)

# The sections a gap leaves empty; a gap not listed is about the whole day and always said.
_GAP_SECTIONS = {
    GapKind.NO_BOARDS: frozenset({Section.STATION_CARDS, Section.GROUP_POSTERS}),
    GapKind.BOARDS_WITHOUT_TASK: frozenset({Section.STATION_CARDS}),
    GapKind.BOARDS_WITHOUT_GROUP: frozenset({Section.GROUP_POSTERS}),
    GapKind.GALLERY_WALK_WITHOUT_GROUPS: frozenset({Section.RESPONSE_SLIPS}),
    GapKind.WARMUP_WITHOUT_TASK: frozenset({Section.RUN_SHEET}),
    GapKind.EXIT_TICKET_WITHOUT_TASK: frozenset({Section.EXIT_TICKETS}),
    GapKind.PULL_WITHOUT_STUDENTS: frozenset({Section.RUN_SHEET}),
    GapKind.CONFERENCE_WITHOUT_STUDENTS: frozenset({Section.RUN_SHEET}),
    GapKind.PRACTICE_WITHOUT_FOCUS: frozenset({Section.PRACTICE, Section.ANSWER_KEY}),
}


# Settings key (the settings table holds JSON values; no migration needed).
PAPER_SAVER = "packet_paper_saver"


@dataclass(frozen=True, slots=True)
class PacketCount:
    """A packet laid out but not written: its sections' pages, and whom it is for."""

    layout: PacketLayout
    students: int  # on the chosen periods' rosters

    def per_student(self, two_sided: bool) -> float:
        """Sheets of paper per student (pages, when printed one-sided)."""
        return self.layout.sheets(two_sided) / self.students if self.students else 0.0


class NoPlanError(MathroomError):
    """Nothing is planned for that date, so there is nothing to print."""


@dataclass(frozen=True, slots=True)
class _PeriodData:
    period: Period
    plan: DayPlan
    names: dict[StudentId, str]  # display names, today's roster
    full_names: dict[StudentId, str]  # teacher-facing
    check_names: dict[StudentId, str]  # "Family, Given (Preferred)" for the roster sheet
    absent: frozenset[StudentId]
    group_sets: dict[GroupSetId, GroupSet]


class PacketService:
    def __init__(self, store: Store, folder: DataFolder) -> None:
        self._store = store
        self._folder = folder

    def paper(self) -> PaperSize:
        with self._store.unit_of_work() as session:
            return PaperSize(SettingsRepository(session).paper())

    def set_paper(self, paper: PaperSize) -> None:
        with self._store.unit_of_work() as session:
            SettingsRepository(session).set_paper(paper.value)

    def paper_saver(self) -> bool:
        """The teacher's last paper-saver choice on the Print page."""
        with self._store.unit_of_work() as session:
            return bool(SettingsRepository(session).get(PAPER_SAVER, False))

    def set_paper_saver(self, on: bool) -> None:
        with self._store.unit_of_work() as session:
            SettingsRepository(session).set(PAPER_SAVER, bool(on))

    def default_path(self, on: date) -> Path:
        return self._folder.exports / f"day-packet-{on.isoformat()}.pdf"

    def packet(
        self,
        on: date,
        periods: Sequence[PeriodId] | None = None,
        options: PacketOptions | None = None,
    ) -> Packet:
        """Everything the packet prints, gathered; NoPlanError when nothing is planned.

        Everything is read in one unit of work, so the packet shows one state of the
        classroom even while the teacher edits in the window.
        """
        options = options or PacketOptions()
        with self._store.unit_of_work() as session:
            all_periods = RosterRepository(session).periods()
            chosen = [p for p in all_periods if periods is None or p.id in periods]
            if periods is not None and len(chosen) != len(set(periods)):
                raise NoPlanError("Some of the chosen periods do not exist or are archived.")
            tasks = {task.id: task for task in TaskRepository(session).tasks()}
            # One read for every period's plan, not one per period.
            day = PlanRepository(session).plans_between([p.id for p in chosen], on, on)
            by_period = {plan.period_id: plan for plan in day}
            parts: list[PeriodPacket] = []
            for period in chosen:
                plan = by_period.get(period.id)
                if plan is not None:
                    parts.append(_period_packet(session, _gather(session, period, plan), tasks))
        if not parts:
            which = "any period" if periods is None else "the chosen periods"
            raise NoPlanError(
                f"Nothing is planned for {long_date(on)} in {which}, so there is no packet to "
                "print. Plan the day first (Plan page), or pick another date."
            )
        return Packet(on, tuple(parts), options)

    def gaps(
        self,
        on: date,
        periods: Sequence[PeriodId] | None = None,
        sections: frozenset[Section] | None = None,
    ) -> tuple[PacketGap, ...]:
        """What the packet for ``on`` would leave out, in plain words, before it is built:
        boards without a task, no exit ticket, a pull without students, a period with no
        plan… Only gaps in ``sections`` (every section by default). Building still works."""
        with self._store.unit_of_work() as session:
            chosen = [
                p for p in RosterRepository(session).periods() if periods is None or p.id in periods
            ]
            active = {task.id for task in TaskRepository(session).tasks()}
            plans = PlanRepository(session)
            days = []
            for period in chosen:
                plan = plans.plan(period.id, on)
                meets = Weekday.of(on) in (period.meeting_days or SCHOOL_DAYS)
                # Evidence is read only where it decides something: a practice block's sheets.
                evidence = not _unfocused_practice(plan) or _has_evidence(session, period.id, on)
                days.append(PeriodDay(period.name, plan, meets, evidence))
        wanted = sections if sections is not None else frozenset(Section)
        return tuple(
            gap
            for gap in packet_gaps(on, days, active)
            if _GAP_SECTIONS.get(gap.kind, wanted) & wanted
        )

    def build(
        self,
        on: date,
        out: Path,
        periods: Sequence[PeriodId] | None = None,
        options: PacketOptions | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ExportReport:
        """Write the packet to ``out`` atomically (a failure leaves no half-written file)."""
        packet = self.packet(on, periods, options)
        layout = build_packet(packet, out, progress)
        return ExportReport(out, layout.pages, layout.runs)

    def count(
        self,
        on: date,
        periods: Sequence[PeriodId] | None = None,
        options: PacketOptions | None = None,
    ) -> PacketCount:
        """The pages each section would take, per period, without writing a file (about a
        second for a whole day): what the Print page shows before building."""
        packet = self.packet(on, periods, options)
        students = sum(len(p.roster_names) for p in packet.periods)
        return PacketCount(count_packet(packet), students)


# -- gathering, inside the packet's one session -------------------------------------------


def _unfocused_practice(plan: DayPlan | None) -> bool:
    """A practice block without a focus: its sheets are made from the students' evidence."""
    return plan is not None and any(
        b.kind is BlockKind.PRACTICE and not b.practice_skills for b in plan.blocks
    )


def _has_evidence(session: Session, period: PeriodId, on: date) -> bool:
    students = [student.id for student in RosterRepository(session).students(period)]
    return any(e.observed_on <= on for e in SkillRepository(session).evidence_of(students))


def _gather(session: Session, period: Period, plan: DayPlan) -> _PeriodData:
    roster = roster_entries(session, period.id)
    names = {entry.student.id: entry.display_name for entry in roster}
    full = {entry.student.id: entry.student.full_name for entry in roster}
    check = {entry.student.id: check_sheet_name(entry.student) for entry in roster}
    absent = AttendanceRepository(session).absent(period.id, plan.plan_date)
    groups = GroupRepository(session)
    sets: dict[GroupSetId, GroupSet] = {}
    for block in plan.blocks:
        if block.group_set_id is not None and block.group_set_id not in sets:
            found = groups.group_set(block.group_set_id)
            if found is not None:
                sets[block.group_set_id] = found
    return _PeriodData(period, plan, names, full, check, absent, sets)


def _period_packet(session: Session, data: _PeriodData, tasks: dict[TaskId, Task]) -> PeriodPacket:
    period, plan = data.period, data.plan
    present = [s for s in data.names if s not in data.absent]
    stations_block = next((b for b in plan.blocks if b.kind is BlockKind.STATIONS), None)
    posters, cards = _stations(data, stations_block, tasks)
    slips = _slips(plan, posters)
    exit_task = _block_task(plan, tasks, BlockKind.EXIT_TICKET)
    tickets: tuple[ExitTicket, ...] = ()
    if exit_task is not None:
        tickets = tuple(
            ExitTicket(data.names[s], exit_task.title, exit_task.spec.prompt)
            for s in sorted(present, key=lambda s: data.names[s].casefold())
        )
    practice: tuple[PracticeSheet, ...] = ()
    if any(b.kind is BlockKind.PRACTICE for b in plan.blocks):
        practice = tuple(printed_sheets(session, period.id, plan.plan_date, plan, data.group_sets))
    students = [data.names[s] for s in sorted(present, key=lambda s: data.names[s].casefold())]
    project = project_pages(session, period.id, plan, tasks, students)
    minutes = period.minutes
    note = ""
    if minutes is not None:
        short = plan.minutes_short(minutes)
        if short < 0:
            note = f"The plan runs {-short} minutes longer than the {minutes}-minute period."
        elif short > 0:
            note = f"The plan leaves {short} of the period's {minutes} minutes unplanned."
    return PeriodPacket(
        period_name=period.name,
        course=period.course,
        on=plan.plan_date,
        run_blocks=_run_blocks(data, tasks),
        minutes_note=note,
        absent=tuple(sorted(data.full_names[s] for s in data.absent if s in data.full_names)),
        pulls=_pulls(session, data),
        cards=cards,
        posters=posters,
        slips=slips,
        briefs=project.briefs,
        rubrics=project.rubrics,
        project_slips=project.slips,
        exit_tickets=tickets,
        practice=practice,
        roster_names=tuple(sorted(data.check_names.values(), key=str.casefold)),
        notes=plan.notes,
        unseen=_unseen(session, data),
        fair_every=fair_every(session),
    )


def _stations(
    data: _PeriodData, block: PlanBlock | None, tasks: dict[TaskId, Task]
) -> tuple[tuple[Poster, ...], tuple[Card, ...]]:
    if block is None:
        return (), ()
    group_set = data.group_sets.get(block.group_set_id) if block.group_set_id else None
    groups = {g.number: g for g in group_set.groups} if group_set else {}
    footer = f"{data.period.name} · {long_date(data.plan.plan_date)}"
    posters: list[Poster] = []
    cards: list[Card] = []
    for station in block.stations:
        task = tasks.get(station.task_id or block.task_id or TaskId(-1))
        if task is not None:
            cards.append(card_for_task(task.spec, station.number, footer))
        group = groups.get(station.group_number or -1)
        members: list[str] = []
        if group is not None:
            for member in group.members:
                if member in data.names and member not in data.absent:
                    role = group.role_of(member)
                    members.append(data.names[member] + (f" · {role}" if role else ""))
        posters.append(
            Poster(
                station=station.number,
                label=f"Station {station.number}",
                names=tuple(sorted(members, key=str.casefold)),
                task_title=task.title if task else "",
            )
        )
    return tuple(posters), tuple(cards)


def _run_blocks(data: _PeriodData, tasks: dict[TaskId, Task]) -> tuple[RunBlock, ...]:
    starts = data.period.starts_at or DEFAULT_START  # clock times need some start
    rows: list[RunBlock] = []
    for timed in data.plan.timeline(starts):
        block = timed.block
        details: list[str] = []
        task = tasks.get(block.task_id) if block.task_id else None
        if task is not None and block.kind is not BlockKind.PROJECT:
            details.append(f"Task: {task.title}")
        details += run_sheet_lines(block, tasks)
        if block.kind is BlockKind.STATIONS and block.stations:
            titles = {tasks[s.task_id].title for s in block.stations if s.task_id in tasks}
            details.append(f"{len(block.stations)} whiteboards, {len(titles)} tasks")
            if block.rotation_minutes:
                details.append(f"Groups move to the next board every {block.rotation_minutes} min")
        if block.students:
            who = ", ".join(data.full_names.get(s, "?") for s in block.students)
            what = "Conferences" if block.kind is BlockKind.CONFERENCE else "Pull"
            details.append(f"{what}: {who}")
        elif block.kind in TEACHER_TIME_KINDS:
            # Said, not left blank: an empty pull on paper looks like a printing fault.
            what = "Pull" if block.kind is BlockKind.SMALL_GROUP else "Conferences"
            details.append(f"{what}: no students chosen")
        if block.practice_skills:
            details.append("Practice focus: " + ", ".join(block.practice_skills))
        if block.kind is BlockKind.GALLERY_WALK:
            groups = len(_station_groups(data.plan))
            walk = _walk(block, groups)
            if walk:
                first = ", ".join(
                    f"{g}→{r.place_of(g)}" for r in walk[:1] for g in range(1, groups + 1)
                )
                details.append(
                    f"{len(walk)} stops of {walk[0].ends_at_minute or '?'} min; "
                    f"first: {first} (slips say the rest)"
                )
        rows.append(
            RunBlock(
                timed.starts_at,
                timed.ends_at,
                block.heading,
                block.minutes,
                tuple(details),
                inside=block.concurrent,
            )
        )
    return tuple(rows)


def _pulls(session: Session, data: _PeriodData) -> tuple[str, ...]:
    pulls = [b for b in data.plan.blocks if b.is_teacher_time]
    if not pulls:
        return ()
    # Only the pulled students' histories: a whole gap map would read every observation.
    skills = SkillRepository(session)
    by_code = {skill.code: skill for skill in skills.skills()}
    rule = SettingsRepository(session).level_rule()
    day = data.plan.plan_date
    lines = []
    for block in pulls:
        skill = by_code.get(block.skill_code or "")
        people = []
        for student in block.students:
            level = None
            if skill is not None:
                history = [e for e in skills.history(student, skill.id) if e.observed_on <= day]
                level = current_level(history, rule, day)
            word = f" ({level.label})" if level else ""
            people.append(data.full_names.get(student, "?") + word)
        lines.append(f"{block.heading}: " + ", ".join(people))
    return tuple(lines)


def _unseen(session: Session, data: _PeriodData) -> tuple[str, ...]:
    """Who has waited the fair N school days or more on the day, longest first."""
    record = read_record(session, data.period.id)
    waiting = unseen(record, data.plan.plan_date, record_names(session, record))
    lines = [f"{s.full_name} — {s.wait_text}" for s in waiting.overdue]
    lines += [f"{s.full_name} — {s.wait_text}, due today" for s in waiting.due]
    return tuple(lines)


def _station_groups(plan: DayPlan) -> tuple[int, ...]:
    block = next((b for b in plan.blocks if b.kind is BlockKind.STATIONS), None)
    if block is None:
        return ()
    return tuple(s.number for s in block.stations if s.group_number is not None)


def _walk(block: PlanBlock, groups: int) -> list[ScheduleRound]:
    """A gallery walk with two or three minutes at each board."""
    if groups < 2:
        return []
    stops = max(1, min(groups - 1, block.minutes // 2))
    return gallery_walk(groups, stops, block.minutes)


def _slips(plan: DayPlan, posters: tuple[Poster, ...]) -> tuple[ResponseSlip, ...]:
    """One slip per station group when the plan has a gallery walk."""
    block = next((b for b in plan.blocks if b.kind is BlockKind.GALLERY_WALK), None)
    boards = [p for p in posters if p.names]
    if block is None or len(boards) < 2:
        return ()
    rounds = _walk(block, len(boards))
    slips = []
    for index, poster in enumerate(boards, start=1):
        visits = tuple(boards[r.place_of(index) - 1].station for r in rounds)
        slips.append(
            ResponseSlip(
                f"the group from board {poster.station}",
                poster.names,
                visits,
                rounds[0].ends_at_minute if rounds else 0,
            )
        )
    return tuple(slips)


def _block_task(plan: DayPlan, tasks: dict[TaskId, Task], kind: BlockKind) -> Task | None:
    """The task of the plan's first block of ``kind`` that has one."""
    for block in plan.blocks:
        if block.kind is kind and block.task_id is not None and block.task_id in tasks:
            return tasks[block.task_id]
    return None
