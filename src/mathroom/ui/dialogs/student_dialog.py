"""Add or edit one student."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.roster import Student
from mathroom.services.roster import RosterService, StudentForm
from mathroom.ui.dialogs.form_dialog import FormDialog
from mathroom.ui.operations import Writer


class StudentDialog(FormDialog):
    def __init__(
        self,
        roster: RosterService,
        period: PeriodId,
        student: Student | None,
        write: Writer,
        parent: QWidget | None = None,
    ) -> None:
        title = "Edit student" if student else "Add a student"
        super().__init__(
            title,
            "Names are stored exactly as typed. A student with one name needs only the "
            "given name. The preferred name is what classmates see.",
            parent,
        )
        self._roster = roster
        self._write = write
        self._period = period
        self._student = student
        self.saved_id: StudentId | None = None
        self.before: StudentForm | None = None
        self.given = QLineEdit(student.given_name if student else "")
        self.family = QLineEdit(student.family_name if student else "")
        self.preferred = QLineEdit((student.preferred_name or "") if student else "")
        self.number = QLineEdit((student.student_number or "") if student else "")
        self.number.setPlaceholderText("optional; leading zeros are kept")
        self.add_field("Given name", "given_name", self.given)
        self.add_field("Family name", "family_name", self.family)
        self.add_field("Preferred name", "preferred_name", self.preferred)
        self.add_field("Student number", "student_number", self.number)
        if student is not None:
            self.before = StudentForm(
                student.given_name,
                student.family_name,
                student.preferred_name or "",
                student.student_number or "",
            )

    @property
    def form_values(self) -> StudentForm:
        return StudentForm(
            self.given.text(), self.family.text(), self.preferred.text(), self.number.text()
        )

    def submit(self) -> None:
        roster, form = self._roster, self.form_values
        if self._student is None:
            period = self._period
            self.saved_id = self._write(lambda: roster.add_student(period, form))
        else:
            student = self._student.id
            self._write(lambda: roster.update_student(student, form))
            self.saved_id = student
