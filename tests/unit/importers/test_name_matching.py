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
    ImportPlan,
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


JOSE_MR = Student(StudentId(6), "José", "Martínez-Ruiz", None, None)
NGUYEN = Student(StudentId(7), "Minh Anh", "Nguyễn", None, "0700126")


def roster_plan_for(*rows: RosterRow, students: tuple[Student, ...] = CLASS) -> ImportPlan:
    parsed = ParsedRoster("roster.csv", rows, (), None, (), ("Period 1",))
    known = tuple(CurrentStudent(s, frozenset({PERIOD.id})) for s in students)
    return plan_import(parsed, RosterSnapshot((PERIOD,), known), ImportDecisions())


def test_a_name_without_its_accents_finds_the_student_and_keeps_the_stored_spelling() -> None:
    row = RosterRow(2, None, "Jose", "Martinez-Ruiz", None, 7, "Period 1", None)
    plan = roster_plan_for(row, students=(*CLASS, JOSE_MR))
    (planned,) = plan.planned
    assert planned.student_id == JOSE_MR.id and planned.kind is ChangeKind.UNCHANGED
    assert (planned.row.given_name, planned.row.family_name) == ("José", "Martínez-Ruiz")
    assert planned.changes == ()
    score = ScoreRow(2, None, "Martinez-Ruiz, Jose", SKILL.code, Decimal(80), None, DAY, "80")
    snapshot = ScoreSnapshot(
        tuple((s, frozenset({PERIOD.id})) for s in (*CLASS, JOSE_MR)), (SKILL,), frozenset(), DAY
    )
    scores = plan_scores(
        ParsedScores("quiz.csv", (score,), (), ()),
        snapshot,
        ScoreChoices(PERIOD.id, DAY, CutPoints()),
    )
    assert [m.student.id for m in scores.matched] == [JOSE_MR.id]


@pytest.mark.parametrize("number", ["0700126", None], ids=["by-number", "by-name"])
def test_a_damaged_name_is_a_conflict_that_keeps_the_stored_name(number: str | None) -> None:
    row = RosterRow(5, number, "Minh Anh", "Nguy?n", None, 7, "Period 1", None)
    plan = roster_plan_for(row, students=(*CLASS, NGUYEN))
    assert [(c.code, c.line) for c in plan.conflicts] == [("name_damaged", 5)]
    assert "line 5" in plan.conflicts[0].message and "'Nguy?n' for 'Nguyễn'" in (
        plan.conflicts[0].message
    )
    assert plan.planned == () and plan.leaving == ()  # the row still is Nguyễn: not leaving
    parsed = ParsedRoster("roster.csv", (row,), (), None, (), ("Period 1",))
    known = tuple(CurrentStudent(s, frozenset({PERIOD.id})) for s in (*CLASS, NGUYEN))
    accepted = plan_import(
        parsed,
        RosterSnapshot((PERIOD,), known),
        ImportDecisions(accept_lines=frozenset({5})),
    )
    (planned,) = accepted.planned
    assert planned.student_id == NGUYEN.id and planned.row.family_name == "Nguyễn"
    assert planned.kind is ChangeKind.UNCHANGED and accepted.can_apply
