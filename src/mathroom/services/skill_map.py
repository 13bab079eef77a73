"""The teacher's own changes to the skill map: add, rename, hide and reorder skills."""

from __future__ import annotations

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import SkillId
from mathroom.domain.names import clean_name
from mathroom.domain.skills import DOMAIN_NAMES, Skill
from mathroom.store.repositories.skills import SkillEditor, SkillRepository
from mathroom.store.unit_of_work import Store


class SkillMapService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def skills(self) -> list[Skill]:
        """Every skill, hidden ones too, in the map's order."""
        with self._store.unit_of_work() as session:
            return SkillRepository(session).skills(include_hidden=True)

    def add(self, code: str, name: str, domain: str, grade: int, description: str = "") -> SkillId:
        code = code.strip()
        clean, _ = clean_name(name)
        if not code:
            raise ValidationError("code", "a skill needs a short code, e.g. 7.NS.A.1b or MY-1")
        if len(code) > 20:
            raise ValidationError("code", "keep the code to 20 characters")
        if not clean:
            raise ValidationError("name", "a skill needs a name")
        if len(clean) > 80:
            raise ValidationError("name", "keep the name to 80 characters")
        if domain not in DOMAIN_NAMES:
            raise ValidationError("domain", "choose one of the domains")
        if not 3 <= grade <= 9:
            raise ValidationError("grade", "the grade must be between 3 and 9")
        with self._store.unit_of_work() as session:
            editor = SkillEditor(session)
            if editor.code_taken(code):
                raise ValidationError("code", f"there is already a skill with code {code}")
            return editor.add(code, clean, domain, grade, description.strip())

    def rename(self, skill: SkillId, name: str) -> str:
        """Rename; returns the old name (for undo)."""
        clean, _ = clean_name(name)
        if not clean:
            raise ValidationError("name", "a skill needs a name")
        if len(clean) > 80:
            raise ValidationError("name", "keep the name to 80 characters")
        with self._store.unit_of_work() as session:
            return SkillEditor(session).rename(skill, clean)

    def set_hidden(self, skill: SkillId, hidden: bool) -> None:
        """Hidden skills leave the gap map and pickers; their evidence is kept."""
        with self._store.unit_of_work() as session:
            SkillEditor(session).set_hidden(skill, hidden)

    def move(self, skill: SkillId, offset: int) -> None:
        with self._store.unit_of_work() as session:
            ordered = [s.id for s in SkillRepository(session).skills(include_hidden=True)]
            index = ordered.index(skill)
            target = max(0, min(len(ordered) - 1, index + offset))
            ordered.insert(target, ordered.pop(index))
            SkillEditor(session).set_order(ordered)

    def skill(self, skill: SkillId) -> Skill:
        with self._store.unit_of_work() as session:
            return SkillEditor(session).skill(skill)
