"""Pick the periods that get a copy of a day's lesson."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from mathroom.domain.ids import PeriodId
from mathroom.domain.roster import Period
from mathroom.ui.widgets.page import label


class CopyDialog(QDialog):
    """Pick the periods that get a copy of this day's lesson."""

    def __init__(self, periods: Sequence[Period], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Copy this plan to other periods")
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                "Blocks, tasks and timing are copied. Groups are made fresh from each period's "
                "own roster; pulls stay with this period's students."
            )
        )
        self.boxes: dict[PeriodId, QCheckBox] = {}
        for period in periods:
            box = QCheckBox(period.name)
            box.setChecked(True)
            self.boxes[period.id] = box
            layout.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[PeriodId]:
        return [pid for pid, box in self.boxes.items() if box.isChecked()]
