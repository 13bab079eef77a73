"""The packet says what it would leave out before it is built, and still builds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from mathroom.composition import Services
from mathroom.domain.packet_gaps import GapKind
from mathroom.domain.plan import BlockKind, PlanBlock
from mathroom.export.packet_model import Section
from mathroom.paths import DataFolder
from mathroom.services.packet import PacketOptions, PacketService
from mathroom.store.unit_of_work import Store
from tests.store.transactions import counted_transactions


def template_day(services: Services, day: date) -> None:
    """Period 1's day laid out as the built-in "Thinking-classroom day" with nothing filled
    in (no tasks, no groups), with an empty small-group pull inside its stations. (Starting
    from the template fills the tasks from the unit, so its blocks are saved as they are.)"""
    period = services.classroom.overview().periods[0]
    template = next(t for t in services.plans.templates() if t.name == "Thinking-classroom day")
    fitted = template.fitted(period.minutes) if period.minutes else template
    blocks = list(fitted.to_blocks())
    blocks.insert(2, PlanBlock(BlockKind.SMALL_GROUP, 10, concurrent=True))
    services.plans.save_plan(period.id, day, blocks)


def test_the_demo_day_has_nothing_missing_read_in_one_transaction(
    demo_store: Store, demo_folder: DataFolder, school_day: date
) -> None:
    service = PacketService(demo_store, demo_folder)
    with counted_transactions(demo_store) as begun:
        assert service.gaps(school_day) == ()
    assert len(begun) == 1


def test_a_template_day_names_each_empty_section_and_the_packet_still_builds(
    services: Services, school_day: date, tmp_path: Path
) -> None:
    template_day(services, school_day)
    first = services.classroom.overview().periods[0]
    gaps = services.packet.gaps(school_day)
    assert {g.period for g in gaps} == {first.name}  # the other periods are fully planned
    assert [g.kind for g in gaps] == [
        GapKind.WARMUP_WITHOUT_TASK,
        GapKind.BOARDS_WITHOUT_TASK,
        GapKind.BOARDS_WITHOUT_GROUP,
        GapKind.PULL_WITHOUT_STUDENTS,
        GapKind.GALLERY_WALK_WITHOUT_GROUPS,
        GapKind.EXIT_TICKET_WITHOUT_TASK,
    ]
    assert "all 6 boards have no task, so no station cards will print" in gaps[1].text
    assert gaps[-1].text.endswith("no exit tickets will print. Choose a task on the Plan page.")

    # Sections left out of the printout need no warning.
    chosen = frozenset({Section.RUN_SHEET, Section.ROSTER})
    kinds = [g.kind for g in services.packet.gaps(school_day, [first.id], chosen)]
    assert kinds == [GapKind.WARMUP_WITHOUT_TASK, GapKind.PULL_WITHOUT_STUDENTS]

    # A warning, not a refusal: the packet is made, without the missing pages.
    packet = services.packet.packet(school_day, [first.id])
    (part,) = packet.periods
    assert part.cards == () and part.exit_tickets == () and part.pulls == ()
    pull = next(b for b in part.run_blocks if b.heading == "Small-group pull")
    assert pull.details == ("Pull: no students chosen",)
    out = tmp_path / "day.pdf"
    services.packet.build(school_day, out, [first.id], PacketOptions())
    run_sheet = PdfReader(out).pages[1].extract_text()
    assert "Pull: no students chosen" in run_sheet
    assert "Small-group pulls" not in run_sheet  # no empty list of pulls


def test_archived_tasks_and_periods_without_a_plan(services: Services, school_day: date) -> None:
    periods = services.classroom.overview().periods
    first, second = periods[0], periods[1]
    plan = services.plans.plan(first.id, school_day)
    assert plan is not None
    ticket = next(b for b in plan.blocks if b.kind is BlockKind.EXIT_TICKET)
    assert ticket.task_id is not None
    services.tasks.archive(ticket.task_id)
    services.plans.delete_plan(second.id, school_day)
    gaps = services.packet.gaps(school_day)
    archived = [g for g in gaps if g.kind is GapKind.ARCHIVED_TASK]
    assert [g.period for g in archived] == [p.name for p in periods if p != second]
    assert f"“{ticket.task_title}” is archived, so no exit tickets will print" in archived[0].text
    (missing,) = [g for g in gaps if g.kind is GapKind.NO_PLAN]
    assert missing.period == second.name and "nothing is planned for" in missing.text
    # Only the periods asked about are checked.
    assert all(g.period == first.name for g in services.packet.gaps(school_day, [first.id]))


def test_practice_without_a_focus_is_said_only_where_no_evidence_exists(
    services: Services, school_day: date
) -> None:
    first = services.classroom.overview().periods[0]
    plan = services.plans.plan(first.id, school_day)
    assert plan is not None
    blocks = [
        replace(b, practice_skills=()) if b.kind is BlockKind.PRACTICE else b for b in plan.blocks
    ]
    services.plans.save_plan(first.id, school_day, blocks)
    assert services.packet.gaps(school_day) == ()  # the demo students have evidence
    # A day long before any evidence was recorded: the sheets would be a general mix.
    early = date(2020, 9, 7)
    services.plans.save_plan(first.id, early, blocks)
    kinds = [g.kind for g in services.packet.gaps(early, [first.id])]
    assert GapKind.PRACTICE_WITHOUT_FOCUS in kinds
