"""Practice sheets from the demo classroom's real evidence, groups, plans and attendance."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

import pytest

from mathroom.composition import Services
from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.plan import school_week
from mathroom.domain.practice.registry import has_generator
from mathroom.domain.practice.sheet import GAP_LEVELS, Role
from mathroom.domain.skills import Level
from mathroom.services.practice import StudentPractice


@pytest.fixture
def sunday(school_day: date) -> date:
    """The Sunday after the demo's planned week: no class focus, no groups."""
    return school_week(school_day)[-1] + timedelta(days=2)


def test_a_students_weakest_skills_fill_most_of_their_sheet(
    services: Services, sunday: date
) -> None:
    period = services.classroom.overview().periods[0]
    view = services.evidence.gap_map(period.id, sunday)
    code_of = {skill.id: skill.code for skill in view.gap.skills}
    checked = 0
    for practice in services.practice.class_sheets(period.id, sunday):
        levels = {
            code_of[skill]: level
            for (student, skill), level in view.gap.levels.items()
            if student == practice.student and has_generator(code_of[skill])
        }
        gaps = {code: level for code, level in levels.items() if level in GAP_LEVELS}
        if not gaps:
            continue
        items = practice.sheet.items
        focus = [item.problem.skill_code for item in items if item.role is Role.FOCUS]
        assert len(focus) > len(items) / 2, practice.name
        assert set(focus) <= set(gaps), practice.name
        # The weakest level the student has is on the sheet.
        assert min(gaps[code] for code in focus) == min(gaps.values()), practice.name
        secure = {code for code, level in levels.items() if level not in GAP_LEVELS}
        assert not secure & set(focus)
        checked += 1
    assert checked >= 10


def test_absent_students_get_no_sheet(services: Services, school_day: date) -> None:
    period = services.classroom.overview().periods[0]
    roster = services.classroom.roster(period.id)
    away = roster[3].student.id
    before = [p.student for p in services.practice.class_sheets(period.id, school_day)]
    assert before == [entry.student.id for entry in roster]
    services.attendance.set_status(period.id, away, school_day, AttendanceStatus.ABSENT)
    after = [p.student for p in services.practice.class_sheets(period.id, school_day)]
    assert after == [s for s in before if s != away]


def test_groupmates_at_the_days_stations_share_no_problem(
    services: Services, school_day: date
) -> None:
    # Long sheets on one skill with few different problems: clashes would be near certain
    # if groupmates' sheets were drawn independently.
    services.practice.set_size(20)
    for period in services.classroom.overview().periods:
        plan = services.plans.plan(period.id, school_day)
        assert plan is not None
        set_id = next(b.group_set_id for b in plan.blocks if b.group_set_id is not None)
        group_set = services.classroom.group_set(set_id)
        assert group_set is not None
        for member in group_set.groups[0].members:
            services.practice.set_focus(period.id, school_day, member, ["7.NS.A.2d"])
        prompts = {
            p.student: {problem.prompt for problem in p.sheet.problems}
            for p in services.practice.class_sheets(period.id, school_day)
        }
        pairs = 0
        for group in group_set.groups:
            for a, b in combinations(group.members, 2):
                assert not prompts[a] & prompts[b], (period.name, a, b)
                pairs += 1
        assert pairs >= 10


def test_hand_focus_and_version_round_trip(services: Services, school_day: date) -> None:
    period = services.classroom.overview().periods[0]
    first = services.practice.class_sheets(period.id, school_day)[0]
    student = first.student
    assert first.hand_focus == () and first.version == 0
    services.practice.set_focus(period.id, school_day, student, ["7.G.B.5", "7.G.B.5", "6.NS.B.4"])
    assert services.practice.regenerate(period.id, school_day, student) == 1
    again = _sheet_of(services, period.id, student, school_day)
    assert again.hand_focus == ("7.G.B.5", "6.NS.B.4")
    assert again.version == again.sheet.version == 1
    focus = {i.problem.skill_code for i in again.sheet.items if i.role is Role.FOCUS}
    assert focus == {"7.G.B.5", "6.NS.B.4"}
    assert again.sheet.problems != first.sheet.problems
    # Another day is untouched; an empty focus goes back to the student's gaps.
    assert _sheet_of(services, period.id, student, school_day + timedelta(days=1)).version == 0
    services.practice.set_focus(period.id, school_day, student, [])
    back = _sheet_of(services, period.id, student, school_day)
    assert back.hand_focus == () and back.version == 1
    assert [i.problem.skill_code for i in back.sheet.items] == [
        i.problem.skill_code for i in first.sheet.items
    ]
    with pytest.raises(ValidationError):
        services.practice.set_focus(period.id, school_day, student, ["7.XX.Z.9"])


def test_sheet_size_is_a_setting_within_bounds(services: Services, school_day: date) -> None:
    assert services.practice.size() == 8
    services.practice.set_size(5)
    period = services.classroom.overview().periods[0]
    assert all(
        len(p.sheet.items) == 5 for p in services.practice.class_sheets(period.id, school_day)
    )
    for bad in (0, 41):
        with pytest.raises(ValidationError):
            services.practice.set_size(bad)
    assert services.practice.size() == 5


def test_the_demo_packet_has_one_sheet_per_present_student(
    services: Services, school_day: date
) -> None:
    packet = services.packet.packet(school_day)
    periods = services.classroom.overview().periods
    assert len(packet.periods) == len(periods)
    for part, period in zip(packet.periods, periods, strict=True):
        assert len(part.practice) == period.student_count
        assert len({sheet.name for sheet in part.practice}) == len(part.practice)
    assert sum(len(part.practice) for part in packet.periods) == 65
    first = periods[0]
    away = services.classroom.roster(first.id)[0]
    services.attendance.set_status(first.id, away.student.id, school_day, AttendanceStatus.ABSENT)
    fewer = services.packet.packet(school_day)
    assert sum(len(part.practice) for part in fewer.periods) == 64
    assert away.display_name not in [sheet.name for sheet in fewer.periods[0].practice]


def test_marks_become_evidence_and_unknown_codes_are_refused(
    services: Services, school_day: date
) -> None:
    period = services.classroom.overview().periods[0]
    student = services.classroom.roster(period.id)[0].student.id
    skills = {skill.code: skill.id for skill in services.evidence.skills()}
    before = len(services.evidence.history(student, skills["7.G.B.5"]))
    ids = services.practice.record_marks(student, school_day, {"7.G.B.5": Level.GOT_IT})
    history = services.evidence.history(student, skills["7.G.B.5"])
    assert len(ids) == 1 and len(history) == before + 1
    assert any(e.level is Level.GOT_IT and e.observed_on == school_day for e in history)
    services.evidence.remove(ids)
    assert len(services.evidence.history(student, skills["7.G.B.5"])) == before
    with pytest.raises(ValidationError):
        services.practice.record_marks(student, school_day, {"7.XX.Z.9": Level.NOT_YET})
    assert len(services.evidence.history(student, skills["7.G.B.5"])) == before


def _sheet_of(
    services: Services, period: PeriodId, student: StudentId, day: date
) -> StudentPractice:
    return next(p for p in services.practice.class_sheets(period, day) if p.student == student)
