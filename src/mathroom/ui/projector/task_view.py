"""A task in very large type: prompt with math and image, hints one at a time, extension on
demand. The scene has no answer or teacher notes to show."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from mathroom.services.projector import TaskScene
from mathroom.ui.projector.keys import Action
from mathroom.ui.projector.paged_document import ImageView, PagedDocumentView
from mathroom.ui.projector.palette import ProjectorPalette
from mathroom.ui.projector.scaling import label_height, largest, set_pixel_size, share
from mathroom.ui.projector.scene_view import SceneView, text_label
from mathroom.ui.rich_text import RichHtml

EXTENSION_HEADING = "When you’re done…"
IMAGE_SHARE = 0.38  # of the width, when the task has a diagram
TITLE_RATIO = 1.5  # title size : body size


class TaskView(SceneView):
    def __init__(
        self, scene: TaskScene, palette: ProjectorPalette, parent: QWidget | None = None
    ) -> None:
        super().__init__(palette, parent)
        self.scene = scene
        self.hints_shown = 0
        self.extension_shown = False
        self.kicker = text_label(self, "accent")
        self.kicker.setText(scene.kicker)
        self.title = text_label(self)
        self.title.setText(scene.title)
        self.body = PagedDocumentView(self)
        self.pager = text_label(self, "muted")
        self.pager.hide()
        image = ImageView(scene.image, scene.image_type, self) if scene.image else None
        self.image = image if image is not None and image.is_valid else None
        if image is not None and self.image is None:
            image.deleteLater()  # bytes that are no image: show the text alone
        self._body_pixels = 0
        # Typesetting math is the slow part of a fit: keep each size's text.
        self._built: dict[tuple[int, int, bool, str], RichHtml] = {}

    def handle(self, action: Action) -> bool:
        if action is Action.HINT_MORE and self.hints_shown < len(self.scene.hints):
            self.hints_shown += 1
            self._show_latest()
            return True
        if action is Action.HINT_LESS and self.hints_shown > 0:
            self.hints_shown -= 1
            self._show_latest()
            return True
        if action is Action.EXTENSION and self.scene.extensions:
            self.extension_shown = not self.extension_shown
            self._show_latest()
            return True
        if action is Action.NEXT and self.body.page < self.body.page_count - 1:
            self._turn(1)
            return True
        if action is Action.PREVIOUS and self.body.page > 0:
            self._turn(-1)
            return True
        return False

    def take_over(self, previous: SceneView) -> None:
        if isinstance(previous, TaskView):
            self.hints_shown = min(previous.hints_shown, len(self.scene.hints))
            self.extension_shown = previous.extension_shown and bool(self.scene.extensions)

    def extra_text(self) -> list[str]:
        if self._body_pixels == 0:  # never laid out: build the text at some size
            self._build(self.min_px)
        return [self.body.document.toPlainText()]

    def _show_latest(self) -> None:
        """What was just revealed is at the end: show the last page."""
        self.refit()
        self.body.set_page(self.body.page_count - 1)
        self._update_pager()
        self.changed.emit()

    def _turn(self, step: int) -> None:
        self.body.set_page(self.body.page + step)
        self._update_pager()
        self.changed.emit()

    def _update_pager(self) -> None:
        count = self.body.page_count
        self.pager.setVisible(count > 1)
        self.pager.setText(f"Page {self.body.page + 1} of {count}" if count > 1 else "")

    def _build(self, pixels: int) -> None:
        font = QFont(self.font())
        font.setPixelSize(pixels)
        palette = self.palette_
        key = (pixels, self.hints_shown, self.extension_shown, palette.name)
        rich = self._built.get(key)
        if rich is None:
            rich = self._built[key] = self._rich(font, pixels)
        self.body.show_rich(rich, font, palette.ink, pixels // 2)
        self._body_pixels = pixels

    def _rich(self, font: QFont, pixels: int) -> RichHtml:
        palette = self.palette_
        rich = RichHtml(font, color=palette.ink)
        rich.text(self.scene.prompt)
        heading = (
            f"<p style='color:{palette.accent}; font-weight:600; margin-top:{pixels // 2}px'>"
            "{}</p>"
        )
        for number, hint in enumerate(self.scene.hints[: self.hints_shown], start=1):
            rich.raw(heading.format(escape(f"Hint {number}")))
            rich.text(hint)
        if self.extension_shown:
            rich.raw(heading.format(escape(EXTENSION_HEADING)))
            for extension in self.scene.extensions:
                rich.text(extension)
        return rich

    def fit(self) -> None:
        margin = self.margin
        width = self.width() - 2 * margin
        low = self.min_px
        set_pixel_size(self.kicker, share(self.height(), 1 / 22, low), bold=True)
        kicker = label_height(self.kicker, width) or low
        self.kicker.setGeometry(margin, margin, width, kicker)
        title_cap = share(self.height(), 1 / 11, low)
        text_width = width - (round(width * IMAGE_SHARE) + margin if self.image else 0)

        def header(size: int) -> int | None:
            """Set the title for body text ``size``; the body's top, None if it won't fit."""
            # The title stays in proportion to the body, so a long prompt gets the room.
            pixels = min(title_cap, max(low, round(size * TITLE_RATIO)))
            set_pixel_size(self.title, pixels, bold=True)
            height = label_height(self.title, width)
            self.title.setGeometry(margin, margin + kicker, width, height or pixels)
            if height is None or height > (self.height() - 2 * margin) * 0.3:
                return None
            return margin + kicker + height + low // 2

        def fits(size: int) -> bool:
            top = header(size)
            if top is None:
                return False
            self._build(size)
            measured = self.body.measure(text_width)
            room = self.height() - margin - top
            return measured.height() <= room and measured.width() <= text_width + 0.5

        size = largest(low, share(self.height(), 1 / 14, low), fits)
        paged = not fits(size)  # also leaves the title placed and the text laid out at ``size``
        top = header(size) or self.title.geometry().bottom() + 1 + low // 2
        body_height = self.height() - margin - top
        if paged:
            # Too long even at the smallest size: page it, leaving a line for "Page 1 of 2".
            set_pixel_size(self.pager, low)
            pager = label_height(self.pager, width) or low
            body_height -= pager
            self.body.paginate(text_width, body_height)
            self.pager.setGeometry(margin, top + body_height, width, pager)
        else:
            self.body.page = 0
        self.body.setGeometry(margin, top, round(text_width), body_height)
        if self.image is not None:
            left = margin + text_width + margin
            self.image.setGeometry(left, top, width - text_width - margin, body_height)
        self._update_pager()
