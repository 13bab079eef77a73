"""The composition root's Qt half: opens the open classroom's database, builds the main window
and owns both (start-up choices, restore, switching classrooms, shutdown)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from mathroom.clock import Clock
from mathroom.composition import (
    RecoveryNeededError,
    Services,
    open_database_of,
    open_services,
)
from mathroom.domain.errors import MathroomError
from mathroom.instance_lock import InstanceLock, InstanceLockedError
from mathroom.paths import DataFolder
from mathroom.services.classrooms import Classroom, Classrooms, NewClassroom
from mathroom.services.maintenance import MaintenanceService
from mathroom.ui.main_window import MainWindow
from mathroom.ui.settings import WindowSettings

log = logging.getLogger(__name__)


class AppController:
    """``folder`` is the data folder; the window shows its open classroom (the folder itself
    unless the teacher started or chose another)."""

    def __init__(self, folder: DataFolder, clock: Clock) -> None:
        self._clock = clock
        self.classrooms = Classrooms(folder.root, clock.now)
        self.classroom: Classroom | None = None
        self.services: Services | None = None
        self.window: MainWindow | None = None
        self._lock: InstanceLock | None = None

    def start(self) -> bool:
        """Open the classroom (recovering from damage), offer the demo, show the window.

        The window paints first, with the classroom's name and its pages' names, then the
        database is opened (checked, backed up, migrated) and the window filled: the teacher
        sees Mathroom at once, and any question about the data comes over it."""
        try:
            classroom = self.classrooms.open_one()
            lock = _locked(classroom.data_folder)
        except MathroomError as exc:
            _explain(exc)
            return False
        self.classroom = classroom
        services = open_services(classroom.data_folder, self._clock, now=False)
        window = self._new_window(services, classroom, fill_later=True)
        window.show()
        _until_painted(window)
        if not self._open(services):
            window.close()
            window.deleteLater()
            self.classroom = None
            lock.release()
            return False
        self._lock, self.services = lock, services
        if classroom.is_root and services.classroom.overview().is_empty:
            # A fresh data folder; the teacher's own classrooms start empty on purpose.
            from mathroom.ui.dialogs.first_run_dialog import FirstRunChoice, FirstRunDialog

            backups = services.maintenance.backups()
            kept = f"{len(backups)} backups (newest {backups[0].path.name})" if backups else None
            dialog = FirstRunDialog(str(classroom.path), kept=kept, parent=window)
            dialog.exec()
            if dialog.choice is FirstRunChoice.DEMO:
                services.demo.create(self._clock.today())
            else:
                services.library.seed_if_empty()
            self.classroom = self.classrooms.open_one()  # the demo is now named as one
        self.window = window
        window.fill()
        return True

    # -- the classrooms (File ▸ Start my own classroom / Switch classroom) --------------
    def current(self) -> Classroom:
        assert self.classroom is not None
        return self.classroom

    def all(self) -> list[Classroom]:
        return self.classrooms.all()

    def create(self, name: str) -> NewClassroom:
        """Make an empty classroom with the open one's skill map and task bank (the window
        then switches to it)."""
        return self.classrooms.create(name, self.current())

    def switch_to(self, name: str) -> None:
        """Open another classroom in place of this one: the new one is opened (and locked)
        first, so a failure leaves the teacher where they were; then the old window's work
        is waited for, its database closed and its lock let go."""
        target = self.classrooms.find(name)
        if self.classroom is not None and target.folder == self.classroom.folder:
            return
        old_window, old_services, old_lock = self.window, self.services, self._lock
        if old_window is not None:
            old_window.ops.wait_until_idle()
        lock = _locked(target.data_folder)
        try:
            services = open_services(target.data_folder, self._clock)
            try:
                target = self.classrooms.use(target.name)
            except BaseException:
                services.close()
                raise
        except BaseException:
            lock.release()
            raise
        log.info("switched to classroom %s", target.folder)
        self.classroom, self.services, self._lock = target, services, lock
        window = self._new_window(services, target)
        if old_window is not None:
            window.setGeometry(old_window.geometry())
        # Shown before the old one closes, so the app never has no window (it would quit).
        window.show()
        self.window = window
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_services is not None:
            old_services.close()
        if old_lock is not None:
            old_lock.release()

    def _new_window(
        self, services: Services, classroom: Classroom, *, fill_later: bool = False
    ) -> MainWindow:
        settings = WindowSettings(classroom.path / "window.ini")
        return MainWindow(services, settings, self.restore, classrooms=self, fill_later=fill_later)

    # -- opening and restoring -----------------------------------------------------------
    def _open(self, services: Services) -> bool:
        """Open the services' database; a damaged one is set aside and the teacher chooses
        (restore the newest good backup, start empty, or quit: False)."""
        folder = services.folder
        try:
            open_database_of(services)
            return True
        except RecoveryNeededError as damaged:
            # Asked at every start until the teacher restores or starts empty: the damaged
            # file stays aside and the backups stay, whatever is chosen.
            log.warning("data needs recovery: %s", damaged)
            from mathroom.ui.dialogs.damaged_database_dialog import (
                DamagedChoice,
                DamagedDatabaseDialog,
            )

            backup = damaged.backup
            dialog = DamagedDatabaseDialog(
                damaged.set_aside,
                backup.taken_at if backup else None,
                backup_name=backup.path.name if backup else None,
                problem=damaged.lines()[0],
            )
            dialog.exec()
            if dialog.choice is DamagedChoice.QUIT:
                return False
            maintenance = MaintenanceService(folder, self._clock.now)
            try:
                if dialog.choice is DamagedChoice.RESTORE and backup is not None:
                    maintenance.restore(backup.path)
                else:
                    maintenance.start_empty()
            except MathroomError as exc:
                QMessageBox.critical(None, "Mathroom cannot open its data", str(exc))
                return False
            return self._open_or_explain(services)
        except MathroomError as exc:
            QMessageBox.critical(None, "Mathroom cannot open its data", str(exc))
            return False

    def _open_or_explain(self, services: Services) -> bool:
        try:
            open_database_of(services)
            return True
        except MathroomError as exc:
            QMessageBox.critical(None, "Mathroom cannot open its data", str(exc))
            return False

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
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _until_painted(window: MainWindow, limit_ms: int = 500) -> None:
    """Let the window system show the window and Qt paint it, waiting at most ``limit_ms``
    (a Qt timer: a bound on waiting, not a time anything is decided by)."""
    from PySide6.QtCore import QEventLoop, QTimer

    handle = window.windowHandle()
    if handle is not None and not handle.isExposed():
        loop = QEventLoop()
        poll = QTimer()  # QWindow has no signal for "exposed": look every few milliseconds

        def look() -> None:
            if handle.isExposed():
                loop.quit()

        poll.timeout.connect(look)
        poll.start(10)
        QTimer.singleShot(limit_ms, loop.quit)
        loop.exec()
        poll.stop()
    window.repaint()


def _locked(folder: DataFolder) -> InstanceLock:
    """The classroom's lock, held (one running Mathroom per classroom)."""
    folder.ensure()
    lock = InstanceLock(folder.lock_file)
    lock.acquire()
    return lock


def _explain(error: MathroomError) -> None:
    if isinstance(error, InstanceLockedError):
        from mathroom.ui.dialogs.already_open_dialog import already_open_box

        already_open_box(error).exec()
        return
    QMessageBox.critical(None, "Mathroom", str(error))
