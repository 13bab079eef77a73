"""Tasks: whiteboard tasks, warm-ups, projects, math art, exit tickets and more."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mathroom.domain.ids import TaskId


class TaskKind(StrEnum):
    WHITEBOARD = "whiteboard"
    WARMUP = "warmup"
    PRACTICE = "practice"
    PROJECT = "project"
    MATH_ART = "math_art"
    EXIT_TICKET = "exit_ticket"
    DISCUSSION = "discussion"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    TaskKind.WHITEBOARD: "Whiteboard task",
    TaskKind.WARMUP: "Warm-up",
    TaskKind.PRACTICE: "Targeted practice",
    TaskKind.PROJECT: "Project",
    TaskKind.MATH_ART: "Math art",
    TaskKind.EXIT_TICKET: "Exit ticket",
    TaskKind.DISCUSSION: "Discussion prompt",
}


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """A task's content, before (or apart from) its database identity."""

    title: str
    kind: TaskKind
    prompt: str
    start: str | None = None
    extensions: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    answer: str | None = None
    teacher_notes: str | None = None
    skill_codes: tuple[str, ...] = ()
    minutes: int | None = None
    materials: str | None = None
    slug: str | None = None


@dataclass(frozen=True, slots=True)
class Task:
    id: TaskId
    spec: TaskSpec
    archived: bool = False

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def kind(self) -> TaskKind:
        return self.spec.kind
