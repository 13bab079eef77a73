"""What a practice sheet works on, a drop-down to choose its skills, and a way back."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from mathroom.ui.widgets.focus_picker import FocusPicker
from mathroom.ui.widgets.page import label
from mathroom.ui.widgets.practice_preview import skill_title


class FocusCard(QFrame):
    """The sheet's focus skills by name, how they were chosen, and the two ways to change
    them. Ticks in the picker are passed on at once as ``focus_changed``."""

    focus_changed = Signal(object)  # tuple[str, ...]; empty: back to their gaps
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 12, 14, 12)
        box.setSpacing(6)
        box.addWidget(label("What this sheet works on", "sectionTitle"))
        self.summary = label("")
        self.note = label("", "muted")
        self.note.setToolTip(
            "Mathroom picks up to three of their weakest skills (Not yet before Getting "
            "there). When the day's Practice block names skills, the ones they still need "
            "are used instead."
        )
        box.addWidget(self.summary)
        box.addWidget(self.note)
        self.choose_button = QPushButton("Choose skills ▾")
        self.choose_button.setToolTip("Tick the skills this student should practise")
        # The picker lives in a drop-down so the marks below keep their room; ticking in
        # it does not close it, and each tick changes the sheet at once.
        self.picker = FocusPicker()
        self.picker.setMinimumSize(380, 420)
        self.menu = QMenu(self)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.picker)
        self.menu.addAction(action)
        self.choose_button.setMenu(self.menu)
        self.gaps_button = QPushButton("Back to their gaps")
        self.gaps_button.setToolTip("Let Mathroom choose from this student's weakest skills again")
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.gaps_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.picker.focus_changed.connect(self.focus_changed)
        self.menu.aboutToShow.connect(self._on_menu_about_to_show)
        self.gaps_button.clicked.connect(self.back_requested)

    def show_focus(
        self, focus: Sequence[str], hand: Sequence[str], today: Sequence[str] = ()
    ) -> None:
        """``focus``: the sheet's gap skills; ``hand``: the teacher's choice, if any;
        ``today``: the day's planned focus where it has places of its own."""
        self.picker.set_codes(hand or focus)
        lines = [f"• {skill_title(code)} ({code})" for code in focus]
        lines += [f"• Today's focus: {skill_title(code)} ({code})" for code in today]
        self.summary.setText("\n".join(lines) or "Review only: no gaps on record.")
        if hand:
            self.note.setText("Chosen by you for this day.")
        elif focus:
            self.note.setText(
                "At least half the sheet is on their weakest skills"
                + ("; the day's Practice focus shares the rest." if today else ".")
            )
        else:
            self.note.setText("No gaps on record: the day's focus and review.")
        self.choose_button.setEnabled(True)
        self.gaps_button.setEnabled(bool(hand))

    def clear(self) -> None:
        self.picker.set_codes(())
        self.summary.setText("")
        self.note.setText("")
        self.choose_button.setEnabled(False)
        self.gaps_button.setEnabled(False)

    @Slot()
    def _on_menu_about_to_show(self) -> None:
        self.picker.put_ticked_first()
        self.picker.filter.setFocus()
