"""The Units page's left column: the units in teaching order, the buttons that act on them,
and the repeat window that every unit's planning keeps to."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListView,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mathroom.services.units import REPEAT_WEEKS_RANGE
from mathroom.ui.models.unit_list import UnitListModel
from mathroom.ui.widgets.page import card, label


class UnitListPanel(QWidget):
    """The widgets only: the page fills the list and acts on the buttons and keys."""

    delete_pressed = Signal()  # Delete in the list
    move_pressed = Signal(int)  # Alt+Up (-1) or Alt+Down (1) in the list

    def __init__(self) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        self.new_button = QPushButton("&New unit")
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip("Start an empty unit (Ctrl+Shift+N)")
        self.duplicate_button = QPushButton("D&uplicate")
        self.archive_button = QPushButton("&Archive")
        for button in (self.new_button, self.duplicate_button, self.archive_button):
            actions.addWidget(button)
        actions.addStretch(1)
        column.addLayout(actions)
        self.model = UnitListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setSpacing(3)
        self.list.setUniformItemSizes(True)
        self.list.setToolTip("In teaching order. Delete archives the chosen unit (Ctrl+Z undoes)")
        column.addWidget(self.list, 1)
        below = QHBoxLayout()
        self.up_button = QPushButton("▲ Earlier")
        self.down_button = QPushButton("▼ Later")
        self.up_button.setToolTip("Earlier in the year (Alt+Up in the list)")
        self.down_button.setToolTip("Later in the year (Alt+Down in the list)")
        self.archived = QCheckBox("Show ar&chived")
        below.addWidget(self.up_button)
        below.addWidget(self.down_button)
        below.addStretch(1)
        below.addWidget(self.archived)
        column.addLayout(below)
        repeat_frame, repeat_box = card()
        caption = label("Don't &repeat a task a period did in the last")
        caption.setTextFormat(Qt.TextFormat.AutoText)  # for the & of Alt+R
        repeat_box.addWidget(caption)
        repeat_row = QHBoxLayout()
        self.repeat_weeks = QSpinBox()
        caption.setBuddy(self.repeat_weeks)
        self.repeat_weeks.setFixedWidth(120)
        self.repeat_weeks.setRange(*REPEAT_WEEKS_RANGE)
        self.repeat_weeks.setSuffix(" weeks")
        self.repeat_weeks.setKeyboardTracking(False)
        self.repeat_weeks.setToolTip(
            "Plan next school day and templates skip these tasks for the period, unless you "
            "allow repeats. For every unit and period."
        )
        repeat_row.addWidget(self.repeat_weeks)
        repeat_row.addStretch(1)
        repeat_box.addLayout(repeat_row)
        column.addWidget(repeat_frame)
        for keys, signal, value in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_pressed, None),
            (QKeySequence("Alt+Up"), self.move_pressed, -1),
            (QKeySequence("Alt+Down"), self.move_pressed, 1),
        ):
            shortcut = QShortcut(keys, self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            if value is None:
                shortcut.activated.connect(signal.emit)
            else:
                shortcut.activated.connect(lambda s=signal, v=value: s.emit(v))

    def focus_chain(self) -> list[QWidget]:
        """The column's widgets in the order Tab visits them."""
        return [
            self.list,
            self.new_button,
            self.duplicate_button,
            self.archive_button,
            self.up_button,
            self.down_button,
            self.archived,
            self.repeat_weeks,
        ]
