"""Pages and sheets of paper: which runs of a PDF's pages may print on both sides.

A packet mixes pages the teacher reads (run sheet, answer key: fine on both sides of a
sheet) with pages that are cut or posted (cards, tickets, half-sheet practice: one side
only, or a student's slip would carry someone else's on its back). Each run starts on a
fresh sheet, so a section never shares paper with the one before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageRun:
    """Pages ``first``–``last`` (1-based, inclusive) of one document, printed together."""

    first: int
    last: int
    two_sided: bool  # may print on both sides when the teacher asks for two-sided

    @property
    def pages(self) -> int:
        return self.last - self.first + 1

    def sheets(self, two_sided: bool) -> int:
        """Sheets of paper this run takes; two to a sheet only where it may."""
        if two_sided and self.two_sided:
            return (self.pages + 1) // 2
        return self.pages


def sheets_of_paper(runs: Sequence[PageRun], two_sided: bool) -> int:
    """Sheets the whole document takes, each run starting on a fresh sheet."""
    return sum(run.sheets(two_sided) for run in runs)


def merge_runs(runs: Sequence[PageRun]) -> tuple[PageRun, ...]:
    """Adjacent one-sided runs joined (they never share a sheet anyway); two-sided runs are
    kept apart, so each still starts on a fresh sheet."""
    merged: list[PageRun] = []
    for run in runs:
        last = merged[-1] if merged else None
        joins = last is not None and not (run.two_sided or last.two_sided)
        if last is not None and joins and last.last + 1 == run.first:
            merged[-1] = PageRun(last.first, run.last, False)
        else:
            merged.append(run)
    return tuple(merged)
