"""Small-group suggestions: students who share a gap, pulled at most once a day."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.gap_map import GapMap
from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.pulls import neediest_skills, suggest_pulls
from mathroom.domain.roster import Student
from mathroom.domain.skills import Level, Skill

ADD = Skill(SkillId(1), "7.NS.A.1b", "7.NS.A.1b", "Add integers", "", "NS", 7)
SUB = Skill(SkillId(2), "7.NS.A.1c", "7.NS.A.1c", "Subtract integers", "", "NS", 7)
N, G, S, E = Level.NOT_YET, Level.GETTING_THERE, Level.GOT_IT, Level.EXTENDING


def gap(levels: dict[int, tuple[Level | None, Level | None]]) -> GapMap:
    students = tuple(Student(StudentId(i), f"S{i}", "X", None, None) for i in levels)
    table: dict[tuple[StudentId, SkillId], Level] = {}
    for sid, (add, sub) in levels.items():
        if add:
            table[(StudentId(sid), ADD.id)] = add
        if sub:
            table[(StudentId(sid), SUB.id)] = sub
    return GapMap(students, (ADD, SUB), table, {})


def test_students_sharing_a_gap_are_grouped_with_a_reason() -> None:
    g = gap({1: (N, S), 2: (N, S), 3: (N, G), 4: (N, S), 5: (S, N), 6: (E, E)})
    present = {StudentId(i) for i in range(1, 7)}
    pulls = suggest_pulls(g, [ADD.id, SUB.id], present, group_size=4, pulls=2)
    assert [p.students for p in pulls] == [(1, 2, 3, 4), (5,)]
    assert pulls[0].reason == "all 4 are Not yet on 7.NS.A.1b — Add integers"
    assert pulls[1].skill is SUB


def test_absent_and_already_pulled_students_are_left_out() -> None:
    g = gap({1: (N, None), 2: (N, None), 3: (G, None)})
    pulls = suggest_pulls(
        g, [ADD.id], {StudentId(1), StudentId(3)}, 4, 3, already_pulled={StudentId(3)}
    )
    assert [p.students for p in pulls] == [(1,)]


def test_not_yet_before_getting_there_and_a_mixed_reason() -> None:
    g = gap({1: (G, None), 2: (N, None), 3: (G, None)})
    pulls = suggest_pulls(g, [ADD.id], {StudentId(i) for i in (1, 2, 3)}, 2, 1)
    assert pulls[0].students == (2, 1)
    assert pulls[0].reason.startswith("1 Not yet and 1 Getting there")


def test_neediest_skills_first() -> None:
    g = gap({1: (N, G), 2: (G, G), 3: (S, N), 4: (N, G)})
    needs = neediest_skills(g, {StudentId(i) for i in (1, 2, 3, 4)})
    assert [(n.skill.code, n.not_yet, n.getting_there) for n in needs] == [
        ("7.NS.A.1b", 2, 1),
        ("7.NS.A.1c", 1, 3),
    ]


levels = st.sampled_from([N, G, S, E, None])


@given(
    st.dictionaries(st.integers(1, 30), st.tuples(levels, levels), max_size=30),
    st.integers(1, 6),
    st.integers(0, 8),
    st.sets(st.integers(1, 30)),
)
def test_sizes_pull_limit_and_one_pull_per_student(
    table: dict[int, tuple[Level | None, Level | None]], size: int, count: int, absent: set[int]
) -> None:
    g = gap(table)
    present = {StudentId(i) for i in table if i not in absent}
    pulls = suggest_pulls(g, [ADD.id, SUB.id], present, size, count)
    assert len(pulls) <= count
    pulled = [s for p in pulls for s in p.students]
    assert len(pulled) == len(set(pulled))
    for pull in pulls:
        assert 1 <= len(pull.students) <= size
        for student in pull.students:
            assert student in present
            assert g.level(student, pull.skill.id) in (N, G)
