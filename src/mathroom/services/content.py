"""Where the bundled content files are; injectable so tests can point elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mathroom import paths


@dataclass(frozen=True, slots=True)
class ContentFiles:
    skill_map: Path
    starter_tasks: Path
    demo_classroom: Path

    @classmethod
    def bundled(cls) -> ContentFiles:
        return cls(
            skill_map=paths.resource("skills", "skill_map.json"),
            starter_tasks=paths.resource("tasks", "starter_tasks.json"),
            demo_classroom=paths.resource("demo", "classroom.json"),
        )
