"""Today's groups: a visibly random shuffle of names between the whiteboards that settles
into the station map. Every name moves the same way, so a hand-placed or kept-apart student
looks exactly like everyone else."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from PySide6.QtCore import QAbstractAnimation, QPointF, QRectF, QSizeF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from mathroom.services.projector import GroupRevealScene, GroupTile
from mathroom.ui.projector.keys import Action
from mathroom.ui.projector.palette import ProjectorPalette
from mathroom.ui.projector.scaling import label_height, largest, set_pixel_size, share, text_height
from mathroom.ui.projector.scene_view import SceneView, text_label

SHUFFLE_MS = 2000
HOPS = 5  # whiteboards each name visits before it lands


def seat_text(name: str, role: str) -> str:
    return f"{name} ({role})" if role else name


class _Tile(QFrame):
    def __init__(self, tile: GroupTile, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.title = text_label(self, "accent")
        self.title.setText(tile.label)
        self.seats: list[QLabel] = []
        for seat in tile.seats:
            label = text_label(self)
            label.setText(seat_text(seat.name, seat.role))
            self.seats.append(label)


@dataclass(frozen=True, slots=True)
class _Chip:
    text: str
    size: QSizeF
    path: tuple[QPointF, ...]  # HOPS + 1 seats' corners; the last is the name's own seat


class _ShuffleOverlay(QWidget):
    """Paints the flying names; it has no labels, so nothing half-shuffled is 'text'."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.chips: list[_Chip] = []
        self.progress = 0.0
        self.chip_font = QFont()
        self.ink = QColor("#ffffff")
        self.card = QColor("#333333")
        self.edge = QColor("#ffffff")
        self.line_scale = 1.0

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.chip_font)
        step = min(self.progress, 1.0) * HOPS
        hop = min(int(step), HOPS - 1)
        eased = _ease(step - hop)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        pad = self.chip_font.pixelSize() * 0.25
        places = [
            QRectF(_between(chip.path[hop], chip.path[hop + 1], eased), chip.size)
            for chip in self.chips
        ]
        # Cards first, then names: each pen is set once a frame.
        painter.setPen(QPen(self.edge, max(1.0, pad / 3) * self.line_scale))
        painter.setBrush(self.card)
        for here in places:
            painter.drawRoundedRect(here.adjusted(-pad, -pad / 3, pad, pad / 3), pad, pad)
        painter.setPen(self.ink)
        for chip, here in zip(self.chips, places, strict=True):
            painter.drawText(here, int(flags), chip.text)
        painter.end()


def _ease(u: float) -> float:
    return 0.5 - math.cos(math.pi * max(0.0, min(1.0, u))) / 2


def _between(a: QPointF, b: QPointF, u: float) -> QPointF:
    return QPointF(a.x() + (b.x() - a.x()) * u, a.y() + (b.y() - a.y()) * u)


class GroupRevealView(SceneView):
    def __init__(
        self,
        scene: GroupRevealScene,
        palette: ProjectorPalette,
        rng: random.Random,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(palette, parent)
        self.scene = scene
        self._rng = rng
        self.played = False
        self.heading = text_label(self)
        self.heading.setText(scene.title)
        self.tiles = [_Tile(tile, self) for tile in scene.tiles]
        self.overlay = _ShuffleOverlay(self)
        self.overlay.hide()
        self.animation = QVariantAnimation(self)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setDuration(SHUFFLE_MS)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.animation.valueChanged.connect(self._on_animation_value_changed)
        self.animation.finished.connect(self.settle)

    @property
    def is_shuffling(self) -> bool:
        return self.animation.state() is QAbstractAnimation.State.Running

    def enter(self) -> None:
        if not self.played:
            self.play()

    def leave(self) -> None:
        if self.is_shuffling:
            self.settle()

    def handle(self, action: Action) -> bool:
        if action is Action.SKIP:
            if self.is_shuffling:
                self.settle()
            else:
                self.play()
            return True
        if action is Action.NEXT and self.is_shuffling:
            self.settle()  # the first press lands the names, the next one moves on
            return True
        return False

    def play(self) -> None:
        """Shuffle every name through random whiteboards, then land it on its own."""
        self.refit()
        seats = [(tile, label) for tile in self.tiles for label in tile.seats]
        if not seats:
            self.played = True
            return
        homes = [QPointF(tile.pos() + label.pos()) for tile, label in seats]
        # Each hop deals the names out to the seats afresh (a permutation): every name is
        # somewhere different, and no two sit on the same seat when they stop.
        count = len(seats)
        deals = [self._rng.sample(range(count), count) for _ in range(HOPS)]
        self.overlay.chips = [
            _Chip(
                label.text(),
                self._chip_size(label),
                (*(homes[deal[n]] for deal in deals), homes[n]),
            )
            for n, (_, label) in enumerate(seats)
        ]
        self.overlay.chip_font = seats[0][1].font()
        self.overlay.ink = QColor(self.palette_.ink)
        self.overlay.card = QColor(self.palette_.card).lighter(140)
        self.overlay.edge = QColor(self.palette_.accent)
        self.overlay.line_scale = self.palette_.line_scale
        self.overlay.progress = 0.0
        for _, label in seats:
            label.hide()
        self.overlay.setGeometry(self.rect())
        self.overlay.show()
        self.overlay.raise_()
        self.animation.stop()
        self.animation.start()

    def settle(self) -> None:
        """Land every name at once (the end of the shuffle, or the teacher skipping it)."""
        self.animation.stop()
        self.overlay.hide()
        for tile in self.tiles:
            for label in tile.seats:
                label.show()
        self.played = True
        self.changed.emit()

    @staticmethod
    def _chip_size(label: QLabel) -> QSizeF:
        """The name's own size: a chip is as wide as its text, never wider than the seat."""
        lines = label.text().split("\n")
        wide = max(label.fontMetrics().horizontalAdvance(line) for line in lines) + 2
        return QSizeF(min(label.width(), wide), label.height())

    def _on_animation_value_changed(self, value: object) -> None:
        self.overlay.progress = float(value) if isinstance(value, float | int) else 0.0
        self.overlay.update()
        self.changed.emit()

    def fit(self) -> None:
        margin = self.margin
        width = self.width() - 2 * margin
        low = self.min_px
        set_pixel_size(self.heading, share(self.height(), 1 / 14, low), bold=True)
        heading = label_height(self.heading, width) or low
        self.heading.setGeometry(margin, margin, width, heading)
        top = margin + heading + low // 2
        room = self.height() - margin - top
        gap = max(8, low // 2)
        count = max(1, len(self.tiles))
        high = share(self.height(), 1 / 16, low)
        best: tuple[int, int] | None = None
        # High contrast asks for larger type; if every name cannot fit at that, come down
        # to the plain minimum rather than push names off the screen.
        for floor in dict.fromkeys((low, self.floor_px)):
            for columns in range(1, min(count, 6) + 1):
                rows = math.ceil(count / columns)
                tile_width = (width - (columns - 1) * gap) // columns
                tile_height = (room - (rows - 1) * gap) // rows

                def fits(size: int, w: int = tile_width, h: int = tile_height) -> bool:
                    return all(self._tile_height(tile, size, w) <= h for tile in self.tiles)

                if not fits(floor):
                    continue
                size = largest(floor, high, fits)
                if best is None or size > best[0]:
                    best = (size, columns)
            low = floor
            if best is not None:
                break
        size, columns = best or (low, 1)  # nothing fits even at the floor: place it anyway
        rows = math.ceil(count / columns)
        tile_width = (width - (columns - 1) * gap) // columns
        tile_height = (room - (rows - 1) * gap) // rows
        for index, tile in enumerate(self.tiles):
            row, column = divmod(index, columns)
            x = margin + column * (tile_width + gap)
            y = top + row * (tile_height + gap)
            tile.setGeometry(x, y, tile_width, tile_height)
            self._place_seats(tile, size, tile_width)
        self.overlay.setGeometry(self.rect())

    @staticmethod
    def _tile_height(tile: _Tile, size: int, width: int) -> int:
        """Height the tile needs with names at ``size`` (a huge number when a word won't fit)."""
        pad = max(6, size // 2)
        inner = width - 2 * pad
        title_font = QFont(tile.title.font())
        title_font.setPixelSize(round(size * 1.1))
        title_font.setBold(True)
        seat_font = QFont(tile.title.font())
        seat_font.setPixelSize(size)
        seat_font.setBold(False)
        total = text_height(tile.title.text(), title_font, inner)
        if total is None:
            return 1_000_000
        for label in tile.seats:
            height = text_height(label.text(), seat_font, inner)
            if height is None:
                return 1_000_000
            total += height + size // 5
        return total + 2 * pad + size // 4

    @staticmethod
    def _place_seats(tile: _Tile, size: int, width: int) -> None:
        pad = max(6, size // 2)
        inner = width - 2 * pad
        set_pixel_size(tile.title, round(size * 1.1), bold=True)
        height = label_height(tile.title, inner) or size
        tile.title.setGeometry(pad, pad, inner, height)
        y = pad + height + size // 4
        for label in tile.seats:
            set_pixel_size(label, size)
            height = label_height(label, inner) or size
            label.setGeometry(pad, y, inner, height)
            y += height + size // 5
