"""File → Settings: how names show on shared surfaces, and how levels are worked out."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from mathroom.domain.levels import HALF_LIFE_DAYS, LevelRule
from mathroom.domain.roster import DisplayNameStyle
from mathroom.services.changes import Change
from mathroom.services.evidence import EvidenceService
from mathroom.services.roster import RosterService
from mathroom.ui.dialogs.form_dialog import FormDialog
from mathroom.ui.operations import Operations


class SettingsDialog(FormDialog):
    def __init__(
        self,
        ops: Operations,
        roster: RosterService,
        evidence: EvidenceService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Settings",
            "These settings are saved with your classroom data, so backups carry them.",
            parent,
        )
        self._roster = roster
        self._evidence = evidence
        self._ops = ops
        self.style_combo = QComboBox()
        current, rule = ops.query(lambda: (roster.display_style(), evidence.level_rule()))
        for style in DisplayNameStyle:
            self.style_combo.addItem(style.label, style.value)
            if style is current:
                self.style_combo.setCurrentIndex(self.style_combo.count() - 1)
        self.add_field("Names on shared screens", "display_name_style", self.style_combo)
        self.form.addRow(
            "",
            _note(
                "When two students would look the same, Mathroom adds letters of the family name "
                "until they differ."
            ),
        )
        self.rule_combo = QComboBox()
        for option in LevelRule:
            self.rule_combo.addItem(option.label, option.value)
            if option is rule:
                self.rule_combo.setCurrentIndex(self.rule_combo.count() - 1)
        self.add_field("A student's current level", "level_rule", self.rule_combo)
        self.form.addRow(
            "",
            _note(
                "Most recent: the newest observation counts. Average: every observation counts, "
                f"one from {HALF_LIFE_DAYS} days ago half as much as one from today."
            ),
        )

    def submit(self) -> None:
        roster, evidence = self._roster, self._evidence
        style = DisplayNameStyle(self.style_combo.currentData())
        rule = LevelRule(self.rule_combo.currentData())

        def save() -> None:
            roster.set_display_style(style)
            evidence.set_level_rule(rule)

        self._ops.write(save, Change.EVERYTHING)  # names and levels show on every page


def _note(text: str) -> QLabel:
    note = QLabel(text)
    note.setWordWrap(True)
    note.setObjectName("muted")
    return note
