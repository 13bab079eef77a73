"""Add a skill of the teacher's own to the skill map."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from mathroom.domain.ids import SkillId
from mathroom.domain.skills import DOMAIN_NAMES
from mathroom.services.skill_map import SkillMapService
from mathroom.ui.dialogs.form_dialog import FormDialog
from mathroom.ui.operations import Writer


class SkillDialog(FormDialog):
    def __init__(
        self, skill_map: SkillMapService, write: Writer, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Add a skill",
            "For something the bundled map does not name. It appears in the gap map, the "
            "evidence picker and task tags.",
            parent,
        )
        self._skill_map = skill_map
        self._write = write
        self.saved_id: SkillId | None = None
        self.code = QLineEdit()
        self.code.setPlaceholderText("e.g. 7.NS.A.1-games or MY-1")
        self.name = QLineEdit()
        self.name.setPlaceholderText("student-friendly, e.g. Integer chips")
        self.domain = QComboBox()
        for code, name in DOMAIN_NAMES.items():
            self.domain.addItem(name, code)
        self.grade = QSpinBox()
        self.grade.setRange(3, 9)
        self.grade.setValue(7)
        self.description = QLineEdit()
        self.add_field("Code", "code", self.code)
        self.add_field("Name", "name", self.name)
        self.add_field("Domain", "domain", self.domain)
        self.add_field("Grade", "grade", self.grade)
        self.add_field("What a student can do", "description", self.description)

    def submit(self) -> None:
        skill_map = self._skill_map
        code, name, domain = self.code.text(), self.name.text(), str(self.domain.currentData())
        grade, description = self.grade.value(), self.description.text()
        self.saved_id = self._write(lambda: skill_map.add(code, name, domain, grade, description))
