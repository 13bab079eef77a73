"""Every page of the demo window on common school-laptop screens: nothing pushes the window
past the screen, and no button or label text is cut."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.ui import theme
from mathroom.ui.main_window import MainWindow
from mathroom.ui.settings import WindowSettings

pytestmark = pytest.mark.any_date  # the same on any day: sizes, not dates

SCREENS = ((1366, 768), (1280, 720), (1024, 600))
MINIMUM_FITS = (1280, 700)
WRAPPED_COLUMNS = 10  # a wrapped label narrower than this many letters reads a word a line


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The app's own fonts and style sheet (padding decides whether a label fits)."""
    font, sheet = qapp.font(), qapp.styleSheet()
    theme.apply(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def shown(text: str) -> str:
    """The text as drawn: a mnemonic's '&' is an underline, '&&' one '&'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def button_problem(button: QAbstractButton) -> str | None:
    text = shown(button.text())
    if not text:
        return None
    if button.width() < button.sizeHint().width():
        return f"button {text!r}: {button.width()} px wide, needs {button.sizeHint().width()}"
    advance = QFontMetrics(button.font()).horizontalAdvance(text)
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    if isinstance(button, QPushButton) and advance + icon > button.contentsRect().width():
        return f"button {text!r}: text {advance + icon} px in {button.contentsRect().width()}"
    return None


def label_problem(label: QLabel) -> str | None:
    text = shown(label.text()) if label.buddy() is not None else label.text()
    if not text or label.textFormat() == label.textFormat().RichText or "<" in text:
        return None
    metrics = QFontMetrics(label.font())
    room = label.contentsRect().width() - 2 * max(label.margin(), 0) - max(label.indent(), 0)
    if label.wordWrap():
        longest = max(text.split(), key=metrics.horizontalAdvance, default="")
        if metrics.horizontalAdvance(longest) > room:
            return f"label {text!r}: the word {longest!r} is cut ({room} px)"
        wanted = min(metrics.horizontalAdvance(text), WRAPPED_COLUMNS * metrics.averageCharWidth())
        if room < wanted:
            return f"label {text[:40]!r}: wraps a word a line ({room} px)"
        return None
    widest = max(metrics.horizontalAdvance(line) for line in text.splitlines())
    if widest > room:
        return f"label {text!r}: {widest} px in {room}"
    return None


def clipped_text(window: QWidget) -> list[str]:
    problems: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton):
            problem = button_problem(widget)
        elif isinstance(widget, QLabel):
            problem = label_problem(widget)
        else:
            continue
        if problem is not None:
            problems.append(problem)
    return problems


def test_every_page_fits_school_laptop_screens(
    qtbot: QtBot, themed: QApplication, services: Services, tmp_path: Path
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= MINIMUM_FITS[0] and hint.height() <= MINIMUM_FITS[1], hint
    problems: list[str] = []
    for width, height in SCREENS:
        window.resize(width, height)
        for page in window.pages:
            window.show_page(page.title)
            QApplication.processEvents()
            assert (window.width(), window.height()) == (width, height), page.title
            problems += [f"{width}×{height} {page.title}: {p}" for p in clipped_text(window)]
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_cut_button_and_a_cut_label(qtbot: QtBot, themed: QApplication) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    button = QPushButton("Copy to periods…", host)
    label = QLabel("Next school day", host)
    host.show()
    button.setGeometry(0, 0, 40, 30)
    label.setGeometry(0, 40, 30, 20)
    assert button_problem(button) is not None
    assert label_problem(label) is not None
    button.resize(button.sizeHint())
    label.resize(label.sizeHint())
    assert button_problem(button) is None
    assert label_problem(label) is None
