"""Display names for shared surfaces: short, and never ambiguous within a period."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.ids import StudentId
from mathroom.domain.roster import Student, display_names


def student(n: int, given: str, family: str, preferred: str | None = None) -> Student:
    return Student(StudentId(n), given, family, preferred, f"07{n:05d}")


def test_first_name_and_family_initial() -> None:
    names = display_names([student(1, "Amara", "Okafor"), student(2, "José", "Martínez")])
    assert names == {1: "Amara O.", 2: "José M."}


def test_preferred_name_wins() -> None:
    assert display_names([student(1, "Alejandro", "Reyes", "Alex")]) == {1: "Alex R."}


def test_same_initial_gets_more_letters() -> None:
    names = display_names([student(1, "Daniel", "Reyes"), student(2, "Daniel", "Rojas")])
    assert names == {1: "Daniel Re.", 2: "Daniel Ro."}


def test_single_name_student() -> None:
    assert display_names([student(1, "Zaid", "")]) == {1: "Zaid"}


def test_identical_names_are_numbered() -> None:
    names = display_names([student(1, "Sam", "Lee"), student(2, "Sam", "Lee")])
    assert names == {1: "Sam Lee (1)", 2: "Sam Lee (2)"}


names_strategy = st.text(alphabet="AaBbDdÉé王美", min_size=0, max_size=5)


@given(st.lists(st.tuples(names_strategy.filter(bool), names_strategy), max_size=25))
def test_display_names_are_unique(people: list[tuple[str, str]]) -> None:
    students = [student(i, given, family) for i, (given, family) in enumerate(people)]
    names = display_names(students)
    assert set(names) == {s.id for s in students}
    assert len({n.casefold() for n in names.values()}) == len(students)
