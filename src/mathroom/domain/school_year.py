"""The US school year: its usual dates and its name."""

from __future__ import annotations

from datetime import date

# The year rolls over on 1 July: a June day belongs to the year that is ending.
ROLLOVER_MONTH = 7


def school_year_name(starts_on: date) -> str:
    return f"{starts_on.year}–{starts_on.year + 1}"


def default_year_dates(today: date) -> tuple[date, date]:
    """A US school year: late August to mid June, the one that contains ``today``."""
    first = today.year if today.month >= ROLLOVER_MONTH else today.year - 1
    return date(first, 8, 24), date(first + 1, 6, 15)


def next_school_year(today: date) -> tuple[date, date]:
    """The school year that starts next: this calendar year's when ``today`` is before its
    first day (opened in July, that is the year about to start), else next year's."""
    starts, ends = default_year_dates(date(today.year, ROLLOVER_MONTH, 1))
    if today < starts:
        return starts, ends
    return default_year_dates(date(today.year + 1, ROLLOVER_MONTH, 1))
