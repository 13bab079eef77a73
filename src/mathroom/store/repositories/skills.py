"""Skills, prerequisites and evidence."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mathroom.domain.ids import PeriodId, SkillId, StudentId
from mathroom.domain.skills import Evidence, Level, Skill, SkillSpec
from mathroom.store.tables import EnrollmentRow, EvidenceRow, SkillPrerequisiteRow, SkillRow


def to_skill(row: SkillRow) -> Skill:
    return Skill(
        id=SkillId(row.id),
        code=row.code,
        standard=row.standard,
        name=row.name,
        description=row.description,
        domain=row.domain,
        grade=row.grade,
        hidden=row.hidden,
    )


class SkillRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(SkillRow)) or 0

    def add_skill_map(self, specs: Iterable[SkillSpec]) -> dict[str, SkillId]:
        """Insert skills and their prerequisite links; returns ids by code."""
        ids: dict[str, SkillId] = {}
        spec_list = list(specs)
        for position, spec in enumerate(spec_list):
            row = SkillRow(
                code=spec.code,
                standard=spec.standard,
                name=spec.name,
                description=spec.description,
                domain=spec.domain,
                grade=spec.grade,
                position=position,
            )
            self._session.add(row)
            self._session.flush()
            ids[spec.code] = SkillId(row.id)
        for spec in spec_list:
            for prerequisite in spec.prerequisites:
                self._session.add(
                    SkillPrerequisiteRow(skill_id=ids[spec.code], prerequisite_id=ids[prerequisite])
                )
        return ids

    def skills(self, *, include_hidden: bool = False) -> list[Skill]:
        query = select(SkillRow).order_by(SkillRow.position, SkillRow.id)
        if not include_hidden:
            query = query.where(SkillRow.hidden.is_(False))
        return [to_skill(row) for row in self._session.scalars(query)]

    def ids_by_code(self) -> dict[str, SkillId]:
        return {
            code: SkillId(skill_id)
            for code, skill_id in self._session.execute(select(SkillRow.code, SkillRow.id))
        }

    def add_evidence(self, items: Iterable[Evidence], now: datetime) -> int:
        rows = [
            EvidenceRow(
                student_id=item.student_id,
                skill_id=item.skill_id,
                level=int(item.level),
                observed_on=item.observed_on,
                source=item.source.value,
                note=item.note,
                task_id=item.task_id,
                created_at=now,
            )
            for item in items
        ]
        self._session.add_all(rows)
        return len(rows)

    def evidence_count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(EvidenceRow)) or 0

    def latest_levels(self, period: PeriodId) -> dict[tuple[StudentId, SkillId], Level]:
        """The most recent level of each enrolled student on each skill with evidence."""
        rows = self._session.execute(
            select(EvidenceRow.student_id, EvidenceRow.skill_id, EvidenceRow.level)
            .join(EnrollmentRow, EnrollmentRow.student_id == EvidenceRow.student_id)
            .where(EnrollmentRow.period_id == period, EnrollmentRow.left_on.is_(None))
            .order_by(EvidenceRow.observed_on, EvidenceRow.id)
        )
        latest: dict[tuple[StudentId, SkillId], Level] = {}
        for student_id, skill_id, level in rows:
            latest[(StudentId(student_id), SkillId(skill_id))] = Level(level)
        return latest
