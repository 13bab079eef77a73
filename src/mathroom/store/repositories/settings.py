"""Teacher-data settings stored in the database, so backups carry them."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from mathroom.domain.levels import LevelRule
from mathroom.domain.roster import DisplayNameStyle
from mathroom.store.tables import SettingRow

DISPLAY_NAME_STYLE = "display_name_style"
LEVEL_RULE = "level_rule"


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

    def display_name_style(self) -> DisplayNameStyle:
        try:
            return DisplayNameStyle(str(self.get(DISPLAY_NAME_STYLE)))
        except ValueError:
            return DisplayNameStyle.FIRST_INITIAL

    def set_display_name_style(self, style: DisplayNameStyle) -> None:
        self.set(DISPLAY_NAME_STYLE, style.value)

    def level_rule(self) -> LevelRule:
        try:
            return LevelRule(str(self.get(LEVEL_RULE)))
        except ValueError:
            return LevelRule.MOST_RECENT

    def set_level_rule(self, rule: LevelRule) -> None:
        self.set(LEVEL_RULE, rule.value)
