"""Every page of the demo window on common school-laptop screens: nothing pushes the window
past the screen, and no button or label text is cut."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.ui import theme
from mathroom.ui.main_window import MainWindow
from mathroom.ui.settings import WindowSettings

pytestmark = pytest.mark.any_date  # the same on any day: sizes, not dates

SCREENS = ((1366, 768), (1280, 720), (1024, 600))
MINIMUM_FITS = (1280, 700)
WRAP = int(Qt.TextFlag.TextWordWrap)
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
    if button.height() < button.minimumSizeHint().height():
        return (
            f"button {text!r}: {button.height()} px high, needs {button.minimumSizeHint().height()}"
        )
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
    high = label.contentsRect().height() - 2 * max(label.margin(), 0)
    if label.wordWrap():
        longest = max(text.split(), key=metrics.horizontalAdvance, default="")
        if metrics.horizontalAdvance(longest) > room:
            return f"label {text!r}: the word {longest!r} is cut ({room} px)"
        lines = metrics.boundingRect(QRect(0, 0, max(room, 1), 10**5), WRAP, text).height()
        if lines > high + 1:
            return f"label {text[:40]!r}: {lines} px of lines in {high} px"
        wanted = min(metrics.horizontalAdvance(text), WRAPPED_COLUMNS * metrics.averageCharWidth())
        if room < wanted:
            return f"label {text[:40]!r}: wraps a word a line ({room} px)"
        return None
    if metrics.height() * len(text.splitlines()) > high + 1:
        return f"label {text[:40]!r}: {len(text.splitlines())} lines in {high} px"
    widest = max(metrics.horizontalAdvance(line) for line in text.splitlines())
    if widest > room:
        return f"label {text!r}: {widest} px in {room}"
    return None


def cut_by_parent(widget: QWidget) -> str | None:
    """A widget its own parents cut off (a line of a flow row drawn past the row's bottom);
    cut by a scroll area's viewport is scrolled, not cut."""
    rect = widget.rect()
    child, parent = widget, widget.parentWidget()
    while (
        parent is not None
        and not child.isWindow()
        and parent.objectName() != "qt_scrollarea_viewport"
    ):
        rect = rect.translated(child.pos())
        inside = rect.intersected(parent.rect())
        if inside != rect:
            what = shown(widget.text()) if isinstance(widget, (QAbstractButton, QLabel)) else ""
            return f"{type(widget).__name__} {what[:40]!r} cut by {type(parent).__name__}"
        child, parent = parent, parent.parentWidget()
    return None


def _cards_beside(card: QWidget) -> list[QWidget]:
    parent = card.parentWidget()
    if parent is None:
        return []
    return [
        w
        for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if w.objectName() == "card" and w.isVisible()
    ]


def clipped_text(window: QWidget) -> list[str]:
    problems: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            # Panels stack or wrap on a narrow screen: sideways scrolling hides half a row.
            problems.append(f"{widget.objectName() or 'a panel'} scrolls sideways")
            continue
        if widget.objectName() == "card":
            problems += [
                f"cards overlap: {widget.geometry().getRect()} and {other.geometry().getRect()}"
                for other in _cards_beside(widget)
                if other is not widget and other.geometry().intersects(widget.geometry())
            ]
            continue
        if isinstance(widget, QAbstractButton):
            problem = button_problem(widget)
        elif isinstance(widget, QLabel):
            problem = label_problem(widget)
        else:
            continue
        if problem is None and (
            shown(widget.text()) if isinstance(widget, QAbstractButton) else widget.text()
        ):
            problem = cut_by_parent(widget)
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
            for _ in range(3):  # a wrapped line's new height takes a layout pass or two
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


def test_the_check_sees_text_cut_short_or_cut_off_by_its_row(
    qtbot: QtBot, themed: QApplication
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    button = QPushButton("1  Not yet", host)
    wrapped = QLabel("At least half the sheet is on their weakest skills", host)
    wrapped.setWordWrap(True)
    row = QWidget(host)
    cut = QLabel("Answer key", row)
    host.resize(300, 200)
    host.show()
    button.setGeometry(0, 0, button.sizeHint().width(), 12)
    wrapped.setGeometry(0, 40, 120, 18)
    row.setGeometry(0, 80, 200, 10)
    cut.setGeometry(0, 4, cut.sizeHint().width(), cut.sizeHint().height())
    assert "high" in (button_problem(button) or "")
    assert "lines" in (label_problem(wrapped) or "")
    assert "cut by" in (cut_by_parent(cut) or "")
    button.resize(button.sizeHint())
    wrapped.resize(120, wrapped.heightForWidth(120))
    row.resize(200, 40)
    assert button_problem(button) is None
    assert label_problem(wrapped) is None
    assert cut_by_parent(cut) is None
