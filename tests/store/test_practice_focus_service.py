"""A day's planned practice focus: a share of each sheet, never the student's own half;
a focus without practice problems is refused with one message wherever it is entered."""

from __future__ import annotations

from datetime import date

import pytest

from mathroom.composition import Services
from mathroom.domain.errors import ValidationError
from mathroom.domain.plan import BlockKind, PlanBlock
from mathroom.domain.practice.registry import focus_refusal, has_generator
from mathroom.domain.practice.sheet import GAP_LEVELS, Role

# What a sheet holds and what is refused are the same on any calendar day.
pytestmark = pytest.mark.any_date

REFUSAL = "no practice problems exist for MY-1 yet"


def test_a_planned_focus_takes_a_share_and_each_student_keeps_their_weakest_half(
    services: Services, school_day: date
) -> None:
    period = services.classroom.overview().periods[0]
    focus = ("7.SP.A.1", "7.NS.A.2c")  # the example, once ignored
    services.plans.save_plan(
        period.id, school_day, [PlanBlock(BlockKind.PRACTICE, 20, practice_skills=focus)], ""
    )
    view = services.evidence.gap_map(period.id, school_day)
    code_of = {skill.id: skill.code for skill in view.gap.skills}
    with_gaps = 0
    for practice in services.practice.class_sheets(period.id, school_day):
        items = practice.sheet.items
        gaps = {
            code_of[skill]
            for (student, skill), level in view.gap.levels.items()
            if student == practice.student and level in GAP_LEVELS and has_generator(code_of[skill])
        }
        today = [i for i in items if i.role is Role.TODAY]
        assert all(i.problem.skill_code in focus and i.reason == "Today's focus" for i in today)
        if gaps - set(focus):
            with_gaps += 1
            own = [i for i in items if i.role is Role.FOCUS]
            assert len(own) >= len(items) / 2, practice.name
            assert {i.problem.skill_code for i in own} <= gaps
        assert any(i.problem.skill_code in focus for i in items), practice.name
    assert with_gaps >= 5


def test_a_focus_without_practice_is_refused_with_one_message_everywhere(
    services: Services, school_day: date
) -> None:
    assert focus_refusal(["7.SP.A.1", "MY-1"]) == REFUSAL
    # Every starter skill has practice; a skill the teacher adds to the map has none.
    services.skill_map.add("MY-1", "Our class's estimation routine", "NS", 7)
    period = services.classroom.overview().periods[0]
    before = services.plans.plan(period.id, school_day)
    block = PlanBlock(BlockKind.PRACTICE, 20, practice_skills=("7.SP.A.1", "MY-1"))
    with pytest.raises(ValidationError, match=REFUSAL) as planned:
        services.plans.save_plan(period.id, school_day, [block], "")
    assert planned.value.field == "blocks[0].practice_skills"
    assert services.plans.plan(period.id, school_day) == before  # nothing saved
    student = services.classroom.roster(period.id)[0].student.id
    with pytest.raises(ValidationError, match=REFUSAL) as by_hand:
        services.practice.set_focus(period.id, school_day, student, ["MY-1"])
    assert by_hand.value.field == "focus"
