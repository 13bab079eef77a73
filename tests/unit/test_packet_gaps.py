"""What a packet would leave out, found before it is built (domain/packet_gaps.py)."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.ids import DayPlanId, GroupSetId, PeriodId, StudentId, TaskId
from mathroom.domain.packet_gaps import GapKind, PacketGap, PeriodDay, packet_gaps
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock, Station

MONDAY = date(2026, 11, 23)
ACTIVE = frozenset(TaskId(n) for n in range(1, 10))
ARCHIVED = TaskId(50)


def day(*blocks: PlanBlock) -> DayPlan:
    return DayPlan(DayPlanId(1), PeriodId(1), MONDAY, blocks)


def boards(tasks: list[int | None], grouped: bool = True) -> PlanBlock:
    stations = tuple(
        Station(n, TaskId(t) if t else None, n if grouped else None)
        for n, t in enumerate(tasks, start=1)
    )
    return PlanBlock(
        BlockKind.STATIONS,
        25,
        group_set_id=GroupSetId(7) if grouped else None,
        stations=stations,
    )


FULL_DAY = day(
    PlanBlock(BlockKind.WARMUP, 5, task_id=TaskId(1)),
    boards([2, 3, 4, 5, 6, 7]),
    PlanBlock(
        BlockKind.SMALL_GROUP, 10, skill_code="7.NS.A.1b", students=(StudentId(3),), concurrent=True
    ),
    PlanBlock(BlockKind.GALLERY_WALK, 8),
    PlanBlock(BlockKind.PRACTICE, 12),
    PlanBlock(BlockKind.EXIT_TICKET, 5, task_id=TaskId(8)),
    PlanBlock(BlockKind.CLOSING, 2),
)


def gaps(*plans: DayPlan | None, evidence: bool = True) -> tuple[PacketGap, ...]:
    periods = [PeriodDay(f"Period {n}", p, has_evidence=evidence) for n, p in enumerate(plans, 1)]
    return packet_gaps(MONDAY, periods, ACTIVE)


def test_a_full_day_has_nothing_missing() -> None:
    assert gaps(FULL_DAY) == ()


def test_a_template_day_names_every_empty_section_with_what_to_do() -> None:
    template = day(
        PlanBlock(BlockKind.WARMUP, 5),
        boards([None] * 6, grouped=False),
        PlanBlock(BlockKind.GALLERY_WALK, 8),
        PlanBlock(BlockKind.SMALL_GROUP, 10, concurrent=True),
        PlanBlock(BlockKind.EXIT_TICKET, 5),
    )
    found = gaps(template)
    assert [g.kind for g in found] == [
        GapKind.WARMUP_WITHOUT_TASK,
        GapKind.BOARDS_WITHOUT_TASK,
        GapKind.BOARDS_WITHOUT_GROUP,
        GapKind.GALLERY_WALK_WITHOUT_GROUPS,
        GapKind.PULL_WITHOUT_STUDENTS,
        GapKind.EXIT_TICKET_WITHOUT_TASK,
    ]
    texts = [g.text for g in found]
    assert texts[1] == (
        "Period 1 · Whiteboard stations: all 6 boards have no task, so no station cards will "
        "print. Choose a task for each board on the Plan page."
    )
    assert texts[4].startswith("Period 1 · Small-group pull: no students are chosen")
    assert texts[5] == (
        "Period 1 · Exit ticket: there is no task, so no exit tickets will print. "
        "Choose a task on the Plan page."
    )


def test_some_boards_without_a_task_are_counted_and_named() -> None:
    (gap,) = gaps(day(boards([1, None, 2, None, None, 3])))
    assert gap.kind is GapKind.BOARDS_WITHOUT_TASK
    assert gap.missing == (
        "3 of 6 boards (2, 4 and 5) have no task, so their station cards won't print"
    )
    (one,) = gaps(day(boards([1, 2, None])))
    assert one.missing == "1 of 3 boards (3) has no task, so its station card won't print"


def test_a_board_takes_the_blocks_own_task_when_it_has_none() -> None:
    block = boards([None, None, 2])
    shared = PlanBlock(
        BlockKind.STATIONS,
        25,
        task_id=TaskId(1),
        group_set_id=block.group_set_id,
        stations=block.stations,
    )
    assert gaps(day(shared)) == ()


def test_archived_tasks_are_named_like_missing_ones() -> None:
    plan = day(
        boards([1, ARCHIVED, 2]),
        PlanBlock(BlockKind.EXIT_TICKET, 5, task_id=ARCHIVED, task_title="Ratio check"),
    )
    board, ticket = gaps(plan)
    assert board.kind is ticket.kind is GapKind.ARCHIVED_TASK
    assert (
        board.missing == "1 of 3 boards (2) has an archived task, so its station card won't print"
    )
    assert "“Ratio check” is archived, so no exit tickets will print" in ticket.missing
    assert "Tasks page" in ticket.fix


def test_practice_without_focus_matters_only_without_evidence() -> None:
    practice = day(PlanBlock(BlockKind.PRACTICE, 12))
    assert gaps(practice, evidence=True) == ()
    (gap,) = gaps(practice, evidence=False)
    assert gap.kind is GapKind.PRACTICE_WITHOUT_FOCUS and "grade-7 mix" in gap.missing
    focused = day(PlanBlock(BlockKind.PRACTICE, 12, practice_skills=("7.NS.A.1b",)))
    assert gaps(focused, evidence=False) == ()


def test_periods_without_a_plan_and_days_with_none_at_all() -> None:
    found = gaps(FULL_DAY, None)
    assert [(g.kind, g.period) for g in found] == [(GapKind.NO_PLAN, "Period 2")]
    assert "nothing is planned for Monday, November 23" in found[0].text
    not_meeting = packet_gaps(
        MONDAY, [PeriodDay("P1", FULL_DAY), PeriodDay("P2", None, meets=False)], ACTIVE
    )
    assert not_meeting == ()
    (nothing,) = gaps(None, None)
    assert nothing.kind is GapKind.NOTHING_PLANNED
    assert nothing.text.startswith("Nothing is planned for Monday, November 23")


def test_two_blocks_with_one_heading_are_told_apart() -> None:
    plan = day(
        PlanBlock(BlockKind.SMALL_GROUP, 10), PlanBlock(BlockKind.SMALL_GROUP, 10, students=())
    )
    assert [g.block for g in gaps(plan)] == [
        "Small-group pull (block 1)",
        "Small-group pull (block 2)",
    ]


# -- any plan ------------------------------------------------------------------------------

task_ids = st.one_of(st.none(), st.sampled_from([1, 2, 3, int(ARCHIVED)]))


@st.composite
def blocks(draw: st.DrawFn) -> PlanBlock:
    kind = draw(st.sampled_from(list(BlockKind)))
    task = draw(task_ids)
    stations: tuple[Station, ...] = ()
    grouped = draw(st.booleans())
    if kind is BlockKind.STATIONS:
        count = draw(st.integers(0, 8))
        stations = tuple(
            Station(n, TaskId(t) if t else None, n if grouped and draw(st.booleans()) else None)
            for n, t in zip(
                range(1, count + 1),
                draw(st.lists(task_ids, min_size=count, max_size=count)),
                strict=True,
            )
        )
    return PlanBlock(
        kind,
        draw(st.integers(1, 30)),
        task_id=TaskId(task) if task else None,
        group_set_id=GroupSetId(1) if grouped else None,
        stations=stations,
        students=tuple(StudentId(s) for s in draw(st.lists(st.integers(1, 30), max_size=3))),
        practice_skills=tuple(draw(st.lists(st.just("7.EE.A.1"), max_size=1))),
    )


plans = st.one_of(
    st.none(),
    st.lists(blocks(), max_size=8).map(lambda b: day(*b)),
)


@given(st.lists(plans, min_size=1, max_size=4), st.booleans())
def test_every_gap_says_where_what_and_what_to_do(
    chosen: list[DayPlan | None], evidence: bool
) -> None:
    found = gaps(*chosen, evidence=evidence)
    if all(p is None for p in chosen):
        assert [g.kind for g in found] == [GapKind.NOTHING_PLANNED]
        return
    names = [f"Period {n}" for n in range(1, len(chosen) + 1)]
    assert [g.period for g in found] == sorted((g.period for g in found), key=names.index)
    for gap in found:
        assert gap.text.startswith(f"{gap.period} · {gap.block}: " if gap.block else gap.period)
        assert re.search(r"(Plan|Groups|Skills|Tasks|Practice) page", gap.fix)
        assert gap.text.endswith(".")
    for name, plan in zip(names, chosen, strict=True):
        mine = [g for g in found if g.period == name]
        if plan is None:
            assert [g.kind for g in mine] == [GapKind.NO_PLAN]
            continue
        kinds = [g.kind for g in mine]
        empty_pulls = [b for b in plan.blocks if b.kind is BlockKind.SMALL_GROUP and not b.students]
        assert kinds.count(GapKind.PULL_WITHOUT_STUDENTS) == len(empty_pulls)
        tickets = [b for b in plan.blocks if b.kind is BlockKind.EXIT_TICKET and b.task_id is None]
        assert kinds.count(GapKind.EXIT_TICKET_WITHOUT_TASK) == len(tickets)
        for block in plan.blocks:
            if block.kind is not BlockKind.STATIONS or not block.stations:
                continue
            bare = [s for s in block.stations if (s.task_id or block.task_id) is None]
            said = [g for g in mine if g.kind is GapKind.BOARDS_WITHOUT_TASK]
            if not bare:
                continue
            count = f"all {len(bare)}" if len(bare) == len(block.stations) else f"{len(bare)} of"
            assert any(count in g.missing for g in said) or len(block.stations) == 1


@given(st.lists(blocks(), min_size=1, max_size=8))
def test_a_plan_with_nothing_missing_prints_every_section(chosen: list[PlanBlock]) -> None:
    """Fill every gap the checks name; the same plan then has none."""
    filled = []
    for block in chosen:
        stations = tuple(Station(s.number, TaskId(1), s.number) for s in block.stations)
        if block.kind is BlockKind.STATIONS and len(stations) < 2:
            stations = (Station(1, TaskId(1), 1), Station(2, TaskId(2), 2))
        filled.append(
            PlanBlock(
                block.kind,
                block.minutes,
                task_id=TaskId(1),
                group_set_id=GroupSetId(1),
                stations=stations,
                students=block.students or (StudentId(1),),
                practice_skills=("7.EE.A.1",),
            )
        )
    if any(b.kind is BlockKind.GALLERY_WALK for b in filled):
        filled.append(boards([1, 2]))
    assert gaps(day(*filled), evidence=False) == ()
