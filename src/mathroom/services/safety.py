"""Back up before a bulk change, so the teacher can always go back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from mathroom.paths import DataFolder
from mathroom.store.backup import BackupReason, DatabaseHealth, check_health, create_backup


class SafetyNet:
    def __init__(self, folder: DataFolder, now: Callable[[], datetime]) -> None:
        self._folder = folder
        self._now = now

    def before_import(self) -> Path | None:
        return self._backup(BackupReason.BEFORE_IMPORT)

    def before_change(self) -> Path | None:
        return self._backup(BackupReason.BEFORE_CHANGE)

    def _backup(self, reason: BackupReason) -> Path | None:
        db = self._folder.database
        if check_health(db)[0] is not DatabaseHealth.OK or db.stat().st_size == 0:
            return None
        return create_backup(db, self._folder.backups, reason, self._now())
