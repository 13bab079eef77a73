"""The Plan page's chosen day: its title, whether the minutes fit, the day's actions and the
list of its blocks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QListWidget, QMenu, QPushButton, QVBoxLayout

from mathroom.domain.plan import BlockKind
from mathroom.ui.widgets.page import label


class PlanDayCard(QFrame):
    """The widgets only: the Plan page fills them and acts on their signals."""

    add_requested = Signal(object)  # the BlockKind chosen from "Add block"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        self.day_title = label("", "sectionTitle")
        self.minutes_banner = label("", "okBanner")
        layout.addWidget(self.day_title)
        layout.addWidget(self.minutes_banner)
        actions = QHBoxLayout()
        self.template_button = QPushButton("Template ▾")
        self.template_button.setToolTip("Start this day from a template (replaces its plan)")
        self.template_menu = QMenu(self)
        self.template_button.setMenu(self.template_menu)
        self.next_day_button = QPushButton("Plan next school day")
        self.next_day_button.setToolTip(
            "Same tasks and timing; pulls from today's exit tickets and whiteboards; fresh groups"
        )
        self.copy_button = QPushButton("Copy to periods…")
        self.copy_button.setToolTip("Copy this plan to other periods, with their own groups")
        self.save_template_button = QPushButton("Save as template…")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete this day's plan (Ctrl+Z undoes)")
        # Two rows, so every label reads in full even with the block editor open beside.
        for button in (self.template_button, self.next_day_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        more = QHBoxLayout()
        for button in (self.copy_button, self.save_template_button, self.delete_button):
            more.addWidget(button)
        more.addStretch(1)
        layout.addLayout(more)
        self.blocks = QListWidget()
        self.blocks.setObjectName("blockList")
        self.blocks.setWordWrap(True)
        layout.addWidget(self.blocks, 1)
        block_actions = QHBoxLayout()
        self.add_button = QPushButton("Add block ▾")
        self.add_menu = QMenu(self)
        for kind in BlockKind:
            action = self.add_menu.addAction(kind.label)
            action.triggered.connect(lambda _checked=False, k=kind: self.add_requested.emit(k))
        self.add_button.setMenu(self.add_menu)
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            block_actions.addWidget(button)
        block_actions.addStretch(1)
        layout.addLayout(block_actions)
        self.banner = label("", "banner")
        self.banner.hide()
        layout.addWidget(self.banner)
