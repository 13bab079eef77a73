"""Small screens: the pages scroll rather than push the window past a 1366×768 laptop's
screen (or a 1024×600 netbook's); each page keeps its own minimum width small itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QStyle


class PageScroll(QScrollArea):
    """The window's pages in a frameless scroll area. The stack fills the area and grows
    past it (scroll bars) only to the minimum size of the page it shows: a resizable
    QScrollArea would ask the QStackedWidget, which answers for its biggest page."""

    def __init__(self, stack: QStackedWidget) -> None:
        super().__init__()
        self.setObjectName("pageScroll")
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidgetResizable(False)
        self._stack = stack
        self.setWidget(stack)
        stack.currentChanged.connect(self.refit)
        stack.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    def refit(self) -> None:
        page = self._stack.currentWidget()
        need = page.minimumSizeHint().expandedTo(page.minimumSize()) if page else QSize()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        room = self.size()
        for _ in range(2):  # a scroll bar for one direction takes room from the other
            if need.height() > room.height() and room.width() == self.width():
                room.setWidth(self.width() - bar)
            if need.width() > room.width() and room.height() == self.height():
                room.setHeight(self.height() - bar)
        self._stack.resize(room.expandedTo(need))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._stack:
            kind = event.type()
            if kind == QEvent.Type.LayoutRequest:
                self.refit()
            elif kind == QEvent.Type.HideToParent:  # the welcome panel takes the room
                self.hide()
            elif kind == QEvent.Type.ShowToParent:
                self.show()
        return super().eventFilter(watched, event)
