"""The frame every page shares: a title, one line on what the page is for, then content."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.roster import Period
from mathroom.services.changes import Change
from mathroom.ui.operations import Operations


class Page(QWidget):
    """Base of the main window's pages; the window tells each page the chosen period and
    every change a write made. A page reads and writes only through its ``Operations``."""

    title = ""
    purpose = ""
    shows = Change.NONE  # the kinds of data on this page: a change to any of them reloads it

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        ops.changed.connect(self._on_ops_changed)
        self.period: Period | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.setSpacing(10)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        purpose = QLabel(self.purpose)
        purpose.setObjectName("pagePurpose")
        purpose.setWordWrap(True)
        outer.addWidget(heading)
        outer.addWidget(purpose)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        outer.addLayout(self.body, 1)

    def set_period(self, period: Period | None) -> None:
        self.period = period
        self.reload()

    def reload(self) -> None:
        """Fetch fresh snapshots from the services and show them."""

    def _on_ops_changed(self, changes: object, origin: object) -> None:
        # A roster change reaches the pages through the window instead: it re-reads its list
        # of periods first, then hands every page its (renamed, recounted) period again.
        if isinstance(changes, Change):
            self.on_changed(changes & ~Change.ROSTER, origin)

    def on_changed(self, changes: Change, origin: object) -> None:
        """A write somewhere changed ``changes``; reload if this page shows any of it. The
        page that made the change (``origin``) has already shown it."""
        if changes & self.shows and origin is not self:
            self.reload()


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget a layout holds."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def card_grid() -> tuple[QScrollArea, QGridLayout]:
    """A frameless scroll area holding a grid, for pages that lay out cards."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    host = QWidget()
    host.setObjectName("scrollHost")
    grid = QGridLayout(host)
    grid.setContentsMargins(0, 0, 0, 0)
    scroll.setWidget(host)
    return scroll, grid


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    layout.setSpacing(6)
    return frame, layout


def label(text: str, object_name: str = "", *, wrap: bool = True) -> QLabel:
    """A plain-text label: names are data, never rich text."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    if object_name:
        widget.setObjectName(object_name)
    return widget
