"""Entry point and composition root of the window: CLI verbs, or the app itself."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from mathroom import cli
from mathroom.clock import Clock, clock_from_environment
from mathroom.domain.errors import MathroomError
from mathroom.logging_setup import configure_logging
from mathroom.paths import DataFolder

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """The composition root: the one clock is made here and handed to everything else."""
    args = cli.parse(argv)
    if clock is None:
        try:
            clock = clock_from_environment()
        except MathroomError as exc:
            sys.stderr.write(f"mathroom: {exc}\n")
            return 2
    if args.command:
        return cli.run_command(args, clock)
    folder = cli.data_root(args)  # the window opens its open classroom itself
    if args.self_test:
        return self_test(DataFolder(args.self_test), clock)
    try:
        return run_gui(folder, clock)
    except Exception as exc:  # last resort: never a silent exit for a teacher
        return _fatal(folder, exc)


def _fatal(folder: DataFolder, error: Exception) -> int:
    """Log the error and show where the log is, in a dialog when a screen is there."""
    log_file = folder.logs / "mathroom.log"
    log.exception("Mathroom could not start")
    message = (
        f"Mathroom could not start: {error}\n\nYour data was not changed. Details are in {log_file}"
    )
    sys.stderr.write(message + "\n")
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            QMessageBox.critical(None, "Mathroom could not start", message)
    except Exception:  # the dialog itself must never hide the first error
        log.exception("could not show the start-up error dialog")
    return 1


def run_gui(folder: DataFolder, clock: Clock) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from mathroom.desktop import AppController
    from mathroom.ui import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Mathroom")
    app.setOrganizationName("Mathroom")
    theme.apply(app)
    try:
        folder.ensure()
        log_file = configure_logging(folder.logs)
    except OSError as exc:
        QMessageBox.critical(None, "Mathroom", f"Cannot use the data folder {folder.root}: {exc}")
        return 1
    _install_excepthook(log_file)
    _quit_on_signals(app)
    # The controller holds the open classroom's lock, and moves it when the teacher switches.
    controller = AppController(folder, clock)
    try:
        if not controller.start():
            return 0 if app.property(_QUITTING) else 1
        if app.property(_QUITTING):  # stopped while a start-up dialog was open
            return 0
        return app.exec()
    finally:
        controller.shutdown()


_QUITTING = "mathroomQuitting"


def _quit_on_signals(app: QApplication) -> None:
    """Ctrl+C or a kill (``make run`` sends SIGTERM) closes the windows and quits like the
    Quit menu: the window is saved, the database closed and the lock let go, no traceback."""
    import signal

    from PySide6.QtCore import QTimer

    def request_quit(_signum: int, _frame: object) -> None:
        log.info("quitting on a signal")
        app.setProperty(_QUITTING, True)
        QTimer.singleShot(0, app, app.closeAllWindows)
        QTimer.singleShot(0, app, app.quit)

    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), request_quit)
    # Python runs signal handlers only between bytecodes: a slow timer gives it the chance
    # while Qt waits in its event loop.
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(200)


def self_test(folder: DataFolder, clock: Clock) -> int:
    """Smoke test for a built bundle: migrate, create the demo, print, show the window."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from mathroom.composition import open_services
    from mathroom.ui import theme
    from mathroom.ui.main_window import MainWindow
    from mathroom.ui.settings import WindowSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    theme.apply(app)
    folder.ensure()
    services = open_services(folder, clock)
    try:
        if services.demo.is_empty():
            services.demo.create(clock.today())
        period = services.classroom.overview().periods[0]
        out = folder.exports / "self-test.pdf"
        services.printing.roster_sheet(period.id, clock.today(), out)
        window = MainWindow(services, WindowSettings(folder.root / "window.ini"))
        window.show()
        image = window.grab()
        ok = out.stat().st_size > 0 and not image.isNull()
        window.close()
    finally:
        services.close()
    sys.stdout.write(f"self-test {'passed' if ok else 'FAILED'} in {folder.root}\n")
    return 0 if ok else 1


def _install_excepthook(log_file: Path) -> None:
    """Unexpected errors: log the traceback, show a plain dialog, keep the app alive."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)))
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                "Something went wrong",
                "Mathroom hit an unexpected problem. Your saved work is safe.\n\n"
                f"{kind.__name__}: {error}\n\nDetails were written to {log_file}",
            )

    sys.excepthook = hook
