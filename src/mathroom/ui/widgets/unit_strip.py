"""The Plan page's unit line: the chosen period's unit and week, and "Plan next days…"."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from mathroom.ui.widgets.page import label


class UnitStrip(QWidget):
    """ "Unit: Operations with rational numbers · week 2 of 3   [Plan next days…]" """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.unit_label = label("", "muted", wrap=False)
        self.plan_days_button = QPushButton("Plan next days…")
        self.plan_days_button.setToolTip(
            "Plan the next school days of one or more periods from their units: new tasks "
            "every day, pulls from the evidence, fresh groups"
        )
        layout.addWidget(self.unit_label, 1)
        layout.addWidget(self.plan_days_button)

    def show_unit(self, text: str) -> None:
        self.unit_label.setText(text)
        self.unit_label.setVisible(bool(text))

    @property
    def has_unit(self) -> bool:
        """Whether the chosen period works on a unit on the chosen day."""
        return self.unit_label.text().startswith("Unit:")
