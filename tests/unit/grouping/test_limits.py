"""Bounded work: sizes beyond the documented limits are refused before any work, in one
plain line naming the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mathroom.cli.grouping import run_grouping
from mathroom.domain.errors import ValidationError
from mathroom.domain.grouping import GroupingRequest, PastRound, StopReason, form_groups
from mathroom.domain.grouping.request import (
    MAX_HISTORY_ROUNDS,
    MAX_ROUNDS,
    MAX_RULES,
    MAX_SEED,
    MAX_STUDENTS,
)
from mathroom.services.grouping_json import MAX_REQUEST_CHARS, solve_json
from tests.unit.grouping.helpers import assert_valid, klass

pytestmark = pytest.mark.any_date


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"students": klass(MAX_STUDENTS + 1)}, "students"),
        ({"rounds": MAX_ROUNDS + 1}, "rounds"),
        ({"rounds": 0}, "rounds"),
        ({"history": (PastRound(1, ()),) * (MAX_HISTORY_ROUNDS + 1)}, "history"),
        ({"seed": MAX_SEED + 1}, "seed"),
        ({"seed": -MAX_SEED - 1}, "seed"),
        ({"time_limit_s": 601.0}, "time_limit_s"),
        ({"keep_apart": ((klass(2)[0], klass(2)[1]),) * (MAX_RULES + 1)}, "keep_apart"),
    ],
)
def test_the_engine_refuses_requests_beyond_the_limits(
    change: dict[str, object], field: str
) -> None:
    request: dict[str, object] = {"students": klass(8), "group_size": 2, **change}
    with pytest.raises(ValidationError) as caught:
        GroupingRequest(**request)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_the_largest_allowed_seed_is_fine() -> None:
    GroupingRequest(klass(4), 2, seed=MAX_SEED)


def _json(**request: object) -> str:
    return json.dumps({"students": ["a", "b", "c", "d"], "group_size": 2, **request})


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (_json(students=[str(i) for i in range(MAX_STUDENTS + 1)]), "students"),
        (_json(rounds=MAX_ROUNDS + 1), "rounds"),
        (_json(history=[[]] * (MAX_HISTORY_ROUNDS + 1)), "history"),
        (_json(seed=MAX_SEED + 1), "seed"),
        (_json(keep_apart=[["a", "b"]] * (MAX_RULES + 1)), "keep_apart"),
        ('{"students": ["a", "b"], "group_size": 2, "seed": ' + "9" * 5000 + "}", "json"),
        (" " * (MAX_REQUEST_CHARS + 1), "json"),
    ],
)
def test_the_json_interface_refuses_before_reading_further(text: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        solve_json(text)
    assert caught.value.field == field


def test_a_five_thousand_digit_seed_is_one_plain_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = tmp_path / "groups.json"
    request.write_text('{"students": ["a", "b"], "group_size": 2, "seed": ' + "7" * 5000 + "}")
    assert run_grouping(str(request)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
    assert "json: a number in the request is far too long" in captured.err


def test_an_oversized_file_is_refused_without_reading_it_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = tmp_path / "groups.json"
    request.write_text(" " * (MAX_REQUEST_CHARS + 10))
    assert run_grouping(str(request)) == 1
    assert "longer than" in capsys.readouterr().err


def test_the_largest_request_stops_on_its_clock() -> None:
    """The budget is checked while the first plan is built, so a slow machine stops on time."""
    request = GroupingRequest(klass(MAX_STUDENTS), 3, rounds=MAX_ROUNDS, time_limit_s=1.0)
    ticks = iter(range(10**9))
    # A clock that moves a tenth of a second per reading: the limit passes in the first build.
    result = form_groups(request, clock=lambda: next(ticks) / 10)
    assert result.stop_reason is StopReason.TIME_UP
    assert_valid(request, result)
