"""The name picker: a short visible shuffle that lands on a present student (or a group),
with nobody picked twice until everyone has been."""

from __future__ import annotations

import random

from PySide6.QtCore import QAbstractAnimation, QEasingCurve, Qt, QVariantAnimation
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from mathroom.services.projector import NamePickerScene
from mathroom.ui.projector.keys import Action
from mathroom.ui.projector.name_draw import NameDraw
from mathroom.ui.projector.palette import ProjectorPalette
from mathroom.ui.projector.scaling import label_height, largest, set_pixel_size, share, text_height
from mathroom.ui.projector.scene_view import SceneView, text_label

SHUFFLE_MS = 900
SHUFFLE_STEPS = 14  # names flashed before the pick; they slow down towards the end
WAITING = "?"


class NamePickerView(SceneView):
    def __init__(
        self,
        scene: NamePickerScene,
        students: NameDraw,
        groups: NameDraw,
        palette: ProjectorPalette,
        rng: random.Random,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(palette, parent)
        self.scene = scene
        self._draws = {False: students, True: groups}
        self.picking_groups = False
        self._rng = rng
        self._pending: str | None = None
        self._step = -1
        self.heading = text_label(self)
        self.heading.setText(scene.title)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = text_label(self)
        self.name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name.setText(WAITING)
        self.status = text_label(self, "muted")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.animation = QVariantAnimation(self)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setDuration(SHUFFLE_MS)
        self.animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._connect_signals()
        self._update_status()

    def _connect_signals(self) -> None:
        self.animation.valueChanged.connect(self._on_animation_value_changed)
        self.animation.finished.connect(self.settle)

    @property
    def draw(self) -> NameDraw:
        return self._draws[self.picking_groups]

    @property
    def is_shuffling(self) -> bool:
        return self.animation.state() is QAbstractAnimation.State.Running

    @property
    def picked(self) -> str | None:
        """The name on screen once the shuffle has landed."""
        return None if self.is_shuffling else self._pending

    def handle(self, action: Action) -> bool:
        if action is Action.PICK:
            self.pick()
            return True
        if action is Action.PICK_MODE and self.scene.groups:
            self.settle()
            self.picking_groups = not self.picking_groups
            self._pending = None
            self.name.setText(WAITING)
            self._update_status()
            self.refit()
            self.changed.emit()
            return True
        if action is Action.SKIP and self.is_shuffling:
            self.settle()
            return True
        return False

    def take_over(self, previous: SceneView) -> None:
        if isinstance(previous, NamePickerView):
            previous.settle()
            self.picking_groups = previous.picking_groups and bool(self.scene.groups)
            if previous.picked in self.draw.pool:
                self._pending = previous.picked
                self.name.setText(previous.picked)
            self._update_status()

    def leave(self) -> None:
        self.settle()

    def pick(self) -> None:
        """Start a shuffle that lands on the next name (a press mid-shuffle lands it now)."""
        if self.is_shuffling:
            self.settle()
            return
        self._pending = self.draw.draw()
        if self._pending is None:
            self.name.setText("Nobody to pick")
            self.changed.emit()
            return
        self._step = -1
        self.animation.start()

    def settle(self) -> None:
        if not self.is_shuffling and self._step < 0:
            return
        self.animation.stop()
        self._step = -1
        if self._pending is not None:
            self.name.setText(self._pending)
        self._update_status()
        self.changed.emit()

    def _update_status(self) -> None:
        draw = self.draw
        what = "groups" if self.picking_groups else "students"
        if not draw.pool:
            self.status.setText(f"No {what} to pick from")
            return
        self.status.setText(
            f"Round {draw.round} · {len(draw.picked)} of {len(draw.pool)} {what} picked"
        )

    def _on_animation_value_changed(self, value: object) -> None:
        progress = float(value) if isinstance(value, float | int) else 0.0
        step = min(SHUFFLE_STEPS - 1, int(progress * SHUFFLE_STEPS))
        if step == self._step:
            return
        self._step = step
        pool = self.draw.pool
        others = [n for n in pool if n != self.name.text()] or list(pool)
        self.name.setText(self._rng.choice(others))
        self.changed.emit()

    def fit(self) -> None:
        margin = self.margin
        width = self.width() - 2 * margin
        room = self.height() - 2 * margin
        low = self.min_px
        set_pixel_size(self.heading, share(self.height(), 1 / 12, low), bold=True)
        heading = label_height(self.heading, width) or low
        self.heading.setGeometry(margin, margin, width, heading)
        set_pixel_size(self.status, share(self.height(), 1 / 18, low))
        status = label_height(self.status, width) or low
        free = room - heading - status - low
        # Sized for the longest name in the draw, so the shuffle never overflows.
        names = [*self.draw.pool, WAITING, "Nobody to pick"]
        font = QFont(self.name.font())
        font.setBold(True)

        def fits(size: int) -> bool:
            font.setPixelSize(size)
            for text in names:
                height = text_height(text, font, width)
                if height is None or height > free:
                    return False
            return True

        size = largest(low, share(self.height(), 1 / 5, low), fits)
        set_pixel_size(self.name, size, bold=True)
        # The whole free band, text centred in it: any name of the draw fits without a refit.
        self.name.setGeometry(margin, margin + heading + low // 2, width, max(1, free))
        self.status.setGeometry(margin, self.height() - margin - status, width, status)
