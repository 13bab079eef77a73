"""Per-machine window state (geometry, splitters) in an INI file beside the data.

Teacher data (periods, schedules, defaults) lives in the database instead, so backups carry it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


class WindowSettings:
    def __init__(self, path: Path) -> None:
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)

    def last_page(self) -> int:
        value = self._settings.value("window/page", 0)
        try:
            return int(str(value))
        except ValueError:
            return 0

    def set_last_page(self, index: int) -> None:
        self._settings.setValue("window/page", index)

    def last_period(self) -> int | None:
        value = self._settings.value("window/period")
        try:
            return int(str(value)) if value is not None else None
        except ValueError:
            return None

    def set_last_period(self, period_id: int) -> None:
        self._settings.setValue("window/period", period_id)

    def projector_screen(self) -> str | None:
        """The screen the teacher last chose for the projector (by name; "" = a window on
        the laptop); None when never chosen, so the app picks the second screen."""
        value = self._settings.value("projector/screen")
        return None if value is None else str(value)

    def set_projector_screen(self, name: str) -> None:
        self._settings.setValue("projector/screen", name)

    def appearance(self) -> str:
        """View ▸ Appearance: "system" (the default), "light" or "dark"."""
        value = str(self._settings.value("window/appearance", "system"))
        return value if value in ("system", "light", "dark") else "system"

    def set_appearance(self, choice: str) -> None:
        self._settings.setValue("window/appearance", choice)

    def projector_high_contrast(self) -> bool:
        """The projector's high-contrast mode (white on black, larger type), last chosen."""
        return str(self._settings.value("projector/high_contrast", "false")).lower() == "true"

    def set_projector_high_contrast(self, on: bool) -> None:
        self._settings.setValue("projector/high_contrast", "true" if on else "false")

    def sync(self) -> None:
        self._settings.sync()
