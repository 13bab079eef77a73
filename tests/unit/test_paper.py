"""Sheets of paper and the runs that may print two-sided."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.paper import PageRun, merge_runs, sheets_of_paper


def _runs(sizes_and_sides: list[tuple[int, bool]]) -> list[PageRun]:
    runs, page = [], 1
    for size, two in sizes_and_sides:
        runs.append(PageRun(page, page + size - 1, two))
        page += size
    return runs


def test_two_sided_runs_take_half_the_sheets_rounded_up() -> None:
    runs = _runs([(1, True), (3, True), (4, False), (5, True)])
    assert sheets_of_paper(runs, two_sided=False) == 13
    assert sheets_of_paper(runs, two_sided=True) == 1 + 2 + 4 + 3


def test_one_sided_neighbours_merge_and_two_sided_ones_stay_apart() -> None:
    runs = _runs([(2, True), (3, False), (4, False), (1, True), (2, True)])
    assert merge_runs(runs) == (
        PageRun(1, 2, True),
        PageRun(3, 9, False),
        PageRun(10, 10, True),
        PageRun(11, 12, True),
    )


@given(st.lists(st.tuples(st.integers(1, 9), st.booleans()), max_size=12), st.booleans())
def test_merging_keeps_every_page_and_the_sheet_count(
    parts: list[tuple[int, bool]], two_sided: bool
) -> None:
    runs = _runs(parts)
    merged = merge_runs(runs)
    assert sum(r.pages for r in merged) == sum(r.pages for r in runs)
    assert sheets_of_paper(merged, two_sided) == sheets_of_paper(runs, two_sided)
    assert all(a.last + 1 == b.first for a, b in itertools.pairwise(merged))
