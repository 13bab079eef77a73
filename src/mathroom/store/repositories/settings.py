"""Teacher-data settings stored in the database, so backups carry them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from mathroom.domain.errors import ValidationError
from mathroom.domain.levels import LevelRule
from mathroom.domain.roster import DisplayNameStyle
from mathroom.domain.scores import CutPoints
from mathroom.store.tables import SettingRow

DISPLAY_NAME_STYLE = "display_name_style"
LEVEL_RULE = "level_rule"
SCORE_CUT_POINTS = "score_cut_points"
PAPER = "paper"
PAPER_CHOICES = ("letter", "a4")
# Per group set: the hard rules a teacher chose to break when saving it (ids, never names).
# They belong to this classroom's own groups, so a new classroom's copied settings leave them.
GROUP_OVERRIDE_PREFIX = "group_override."


class SettingsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str, default: Any = None) -> Any:
        row = self._session.get(SettingRow, key)
        return default if row is None else row.value

    def set(self, key: str, value: Any) -> None:
        row = self._session.get(SettingRow, key)
        if row is None:
            self._session.add(SettingRow(key=key, value=value))
        else:
            row.value = value

    def delete(self, key: str) -> None:
        row = self._session.get(SettingRow, key)
        if row is not None:
            self._session.delete(row)

    def display_name_style(self) -> DisplayNameStyle:
        try:
            return DisplayNameStyle(str(self.get(DISPLAY_NAME_STYLE)))
        except ValueError:
            return DisplayNameStyle.FIRST_INITIAL

    def set_display_name_style(self, style: DisplayNameStyle) -> None:
        self.set(DISPLAY_NAME_STYLE, style.value)

    def paper(self) -> str:
        """ "letter" or "a4": the size every printout uses."""
        value = str(self.get(PAPER, PAPER_CHOICES[0]))
        return value if value in PAPER_CHOICES else PAPER_CHOICES[0]

    def set_paper(self, paper: str) -> None:
        if paper not in PAPER_CHOICES:
            raise ValidationError("paper", f"{paper!r} is not one of {', '.join(PAPER_CHOICES)}")
        self.set(PAPER, paper)

    def level_rule(self) -> LevelRule:
        try:
            return LevelRule(str(self.get(LEVEL_RULE)))
        except ValueError:
            return LevelRule.MOST_RECENT

    def set_level_rule(self, rule: LevelRule) -> None:
        self.set(LEVEL_RULE, rule.value)

    def score_cut_points(self) -> CutPoints:
        """The teacher's score-to-level cut points; the defaults when unset or unreadable."""
        value = self.get(SCORE_CUT_POINTS)
        try:
            return CutPoints(
                Decimal(str(value["getting_there"])),
                Decimal(str(value["got_it"])),
                Decimal(str(value["extending"])),
            )
        except (TypeError, KeyError, InvalidOperation, ValidationError):
            return CutPoints()

    def set_score_cut_points(self, cuts: CutPoints) -> None:
        # Stored as text: JSON numbers would come back as floats.
        self.set(
            SCORE_CUT_POINTS,
            {
                "getting_there": str(cuts.getting_there),
                "got_it": str(cuts.got_it),
                "extending": str(cuts.extending),
            },
        )
