"""Fixtures for widget tests: the operations road a page reads and writes through."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mathroom.ui import theme
from mathroom.ui.operations import Operations


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Operations]:
    """A real Operations (pool threads, writer thread); idle again before the test ends, then
    deleted right there: left to Python's garbage collector, a QObject and its thread pools
    would be destroyed at some random later moment, in the middle of another test's events."""
    made = Operations()
    yield made
    made.wait_until_idle()
    QCoreApplication.sendPostedEvents(None, 0)  # results already on their way are delivered
    shiboken6.delete(made)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, put back as it was after the test (the theme is app-wide)."""
    sheet, palette = qapp.styleSheet(), QPalette(qapp.palette())
    yield qapp
    theme.set_appearance(qapp, theme.SYSTEM)
    theme._on_color_scheme_changed(Qt.ColorScheme.Unknown)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
