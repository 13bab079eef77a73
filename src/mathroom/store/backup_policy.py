"""Which backups to keep: recent ones all, then one a day, a week, a month. Pure logic."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    keep_all_for: timedelta = timedelta(hours=24)
    daily_for: timedelta = timedelta(days=14)
    weekly_for: timedelta = timedelta(weeks=8)
    monthly_for: timedelta = timedelta(days=366)
    # Kept whatever the clock says: a start with the clock years ahead makes every backup
    # look old, and only the count of backups, not their dates, is sure.
    keep_newest: int = 10


def backups_to_keep(
    taken_at: Iterable[datetime], now: datetime, policy: RetentionPolicy | None = None
) -> set[datetime]:
    """The backup times to keep; the others may be deleted.

    Within each window the newest backup of each day, ISO week or month is kept. The newest
    ``policy.keep_newest`` backups are always kept, however old, so neither a long holiday
    nor a clock set years ahead empties the folder (the newest kept is the newest there is).
    Backups dated in the future (a clock change) are kept rather than guessed
    about.
    """
    policy = policy or RetentionPolicy()
    stamps = sorted(set(taken_at), reverse=True)
    if not stamps:
        return set()
    keep = set(stamps[: max(1, policy.keep_newest)])
    keep.update(t for t in stamps if t > now or now - t <= policy.keep_all_for)

    def newest_per(window: timedelta, bucket: Callable[[datetime], Hashable]) -> None:
        seen: set[Hashable] = set()
        for t in stamps:  # newest first, so the first in each bucket is its newest
            if now - t > window:
                break
            key = bucket(t)
            if key not in seen:
                seen.add(key)
                keep.add(t)

    newest_per(policy.daily_for, lambda t: t.date())
    newest_per(policy.weekly_for, lambda t: tuple(t.isocalendar())[:2])
    newest_per(policy.monthly_for, lambda t: (t.year, t.month))
    return keep
