"""Roster and score imports match a file's name to a student with the one shared name key."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mathroom.domain.ids import PeriodId, SkillId, StudentId
from mathroom.domain.import_problems import ProblemKind
from mathroom.domain.roster import Period, Student
from mathroom.domain.roster_import import (
    ChangeKind,
    CurrentStudent,
    ImportDecisions,
    ParsedRoster,
    RosterRow,
    RosterSnapshot,
)
from mathroom.domain.score_import import ParsedScores, ScoreChoices, ScoreRow, ScoreSnapshot
from mathroom.domain.scores import CutPoints
from mathroom.domain.skills import Skill
from mathroom.importers.roster_plan import plan_import
from mathroom.importers.score_plan import plan_scores

PERIOD = Period(PeriodId(1), "Period 1", "Math 7", "", (), None, None)
SKILL = Skill(SkillId(1), "7.NS.A.1b", "7.NS.A.1b", "Adding integers", "", "NS", 7)
DAY = date(2026, 11, 20)
AMARA = Student(StudentId(1), "Amara", "Okafor", "Amy", "0700123")
JOSE = Student(StudentId(2), "José", "Martínez", None, "0700124")
JEAN_LUC = Student(StudentId(3), "Jean-Luc", "Baptiste", None, None)
WEI = Student(StudentId(4), "Wei", "Chen", None, "0700125")
TOLU = Student(StudentId(5), "Tolu", "Adeyemi", None, None)  # the teacher typed what she goes by
CLASS = (AMARA, JOSE, JEAN_LUC, WEI, TOLU)

# (student, given and family as a roster file's columns give them, the name a score file writes)
MATCHES = [
    pytest.param(AMARA, "Amara", "Okafor", "Okafor, Amara", id="as-written"),
    pytest.param(AMARA, "AMARA", "okafor", "amara OKAFOR", id="case"),
    pytest.param(JOSE, "Jose", "Martinez", "Jose Martinez", id="accents"),
    pytest.param(JOSE, " José ", "  Martínez", "Martínez ,  José", id="spaces"),
    pytest.param(JEAN_LUC, "Jean Luc", "Baptiste", "Baptiste, Jean Luc", id="punctuation"),
    pytest.param(AMARA, "Amy", "Okafor", "Amy Okafor", id="preferred-name"),
    pytest.param(AMARA, "Okafor", "Amara", "Okafor Amara", id="family-name-first"),
    pytest.param(WEI, "Wei", "Chen", "Chen, Wei (Vivian)", id="nickname-in-brackets"),
]


def roster_student(given: str, family: str, preferred: str | None = None) -> StudentId | None:
    """The student one roster row without a number is matched to (None: a new student)."""
    row = RosterRow(2, None, given, family, preferred, 7, "Period 1", None)
    parsed = ParsedRoster("roster.csv", (row,), (), None, (), ("Period 1",))
    students = tuple(CurrentStudent(s, frozenset({PERIOD.id})) for s in CLASS)
    plan = plan_import(parsed, RosterSnapshot((PERIOD,), students), ImportDecisions())
    (planned,) = plan.planned
    return planned.student_id


def score_plan(name: str, number: str | None = None) -> tuple[StudentId | None, str]:
    """The student one score row is matched to, and the reason when it is not."""
    row = ScoreRow(2, number, name, SKILL.code, Decimal(80), None, DAY, "80")
    parsed = ParsedScores("quiz.csv", (row,), (), ())
    snapshot = ScoreSnapshot(
        tuple((s, frozenset({PERIOD.id})) for s in CLASS), (SKILL,), frozenset(), DAY
    )
    plan = plan_scores(parsed, snapshot, ScoreChoices(PERIOD.id, DAY, CutPoints()))
    if plan.matched:
        return plan.matched[0].student.id, ""
    return None, plan.unmatched_students[0].reason


@pytest.mark.parametrize(("student", "given", "family", "written"), MATCHES)
def test_both_imports_find_the_same_student(
    student: Student, given: str, family: str, written: str
) -> None:
    assert roster_student(given, family) == student.id
    assert score_plan(written)[0] == student.id


def test_a_nickname_the_teacher_typed_is_found_in_both() -> None:
    assert roster_student("Toluwani", "Adeyemi", "Tolu") == TOLU.id
    assert score_plan("Adeyemi, Toluwani (Tolu)")[0] == TOLU.id


def test_a_name_that_is_nobodys_matches_no_one_in_either_import() -> None:
    assert roster_student("Amara", "Chen") is None  # a new student
    assert score_plan("Chen, Amara") == (None, "no student called Chen, Amara in this period")


@pytest.mark.parametrize(
    ("given", "family", "agrees", "kind"),
    [
        # preferred name, and a family name that grew
        ("Amy", "Okafor-Reyes", True, ChangeKind.UPDATED),
        ("amara", "OKAFOR", True, ChangeKind.UNCHANGED),  # Mathroom's spelling is kept
        ("Someone", "Nobody", False, None),
    ],
)
def test_a_number_and_a_name_agree_the_same_way_in_both(
    given: str, family: str, agrees: bool, kind: ChangeKind | None
) -> None:
    row = RosterRow(2, AMARA.student_number, given, family, None, 7, "Period 1", None)
    parsed = ParsedRoster("roster.csv", (row,), (), None, (), ("Period 1",))
    students = tuple(CurrentStudent(s, frozenset({PERIOD.id})) for s in CLASS)
    plan = plan_import(parsed, RosterSnapshot((PERIOD,), students), ImportDecisions())
    roster_agrees = not plan.conflicts
    if roster_agrees:
        assert plan.planned[0].kind is kind
    else:
        assert [(c.kind, c.code) for c in plan.conflicts] == [
            (ProblemKind.CONFLICT, "number_belongs_to_other")
        ]
    score_student, _reason = score_plan(f"{family}, {given}", AMARA.student_number)
    assert roster_agrees is agrees
    assert (score_student == AMARA.id) is agrees
