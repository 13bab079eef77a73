"""The JSON front door: a round trip, one named field per validation error, infeasibility."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.domain.grouping import InfeasibleError, Rule
from mathroom.services.grouping_json import solve_json

NAMES = ["ana", "ben", "chen", "dara", "eli", "fatima", "gus", "hana", "ivo", "june"]


def _solve(**request: Any) -> dict[str, Any]:
    answer = json.loads(solve_json(json.dumps(request)))
    assert isinstance(answer, dict)
    return answer


def test_round_trip_of_a_small_request() -> None:
    answer = _solve(
        students=NAMES,
        group_size=3,
        rounds=3,
        absent={"1": ["ben"]},
        keep_apart=[["ana", "ben"]],
        keep_together=[["chen", "dara"]],
        history=[[["ana", "eli", "gus"]], [["fatima", "hana", "ivo"]]],
        seed=7,
        time_limit_s=1,
    )
    assert set(answer) == {"rounds", "repeat_pairs"}
    assert len(answer["rounds"]) == 3
    for index, groups in enumerate(answer["rounds"]):
        placed = [s for g in groups for s in g]
        expected = [n for n in NAMES if not (index == 1 and n == "ben")]
        assert sorted(placed) == sorted(expected)
        assert all(len(g) in (3, 4) for g in groups)
        for group in groups:
            assert group == sorted(group, key=NAMES.index)
            assert not {"ana", "ben"} <= set(group)
        assert any({"chen", "dara"} <= set(g) for g in groups)
    # chen & dara meet in all three rounds: two repeat meetings, all others fresh here.
    meetings: dict[frozenset[str], int] = {}
    for groups in answer["rounds"]:
        for group in groups:
            for pair in itertools.combinations(group, 2):
                meetings[frozenset(pair)] = meetings.get(frozenset(pair), 0) + 1
    history_pairs = {
        frozenset(p)
        for g in (["ana", "eli", "gus"], ["fatima", "hana", "ivo"])
        for p in itertools.combinations(g, 2)
    }
    expected_repeats = sum(c - 1 for c in meetings.values()) + sum(
        1 for pair in meetings if pair in history_pairs
    )
    assert answer["repeat_pairs"] == expected_repeats
    assert meetings[frozenset({"chen", "dara"})] == 3


def test_defaults_and_same_seed_same_answer() -> None:
    text = json.dumps({"students": NAMES[:6], "group_size": 2})
    first = solve_json(text)
    assert solve_json(text) == first
    answer = json.loads(first)
    assert len(answer["rounds"]) == 1
    assert answer["repeat_pairs"] == 0


def test_history_is_oldest_first() -> None:
    # Four students in pairs, ana may not work with dara: she meets ben or chen again.
    # She met chen long ago and ben last time, so chen it is.
    answer = _solve(
        students=["ana", "ben", "chen", "dara"],
        group_size=2,
        keep_apart=[["ana", "dara"]],
        history=[[["ana", "chen"], ["ben", "dara"]]]
        + [[]] * 8
        + [[["ana", "ben"], ["chen", "dara"]]],
    )
    assert sorted(map(sorted, answer["rounds"][0])) == [["ana", "chen"], ["ben", "dara"]]
    assert answer["repeat_pairs"] == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"students": "ana"}, "students"),
        ({"students": ["ana", "ana"]}, "students[1]"),
        ({"students": ["ana", 3]}, "students[1]"),
        ({"group_size": 1}, "group_size"),
        ({"group_size": 7}, "group_size"),
        ({"group_size": "3"}, "group_size"),
        ({"group_size": True}, "group_size"),
        ({"remainder": "bigger"}, "remainder"),
        ({"rounds": 0}, "rounds"),
        ({"rounds": 2.5}, "rounds"),
        ({"absent": ["ana"]}, "absent"),
        ({"absent": {"x": ["ana"]}}, 'absent["x"]'),
        ({"absent": {"2": ["ana"]}}, 'absent["2"]'),
        ({"absent": {"0": ["zed"]}}, 'absent["0"][0]'),
        ({"keep_apart": [["ana", "ben"], ["ben", "chen"], ["ana", "zed"]]}, "keep_apart[2]"),
        ({"keep_apart": [["ana", "ana"]]}, "keep_apart[0]"),
        ({"keep_apart": [["ana"]]}, "keep_apart[0]"),
        ({"keep_together": [["ana", "ben"], "chen"]}, "keep_together[1]"),
        ({"history": [[["ana", "zed"]]]}, "history[0][0][1]"),
        ({"history": [[["ana"], ["ben"]], [["ana", "ben"], ["ana"]]]}, "history[1]"),
        ({"history": [["ana"]]}, "history[0][0]"),
        ({"seed": "1"}, "seed"),
        ({"time_limit_s": 0}, "time_limit_s"),
        ({"time_limit_s": "2"}, "time_limit_s"),
        ({"mode": "fresh_mix"}, "mode"),
    ],
)
def test_validation_errors_name_the_field(change: dict[str, Any], field: str) -> None:
    request: dict[str, Any] = {"students": NAMES[:4], "group_size": 2, "rounds": 2}
    request.update(change)
    with pytest.raises(ValidationError) as caught:
        solve_json(json.dumps(request))
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("{", "json"),
        ("[1, 2]", "json"),
        ('{"group_size": 2}', "students"),
        ('{"students": ["a", "b"]}', "group_size"),
    ],
)
def test_malformed_requests_are_refused(text: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        solve_json(text)
    assert caught.value.field == field


def test_impossible_keep_apart_is_reported_with_the_callers_ids() -> None:
    request = {
        "students": ["ana", "ben", "chen", "dara"],
        "group_size": 2,
        "keep_apart": [["ana", "ben"], ["ana", "chen"], ["ana", "dara"]],
    }
    with pytest.raises(InfeasibleError) as caught:
        solve_json(json.dumps(request))
    assert caught.value.rule is Rule.KEEP_APART
    message = str(caught.value)
    assert "ana & ben, ana & chen, ana & dara" in message
    assert "round 1" in message
