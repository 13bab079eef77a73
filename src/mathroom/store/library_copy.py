"""Copy one classroom's library (skill map, task bank, units, plan templates, settings) into
another classroom's freshly migrated database, keeping every id so templates and units still
find their tasks.

Nothing about students travels: no roster, evidence, attendance, groups or plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select

from mathroom.store.base import Base
from mathroom.store.engine import make_engine
from mathroom.store.repositories.settings import GROUP_OVERRIDE_PREFIX
from mathroom.store.tables import (
    PlanTemplateRow,
    SettingRow,
    SkillPrerequisiteRow,
    SkillRow,
    TaskRow,
    TaskSkillRow,
    UnitRow,
    UnitSkillRow,
    UnitTaskRow,
)
from mathroom.store.unit_of_work import Store

# Parents before children, for the foreign keys.
LIBRARY_TABLES: tuple[type[Base], ...] = (
    SettingRow,
    SkillRow,
    SkillPrerequisiteRow,
    TaskRow,
    TaskSkillRow,
    UnitRow,
    UnitSkillRow,
    UnitTaskRow,
    PlanTemplateRow,
)


@dataclass(frozen=True, slots=True)
class LibraryCopied:
    skills: int
    tasks: int
    diagrams: int
    templates: int
    units: int = 0


def copy_library(source: Path, target: Store) -> LibraryCopied:
    """Read the library of the database at ``source`` in one snapshot and write it into the
    empty ``target`` in one transaction (all of it, or nothing)."""
    engine = make_engine(source)
    try:
        with engine.begin() as reading:
            tables = {
                table: [dict(row) for row in reading.execute(select(table.__table__)).mappings()]
                for table in LIBRARY_TABLES
            }
    finally:
        engine.dispose()
    tables[SettingRow] = [
        row for row in tables[SettingRow] if not str(row["key"]).startswith(GROUP_OVERRIDE_PREFIX)
    ]
    with target.unit_of_work() as session:
        # A new database may hold rows its migrations wrote (defaults): the copy replaces them.
        for table in reversed(LIBRARY_TABLES):
            session.execute(delete(table))
        for table, rows in tables.items():
            if rows:
                session.execute(insert(table), rows)
    tasks = tables[TaskRow]
    return LibraryCopied(
        skills=len(tables[SkillRow]),
        tasks=sum(1 for t in tasks if t["archived_at"] is None),
        diagrams=sum(1 for t in tasks if t["image"] is not None and t["archived_at"] is None),
        templates=len(tables[PlanTemplateRow]),
        units=sum(1 for u in tables[UnitRow] if u["archived_at"] is None),
    )
