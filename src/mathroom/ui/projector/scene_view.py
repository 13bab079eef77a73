"""The base of every projector scene: palette, type scale, keys and the text it shows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from mathroom.ui.projector.keys import Action
from mathroom.ui.projector.palette import ProjectorPalette
from mathroom.ui.projector.scaling import min_pixels


def text_label(parent: QWidget, name: str = "") -> QLabel:
    """A wrapping plain-text label: names and titles are data, never markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class SceneView(QWidget):
    """One scene on the projector; subclasses lay out their own children in ``fit``."""

    changed = Signal()  # the picture changed by itself (an animation, a tick)

    def __init__(self, palette: ProjectorPalette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.palette_ = palette

    @property
    def min_px(self) -> int:
        """The smallest text wanted: 1/30 of the projector window's height (times the
        palette's type scale: larger in high contrast)."""
        return round(min_pixels(self.window().height()) * self.palette_.type_scale)

    @property
    def floor_px(self) -> int:
        """The smallest text allowed whatever the palette: 1/30 of the window's height. A
        view that cannot fit at ``min_px`` comes down to this rather than run off screen."""
        return min(self.min_px, round(min_pixels(self.window().height())))

    @property
    def margin(self) -> int:
        return round(min(self.width(), self.height()) * 0.045)

    def set_palette(self, palette: ProjectorPalette) -> None:
        self.palette_ = palette
        self.refit()

    def handle(self, action: Action) -> bool:
        """React to a scene-specific key; False when the scene has no use for it."""
        del action
        return False

    def take_over(self, previous: SceneView) -> None:
        """Carry on from the view this one replaces (the same scene, reloaded)."""
        del previous

    def enter(self) -> None:
        """The scene has just come on screen."""

    def leave(self) -> None:
        """The scene is about to leave the screen."""

    def visible_text(self) -> str:
        """Everything the room can read on this scene, one item a line."""
        labels = [
            label.text()
            for label in self.findChildren(QLabel)
            if label.isVisibleTo(self) and label.text()
        ]
        return "\n".join([*labels, *self.extra_text()])

    def extra_text(self) -> list[str]:
        """Text drawn outside labels (documents), for ``visible_text``."""
        return []

    def refit(self) -> None:
        if self.width() > 0 and self.height() > 0:
            self.fit()
            self.update()

    def fit(self) -> None:
        """Size the type to the scene and place every child so nothing clips."""
        raise NotImplementedError

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refit()
