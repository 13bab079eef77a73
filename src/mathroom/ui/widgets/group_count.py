"""How many groups to make: a number of groups (one per whiteboard by default) or a size."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from mathroom.domain.grouping import Remainder

DEFAULT_SIZE = 3  # groups of three when the day has no whiteboards planned
BY_COUNT, BY_SIZE = "count", "size"


class GroupCount(QWidget):
    """ "Number of groups: 6" or "Group size: groups of 3" (with where the extra students
    go); only the choice in use is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.count_by = QComboBox()
        self.count_by.setAccessibleName("Count by")
        self.count_by.addItem("Number of groups", BY_COUNT)
        self.count_by.addItem("Group size", BY_SIZE)
        self.group_count = QSpinBox()
        self.group_count.setAccessibleName("Number of groups")
        self.group_count.setRange(2, 20)
        self.group_count.setSuffix(" groups")
        self.group_size = QSpinBox()
        self.group_size.setAccessibleName("Students in each group")
        self.group_size.setRange(2, 6)
        self.group_size.setValue(DEFAULT_SIZE)
        self.group_size.setPrefix("Groups of ")
        self.remainder = QComboBox()
        self.remainder.setAccessibleName("Students left over")
        self.remainder.addItem("Extra students: a few groups one larger", Remainder.LARGER.value)
        self.remainder.addItem("Short: a few groups one smaller", Remainder.SMALLER.value)
        for widget in (self.count_by, self.group_count, self.group_size, self.remainder):
            row.addWidget(widget)
        self.count_by.currentIndexChanged.connect(self._show_choice)
        self._show_choice()

    def count(self) -> int | None:
        """The number of groups asked for; None when a group size is asked for instead."""
        return self.group_count.value() if self.count_by.currentData() == BY_COUNT else None

    def chosen_size(self) -> int:
        return self.group_size.value()

    def chosen_remainder(self) -> Remainder:
        return Remainder(self.remainder.currentData())

    def use_count(self, groups: int) -> None:
        self.count_by.setCurrentIndex(self.count_by.findData(BY_COUNT))
        self.group_count.setValue(groups)

    def use_default(self, boards: int | None) -> None:
        """One group per whiteboard when the day has some; else groups of three."""
        if boards:
            self.use_count(boards)
        else:
            self.count_by.setCurrentIndex(self.count_by.findData(BY_SIZE))
            self.group_size.setValue(DEFAULT_SIZE)

    def _show_choice(self, *_args: object) -> None:
        by_count = self.count_by.currentData() == BY_COUNT
        self.group_count.setVisible(by_count)
        self.group_size.setVisible(not by_count)
        self.remainder.setVisible(not by_count)  # a number of groups settles the sizes
