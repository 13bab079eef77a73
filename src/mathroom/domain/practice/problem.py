"""One generated practice problem, and the promise a generator makes about its numbers."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from mathroom.domain.errors import ValidationError

Number = int | Fraction | Decimal
"""Exact values only: a float never enters a problem or its answer."""

Answer = int | Fraction | Decimal | str
"""An exact value, or a short string such as ``x > 4``, ``6x + 15`` or ``<``."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem with its exact answer, ready to print.

    ``prompt``, ``answer_text`` and ``step`` are Markdown with inline ``$...$`` math.
    ``numbers`` and ``operation`` say what was asked (each generator documents their meaning),
    so a check can recompute the answer without the generator. For answers "in terms of
    pi" the operation ends in ``_pi`` and ``answer`` is the coefficient of pi.
    """

    skill_code: str
    difficulty: int
    seed: int
    prompt: str
    answer: Answer
    answer_text: str
    step: str
    numbers: tuple[Number, ...]
    operation: str


@dataclass(frozen=True, slots=True)
class Draft:
    """What a generator's builder returns; ``Generator.make`` adds the code, seed, difficulty."""

    prompt: str
    answer: Answer
    answer_text: str
    step: str
    numbers: tuple[Number, ...]
    operation: str


@dataclass(frozen=True, slots=True)
class Bounds:
    """What a difficulty promises: every value in ``Problem.numbers`` lies in [low, high];
    fractions have a denominator of at most ``max_denominator`` and decimals at most
    ``max_places`` places, when those are set."""

    low: Number
    high: Number
    max_denominator: int | None = None
    max_places: int | None = None


Builder = Callable[[random.Random, int], Draft]


@dataclass(frozen=True, slots=True)
class Generator:
    """Makes problems for one skill. ``bounds[d - 1]`` is the promise of difficulty ``d``."""

    skill_code: str
    title: str
    bounds: tuple[Bounds, ...]
    build: Builder

    @property
    def difficulties(self) -> range:
        return range(1, len(self.bounds) + 1)

    def ranges(self, difficulty: int) -> Bounds:
        self._check(difficulty)
        return self.bounds[difficulty - 1]

    def make(self, seed: int, difficulty: int) -> Problem:
        """The same seed and difficulty always give the same problem."""
        self._check(difficulty)
        draft = self.build(random.Random(seed), difficulty)
        return Problem(
            skill_code=self.skill_code,
            difficulty=difficulty,
            seed=seed,
            prompt=draft.prompt,
            answer=draft.answer,
            answer_text=draft.answer_text,
            step=draft.step,
            numbers=draft.numbers,
            operation=draft.operation,
        )

    def _check(self, difficulty: int) -> None:
        top = len(self.bounds)
        # bool is an int, but True is no difficulty; 2.0 is in range(1, 4) but no index.
        whole = isinstance(difficulty, int) and not isinstance(difficulty, bool)
        if not whole or difficulty not in self.difficulties:
            problem = f"{self.skill_code} takes a difficulty from 1 to {top}, not {difficulty!r}"
            raise ValidationError("difficulty", problem)
