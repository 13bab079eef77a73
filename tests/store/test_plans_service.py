"""Accepting suggested pulls into today's plan, and taking them back."""

from __future__ import annotations

from mathroom.domain.ids import StudentId
from mathroom.domain.plan import BlockKind
from mathroom.services.classroom import ClassroomService
from mathroom.services.evidence import EvidenceService
from mathroom.services.plans import PlanService
from mathroom.store.unit_of_work import Store
from tests.conftest import DEMO_TODAY, FIXED_NOW


def test_two_pulls_join_today_without_overrunning_the_period(demo_store: Store) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    needs = EvidenceService(demo_store, lambda: FIXED_NOW).needs_today(
        period.id, DEMO_TODAY, [], group_size=4, pulls=2
    )
    assert len(needs.suggestions) == 2
    plans = PlanService(demo_store, lambda: FIXED_NOW)
    titles = [plans.add_pull(period.id, DEMO_TODAY, s) for s in needs.suggestions]
    plan = classroom.plans(period.id, DEMO_TODAY, DEMO_TODAY)[0]
    kinds = [b.kind for b in plan.blocks]
    assert kinds[1:4] == [BlockKind.STATIONS, BlockKind.SMALL_GROUP, BlockKind.SMALL_GROUP]
    assert plan.total_minutes == period.minutes  # pulls run during the stations
    pulled = {StudentId(s) for s in plans.pulled_today(period.id, DEMO_TODAY)}
    assert pulled == {s for x in needs.suggestions for s in x.students}
    again = EvidenceService(demo_store, lambda: FIXED_NOW).needs_today(
        period.id, DEMO_TODAY, [], 4, 2, already_pulled=list(pulled)
    )
    assert not pulled & {s for x in again.suggestions for s in x.students}
    plans.remove_block(period.id, DEMO_TODAY, titles[0])
    plan = classroom.plans(period.id, DEMO_TODAY, DEMO_TODAY)[0]
    assert [b.title for b in plan.blocks].count(titles[0]) == 0
