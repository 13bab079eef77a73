"""Drawing names without repeats: everyone once per round, then a fresh round."""

from __future__ import annotations

import random
from collections.abc import Sequence


class NameDraw:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._pool: tuple[str, ...] = ()
        self._picked: list[str] = []
        self.round = 1

    @property
    def pool(self) -> tuple[str, ...]:
        return self._pool

    @property
    def picked(self) -> tuple[str, ...]:
        """This round's picks, oldest first."""
        return tuple(self._picked)

    def set_pool(self, names: Sequence[str]) -> None:
        """Who may be picked now; this round's picks of people still here stay picked."""
        self._pool = tuple(dict.fromkeys(names))
        self._picked = [name for name in self._picked if name in self._pool]

    def draw(self) -> str | None:
        """A name not yet picked this round (a new round starts once all have been)."""
        if not self._pool:
            return None
        waiting = [name for name in self._pool if name not in self._picked]
        if not waiting:
            self.round += 1
            self._picked = []
            waiting = list(self._pool)
        choice = self._rng.choice(waiting)
        self._picked.append(choice)
        return choice
