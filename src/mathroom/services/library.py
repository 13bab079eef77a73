"""The shared library every data folder starts with: the skill map, starter tasks and units."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from mathroom.importers.skill_map import load_skill_map
from mathroom.importers.task_bank import load_task_bank
from mathroom.services.content import ContentFiles
from mathroom.services.units import seed_units
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.repositories.tasks import TaskRepository
from mathroom.store.unit_of_work import Store


@dataclass(frozen=True, slots=True)
class LibrarySeeded:
    skills_added: int
    tasks_added: int
    units_added: int = 0


def seed_library(session: Session, content: ContentFiles, now: datetime) -> LibrarySeeded:
    """Load the skill map, the starter tasks and the starter units into a session, if they
    are not there yet."""
    skills = SkillRepository(session)
    skills_added = tasks_added = 0
    if skills.count() == 0:
        skills_added = len(skills.add_skill_map(load_skill_map(content.skill_map).skills))
    tasks = TaskRepository(session)
    if tasks.count() == 0:
        specs = load_task_bank(content.starter_tasks)
        tasks_added = len(tasks.add_tasks(specs, skills.ids_by_code(), now))
    units_added = seed_units(session, content.starter_units, now)
    return LibrarySeeded(skills_added, tasks_added, units_added)


class LibraryService:
    def __init__(self, store: Store, content: ContentFiles, now: Callable[[], datetime]) -> None:
        self._store = store
        self._content = content
        self._now = now

    def seed_if_empty(self) -> LibrarySeeded:
        """Give a new, empty data folder the skill map and the starter task bank."""
        with self._store.unit_of_work() as session:
            return seed_library(session, self._content, self._now())

    def seed_units_if_missing(self) -> int:
        """Give a data folder made before units existed the starter units (when it has no
        unit and its task bank holds their tasks); returns how many were added."""
        with self._store.unit_of_work() as session:
            return seed_units(session, self._content.starter_units, self._now())
