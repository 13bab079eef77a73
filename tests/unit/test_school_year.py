"""The New school year dialog's proposal: the school year that starts next."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.school_year import next_school_year, school_year_name

pytestmark = pytest.mark.any_date


@pytest.mark.parametrize(
    ("today", "name"),
    [
        (date(2027, 7, 15), "2027–2028"),  # July: the year about to start, not the one after
        (date(2027, 8, 23), "2027–2028"),
        (date(2027, 8, 24), "2028–2029"),  # it has started: the next one
        (date(2027, 12, 1), "2028–2029"),
        (date(2028, 3, 1), "2028–2029"),
        (date(2028, 6, 20), "2028–2029"),
    ],
)
def test_the_proposed_year_is_the_one_that_starts_next(today: date, name: str) -> None:
    starts, ends = next_school_year(today)
    assert school_year_name(starts) == name
    assert starts < ends


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_the_proposed_year_starts_after_today_and_within_a_year(today: date) -> None:
    starts, _ends = next_school_year(today)
    assert today < starts <= today + timedelta(days=366)
