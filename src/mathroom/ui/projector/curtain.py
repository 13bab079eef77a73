"""Blank and freeze: a cover over the scenes, painted (not text), so nothing leaks through."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

BLANK = QColor("#000000")  # a projector's black is the least distracting "off"


class Curtain(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.picture: QPixmap | None = None
        self.hide()

    def cover(self, picture: QPixmap | None) -> None:
        """Show ``picture`` (a frozen frame), or black when None."""
        self.picture = picture
        self.setGeometry(self._host.rect())
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.fillRect(self.rect(), BLANK)
        if self.picture is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            scaled = self.picture.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = (self.width() - scaled.width()) // 2
            y = (self.height() - scaled.height()) // 2
            painter.drawPixmap(x, y, scaled.width(), scaled.height(), self.picture)
        painter.end()
