"""Skills, prerequisites and evidence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, aliased

from mathroom.domain.ids import PeriodId, SkillId, StudentId, TaskId
from mathroom.domain.skills import Evidence, EvidenceSource, Level, Skill, SkillSpec
from mathroom.store.tables import EnrollmentRow, EvidenceRow, SkillPrerequisiteRow, SkillRow


def _to_skill(row: SkillRow) -> Skill:
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


def _to_evidence(row: EvidenceRow) -> Evidence:
    return Evidence(
        student_id=StudentId(row.student_id),
        skill_id=SkillId(row.skill_id),
        level=Level(row.level),
        observed_on=row.observed_on,
        source=EvidenceSource(row.source),
        note=row.note,
        task_id=TaskId(row.task_id) if row.task_id else None,
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

    def prerequisite_codes(self) -> dict[str, tuple[str, ...]]:
        """Each skill's prerequisites by code (skills without any are left out)."""
        skill, before = aliased(SkillRow), aliased(SkillRow)
        rows = self._session.execute(
            select(skill.code, before.code)
            .join(SkillPrerequisiteRow, SkillPrerequisiteRow.skill_id == skill.id)
            .join(before, SkillPrerequisiteRow.prerequisite_id == before.id)
            .order_by(skill.code, before.position, before.code)
        )
        found: dict[str, list[str]] = {}
        for code, prerequisite in rows:
            found.setdefault(code, []).append(prerequisite)
        return {code: tuple(codes) for code, codes in found.items()}

    def skills(self, *, include_hidden: bool = False) -> list[Skill]:
        query = select(SkillRow).order_by(SkillRow.position, SkillRow.id)
        if not include_hidden:
            query = query.where(SkillRow.hidden.is_(False))
        return [_to_skill(row) for row in self._session.scalars(query)]

    def ids_by_code(self) -> dict[str, SkillId]:
        return {
            code: SkillId(skill_id)
            for code, skill_id in self._session.execute(select(SkillRow.code, SkillRow.id))
        }

    def add_evidence(self, items: Iterable[Evidence], now: datetime) -> int:
        return len(self.record_evidence(items, now))

    def record_evidence(self, items: Iterable[Evidence], now: datetime) -> list[int]:
        """Insert observations; returns their ids (so an undo can remove exactly these)."""
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
        self._session.flush()
        return [row.id for row in rows]

    def record_imported(self, items: Iterable[Evidence], now: datetime) -> tuple[list[int], int]:
        """Record imported scores; a score already imported for the same student, skill and
        date (at another level: new cut points) is updated in place, not added again.
        Returns the ids written and how many of them were updates."""
        written: list[int] = []
        updated = 0
        new: list[Evidence] = []
        for item in items:
            rows = self._session.scalars(
                select(EvidenceRow).where(
                    EvidenceRow.student_id == item.student_id,
                    EvidenceRow.skill_id == item.skill_id,
                    EvidenceRow.observed_on == item.observed_on,
                    EvidenceRow.source == EvidenceSource.IMPORT.value,
                )
            ).all()
            if not rows:
                new.append(item)
                continue
            for row in rows:
                row.level = int(item.level)
                row.note = item.note if item.note is not None else row.note
                written.append(row.id)
            updated += len(rows)
        self._session.flush()
        return written + self.record_evidence(new, now), updated

    def delete_evidence(self, ids: Iterable[int]) -> None:
        self._session.execute(delete(EvidenceRow).where(EvidenceRow.id.in_(list(ids))))

    def evidence_of(self, students: Iterable[StudentId]) -> list[Evidence]:
        """Every observation of these students, in recording order.

        Plain column rows, not ORM objects: a class holds thousands of observations and
        nothing here is changed, so identity tracking would only cost time.
        """
        rows = self._session.execute(
            select(
                EvidenceRow.student_id,
                EvidenceRow.skill_id,
                EvidenceRow.level,
                EvidenceRow.observed_on,
                EvidenceRow.source,
                EvidenceRow.note,
                EvidenceRow.task_id,
            )
            .where(EvidenceRow.student_id.in_(list(students)))
            .order_by(EvidenceRow.id)
        )
        return [
            Evidence(
                StudentId(student),
                SkillId(skill),
                Level(level),
                observed_on,
                EvidenceSource(source),
                note,
                TaskId(task) if task else None,
            )
            for student, skill, level, observed_on, source, note, task in rows
        ]

    def history(self, student: StudentId, skill: SkillId) -> list[Evidence]:
        rows = self._session.scalars(
            select(EvidenceRow)
            .where(EvidenceRow.student_id == student, EvidenceRow.skill_id == skill)
            .order_by(EvidenceRow.observed_on, EvidenceRow.id)
        )
        return [_to_evidence(row) for row in rows]

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


class SkillEditor:
    """Teacher changes to the skill map: add, rename, hide, reorder."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def code_taken(self, code: str) -> bool:
        found = self._session.scalar(
            select(func.count())
            .select_from(SkillRow)
            .where(func.lower(SkillRow.code) == code.lower())
        )
        return bool(found)

    def add(self, code: str, name: str, domain: str, grade: int, description: str) -> SkillId:
        position = (self._session.scalar(select(func.max(SkillRow.position))) or 0) + 1
        row = SkillRow(
            code=code,
            standard="",
            name=name,
            description=description,
            domain=domain,
            grade=grade,
            position=position,
        )
        self._session.add(row)
        self._session.flush()
        return SkillId(row.id)

    def skill(self, skill: SkillId) -> Skill:
        return _to_skill(self._row(skill))

    def rename(self, skill: SkillId, name: str) -> str:
        """Give the skill a new name; returns the old one."""
        row = self._row(skill)
        old, row.name = row.name, name
        return old

    def set_hidden(self, skill: SkillId, hidden: bool) -> None:
        self._row(skill).hidden = hidden

    def set_order(self, skills: Sequence[SkillId]) -> None:
        """Put the skills in this order (positions 0, 1, …)."""
        for position, skill in enumerate(skills):
            self._row(skill).position = position

    def _row(self, skill: SkillId) -> SkillRow:
        row = self._session.get(SkillRow, skill)
        if row is None:
            raise LookupError(f"skill {skill} not found")
        return row
