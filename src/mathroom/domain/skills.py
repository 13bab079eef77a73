"""Skills, the four-point level scale, and evidence of a student on a skill."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum

from mathroom.domain.ids import SkillId, StudentId, TaskId


class Level(IntEnum):
    """The four-point scale teachers record against a skill."""

    NOT_YET = 1
    GETTING_THERE = 2
    GOT_IT = 3
    EXTENDING = 4

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]

    @property
    def letter(self) -> str:
        """One letter for print and greyscale: N, G, S (secure), E."""
        return _LEVEL_LETTERS[self]


_LEVEL_LABELS = {
    Level.NOT_YET: "Not yet",
    Level.GETTING_THERE: "Getting there",
    Level.GOT_IT: "Got it",
    Level.EXTENDING: "Extending",
}
_LEVEL_LETTERS = {
    Level.NOT_YET: "N",
    Level.GETTING_THERE: "G",
    Level.GOT_IT: "S",
    Level.EXTENDING: "E",
}


# The skill map's domains in teaching order (names match resources/skills/skill_map.json).
DOMAIN_NAMES = {
    "NBT": "Whole numbers & decimals",
    "OA": "Operations & order",
    "NF": "Fractions",
    "RP": "Ratios, rates & percent",
    "NS": "Integers & rational numbers",
    "EE": "Expressions & equations",
    "G": "Geometry",
    "MD": "Measurement",
    "SP": "Statistics & probability",
}


class EvidenceSource(StrEnum):
    EXIT_TICKET = "exit_ticket"
    WHITEBOARD = "whiteboard"
    QUIZ = "quiz"
    CONFERENCE = "conference"
    IMPORT = "import"
    PRACTICE = "practice"  # marked from a printed practice sheet

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class SkillDomain:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class SkillSpec:
    """A skill as the bundled skill map describes it, before it has a database id."""

    code: str
    standard: str
    name: str
    description: str
    domain: str
    grade: int
    prerequisites: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SkillMap:
    title: str
    domains: tuple[SkillDomain, ...]
    skills: tuple[SkillSpec, ...]


@dataclass(frozen=True, slots=True)
class Skill:
    id: SkillId
    code: str
    standard: str
    name: str
    description: str
    domain: str
    grade: int
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    student_id: StudentId
    skill_id: SkillId
    level: Level
    observed_on: date
    source: EvidenceSource
    note: str | None = None
    task_id: TaskId | None = None
