"""Hard rules: kept in every round, explained in the reasons, and named when impossible."""

from __future__ import annotations

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.domain.grouping import (
    BuddyRule,
    FixedStation,
    GroupingRequest,
    InfeasibleError,
    Rule,
)
from mathroom.domain.ids import StudentId
from tests.unit.grouping.helpers import assert_valid, ids, klass, round_is_possible, solve

S = StudentId


def test_rules_shape_the_groups_and_say_so() -> None:
    request = GroupingRequest(
        klass(12),
        3,
        rounds=4,
        keep_apart=((S(1), S(2)), (S(3), S(4))),
        keep_together=((S(5), S(6)),),
        fixed_stations=(FixedStation(S(7), 3),),
        buddies=(BuddyRule(S(8), frozenset({S(9), S(10)})),),
        seed=3,
    )
    result = solve(request)
    assert_valid(request, result)
    for planned in result.rounds:
        station_3 = planned.groups[2].members
        assert S(7) in station_3
        notes = {note.describe() for reason in planned.reasons for note in reason.shaped_by}
        assert "kept together: 5 & 6" in notes
        assert "fixed to station 3: 7" in notes
        assert any(note.startswith("buddy: 8 with ") for note in notes)
        reason_3 = planned.reasons[2]
        assert reason_3.number == 3
        assert "fixed to station 3: 7" in reason_3.describe()


def test_reasons_count_earlier_meetings_in_the_plan() -> None:
    request = GroupingRequest(klass(4), 2, rounds=4, seed=1)
    result = solve(request)
    # Four students in pairs have three distinct pairings; the fourth round repeats one.
    assert result.repeats.within_plan == 2
    assert result.repeats.worst_pair_count == 2
    last = result.rounds[3].reasons
    assert sorted(p.earlier_in_plan for reason in last for p in reason.pairs) == [1, 1]
    assert all("met 1× before" in reason.describe() for reason in last)


@pytest.mark.parametrize(
    ("request_", "rule", "students"),
    [
        pytest.param(
            GroupingRequest(klass(4), 2, keep_apart=((S(1), S(2)), (S(1), S(3)), (S(1), S(4)))),
            Rule.KEEP_APART,
            ids(1, 2, 3, 4),
            id="keep-apart makes the pair size impossible",
        ),
        pytest.param(
            GroupingRequest(
                klass(9),
                3,
                keep_apart=tuple((S(a), S(b)) for a in range(1, 5) for b in range(a + 1, 5)),
            ),
            Rule.KEEP_APART,
            ids(1, 2, 3, 4),
            id="four students mutually apart but three groups",
        ),
        pytest.param(
            GroupingRequest(klass(6), 2, fixed_stations=(FixedStation(S(2), 4),)),
            Rule.FIXED_STATION,
            ids(2),
            id="station beyond the group count",
        ),
        pytest.param(
            GroupingRequest(
                klass(6), 2, keep_together=((S(1), S(2)), (S(2), S(3))), keep_apart=((S(1), S(3)),)
            ),
            Rule.KEEP_TOGETHER,
            ids(1, 3, 2),
            id="keep-together chain against keep-apart",
        ),
        pytest.param(
            GroupingRequest(klass(6), 2, keep_together=((S(1), S(2)), (S(2), S(3)))),
            Rule.KEEP_TOGETHER,
            ids(1, 2, 3),
            id="keep-together chain larger than a group",
        ),
        pytest.param(
            GroupingRequest(
                klass(6),
                3,
                buddies=(BuddyRule(S(1), frozenset({S(2), S(3)})),),
                absent=(frozenset({S(2), S(3)}),),
            ),
            Rule.BUDDY,
            ids(1, 2, 3),
            id="every buddy absent",
        ),
        pytest.param(
            GroupingRequest(
                klass(6),
                3,
                buddies=(BuddyRule(S(1), frozenset({S(2)})),),
                keep_apart=((S(1), S(2)),),
            ),
            Rule.BUDDY,
            ids(1, 2),
            id="buddy kept apart",
        ),
        pytest.param(
            GroupingRequest(
                klass(6),
                2,
                fixed_stations=(
                    FixedStation(S(1), 1),
                    FixedStation(S(2), 1),
                    FixedStation(S(3), 1),
                ),
            ),
            Rule.FIXED_STATION,
            ids(1, 2, 3),
            id="three fixed to a station of two",
        ),
        pytest.param(
            GroupingRequest(
                klass(6),
                2,
                fixed_stations=(FixedStation(S(1), 1), FixedStation(S(2), 1)),
                keep_apart=((S(1), S(2)),),
            ),
            Rule.KEEP_APART,
            ids(1, 2),
            id="kept apart but fixed to one station",
        ),
    ],
)
def test_impossible_rules_are_named(
    request_: GroupingRequest, rule: Rule, students: tuple[StudentId, ...]
) -> None:
    with pytest.raises(InfeasibleError) as caught:
        solve(request_)
    error = caught.value
    assert error.rule is rule
    assert error.students == students
    assert error.round_index == 0
    assert not round_is_possible(request_, 0)
    named = error.describe(lambda s: f"<{s}>")
    assert all(f"<{s}>" in named for s in students)


def test_infeasibility_names_the_round_where_absences_make_it_impossible() -> None:
    # Buddy 2 is away in round 2 (index 1) only.
    request = GroupingRequest(
        klass(6),
        2,
        rounds=3,
        absent=(frozenset(), frozenset({S(2)})),
        buddies=(BuddyRule(S(1), frozenset({S(2)})),),
    )
    with pytest.raises(InfeasibleError) as caught:
        solve(request)
    assert caught.value.rule is Rule.BUDDY
    assert caught.value.round_index == 1
    assert "round 2" in str(caught.value)


def test_absent_students_drop_out_of_rules() -> None:
    request = GroupingRequest(
        klass(7),
        2,
        rounds=2,
        absent=(frozenset({S(2)}),),
        keep_together=((S(1), S(2)),),
        fixed_stations=(FixedStation(S(2), 3),),
    )
    result = solve(request)
    assert_valid(request, result)
    assert S(2) not in {s for g in result.rounds[0].groups for s in g.members}
    assert result.rounds[0].absent == ids(2)
    assert S(2) in result.rounds[1].groups[2].members


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"group_size": 1}, "group_size"),
        ({"group_size": 7}, "group_size"),
        ({"rounds": 0}, "rounds"),
        ({"keep_apart": ((S(1), S(99)),)}, "keep_apart[0]"),
        ({"keep_together": ((S(1), S(2)), (S(3), S(3)))}, "keep_together[1]"),
        ({"fixed_stations": (FixedStation(S(1), 0),)}, "fixed_stations[0]"),
        ({"buddies": (BuddyRule(S(1), frozenset()),)}, "buddies[0]"),
        ({"absent": (frozenset(), frozenset({S(42)}))}, "absent[1]"),
        ({"time_limit_s": 0.0}, "time_limit_s"),
    ],
)
def test_bad_requests_name_the_field(kwargs: dict[str, object], field: str) -> None:
    arguments: dict[str, object] = {"students": klass(6), "group_size": 2, "rounds": 2}
    arguments.update(kwargs)
    with pytest.raises(ValidationError) as caught:
        GroupingRequest(**arguments)  # type: ignore[arg-type]  # deliberately loose for the table
    assert caught.value.field == field


def test_duplicate_students_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        GroupingRequest(ids(1, 2, 1), 2)
    assert caught.value.field == "students[2]"
