"""Changes to the day's plan that other pages make (accepting a suggested pull)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from mathroom.domain.ids import PeriodId
from mathroom.domain.plan import BlockKind, PlanBlock
from mathroom.domain.pulls import PullSuggestion
from mathroom.store.repositories.plans import PlanRepository
from mathroom.store.unit_of_work import Store

PULL_MINUTES = 10


def pull_title(suggestion: PullSuggestion) -> str:
    return f"Pull: {suggestion.skill.name} ({suggestion.skill.code})"


class PlanService:
    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    def add_pull(self, period: PeriodId, on: date, suggestion: PullSuggestion) -> str:
        """Put a suggested small-group pull into the day's plan; returns the block's title.

        It runs inside the whiteboard-stations block (the teacher pulls a few students while
        the others keep working), so it adds no minutes to the period.
        """
        title = pull_title(suggestion)
        block = PlanBlock(
            BlockKind.SMALL_GROUP,
            PULL_MINUTES,
            title=title,
            skill_code=suggestion.skill.code,
            students=suggestion.students,
            concurrent=True,
        )
        with self._store.unit_of_work() as session:
            PlanRepository(session).append_block(
                period, on, block, self._now(), after=BlockKind.STATIONS.value
            )
        return title

    def remove_block(self, period: PeriodId, on: date, title: str) -> None:
        with self._store.unit_of_work() as session:
            PlanRepository(session).remove_block(period, on, title)

    def pulled_today(self, period: PeriodId, on: date) -> set[int]:
        """Students already in a pull today (at most one pull per student per day)."""
        with self._store.unit_of_work() as session:
            plans = PlanRepository(session).plans(period, on, on)
        return {int(s) for plan in plans for b in plan.blocks for s in b.students}
