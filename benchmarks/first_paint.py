"""A child process for the start-up benchmark: the real Mathroom window (``app DIR``) or a
bare QMainWindow with a list and a table (``bare``), ending at the first paint; ``filled DIR``
ends instead when the page the teacher left open (the demo's Today page) first paints, with
the classroom read into it.

Run as ``python -m benchmarks.first_paint app DIR``; the parent times the whole process.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        """Ends the process as soon as a main window has painted."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
            if event.type() == QEvent.Type.Paint and isinstance(watched, wanted):
                sys.stdout.flush()
                os._exit(0)  # at once: no teardown, which the teacher does not wait for
            return False

    if argv[1] == "filled":
        from mathroom.ui.widgets.page import Page

        wanted: type = Page
    else:
        wanted = QMainWindow
    app = QApplication(argv[:1])
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    if argv[1] == "bare":
        from PySide6.QtWidgets import QListWidget, QSplitter, QTableWidget

        window = QMainWindow()
        splitter = QSplitter()
        splitter.addWidget(QListWidget())
        splitter.addWidget(QTableWidget(20, 5))
        window.setCentralWidget(splitter)
        window.show()
        return app.exec()
    from mathroom.app import main as mathroom_main

    return mathroom_main(["--data-dir", argv[2]])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
