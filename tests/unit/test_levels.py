"""The level rules: most recent, and a decaying average that favours recent evidence."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.levels import HALF_LIFE_DAYS, LevelRule, current_level
from mathroom.domain.skills import Evidence, EvidenceSource, Level

TODAY = date(2026, 11, 23)


def ev(level: Level, days_ago: int) -> Evidence:
    return Evidence(
        StudentId(1),
        SkillId(1),
        level,
        TODAY - timedelta(days=days_ago),
        EvidenceSource.EXIT_TICKET,
    )


evidence_lists = st.lists(
    st.builds(ev, st.sampled_from(list(Level)), st.integers(0, 120)), min_size=1, max_size=12
)


def test_no_evidence_no_level() -> None:
    assert current_level([], LevelRule.MOST_RECENT, TODAY) is None


def test_most_recent_takes_the_newest_and_the_last_recorded_on_a_tie() -> None:
    items = [ev(Level.NOT_YET, 10), ev(Level.GOT_IT, 2), ev(Level.GETTING_THERE, 2)]
    assert current_level(items, LevelRule.MOST_RECENT, TODAY) is Level.GETTING_THERE


def test_decaying_average_favours_recent_evidence() -> None:
    old_low = [ev(Level.NOT_YET, 60), ev(Level.NOT_YET, 50)]
    recent_high = [ev(Level.GOT_IT, 1), ev(Level.GOT_IT, 0)]
    assert current_level(old_low + recent_high, LevelRule.DECAYING_AVERAGE, TODAY) is Level.GOT_IT
    # equal ages: a plain average (2.5 rounds up)
    even = [ev(Level.GETTING_THERE, 3), ev(Level.GOT_IT, 3)]
    assert current_level(even, LevelRule.DECAYING_AVERAGE, TODAY) is Level.GOT_IT
    # one half-life older counts half: (2*1 + 4*0.5) / 1.5 = 2.67 -> Got it
    mixed = [ev(Level.GETTING_THERE, 0), ev(Level.EXTENDING, HALF_LIFE_DAYS)]
    assert current_level(mixed, LevelRule.DECAYING_AVERAGE, TODAY) is Level.GOT_IT


@given(evidence_lists)
def test_adding_a_newer_got_it_never_lowers_the_most_recent_level(items: list[Evidence]) -> None:
    before = current_level(items, LevelRule.MOST_RECENT, TODAY)
    newest = max(i.observed_on for i in items)
    newer = Evidence(StudentId(1), SkillId(1), Level.GOT_IT, newest, EvidenceSource.WHITEBOARD)
    after = current_level([*items, newer], LevelRule.MOST_RECENT, TODAY)
    assert after is Level.GOT_IT
    assert before is not None and (after >= before or before is Level.EXTENDING)


@given(evidence_lists)
def test_decaying_average_stays_within_the_levels_given(items: list[Evidence]) -> None:
    level = current_level(items, LevelRule.DECAYING_AVERAGE, TODAY)
    assert level is not None
    assert min(i.level for i in items) <= level <= max(i.level for i in items)


@given(evidence_lists, st.sampled_from(list(Level)))
def test_evidence_all_at_one_level_gives_that_level(items: list[Evidence], level: Level) -> None:
    same = [Evidence(i.student_id, i.skill_id, level, i.observed_on, i.source) for i in items]
    for rule in LevelRule:
        assert current_level(same, rule, TODAY) is level
