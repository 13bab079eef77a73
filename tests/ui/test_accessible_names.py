"""Keyboard and screen readers: every focusable control on every page has an accessible name,
derived from its label, text, tooltip or placeholder."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.ui.main_window import MainWindow
from mathroom.ui.settings import WindowSettings
from mathroom.ui.widgets.accessible_names import name_controls

pytestmark = pytest.mark.any_date  # the same on any day: names, not dates
SLACK = 8  # pixels: controls on one row may sit a little higher or lower


def test_names_come_from_buddy_text_tooltip_and_placeholder(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    field, search, button, icon = (
        QLineEdit(host),
        QLineEdit(host),
        QPushButton(host),
        QPushButton(host),
    )
    QLabel("&Name:", host).setBuddy(field)
    search.setPlaceholderText("Search students")
    button.setText("&Print…")
    icon.setToolTip("Open the projector (Ctrl+P)")
    weeks = QSpinBox(host)
    QLabel("&Weeks", host).setBuddy(weeks)
    name_controls(host)
    assert weeks.accessibleName() == "Weeks"
    inner = weeks.findChild(QLineEdit)
    assert inner is not None and inner.accessibleName() == "Weeks"  # the box, not its field
    assert field.accessibleName() == "Name:"
    assert search.accessibleName() == "Search students"
    assert button.accessibleName() == "Print"
    assert icon.accessibleName() == "Open the projector"


def focus_chain(page: QWidget) -> list[QWidget]:
    """The page's focusable, visible widgets in tab order."""
    found: list[QWidget] = []
    widget: QWidget | None = page.nextInFocusChain()
    while widget is not None and widget is not page and widget not in found:
        if (
            page.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def test_every_control_has_a_name_and_tab_reads_like_the_page(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    unnamed: list[str] = []
    backwards: list[str] = []
    for page in window.pages:
        window.show_page(page.title)
        qtbot.wait(50)
        chain = focus_chain(page)
        assert chain, page.title
        backwards += [f"{page.title}: {step}" for step in _steps_back(page, chain)]
        unnamed += [
            f"{page.title}: {type(w).__name__} {w.objectName()!r}"
            for w in chain
            if not w.accessibleName().strip()
        ]
        # The page's title or purpose names no one control: one named so has no label.
        unnamed += [
            f"{page.title}: {type(w).__name__} named {w.accessibleName()[:30]!r}"
            for w in chain
            if w.accessibleName() in (page.title, page.purpose.rstrip("."))
        ]
    assert not unnamed, unnamed
    assert not backwards, backwards


def _steps_back(page: QWidget, chain: list[QWidget]) -> list[str]:
    """Tab steps that go up and to the left at once: the order should read like the page,
    down a column or on to the right (a jump to the top of the next column is fine)."""
    found = []
    for first, second in pairwise(chain):
        a, b = first.mapTo(page, QPoint(0, 0)), second.mapTo(page, QPoint(0, 0))
        if b.y() < a.y() - SLACK and b.x() < a.x() - SLACK:
            found.append(
                f"{type(first).__name__} {first.accessibleName()!r} → "
                f"{type(second).__name__} {second.accessibleName()!r}"
            )
    return found


def mnemonic(text: str) -> str:
    """The letter after a single '&' ('' when none): Alt and that letter press the control."""
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].lower() if at >= 0 else ""


def test_alt_letters_are_unique_on_every_page_and_leave_the_menus_theirs(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    menus = {mnemonic(action.text()) for action in window.menuBar().actions()}
    assert menus == {"f", "e", "v", "h"}
    clashes: list[str] = []
    letters: dict[str, set[str]] = {}
    for page in window.pages:
        window.show_page(page.title)
        qtbot.wait(20)
        taken: dict[str, str] = {}
        for widget in page.findChildren(QWidget):
            if isinstance(widget, QAbstractButton) or (
                isinstance(widget, QLabel) and widget.buddy() is not None
            ):
                text = widget.text()
                letter = mnemonic(text)
                if not letter or not widget.isVisibleTo(page):
                    continue
                if letter in menus or letter in taken:
                    clashes.append(f"{page.title}: Alt+{letter} {text!r} and {taken.get(letter)!r}")
                taken[letter] = text
        letters[page.title] = set(taken)
    assert not clashes, clashes
    assert set("tsbpkl") <= letters["Library"], letters["Library"]
    assert set("nua") <= letters["Units"], letters["Units"]
