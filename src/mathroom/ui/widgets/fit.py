"""Small screens: the pages scroll rather than push the window past a 1366×768 laptop's
screen (or a 1024×600 netbook's); each page keeps its own minimum width small itself."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QWidget,
)


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
            need = need.expandedTo(QSize(0, _wrapped_height(page, room.width())))
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


def _wrapped_height(page: QWidget | None, width: int) -> int:
    """The least height ``page`` needs at ``width`` once its wrapped labels have wrapped (its
    minimum size hint counts each on one line: given only that, a narrow page squeezes its
    buttons and lines shorter than their text)."""
    layout = page.layout() if page is not None else None
    if layout is None or not layout.hasHeightForWidth():
        return 0
    return layout.minimumHeightForWidth(max(width, layout.minimumSize().width()))


class Columns(QWidget):
    """Cards side by side while the page is wide enough; narrower than ``breakpoint``
    pixels, all but the last stack in a left column and the last keeps a right column
    (a 1024-pixel netbook would otherwise squeeze a table to one word a line)."""

    def __init__(self, cards: Sequence[tuple[QWidget, int]], breakpoint: int) -> None:
        super().__init__()
        self._cards = list(cards)
        self._breakpoint = breakpoint
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.narrow: bool | None = None
        self._arrange(narrow=False)

    def _arrange(self, narrow: bool) -> None:
        if narrow == self.narrow:
            return
        self.narrow = narrow
        grid = self._grid
        for widget, _stretch in self._cards:
            grid.removeWidget(widget)
        for index in range(len(self._cards)):
            grid.setColumnStretch(index, 0)
            grid.setRowStretch(index, 0)
        if not narrow:
            for column, (widget, stretch) in enumerate(self._cards):
                grid.addWidget(widget, 0, column)
                grid.setColumnStretch(column, stretch)
            grid.setRowStretch(0, 1)
            return
        *stacked, (last, last_stretch) = self._cards
        for row, (widget, stretch) in enumerate(stacked):
            grid.addWidget(widget, row, 0)
            grid.setRowStretch(row, stretch)
        grid.addWidget(last, 0, 1, max(len(stacked), 1), 1)
        grid.setColumnStretch(0, sum(stretch for _w, stretch in stacked))
        grid.setColumnStretch(1, last_stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width() < self._breakpoint)


class _WrappedLines(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and event.type() == QEvent.Type.Resize:
            layout = watched.layout()
            if layout is not None and layout.hasHeightForWidth():
                frame = watched.contentsMargins()  # a frame's border, outside its layout
                inner = watched.width() - frame.left() - frame.right()
                need = layout.minimumHeightForWidth(inner) + frame.top() + frame.bottom()
                if need != watched.minimumHeight():
                    watched.setMinimumHeight(need)
                    layout.invalidate()  # its items' heights for the old width are stale
        return False


def keep_wrapped_lines(column: QWidget) -> None:
    """Keep ``column`` at least as tall as its wrapped labels need at its width. A splitter
    asks its panes only their one-line minimum: narrowed, a pane squeezes its labels and
    buttons shorter than their text (FlowRow does the same for a row of buttons)."""
    column.installEventFilter(_WrappedLines(column))


TITLE_BAR = 40  # pixels a window manager's title bar and frame take above a window


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Open ``window`` at ``width``×``height``, or smaller on a screen that has less room
    (a 1366×768 laptop, a 1024×600 netbook): its buttons stay above the taskbar."""
    room = window.screen().availableGeometry()
    window.resize(min(width, room.width()), min(height, room.height() - TITLE_BAR))


class _Stacker(QObject):
    def __init__(self, row: QBoxLayout, area: QScrollArea) -> None:
        super().__init__(area)
        self._row, self._area = row, area
        self._need = 0  # the row's least width side by side, measured while it is

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        content, line = self._area.widget(), self._row.geometry().width()
        if content is None or line <= 0:
            return  # not laid out yet
        side_by_side = self._row.direction() == QBoxLayout.Direction.LeftToRight
        if side_by_side:
            self._need = self._row.minimumSize().width()
        room = self._area.viewport().width() - (content.width() - line)
        want = (
            QBoxLayout.Direction.LeftToRight
            if room >= self._need
            else QBoxLayout.Direction.TopToBottom
        )
        if want != self._row.direction():
            self._row.setDirection(want)


def stack_when_narrow(row: QBoxLayout, area: QScrollArea) -> None:
    """Lay ``row`` (inside ``area``'s widget) out side by side while ``area`` is wide enough
    for it, one above the other when not: a narrow screen scrolls down, never sideways."""
    stacker = _Stacker(row, area)
    area.viewport().installEventFilter(stacker)
    if area.widget() is not None:
        area.widget().installEventFilter(stacker)  # type: ignore[union-attr]


MAX_TEXT_WIDTH = 940  # pixels: a dialog this wide still fits a 1024-pixel screen


def widen_for_long_words(label: QLabel) -> None:
    """A wrapped label at least as wide as its longest word (a folder's path does not wrap),
    up to what a netbook's screen holds: the dialog widens rather than cut the path."""
    metrics = label.fontMetrics()
    longest = max((metrics.horizontalAdvance(word) for word in label.text().split()), default=0)
    label.setMinimumWidth(min(longest, MAX_TEXT_WIDTH))
