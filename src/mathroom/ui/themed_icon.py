"""Line icons drawn in the theme's ink at paint time, so they read on light and dark.

The SVGs in resources/icons/ui draw in the light theme's ink (#1d2433); on a dark
background that ink vanishes. This engine swaps it for the current ink whenever the icon is
painted, at the device's own pixels, so a theme change needs no new icons.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

DRAWN_INK = "#1d2433"  # the colour the SVG files are drawn in


class ThemedIconEngine(QIconEngine):
    def __init__(self, path: Path, ink: Callable[[], str]) -> None:
        super().__init__()
        self._path = path
        self._svg = path.read_text(encoding="utf-8")
        self._ink = ink  # the current ink, asked at each paint
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self) -> QSvgRenderer:
        ink = self._ink()
        renderer = self._renderers.get(ink)
        if renderer is None:
            svg = self._svg.replace(DRAWN_INK, ink)
            renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
            self._renderers[ink] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        self._renderer().render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        picture = QPixmap(size * scale)
        picture.setDevicePixelRatio(scale)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return picture

    def clone(self) -> QIconEngine:
        return ThemedIconEngine(self._path, self._ink)

    def key(self) -> str:
        return "mathroom-themed-svg"
