"""Fresh mix: recent partners are avoided, recent ones more than old ones."""

from __future__ import annotations

import pytest

from mathroom.domain.grouping import (
    GroupingRequest,
    PairHistory,
    PastRound,
    recency_weight,
)
from mathroom.domain.ids import StudentId
from tests.unit.grouping.helpers import assert_valid, ids, klass, solve, together


def test_recency_weight_favours_the_latest_and_forgets_the_distant_past() -> None:
    assert recency_weight(1) == 3.0
    assert recency_weight(2) == pytest.approx(2**-0.1 + 1.0)
    assert recency_weight(11) == pytest.approx(0.5 + 2 * 0.5**10)
    assert recency_weight(21) == pytest.approx(0.25, abs=1e-5)
    weights = [recency_weight(age) for age in range(1, 130)]
    assert weights == sorted(weights, reverse=True)
    assert recency_weight(1000) == 0.0


def test_pair_history_counts_and_weighs_meetings() -> None:
    history = PairHistory.from_rounds(
        [PastRound(1, (ids(1, 2, 3),)), PastRound(11, (ids(2, 1), ids(3, 4)))]
    )
    assert history.count(StudentId(2), StudentId(1)) == 2
    assert history.weight(StudentId(1), StudentId(2)) == pytest.approx(
        recency_weight(1) + recency_weight(11)
    )
    assert history.count(StudentId(3), StudentId(4)) == 1
    assert history.count(StudentId(1), StudentId(4)) == 0


@pytest.mark.parametrize("seed", range(5))
def test_yesterdays_partners_are_not_paired_again(seed: int) -> None:
    yesterday = PastRound(1, (ids(1, 2), ids(3, 4), ids(5, 6)))
    request = GroupingRequest(klass(6), 2, history=(yesterday,), seed=seed)
    result = solve(request)
    assert_valid(request, result)
    assert not any(together(result, a, b) for a, b in ((1, 2), (3, 4), (5, 6)))
    assert result.repeats.against_history == 0


@pytest.mark.parametrize("seed", range(5))
def test_when_a_repeat_is_forced_the_older_partner_is_chosen(seed: int) -> None:
    # Student 1 may not work with 4, so must meet 2 (yesterday) or 3 (ten rounds ago).
    history = (PastRound(1, (ids(1, 2), ids(3, 4))), PastRound(10, (ids(1, 3), ids(2, 4))))
    request = GroupingRequest(
        klass(4), 2, keep_apart=((StudentId(1), StudentId(4)),), history=history, seed=seed
    )
    result = solve(request)
    assert together(result, 1, 3) and together(result, 2, 4)
    assert result.repeats.against_history == 2
    assert result.repeats.worst_pair_overall == 2


@pytest.mark.parametrize("seed", range(3))
def test_repeats_fall_as_history_grows(seed: int) -> None:
    """Planning day by day with each day fed back as history, 15 students in threes meet
    only new partners for four days (Kirkman's seven need planning ahead)."""
    students = klass(15)
    history: list[PastRound] = []
    for _ in range(4):
        request = GroupingRequest(students, 3, history=tuple(history), seed=seed)
        result = solve(request)
        assert result.repeats.against_history == 0
        today = tuple(g.members for g in result.rounds[0].groups)
        history = [PastRound(p.rounds_ago + 1, p.groups) for p in history]
        history.append(PastRound(1, today))
    met = PairHistory.from_rounds(history)
    assert len(met.counts) == 4 * 5 * 3
    assert max(met.counts.values()) == 1


def test_without_history_every_pair_is_new() -> None:
    request = GroupingRequest(klass(10), 3, seed=4)
    result = solve(request)
    assert result.repeats.total == 0
    assert all(r.new_pairs == len(r.pairs) for r in result.rounds[0].reasons)
