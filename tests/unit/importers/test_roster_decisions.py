"""What a roster plan asks before it writes: whole-school files, over-full periods, section
names that are periods, and period names that are close to one of the teacher's."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.ids import PeriodId
from mathroom.domain.roster import Period
from mathroom.domain.roster_import import (
    ImportDecisions,
    ImportPlan,
    ParsedRoster,
    RosterRow,
    RosterSnapshot,
)
from mathroom.importers.roster_plan import (
    CLASS_LIMIT,
    choose_values,
    close_period,
    period_key,
    plan_import,
)

MINE = tuple(Period(PeriodId(n), f"Period {n}", "Math 7", "", (), None, None) for n in (1, 2, 3))


def plan(rows: list[RosterRow], decisions: ImportDecisions | None = None) -> ImportPlan:
    sections = tuple(dict.fromkeys(r.period for r in rows if r.period))
    parsed = ParsedRoster("school.csv", tuple(rows), (), None, (), sections)
    return plan_import(parsed, RosterSnapshot(MINE, ()), decisions or ImportDecisions())


def row(n: int, section: str, course: str | None = None, teacher: str | None = None) -> RosterRow:
    return RosterRow(
        n + 2, f"09{n:05d}", f"Given{n}", f"Family{n}", None, 7, section, course, teacher
    )


# -- section names that are periods ----------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    ["Period 2", "Math 7 - Period 2", "MATH 7 (P2)", "Per 2 Math 7", "2nd period", "Pd. 02", "2"],
)
def test_section_names_that_are_period_2(name: str) -> None:
    assert period_key(name) == period_key("Period 2") == "#2"


@pytest.mark.parametrize(
    "name", ["Section 1", "Math 7", "Math 7 - Section 2", "Room 2", "AP 2", "P1/P2 combined"]
)
def test_names_that_are_not_a_period_number(name: str) -> None:
    assert not period_key(name).startswith("#")


_COURSES = st.sampled_from(["Math 7", "MATH 7", "Math 7 Honors", "Pre-Algebra", "Math"])
_WORDS = st.sampled_from(["Period", "PERIOD", "period", "Per", "Per.", "Pd", "P", "Hour", "Hr"])
_JOINS = st.sampled_from([" - ", " ", ", ", " / ", " : "])


@given(st.integers(1, 12), _WORDS, st.sampled_from(["", " ", "#", ". "]), _COURSES, _JOINS)
def test_any_period_word_and_number_with_a_course_is_that_period(
    number: int, word: str, gap: str, course: str, join: str
) -> None:
    written = f"{word}{gap}{number:02d}" if number < 10 and gap == "" else f"{word}{gap}{number}"
    key = f"#{number}"
    assert period_key(written) == key
    assert period_key(f"{course}{join}{written}") == key
    assert period_key(f"{written}{join}{course}") == key
    assert period_key(f"{course} ({written})") == key


@given(st.integers(1, 12), _COURSES, _JOINS)
def test_a_section_number_is_never_a_period(number: int, course: str, join: str) -> None:
    assert period_key(f"{course}{join}Section {number}") != f"#{number}"


def test_sections_named_with_the_course_go_to_the_teachers_periods() -> None:
    result = plan([row(n, f"Math 7 - Period {n % 3 + 1}") for n in range(9)])
    assert result.can_apply and result.new_periods == ()
    assert {t.name for p in result.planned for t in p.targets} == {m.name for m in MINE}


# -- whole-school files ----------------------------------------------------------------------
def school() -> list[RosterRow]:
    rows = [row(n, f"Period {n % 3 + 1}", "Math 7", "Rivera, Ana") for n in range(30)]
    rows += [row(n, f"Period {n % 3 + 1}", "Math 8", "Park, Min") for n in range(30, 60)]
    return rows


def test_several_teachers_and_courses_are_a_decision_and_take_nothing() -> None:
    result = plan(school())
    assert not result.can_apply and result.planned == () and result.filtered_out_rows == 60
    assert result.contents.whole_school == ("2 courses", "2 teachers")
    question = result.decisions_needed[0]
    assert "whole-school export" in question and "--teacher NAME" in question
    assert "Rivera, Ana (30 rows)" in question and "Math 8 (30 rows)" in question


@pytest.mark.parametrize(
    "decisions",
    [
        ImportDecisions(only_teachers=frozenset({"Rivera, Ana"})),
        ImportDecisions(only_courses=frozenset({"Math 7"})),
    ],
)
def test_choosing_a_teacher_or_a_course_takes_only_their_rows(decisions: ImportDecisions) -> None:
    result = plan(school(), decisions)
    assert result.can_apply and len(result.planned) == 30 and result.filtered_out_rows == 30
    assert {p.row.teacher for p in result.planned} == {"Rivera, Ana"}


def test_an_unknown_course_is_refused_naming_the_files_courses() -> None:
    result = plan(school(), ImportDecisions(only_courses=frozenset({"Math 9"})))
    assert not result.can_apply
    assert any(
        "no course named 'Math 9'" in q and "Math 7 (30 rows); Math 8 (30 rows)" in q
        for q in result.decisions_needed
    )


def test_more_students_than_a_class_holds_is_a_decision() -> None:
    rows = [row(n, "Period 2") for n in range(CLASS_LIMIT + 1)]
    result = plan(rows)
    assert not result.can_apply
    (question,) = result.decisions_needed
    assert question.startswith(f"Period 2 would have {CLASS_LIMIT + 1} students (lines 2, 3")
    assert plan(rows[:CLASS_LIMIT]).can_apply


def test_many_sections_none_of_them_mine_wait_for_a_choice() -> None:
    rows = [row(n, f"Section {n % 20}") for n in range(60)]
    assert plan(rows).contents.whole_school == ("20 sections",)
    chosen = plan(rows, ImportDecisions(only_sections=frozenset({"Section 3"})))
    assert chosen.can_apply and chosen.new_periods == ("Section 3",)


@pytest.mark.parametrize(
    ("text", "chosen", "unknown"),
    [
        ("Rivera, Ana", {"Rivera, Ana"}, []),
        ("rivera,  ana, Park, Min", {"Rivera, Ana", "Park, Min"}, []),
        ("Rivera, Ana, Nobody", {"Rivera, Ana"}, ["Nobody"]),
        ("Math 7,Math 8", set(), ["Math 7", "Math 8"]),
    ],
)
def test_choose_values_finds_names_that_hold_commas(
    text: str, chosen: set[str], unknown: list[str]
) -> None:
    found, missing = choose_values(text, {"Rivera, Ana", "Park, Min"})
    assert found == chosen and missing == unknown


# -- close, but not one of the teacher's periods ---------------------------------------------
@pytest.mark.parametrize(
    ("name", "close"),
    [("Perod 1", "Period 1"), ("Peroid 3", "Period 3"), ("Period 12", None), ("Section 1", None)],
)
def test_close_period(name: str, close: str | None) -> None:
    found = close_period(name, MINE)
    assert (found.name if found else None) == close


def test_a_typo_in_period_for_all_is_a_question_until_answered() -> None:
    rows = [RosterRow(2, None, "Ada", "Lovelace", None, 7, None, None)]
    asked = plan(rows, ImportDecisions(period_for_all="Perod 1"))
    assert not asked.can_apply
    (question,) = asked.decisions_needed
    assert "did you mean 'Period 1'?" in question and "--new-period 'Perod 1'" in question
    meant = plan(
        rows, ImportDecisions(period_for_all="Perod 1", period_answers=(("Perod 1", "Period 1"),))
    )
    assert meant.can_apply and meant.planned[0].targets[0].name == "Period 1"
    new = plan(rows, ImportDecisions(period_for_all="Perod 1", period_answers=(("Perod 1", None),)))
    assert new.can_apply and new.new_periods == ("Perod 1",)


def test_a_section_close_to_a_period_names_its_first_line() -> None:
    result = plan([row(0, "Perod 2"), row(1, "Perod 2")])
    (question,) = result.period_questions
    assert (question.suggestion, question.rows, question.first_line) == ("Period 2", 2, 2)
    assert "The section 'Perod 2' (2 rows have it, from line 2)" in result.decisions_needed[0]
