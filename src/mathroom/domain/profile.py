"""One student's picture for a parent conference: levels by domain, evidence, groups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mathroom.domain.roster import Student
from mathroom.domain.skills import Evidence, Level, Skill


@dataclass(frozen=True, slots=True)
class SkillStanding:
    skill: Skill
    level: Level | None
    observations: int


@dataclass(frozen=True, slots=True)
class DomainStanding:
    code: str
    name: str
    skills: tuple[SkillStanding, ...]

    def count(self, level: Level) -> int:
        return sum(1 for s in self.skills if s.level is level)


@dataclass(frozen=True, slots=True)
class GroupMemory:
    on: date
    number: int
    partners: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StudentProfile:
    student: Student
    periods: tuple[str, ...]
    today: date
    rule_label: str
    domains: tuple[DomainStanding, ...]
    timeline: tuple[tuple[Evidence, Skill], ...]  # newest first
    groups: tuple[GroupMemory, ...]  # newest first
