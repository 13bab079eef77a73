"""A scaled live picture of the projector for the control panel ("now showing")."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap, QRegion
from PySide6.QtWidgets import QSizePolicy, QWidget

from mathroom.ui.projector.projector_window import ProjectorWindow

REFRESH_MS = 250  # often enough to follow the shuffle, cheap enough for an old laptop


class LivePreview(QWidget):
    def __init__(self, window: ProjectorWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._dirty = True
        self.picture = QPixmap()
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._connect_signals()
        self._timer.start()

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self._on_timer_timeout)
        self._window.picture_changed.connect(self._on_window_picture_changed)

    def sizeHint(self) -> QSize:
        return QSize(480, 270)

    def refresh(self) -> None:
        """Render the projector (curtain included: blank and freeze show as the room sees
        them) at the preview's size."""
        self._dirty = False
        source = self._window.size()
        if source.isEmpty() or not self._window.isVisible():
            self.picture = QPixmap()
            self.update()
            return
        target = source.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        if target.isEmpty():
            return
        # Drawn in device pixels: sharp on a 125–200 % screen, not a small picture stretched.
        ratio = self.devicePixelRatioF()
        picture = QPixmap(target * ratio)
        picture.setDevicePixelRatio(ratio)
        picture.fill(QColor("#000000"))
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.scale(target.width() / source.width(), target.height() / source.height())
        self._window.render(
            painter,
            QPoint(),
            QRegion(),
            QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren,
        )
        painter.end()
        self.picture = picture
        self.update()

    def _on_window_picture_changed(self) -> None:
        self._dirty = True

    def _on_timer_timeout(self) -> None:
        if self._dirty and self.isVisible():
            self.refresh()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1d2433"))
        if self.picture.isNull():
            painter.setPen(QColor("#ffffff"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Projector not showing")
        else:
            size = self.picture.deviceIndependentSize()
            x = round((self.width() - size.width()) / 2)
            y = round((self.height() - size.height()) / 2)
            painter.drawPixmap(x, y, self.picture)
        painter.end()
