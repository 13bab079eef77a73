"""What an empty classroom shows first: what is ready, and one big button to the roster
import."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mathroom.ui.dialogs.import_wizard import plural


class WelcomePanel(QWidget):
    """Shown in place of the pages while the classroom has no periods."""

    import_requested = Signal()
    add_by_hand_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(720)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(36, 30, 36, 30)
        layout.setSpacing(14)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # the teacher's own words
        self.ready = QLabel()
        self.ready.setWordWrap(True)
        self.ready.setObjectName("okBanner")
        steps = QLabel(
            "Step 1: bring in your students. Export the class rosters from your school's "
            "system (PowerSchool, Infinite Campus, Skyward, Aeries, Google Classroom, Clever) "
            "as CSV or Excel, then import the file here. You see every change before anything "
            "is saved."
        )
        steps.setWordWrap(True)
        steps.setTextFormat(Qt.TextFormat.PlainText)
        self.import_button = QPushButton("Import my roster…")
        self.import_button.setObjectName("primary")
        self.import_button.setMinimumHeight(56)
        font = self.import_button.font()
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.35)
        self.import_button.setFont(font)
        self.by_hand_button = QPushButton("Add a period by hand instead")
        later = QLabel(
            "The pages on the left work too: look through the skills and tasks now, and come "
            "back with File ▸ Switch classroom ▸ Demo classroom to practise on the demo."
        )
        later.setObjectName("muted")
        later.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.ready)
        layout.addWidget(steps)
        layout.addWidget(self.import_button)
        layout.addWidget(self.by_hand_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(later)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.import_button.clicked.connect(self.import_requested)
        self.by_hand_button.clicked.connect(self.add_by_hand_requested)

    def show_classroom(self, name: str, skills: int, tasks: int) -> None:
        self.title.setText(f"Welcome to {name}")
        self.ready.setText(
            f"✓ Ready: your skill map ({plural(skills, 'skill')}) and task bank "
            f"({plural(tasks, 'task')}). No students or periods yet."
        )
