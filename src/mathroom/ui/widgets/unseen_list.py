"""Today's "Not seen for N+ school days": who has waited too long for a pull or a 1-1
conference. Teacher-only (the laptop, never the projector)."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QVBoxLayout, QWidget

from mathroom.services.teacher_time import SeenStudent, Unseen
from mathroom.ui.widgets.page import label


class UnseenList(QWidget):
    """The longest waiting first; those who reach N that day are marked "due today"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.title = label("Not seen for 5+ school days", "sectionTitle")
        self.note = label("", "muted")
        self.list = QListWidget()
        self.list.setObjectName("dayList")
        self.list.setMaximumHeight(140)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.list)

    def show_unseen(self, unseen: Unseen | None) -> None:
        self.list.clear()
        if unseen is None:
            self.title.setText("Not seen for 5+ school days")
            self.note.setText("Choose a period at the top of the window.")
            self.list.hide()
            return
        self.title.setText(f"Not seen for {unseen.every}+ school days")
        lines = [_line(s) for s in unseen.overdue] + [_line(s, due=True) for s in unseen.due]
        self.list.addItems(lines)
        self.list.setVisible(bool(lines))
        if lines:
            self.note.setText(
                "No pull or 1-1 conference for that long. Plan them from the Plan page "
                "(Pull or conferences…)."
            )
        else:
            self.note.setText(
                f"Nobody has waited {unseen.every} or more school days for a pull or a 1-1 "
                "conference."
            )


def _line(seen: SeenStudent, *, due: bool = False) -> str:
    text = f"{seen.name} — {seen.wait_text}"
    if due:
        text += ", due today"
    if seen.next_booked is not None:
        text += f" (planned {seen.next_booked:%a %b} {seen.next_booked.day})"
    return text
