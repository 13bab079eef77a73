"""Choosing a day's tasks from a unit: fresh tasks in the unit's order, board kinds mixed,
the bank as a fallback, and an empty slot only with a message."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from mathroom.domain.ids import StudentId, TaskId
from mathroom.domain.plan import BlockKind, PlanBlock, Station
from mathroom.domain.tasks import Task, TaskKind, TaskSpec
from mathroom.domain.unit_planning import (
    DayNeeds,
    DayTasks,
    Slot,
    TaskPool,
    board_task_count,
    choose_day,
    choose_days,
    day_needs,
    fits,
    is_fresh,
    keep_set_ahead,
    with_day_tasks,
)

DAY = date(2026, 11, 23)
SKILLS = ("7.NS.A.1", "7.NS.A.2", "7.NS.A.3", "7.EE.A.1", "6.NS.C.5")
KINDS = (
    TaskKind.WARMUP,
    TaskKind.WHITEBOARD,
    TaskKind.DISCUSSION,
    TaskKind.MATH_ART,
    TaskKind.EXIT_TICKET,
    TaskKind.PRACTICE,
    TaskKind.PROJECT,
)


def task(number: int, kind: TaskKind, *skills: str, days: int = 0) -> Task:
    milestones = ("Launch", *(["Work day"] * (days - 2)), "Gallery") if days > 1 else ()
    spec = TaskSpec(f"Task {number:02d}", kind, "Do it.", skill_codes=skills, milestones=milestones)
    return Task(TaskId(number), spec)


@st.composite
def pools(draw: st.DrawFn, allow_repeats: bool | None = None) -> TaskPool:
    specs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(KINDS),
                st.sets(st.sampled_from(SKILLS), max_size=2),
                st.sampled_from([0, 0, 0, 3]),  # now and then a piece over several days
            ),
            min_size=0,
            max_size=24,
        )
    )
    bank = tuple(
        task(n, kind, *sorted(skills), days=days) for n, (kind, skills, days) in enumerate(specs, 1)
    )
    unit = draw(st.permutations(bank).map(lambda p: p[: draw(st.integers(0, len(bank)))]))
    history = draw(
        st.dictionaries(
            st.sampled_from([t.id for t in bank]) if bank else st.nothing(),
            st.lists(st.integers(-80, 80).map(lambda d: DAY + timedelta(days=d)), max_size=3),
            max_size=len(bank),
        )
    )
    return TaskPool(
        unit_tasks=tuple(unit),
        bank=bank,
        unit_skills=tuple(draw(st.lists(st.sampled_from(SKILLS), unique=True, max_size=3))),
        history=history,
        repeat_weeks=draw(st.integers(1, 6)),
        allow_repeats=draw(st.booleans()) if allow_repeats is None else allow_repeats,
    )


needs_strategy = st.builds(
    DayNeeds,
    warmup=st.booleans(),
    boards=st.integers(0, 8),
    practice=st.booleans(),
    exit_ticket=st.booleans(),
)


def slots_of(tasks: DayTasks) -> dict[Slot, list[TaskId]]:
    single = {s: tasks.for_slot(s) for s in (Slot.WARMUP, Slot.PRACTICE, Slot.EXIT_TICKET)}
    found = {s: [t] if t is not None else [] for s, t in single.items()}
    return found | {Slot.BOARDS: list(tasks.boards)}


def wanted(needs: DayNeeds, slot: Slot) -> int:
    return {
        Slot.WARMUP: int(needs.warmup),
        Slot.BOARDS: board_task_count(needs.boards),
        Slot.PRACTICE: int(needs.practice),
        Slot.EXIT_TICKET: int(needs.exit_ticket),
    }[slot]


@settings(max_examples=300)
@given(pools(), needs_strategy)
def test_the_choice_is_deterministic_distinct_and_of_the_right_kinds(
    pool: TaskPool, needs: DayNeeds
) -> None:
    tasks = choose_day(pool, DAY, needs)
    assert tasks == choose_day(pool, DAY, needs)
    by_id = {t.id: t for t in pool.bank}
    chosen = [t for ids in slots_of(tasks).values() for t in ids]
    assert len(chosen) == len(set(chosen))  # never one task in two slots
    for slot, ids in slots_of(tasks).items():
        assert len(ids) <= wanted(needs, slot)
        assert all(fits(by_id[t], slot) for t in ids)  # a project over days is no board
        if not pool.allow_repeats:
            assert all(is_fresh(pool, t, DAY) for t in ids)


@settings(max_examples=300)
@given(pools(), needs_strategy)
def test_a_slot_is_empty_only_when_nothing_fits_and_then_it_says_so(
    pool: TaskPool, needs: DayNeeds
) -> None:
    tasks = choose_day(pool, DAY, needs)
    for slot, ids in slots_of(tasks).items():
        want = wanted(needs, slot)
        kind = [t for t in pool.bank if fits(t, slot)]
        fresh = [t for t in kind if is_fresh(pool, t.id, DAY)]
        available = kind if pool.allow_repeats else fresh
        assert len(ids) == min(want, len(available))
        if want and not ids:
            assert any(m.startswith(f"no fresh {slot.label} in") for m in tasks.messages), (
                tasks.messages
            )


@settings(max_examples=300)
@given(pools(allow_repeats=False), needs_strategy)
def test_the_next_fresh_tasks_of_the_unit_come_first_in_its_order(
    pool: TaskPool, needs: DayNeeds
) -> None:
    tasks = choose_day(pool, DAY, needs)
    for slot in (Slot.WARMUP, Slot.PRACTICE, Slot.EXIT_TICKET):
        fresh = [
            t.id for t in pool.unit_tasks if t.kind in slot.kinds and is_fresh(pool, t.id, DAY)
        ]
        if wanted(needs, slot) and fresh:
            assert tasks.for_slot(slot) == fresh[0]
    fresh_boards = [
        t for t in pool.unit_tasks if fits(t, Slot.BOARDS) and is_fresh(pool, t.id, DAY)
    ]
    count = board_task_count(needs.boards)
    if len(fresh_boards) >= count:
        assert set(tasks.boards) <= {t.id for t in fresh_boards}
        assert not any("board task left in this unit" in m for m in tasks.messages)
    if count >= 2 and len({t.kind for t in fresh_boards}) >= 2:
        kinds = {t.kind for t in pool.bank if t.id in tasks.boards}
        assert len(kinds) >= 2  # board kinds are mixed when the unit has several


@settings(max_examples=200)
@given(pools(allow_repeats=False), st.lists(needs_strategy, min_size=1, max_size=6))
def test_a_run_of_days_never_takes_a_task_twice_within_the_window(
    pool: TaskPool, needs: list[DayNeeds]
) -> None:
    days = [(DAY + timedelta(days=n), day_need) for n, day_need in enumerate(needs)]
    run = choose_days(pool, days)
    assert run == choose_days(pool, days)
    seen: list[TaskId] = [t for tasks in run for t in tasks.chosen]
    assert len(seen) == len(set(seen))  # 6 days are well inside a window of 1 week or more


def test_the_bank_fallback_prefers_the_units_skills_then_reviews() -> None:
    unit_exit = task(1, TaskKind.EXIT_TICKET, "7.NS.A.1")
    near = task(2, TaskKind.EXIT_TICKET, "7.NS.A.2")
    far = task(3, TaskKind.EXIT_TICKET, "7.EE.A.1")
    pool = TaskPool(
        unit_tasks=(unit_exit,),
        bank=(far, near, unit_exit),
        unit_skills=("7.NS.A.1", "7.NS.A.2"),
        history={unit_exit.id: (DAY - timedelta(days=2),)},
    )
    first = choose_day(pool, DAY, DayNeeds(exit_ticket=True))
    assert first.exit_ticket == near.id
    assert first.messages == ("no fresh exit ticket left in this unit: “Task 02” from the bank",)
    used_near = replace(pool, history={**pool.history, near.id: (DAY,)})
    assert choose_day(used_near, DAY, DayNeeds(exit_ticket=True)).exit_ticket == far.id


def test_no_fresh_task_leaves_the_slot_empty_with_a_message_unless_repeats_are_allowed() -> None:
    exit_ticket = task(1, TaskKind.EXIT_TICKET, "7.NS.A.1")
    older = task(2, TaskKind.EXIT_TICKET, "7.NS.A.1")
    pool = TaskPool(
        unit_tasks=(exit_ticket, older),
        bank=(exit_ticket, older),
        history={exit_ticket.id: (DAY - timedelta(days=3),), older.id: (DAY - timedelta(days=9),)},
    )
    empty = choose_day(pool, DAY, DayNeeds(exit_ticket=True))
    assert empty.exit_ticket is None
    assert empty.messages == (
        "no fresh exit ticket in this unit or the task bank: the exit ticket is left empty "
        "(allow repeats to reuse one)",
    )
    repeated = choose_day(replace(pool, allow_repeats=True), DAY, DayNeeds(exit_ticket=True))
    assert repeated.exit_ticket == older.id  # the one used longest ago
    assert "“Task 02” again" in repeated.messages[0]


def test_boards_deal_two_tasks_across_every_board() -> None:
    assert [board_task_count(n) for n in range(8)] == [0, 1, 2, 2, 2, 2, 2, 2]
    boards = tuple(
        task(n, kind) for n, kind in enumerate([TaskKind.WHITEBOARD] * 4 + [TaskKind.DISCUSSION], 1)
    )
    pool = TaskPool(unit_tasks=boards, bank=boards)
    stations = PlanBlock(
        BlockKind.STATIONS, 25, stations=tuple(Station(n, TaskId(99), None) for n in range(1, 7))
    )
    blocks = (
        PlanBlock(BlockKind.WARMUP, 5, task_id=TaskId(98)),
        stations,
        PlanBlock(BlockKind.EXIT_TICKET, 5),
    )
    needs = day_needs(blocks, only_empty=False)
    assert needs == DayNeeds(warmup=True, boards=6, exit_ticket=True)
    tasks = choose_day(pool, DAY, needs)
    assert tasks.boards == (TaskId(1), TaskId(5))  # a discussion prompt mixed in
    filled = with_day_tasks(blocks, tasks, only_empty=False)
    assert [s.task_id for s in filled[1].stations] == [1, 5, 1, 5, 1, 5]
    assert filled[0].task_id is None  # no warm-up in the pool: emptied, never yesterday's
    assert any("warm-up" in m for m in tasks.messages)


def test_a_template_keeps_its_own_tasks_and_fills_the_empty_slots() -> None:
    boards = tuple(task(n, TaskKind.WHITEBOARD) for n in range(1, 5))
    pool = TaskPool(unit_tasks=boards, bank=boards)
    stations = PlanBlock(
        BlockKind.STATIONS,
        25,
        stations=(Station(1, TaskId(1), None), Station(2, None, None), Station(3, None, None)),
    )
    needs = day_needs((stations,), only_empty=True)
    assert needs.boards == 2 and needs.taken == {TaskId(1)}
    tasks = choose_day(pool, DAY, needs)
    filled = with_day_tasks((stations,), tasks, only_empty=True)
    assert [s.task_id for s in filled[0].stations] == [1, 2, 3]


LESSON = (
    PlanBlock(BlockKind.WARMUP, 5),
    PlanBlock(BlockKind.STATIONS, 25, stations=(Station(1, None, None),)),
    PlanBlock(
        BlockKind.SMALL_GROUP, 10, skill_code="7.NS.A.1b", students=(StudentId(9),), concurrent=True
    ),
    PlanBlock(BlockKind.GALLERY_WALK, 8),
    PlanBlock(BlockKind.EXIT_TICKET, 5),
    PlanBlock(BlockKind.CLOSING, 2),
)
PROJECT = PlanBlock(BlockKind.PROJECT, 15, task_id=TaskId(40), milestone=1)


def test_a_project_beside_a_lesson_is_fitted_into_the_new_lesson() -> None:
    shrunk = (replace(LESSON[1], minutes=13), PlanBlock(BlockKind.GALLERY_WALK, 5))
    old = (LESSON[0], *shrunk, PROJECT, *LESSON[4:])  # as starting the project left it
    kept = keep_set_ahead(LESSON, old, 45)
    kinds = [b.kind for b in kept]
    assert BlockKind.STATIONS in kinds and BlockKind.PROJECT in kinds
    assert kinds.index(BlockKind.PROJECT) == kinds.index(BlockKind.EXIT_TICKET) - 1
    assert sum(b.minutes for b in kept if not b.concurrent) == 45  # the lesson made room
    assert [b for b in kept if b.kind is BlockKind.SMALL_GROUP] == [LESSON[2]]  # still hosted


def test_a_project_day_stays_one_with_the_teachers_own_pulls_and_conferences() -> None:
    pull = PlanBlock(
        BlockKind.SMALL_GROUP,
        10,
        skill_code="7.RP.A.1",
        students=(StudentId(1), StudentId(2)),
        concurrent=True,
    )
    conference = PlanBlock(BlockKind.CONFERENCE, 12, students=(StudentId(3),), concurrent=True)
    old = (
        PlanBlock(BlockKind.WARMUP, 5),
        replace(PROJECT, minutes=40),
        pull,
        conference,
        PlanBlock(BlockKind.CLOSING, 5),
    )
    kept = keep_set_ahead(LESSON, old, 52)
    assert [b.kind for b in kept] == [
        BlockKind.WARMUP,
        BlockKind.PROJECT,
        BlockKind.SMALL_GROUP,
        BlockKind.CONFERENCE,
        BlockKind.EXIT_TICKET,
        BlockKind.CLOSING,
    ]
    assert kept[1].minutes == 52 - 5 - 5 - 2  # the project fills what the period has left
    assert kept[2] == pull and kept[3] == conference  # the suggested pull made way


def test_only_teacher_time_set_ahead_goes_inside_the_new_stations() -> None:
    conference = PlanBlock(BlockKind.CONFERENCE, 12, students=(StudentId(3),), concurrent=True)
    kept = keep_set_ahead(LESSON, (conference,), 45)
    assert [b.kind for b in kept][1:4] == [
        BlockKind.STATIONS,
        BlockKind.SMALL_GROUP,
        BlockKind.CONFERENCE,
    ]  # the suggested pull stays beside the teacher's conferences
    assert keep_set_ahead(LESSON, (), 45) == LESSON


def test_a_spent_unit_falls_back_to_its_skills_then_their_prerequisites_never_a_later_unit() -> (
    None
):
    """Review of earlier grades' gaps is good practice; a later unit's task would teach what
    the class has not met yet, so it is never a fallback, however fresh."""
    spent = task(1, TaskKind.WHITEBOARD, "7.NS.A.1")
    later = task(2, TaskKind.WHITEBOARD, "7.EE.A.1")
    on_prerequisite = task(3, TaskKind.WHITEBOARD, "6.NS.C.5")
    on_unit_skill = task(4, TaskKind.DISCUSSION, "7.NS.A.2")
    unrelated = task(5, TaskKind.WHITEBOARD, "7.NS.A.3")
    pool = TaskPool(
        unit_tasks=(spent,),
        bank=(spent, later, on_prerequisite, on_unit_skill, unrelated),
        unit_skills=("7.NS.A.1", "7.NS.A.2", "6.NS.C.5"),
        history={spent.id: (DAY - timedelta(days=1),)},
        later=frozenset({later.id}),
    )
    first = choose_day(pool, DAY, DayNeeds(boards=6))
    assert first.boards == (on_unit_skill.id, on_prerequisite.id)
    assert any("from the bank" in m for m in first.messages)
    used = {t: (DAY,) for t in (spent.id, on_unit_skill.id, on_prerequisite.id)}
    second = choose_day(replace(pool, history=used), DAY + timedelta(days=1), DayNeeds(boards=6))
    assert second.boards == (unrelated.id,)  # spiral review, and the later unit's stays out
    assert later.id not in second.boards
