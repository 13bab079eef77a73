"""What a teacher does with the real window, as the end-to-end tests say it: start and quit the
app, go to a page, click buttons and list rows, press keys, and read what is on screen.

Everything here finds widgets the way the teacher does, by their words on screen (or a list's
rows), through the main window's public attributes only, so the tests do not depend on how
the pages are built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from mathroom.clock import Clock
from mathroom.desktop import AppController
from mathroom.paths import DataFolder
from mathroom.ui.main_window import MainWindow
from mathroom.ui.projector.paged_document import PagedDocumentView
from mathroom.ui.projector.projector_window import ProjectorWindow

BACKGROUND_MS = 20_000  # the longest a background job (groups, a packet) may take here
SCREEN = (1440, 900)  # the teacher's laptop: every page fits without scrolling sideways


# -- the app ------------------------------------------------------------------------------
def start_app(qtbot: QtBot, folder: DataFolder, clock: Clock) -> tuple[AppController, MainWindow]:
    """Open the app on ``folder`` the way ``mathroom`` does, and wait for its window (the
    caller quits it and frees it: see ``quit_app`` and ``free_windows``)."""
    controller = AppController(folder, clock)
    assert controller.start(), "the app did not start"
    window = controller.window
    assert window is not None
    window.resize(*SCREEN)
    qtbot.waitExposed(window)
    return controller, window


def quit_app(controller: AppController) -> None:
    """File ▸ Quit, then what the entry point does after the event loop ends."""
    window = controller.window
    if window is not None and window.isVisible():
        window.quit_action.trigger()
    controller.shutdown()  # waits for the window's background work first


def free_windows(controllers: list[AppController]) -> None:
    """Delete the quit apps' windows now, as the end of the process would (a packet preview
    keeps its PDF open until its window goes)."""
    for controller in controllers:
        if controller.window is not None:
            controller.window.close()
            controller.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- finding and using widgets ------------------------------------------------------------
def open_page(qtbot: QtBot, window: MainWindow, title: str) -> QWidget:
    """Click the page's name in the sidebar; the page on show."""
    items = window.sidebar.findItems(title, Qt.MatchFlag.MatchExactly)
    assert items, f"no {title!r} in the sidebar"
    click_item(qtbot, window.sidebar, window.sidebar.row(items[0]))
    page = window.current_page()
    assert page is not None and page.isVisible()
    return page


def button(parent: QWidget, text: str) -> QAbstractButton:
    """The one visible button whose words start with ``text``."""
    found = [
        b
        for b in parent.findChildren(QAbstractButton)
        if b.isVisible() and b.text().startswith(text)
    ]
    assert len(found) == 1, f"{len(found)} visible buttons say {text!r}"
    return found[0]


def click(qtbot: QtBot, widget: QAbstractButton) -> None:
    assert widget.isEnabled(), f"{widget.text()!r} is greyed out"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle(qtbot)


def settle(qtbot: QtBot) -> None:
    """Let the window finish what a click started (new widgets are shown by the event loop),
    as the teacher sees it a moment later."""
    qtbot.wait(20)


def click_item(qtbot: QtBot, view: QListWidget, row: int) -> None:
    """Click a list's row (scrolled into view first, as the teacher would)."""
    item = view.item(row)
    assert item is not None, f"no row {row}"
    view.scrollToItem(item)
    rect = view.visualItemRect(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def rows(view: QListWidget) -> list[str]:
    return [view.item(row).text() for row in range(view.count())]


def name_in(row: str) -> str:
    """The student's name in a register row such as "✗  Ana B. — absent"."""
    return row.split("  ", 1)[-1].split(" — ")[0]


def choose(combo: QComboBox, text: str) -> None:
    """Pick the entry that reads ``text`` from a drop-down."""
    index = combo.findText(text)
    assert index >= 0, (
        f"{text!r} is not offered: {[combo.itemText(i) for i in range(combo.count())]}"
    )
    combo.setCurrentIndex(index)


def combo_with(parent: QWidget, entry: str) -> QComboBox:
    """The visible drop-down that offers an entry starting with ``entry``."""
    found = [
        combo
        for combo in parent.findChildren(QComboBox)
        if combo.isVisible() and combo.findText(entry, Qt.MatchFlag.MatchStartsWith) >= 0
    ]
    assert len(found) == 1, f"{len(found)} drop-downs offer {entry!r}"
    return found[0]


def list_with(parent: QWidget, row_text: str) -> QListWidget:
    """The visible list that has a row containing ``row_text``."""
    found = [
        view
        for view in parent.findChildren(QListWidget)
        if view.isVisible() and any(row_text in text for text in rows(view))
    ]
    assert len(found) == 1, f"{len(found)} lists show {row_text!r}"
    return found[0]


def screen_text(widget: QWidget) -> str:
    """What can be read: every visible label, table cell and paged document, a line each."""
    parts = [
        label.text() for label in widget.findChildren(QLabel) if label.isVisible() and label.text()
    ]
    for table in widget.findChildren(QTableWidget):
        if table.isVisible():
            parts += [text for row in table_cells(table) for text in row if text]
    parts += [
        view.document.toPlainText()
        for view in widget.findChildren(PagedDocumentView)
        if view.isVisible()
    ]
    return "\n".join(parts)


def table_cells(table: QTableWidget) -> list[list[str]]:
    return [
        [
            item.text() if (item := table.item(row, column)) is not None else ""
            for column in range(table.columnCount())
        ]
        for row in range(table.rowCount())
    ]


def cell(table: QTableWidget, row_heading: str, column_heading: str) -> str:
    """The text where the row and the column whose headings start with these words meet."""
    row = _heading(table.rowCount(), table.verticalHeaderItem, row_heading)
    column = _heading(table.columnCount(), table.horizontalHeaderItem, column_heading)
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _heading(count: int, header: Callable[[int], QTableWidgetItem | None], words: str) -> int:
    for index in range(count):
        item = header(index)
        if item is not None and item.text().startswith(words):
            return index
    raise AssertionError(f"no heading starts with {words!r}")


# -- the projector ------------------------------------------------------------------------
def step_through(qtbot: QtBot, projector: ProjectorWindow) -> list[str]:
    """Walk every scene with the arrow key, as the teacher's clicker does, revealing each
    task's hints and extension on the way; what the room could read at each step."""
    seen = [screen_text(projector)]
    last = len(projector.scenes) - 1
    revealed: set[int] = set()
    for _press in range(200):  # scenes, task pages and the group reveal's landing
        if projector.index not in revealed:
            revealed.add(projector.index)
            for key in (Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_E):
                qtbot.keyClick(projector, key)
            seen.append(screen_text(projector))
        if projector.index == last:
            return seen
        qtbot.keyClick(projector, Qt.Key.Key_Right)
        seen.append(screen_text(projector))
    raise AssertionError(f"stuck on scene {projector.index} of {last + 1}")


# -- modal dialogs ------------------------------------------------------------------------
@dataclass
class Dialogs:
    """Stands in for the modal dialogs a day meets: questions are answered Yes, a "Save a
    copy" goes to ``save_to``; any warning fails the test instead of waiting for a click."""

    save_to: Path | None = None
    questions: list[str] = field(default_factory=list)

    def question(
        self, _parent: object, _title: str, text: str, *_args: object, **_kw: object
    ) -> object:
        self.questions.append(text)
        return QMessageBox.StandardButton.Yes

    def save_file(self, *_args: object, **_kwargs: object) -> tuple[str, str]:
        assert self.save_to is not None, "the app asked where to save a file"
        return str(self.save_to), "PDF (*.pdf)"

    @staticmethod
    def warning(_parent: object, title: str, text: str, *_args: object) -> object:
        raise AssertionError(f"the app warned: {title}: {text}")


def patch_dialogs(monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs) -> Dialogs:
    """Put ``dialogs`` in place of the real ones for the rest of the test."""
    monkeypatch.setattr(QMessageBox, "question", dialogs.question)
    monkeypatch.setattr(QMessageBox, "warning", Dialogs.warning)
    monkeypatch.setattr(QMessageBox, "critical", Dialogs.warning)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialogs.save_file)
    return dialogs
