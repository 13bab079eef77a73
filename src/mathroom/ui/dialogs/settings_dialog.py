"""File → Settings: how names show on shared surfaces."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from mathroom.domain.roster import DisplayNameStyle
from mathroom.services.roster import RosterService
from mathroom.ui.dialogs.form_dialog import FormDialog


class SettingsDialog(FormDialog):
    def __init__(self, roster: RosterService, parent: QWidget | None = None) -> None:
        super().__init__(
            "Settings",
            "Names on the projector, posters and cards. When two students would look the "
            "same, Mathroom adds letters of the family name until they differ.",
            parent,
        )
        self._roster = roster
        self.style_combo = QComboBox()
        current = roster.display_style()
        for style in DisplayNameStyle:
            self.style_combo.addItem(style.label, style.value)
            if style is current:
                self.style_combo.setCurrentIndex(self.style_combo.count() - 1)
        self.add_field("Names on shared screens", "display_name_style", self.style_combo)

    def submit(self) -> None:
        self._roster.set_display_style(DisplayNameStyle(self.style_combo.currentData()))
