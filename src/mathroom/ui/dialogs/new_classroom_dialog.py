"""File ▸ Start my own classroom…: a name, and plainly what comes along and what does not."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError
from mathroom.services.classrooms import MAX_NAME, NewClassroom, check_name


class NewClassroomDialog(QDialog):
    """Asks for a name; ``start`` makes the classroom (raising a MathroomError that the dialog
    shows, staying open, if it cannot). Once accepted, ``made`` is the new classroom."""

    def __init__(
        self,
        source: str,
        taken: list[str],
        start: Callable[[str], NewClassroom],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start my own classroom")
        self.setMinimumWidth(520)
        self._taken = taken
        self._start = start
        self.made: NewClassroom | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        title = QLabel("Start my own classroom")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        layout.addWidget(QLabel("Name of your classroom:"))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setPlaceholderText("e.g. Room 14, 2026-27")
        layout.addWidget(self.name_edit)
        comes = QLabel(
            f"Comes along from {source}: the skill map, the task bank (with diagrams), "
            "plan templates and your settings."
        )
        comes.setObjectName("okBanner")
        stays = QLabel(
            "Stays behind: students, periods, day plans, evidence, attendance and groups. "
            "Your classroom starts empty; the first step is importing your roster."
        )
        stays.setObjectName("infoBanner")
        back = QLabel(
            f"{source} stays as it is: File ▸ Switch classroom takes you back at any time."
        )
        back.setObjectName("muted")
        for label in (comes, stays, back):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        self.problem = QLabel()
        self.problem.setObjectName("banner")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = QPushButton("Start my classroom")
        self.start_button.setObjectName("primary")
        self.start_button.setDefault(True)
        self.start_button.setEnabled(False)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(buttons)
        self.name_edit.textChanged.connect(self._on_name_edit_text_changed)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)

    def _on_name_edit_text_changed(self, text: str) -> None:
        self.start_button.setEnabled(bool(text.strip()))
        self.problem.hide()

    def _on_accepted(self) -> None:
        name = self.name_edit.text()
        try:
            check_name(name, self._taken)
            self.made = self._start(name)
        except MathroomError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.accept()
