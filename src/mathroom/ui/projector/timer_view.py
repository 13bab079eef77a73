"""The countdown scene: a large clock, a progress bar and a gentle cue when a round ends."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from mathroom.services.projector import TimerScene
from mathroom.ui.projector.countdown import Countdown, CountdownState, clock_text
from mathroom.ui.projector.palette import ProjectorPalette
from mathroom.ui.projector.scaling import label_height, largest, set_pixel_size, share
from mathroom.ui.projector.scene_view import SceneView, text_label

PULSE_MS = 1600  # one slow breath of the end-of-time glow
PULSE_FRAME_MS = 80


class _Bar(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        self.track = QColor("#333333")
        self.fill = QColor("#ffffff")

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        radius = self.height() / 2
        painter.setBrush(self.track)
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        # The bar empties as time runs out, like sand in a timer.
        left = max(0.0, min(1.0, 1.0 - self.fraction))
        if left > 0:
            painter.setBrush(self.fill)
            filled = QRectF(0, 0, self.width() * left, self.height())
            painter.drawRoundedRect(filled, radius, radius)
        painter.end()


class TimerView(SceneView):
    def __init__(
        self,
        scene: TimerScene,
        countdown: Countdown,
        palette: ProjectorPalette,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(palette, parent)
        self.scene = scene
        self.countdown = countdown
        self.heading = text_label(self)
        self.heading.setText(scene.title)
        self.round = text_label(self, "muted")
        self.clock = text_label(self)
        self.clock.setWordWrap(False)
        self.bar = _Bar(self)
        self.status = text_label(self)
        for label in (self.heading, self.round, self.clock, self.status):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cue_on = False
        self._glow = 0.0
        self._pulse_step = 0
        # A slow glow needs few frames: a plain timer at a modest rate is plenty.
        self.pulse = QTimer(self)
        self.pulse.setInterval(PULSE_FRAME_MS)
        self.pulse.timeout.connect(self._on_pulse_timeout)
        self.refresh()

    def refresh(self) -> CountdownState:
        """Read the countdown and show it (touching only what changed); returns the state."""
        state = self.countdown.state()
        if state.message:
            status = state.message
        elif not state.started:
            status = f"{self.scene.minutes} minutes"
        elif not state.running:
            status = "Paused"
        else:
            status = ""
        texts = (
            (self.clock, clock_text(state.remaining)),
            (self.round, self.countdown.rounds[state.round_index].label),
            (self.status, status),
        )
        changed = False
        for label, text in texts:
            if label.text() != text:
                label.setText(text)
                changed = True
        if abs(self.bar.fraction - state.fraction) * self.bar.width() >= 1 or changed:
            self.bar.fraction = state.fraction
            self.bar.update()
            changed = True
        if state.cue != self.cue_on:
            self._set_cue(state.cue)
            changed = True
        if changed:
            self.changed.emit()
        return state

    def set_palette(self, palette: ProjectorPalette) -> None:
        super().set_palette(palette)
        self._set_colors()

    def _set_colors(self) -> None:
        palette = self.palette_
        self.bar.track = QColor(palette.card)
        self.bar.fill = QColor(palette.accent)
        # The label's own style sheet restyles it at once (no re-polishing a shared style).
        self.status.setStyleSheet(f"color: {palette.accent};" if self.cue_on else "")

    def _set_cue(self, on: bool) -> None:
        self.cue_on = on
        self._pulse_step = 0
        self._glow = 0.0
        if on:
            self.pulse.start()
        else:
            self.pulse.stop()
        self._set_colors()
        self.update()

    def _on_pulse_timeout(self) -> None:
        self._pulse_step += 1
        phase = self._pulse_step * PULSE_FRAME_MS / PULSE_MS
        self._glow = (1 - math.cos(2 * math.pi * phase)) / 2
        self.update()
        self.changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        if not self.cue_on:
            return
        # A slow glow between two strengths of the cue colour: noticeable, never flashing.
        cue = QColor(self.palette_.cue)
        cue.setAlphaF(0.55 + 0.45 * self._glow)
        painter = QPainter(self)
        painter.fillRect(self.rect(), cue)
        painter.end()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def fit(self) -> None:
        self._set_colors()
        margin = self.margin
        width = self.width() - 2 * margin
        room = self.height() - 2 * margin
        low = self.min_px
        set_pixel_size(self.heading, share(self.height(), 1 / 12, low), bold=True)
        set_pixel_size(self.round, share(self.height(), 1 / 16, low))
        set_pixel_size(self.status, share(self.height(), 1 / 12, low), bold=True)
        texts = [self.heading, self.round, self.status]
        heights = [label_height(label, width) or low for label in texts]
        # Empty lines still keep their room, so the clock doesn't jump when text appears.
        heights[1] = max(heights[1], self.round.fontMetrics().height())
        heights[2] = max(heights[2], self.status.fontMetrics().height())
        bar = max(10, self.height() // 36)
        gap = low // 2
        free = room - sum(heights) - bar - 4 * gap
        sample = clock_text(sum(r.seconds for r in self.countdown.rounds))
        sample = "".join("0" if ch.isdigit() else ch for ch in sample)

        def clock_fits(size: int) -> bool:
            set_pixel_size(self.clock, size, bold=True)
            metrics = self.clock.fontMetrics()
            high = max(metrics.height(), self.clock.sizeHint().height())
            return metrics.horizontalAdvance(sample) <= width and high <= free

        size = largest(low, share(self.height(), 0.36, low), clock_fits)
        set_pixel_size(self.clock, size, bold=True)
        clock = max(self.clock.fontMetrics().height(), self.clock.sizeHint().height())
        used = sum(heights) + clock + bar + 4 * gap
        y = margin + max(0, (room - used) // 2)
        for label, height in (
            (self.heading, heights[0]),
            (self.round, heights[1]),
            (self.clock, clock),
        ):
            label.setGeometry(margin, y, width, height)
            y += height + gap
        bar_width = round(width * 0.8)
        self.bar.setGeometry(margin + (width - bar_width) // 2, y, bar_width, bar)
        y += bar + gap
        self.status.setGeometry(margin, y, width, heights[2])
