"""Where the bundled content files are; injectable so tests can point elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mathroom import paths


def _starter_units() -> Path:
    return paths.resource("units", "grade7_units.json")


@dataclass(frozen=True, slots=True)
class ContentFiles:
    skill_map: Path
    starter_tasks: Path
    demo_classroom: Path
    starter_units: Path = field(default_factory=_starter_units)

    @classmethod
    def bundled(cls) -> ContentFiles:
        return cls(
            skill_map=paths.resource("skills", "skill_map.json"),
            starter_tasks=paths.resource("tasks", "starter_tasks.json"),
            demo_classroom=paths.resource("demo", "classroom.json"),
            starter_units=_starter_units(),
        )
