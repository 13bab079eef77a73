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
from mathroom.services.catalog import Services


class Page(QWidget):
    """Base of the main window's pages; the window tells each page the chosen period."""

    title = ""
    purpose = ""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
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
