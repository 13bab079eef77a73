"""Keyboard and screen readers: every focusable control on every page has an accessible name,
derived from its label, text, tooltip or placeholder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.ui.main_window import MainWindow
from mathroom.ui.settings import WindowSettings
from mathroom.ui.widgets.accessible_names import name_controls

pytestmark = pytest.mark.any_date  # the same on any day: names, not dates


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
    name_controls(host)
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


def test_every_focusable_control_on_every_page_has_a_name(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    unnamed: list[str] = []
    for page in window.pages:
        window.show_page(page.title)
        qtbot.wait(50)
        chain = focus_chain(page)
        assert chain, page.title
        unnamed += [
            f"{page.title}: {type(w).__name__} {w.objectName()!r}"
            for w in chain
            if not w.accessibleName().strip()
        ]
    assert not unnamed, unnamed
