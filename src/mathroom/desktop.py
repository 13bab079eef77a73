"""The composition root's Qt half: opens the database, builds the main window and owns both
(start-up choices, restore, shutdown)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from mathroom.clock import Clock
from mathroom.composition import DatabaseDamagedError, Services, open_services
from mathroom.domain.errors import MathroomError
from mathroom.paths import DataFolder
from mathroom.services.maintenance import MaintenanceService
from mathroom.ui.dialogs.damaged_database_dialog import DamagedChoice, DamagedDatabaseDialog
from mathroom.ui.dialogs.first_run_dialog import FirstRunChoice, FirstRunDialog
from mathroom.ui.main_window import MainWindow
from mathroom.ui.settings import WindowSettings

log = logging.getLogger(__name__)


class AppController:
    def __init__(self, folder: DataFolder, clock: Clock) -> None:
        self._folder = folder
        self._clock = clock
        self.services: Services | None = None
        self.window: MainWindow | None = None

    def start(self) -> bool:
        """Open the data (recovering from damage), offer the demo, show the window."""
        services = self._open()
        if services is None:
            return False
        self.services = services
        if services.demo.is_empty():
            dialog = FirstRunDialog(str(self._folder.root))
            dialog.exec()
            if dialog.choice is FirstRunChoice.DEMO:
                services.demo.create(self._clock.today())
            else:
                services.library.seed_if_empty()
        self.window = MainWindow(
            services, WindowSettings(self._folder.root / "window.ini"), self.restore
        )
        self.window.show()
        return True

    def _open(self) -> Services | None:
        try:
            return open_services(self._folder, self._clock)
        except DatabaseDamagedError as damaged:
            log.warning("damaged database moved aside: %s", damaged.moved_to.name)
            taken = damaged.backup.taken_at if damaged.backup else None
            dialog = DamagedDatabaseDialog(damaged.moved_to, taken)
            dialog.exec()
            if dialog.choice is DamagedChoice.QUIT:
                return None
            if dialog.choice is DamagedChoice.RESTORE and damaged.backup is not None:
                MaintenanceService(self._folder, self._clock.now).restore(damaged.backup.path)
            return self._open_or_explain()
        except MathroomError as exc:
            QMessageBox.critical(None, "Mathroom cannot open its data", str(exc))
            return None

    def _open_or_explain(self) -> Services | None:
        try:
            return open_services(self._folder, self._clock)
        except MathroomError as exc:
            QMessageBox.critical(None, "Mathroom cannot open its data", str(exc))
            return None

    def restore(self, backup: Path) -> None:
        """Close the database, put the backup in place (after a safety backup), reopen it under
        the same services, and show everything afresh."""
        if self.services is None or self.window is None:
            return
        self.services.close()
        try:
            self.services.maintenance.restore(backup)
        finally:
            self.services.connection.reopen()
            self.window.refresh_everything()

    def shutdown(self) -> None:
        if self.window is not None:
            # Let a running import or export finish its transaction before the database closes.
            self.window.ops.wait_until_idle()
        if self.services is not None:
            self.services.close()
            self.services = None
