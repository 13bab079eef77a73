"""Dates on the command line: real days are taken, impossible ones refused in plain words."""

from __future__ import annotations

import argparse
import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.cli.parser import iso_date


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_every_real_day_is_taken(day: date) -> None:
    assert iso_date(day.isoformat()) == day


@given(st.integers(2000, 2100), st.integers(1, 12), st.integers(29, 31))
def test_a_day_past_the_months_end_names_how_long_the_month_is(
    year: int, month: int, day: int
) -> None:
    length = calendar.monthrange(year, month)[1]
    text = f"{year}-{month:02d}-{day:02d}"
    if day <= length:
        assert iso_date(text) == date(year, month, day)
        return
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        iso_date(text)
    message = str(refused.value)
    assert f"{calendar.month_name[month]} {year} has {length} days" in message
    assert "fromisoformat" not in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2028-02-30", "February 2028 has 29 days"),
        ("2026-13-01", "there is no month 13"),
        ("30/02/2026", "write it as YYYY-MM-DD"),
        ("tomorrow", "write it as YYYY-MM-DD"),
    ],
)
def test_impossible_dates_are_refused_in_plain_words(text: str, words: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match=words):
        iso_date(text)
