"""How long a search may run: a work budget that keeps results reproducible, and a clock.

Work is counted in units of one cheap move evaluation. The budget is sized from the time
limit with a conservative rate, so on an ordinary machine the work runs out before the time
does and the same seed gives the same groups; the clock and ``cancelled`` only cut in when
the machine is slow or the teacher stops the search.
"""

from __future__ import annotations

from collections.abc import Callable

from mathroom.domain.grouping.result import StopReason

WORK_PER_SECOND = 600_000
"""Work units budgeted per second of time limit: about half what one core of the 2-core
development machine gets through, so the work, not the clock, normally ends a search."""

_PROGRESS_EVERY_S = 0.1


class Budget:
    """Counts work, watches the clock and the cancel callable, and reports progress."""

    def __init__(
        self,
        time_limit_s: float,
        clock: Callable[[], float],
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
        work_per_second: float | None = None,
    ) -> None:
        self._clock = clock
        self._start = clock()
        self._time_limit = time_limit_s
        self._deadline = self._start + time_limit_s
        self._cancelled = cancelled
        self._progress = progress
        self._last_report = self._start
        rate = WORK_PER_SECOND if work_per_second is None else work_per_second
        self.work_limit = max(1, int(time_limit_s * rate))
        self.work = 0
        self.stop_reason: StopReason | None = None

    def spend(self, units: int) -> bool:
        """Record work; True once the search must stop (the reason is kept)."""
        self.work += units
        if self.stop_reason is not None:
            return True
        now = self._clock()
        if self._cancelled is not None and self._cancelled():
            self.stop_reason = StopReason.CANCELLED
        elif now >= self._deadline:
            self.stop_reason = StopReason.TIME_UP
        elif self.work >= self.work_limit:
            self.stop_reason = StopReason.SETTLED
        if self._progress is not None and now - self._last_report >= _PROGRESS_EVERY_S:
            self._last_report = now
            self._progress(self.permille(now), 1000)
        return self.stop_reason is not None

    def permille(self, now: float | None = None) -> int:
        """How much of the budget (work or time, whichever is further) is used, out of 1000."""
        now = self._clock() if now is None else now
        by_time = (now - self._start) / self._time_limit if self._time_limit > 0 else 1.0
        by_work = self.work / self.work_limit
        return min(1000, int(1000 * max(by_time, by_work)))

    def finish(self) -> None:
        if self._progress is not None:
            self._progress(1000, 1000)
