"""Backup thinning: recent backups all kept, then one a day, a week, a month."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mathroom.store.backup_policy import RetentionPolicy, backups_to_keep

NOW = datetime(2026, 11, 23, 7, 0)
stamps = st.lists(
    st.datetimes(min_value=NOW - timedelta(days=800), max_value=NOW + timedelta(hours=2)),
    max_size=60,
)


def test_empty_folder_keeps_nothing() -> None:
    assert backups_to_keep([], NOW) == set()


def test_everything_from_the_last_day_is_kept() -> None:
    recent = [NOW - timedelta(hours=h) for h in range(0, 24, 3)]
    assert backups_to_keep(recent, NOW) == set(recent)


def test_one_per_day_within_two_weeks_keeping_the_newest_of_each_day() -> None:
    day = NOW - timedelta(days=5)
    morning, evening = day.replace(hour=8), day.replace(hour=18)
    kept = backups_to_keep([morning, evening], NOW, RetentionPolicy(keep_newest=1))
    assert kept == {evening}


def test_a_lone_ancient_backup_is_still_kept() -> None:
    ancient = NOW - timedelta(days=3000)
    assert backups_to_keep([ancient], NOW) == {ancient}


@given(stamps)
def test_newest_is_always_kept_and_result_is_a_subset(times: list[datetime]) -> None:
    kept = backups_to_keep(times, NOW)
    assert kept <= set(times)
    if times:
        assert max(times) in kept


@given(stamps)
def test_at_most_one_per_day_outside_the_recent_window(times: list[datetime]) -> None:
    policy = RetentionPolicy(keep_newest=1)  # the newest ten may share a day, on purpose
    kept = backups_to_keep(times, NOW, policy)
    older = [t for t in kept if NOW - t > policy.keep_all_for and NOW - t <= policy.daily_for]
    assert len({t.date() for t in older}) == len(older)


@given(stamps)
def test_thinning_twice_changes_nothing(times: list[datetime]) -> None:
    once = backups_to_keep(times, NOW)
    assert backups_to_keep(once, NOW) == once


@given(stamps)
def test_kept_count_is_bounded(times: list[datetime]) -> None:
    recent = sum(1 for t in set(times) if NOW - t <= timedelta(hours=24))
    # recent ones, + 14 daily + 9 weekly + 13 monthly + the newest ten overall
    assert len(backups_to_keep(times, NOW)) <= recent + 14 + 9 + 13 + 10


@given(stamps, st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)))
def test_the_newest_ten_survive_any_clock(times: list[datetime], now: datetime) -> None:
    kept = backups_to_keep(times, now)
    assert set(sorted(set(times), reverse=True)[:10]) <= kept
