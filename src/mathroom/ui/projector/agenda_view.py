"""The agenda: today's blocks with the current one highlighted."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from mathroom.services.projector import AgendaScene
from mathroom.ui.projector.palette import ProjectorPalette
from mathroom.ui.projector.scaling import label_height, largest, set_pixel_size, share
from mathroom.ui.projector.scene_view import SceneView, text_label


class AgendaView(SceneView):
    def __init__(
        self, scene: AgendaScene, palette: ProjectorPalette, parent: QWidget | None = None
    ) -> None:
        super().__init__(palette, parent)
        self.scene = scene
        self.current_block = 0
        self.heading = text_label(self)
        self.heading.setText(scene.heading)
        self.subheading = text_label(self, "muted")
        self.subheading.setText(scene.subheading)
        self.rows: list[QLabel] = []
        for item in scene.items:
            row = text_label(self)
            when = f"{item.starts_at}   " if item.starts_at else ""
            row.setText(f"{when}{item.title}  ·  {item.minutes} min")
            self.rows.append(row)
        if not scene.items:
            row = text_label(self, "muted")
            row.setText("No plan for today yet.")
            self.rows.append(row)

    def set_current_block(self, block: int) -> None:
        """Highlight the block the class is in (the first one before the lesson starts)."""
        self.current_block = max(0, block)
        self._style_rows()
        self.refit()

    def set_palette(self, palette: ProjectorPalette) -> None:
        super().set_palette(palette)
        self._style_rows()

    def _style_rows(self) -> None:
        palette = self.palette_
        current = (
            f"color: {palette.highlight_ink}; background: {palette.highlight}; border-radius: 12px;"
        )
        for item, row in zip(self.scene.items, self.rows, strict=False):
            is_current = item.block == self.current_block
            row.setProperty("current", is_current)
            # The label's own style sheet restyles it at once (a changed object name would
            # need the style re-polished).
            row.setStyleSheet(current if is_current else "")

    def fit(self) -> None:
        margin = self.margin
        width = self.width() - 2 * margin
        room = self.height() - 2 * margin
        low = self.min_px

        def place(size: int, commit: bool) -> bool:
            pad = max(4, size // 4)
            spec = [(self.heading, round(size * 1.7), True), (self.subheading, size, False)]
            spec += [(row, size, row.property("current") is True) for row in self.rows]
            y = margin
            for index, (label, pixels, bold) in enumerate(spec):
                set_pixel_size(label, pixels, bold=bold)
                if index >= 2:  # rows get room for the highlight around their text
                    label.setContentsMargins(pad * 2, pad, pad * 2, pad)
                height = label_height(label, width)
                if height is None:
                    return False
                if commit:
                    label.setGeometry(margin, y, width, height)
                y += height + (size // 2 if index == 1 else pad // 2)
            return y - margin <= room

        best = largest(low, share(self.height(), 1 / 14, low), lambda s: place(s, False))
        place(best, True)
