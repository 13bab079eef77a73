"""A pausable countdown over one or more rounds, read from an injected clock.

Pure Python: the clock is any callable returning monotonic seconds, so tests fake time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mathroom.services.projector import TimerRound

MOVE_CUE_SECONDS = 20  # how long "Move to the next station" stays up after a round ends


@dataclass(frozen=True, slots=True)
class CountdownState:
    round_index: int
    remaining: int  # whole seconds left in the round, rounded up
    fraction: float  # share of the round gone, 0 to 1
    running: bool
    started: bool
    finished: bool
    message: str  # the last round's "then" while it is fresh, or at the very end

    @property
    def cue(self) -> bool:
        """The room should look up: a round has just ended, or the time is up."""
        return self.finished or bool(self.message)


class Countdown:
    def __init__(self, rounds: Sequence[TimerRound], clock: Callable[[], float]) -> None:
        self.rounds = tuple(rounds) or (TimerRound("", 0, ""),)
        self._clock = clock
        self._banked = 0.0  # seconds counted before the latest start
        self._since: float | None = None
        self._total = float(sum(r.seconds for r in self.rounds))

    @property
    def running(self) -> bool:
        return self._since is not None and self.elapsed() < self._total

    def elapsed(self) -> float:
        extra = self._clock() - self._since if self._since is not None else 0.0
        return min(self._total, self._banked + max(0.0, extra))

    def start(self) -> None:
        if self._since is None and self.elapsed() < self._total:
            self._since = self._clock()

    def pause(self) -> None:
        if self._since is not None:
            self._banked = self.elapsed()
            self._since = None

    def toggle(self) -> None:
        if self.running:
            self.pause()
        elif self.elapsed() >= self._total:
            self.reset()
            self.start()
        else:
            self.start()

    def reset(self) -> None:
        self._banked, self._since = 0.0, None

    def state(self) -> CountdownState:
        gone = self.elapsed()
        started = gone > 0 or self._since is not None
        if gone >= self._total:
            self.pause()
            last = len(self.rounds) - 1
            return CountdownState(last, 0, 1.0, False, True, True, self.rounds[-1].then)
        start = 0.0
        for index, round_ in enumerate(self.rounds):
            end = start + round_.seconds
            if gone < end:
                fresh = index > 0 and gone - start < MOVE_CUE_SECONDS
                return CountdownState(
                    index,
                    math.ceil(end - gone - 1e-9),
                    (gone - start) / round_.seconds if round_.seconds else 1.0,
                    self._since is not None,
                    started,
                    False,
                    self.rounds[index - 1].then if fresh else "",
                )
            start = end
        raise AssertionError("unreachable: gone < total")


def clock_text(seconds: int) -> str:
    """4:59, or 1:02:03 past the hour."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
