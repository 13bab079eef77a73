"""The app's one clock: what "now" and "today" mean for every service, the window and the CLI.

The entry point (``app.main``) makes the only wall clock and hands it down; nothing else in
``src/mathroom`` reads the time of day for a calendar decision (a test keeps it so). Tests,
demos and screenshots pass a :class:`FixedClock` to run the whole app on any date.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from typing import Protocol

from mathroom.domain.errors import ValidationError

TODAY_ENV = "MATHROOM_TODAY"  # developers only: run the app as if it were another day


class Clock(Protocol):
    """Local time, to the second; ``today()`` is always ``now().date()``."""

    def now(self) -> datetime: ...

    def today(self) -> date: ...

    def monotonic(self) -> float:
        """Seconds that only go forward, for timers (the projector's countdown)."""
        ...


class SystemClock:
    """The computer's own clock, local time."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()

    def monotonic(self) -> float:
        return time.monotonic()


class ShiftedClock:
    """The computer's clock moved to another calendar day: time still runs (timers, backup
    names keep their order), but ``today()`` starts on ``day``."""

    def __init__(self, day: date, base: Clock | None = None) -> None:
        self._base = base or SystemClock()
        self._offset = timedelta(days=(day - self._base.today()).days)

    def now(self) -> datetime:
        return self._base.now() + self._offset

    def today(self) -> date:
        return self.now().date()

    def monotonic(self) -> float:
        return self._base.monotonic()


class FixedClock:
    """A clock that moves only when told: tests pin a moment, then step over midnight."""

    def __init__(self, moment: datetime) -> None:
        self._moment = moment.replace(microsecond=0)
        self._start = self._moment.toordinal()

    def now(self) -> datetime:
        return self._moment

    def today(self) -> date:
        return self._moment.date()

    def monotonic(self) -> float:
        """Seconds since the pinned moment's midnight: timers move only when the clock does."""
        midnight = datetime.combine(self._moment.date(), datetime.min.time())
        return (self._moment - midnight).total_seconds() + (
            self._moment.toordinal() - self._start
        ) * 86400

    def set(self, moment: datetime) -> None:
        self._moment = moment.replace(microsecond=0)

    def advance(self, delta: timedelta) -> None:
        self._moment += delta


def clock_from_environment(environ: dict[str, str] | None = None) -> Clock:
    """The wall clock, or a shifted one when ``MATHROOM_TODAY=YYYY-MM-DD`` is set (for
    trying the app on a Saturday or in June without touching the computer's clock)."""
    import os

    value = (os.environ if environ is None else environ).get(TODAY_ENV, "").strip()
    if not value:
        return SystemClock()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        problem = f"{value!r} is not a date; write it as YYYY-MM-DD"
        raise ValidationError(TODAY_ENV, problem) from None
    return ShiftedClock(day)
