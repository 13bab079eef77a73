"""Task text with typeset math in Qt text documents (bank, editor preview, projector).

The same parsed text and the same ziamath SVG that the PDFs use are turned into HTML with
``math:`` images; ``MathDocument`` serves those images from memory, so nothing touches disk.
Bad math shows as a red message in place, never as a crash.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QByteArray, QObject, QRectF, QUrl
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QTextBrowser

from mathroom.domain.tasks import TaskSpec
from mathroom.mathtext.markup import (
    Block,
    CodeBlock,
    Inline,
    LineBreak,
    ListBlock,
    Math,
    Paragraph,
    Text,
    parse,
)
from mathroom.mathtext.render import MathError, render_math
from mathroom.ui import theme

MATH_SCALE = 1.12  # STIX digits read smaller than the UI font's at the same size


class MathDocument(QTextDocument):
    """A text document whose ``math:`` images come from the HTML builder, not from files."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._images: dict[str, QImage] = {}

    def set_rich_html(self, html: RichHtml) -> None:
        self._images = dict(html.images)
        self.setHtml(html.html)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        image = self._images.get(name.toString() if isinstance(name, QUrl) else name)
        if image is not None:
            return image
        return super().loadResource(kind, name)


class MathBrowser(QTextBrowser):
    """A read-only view of rich task text (links off: task text is data)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.math_document = MathDocument(self)
        self.setDocument(self.math_document)
        self.setOpenLinks(False)

    def show_rich(self, html: RichHtml) -> None:
        self.math_document.set_rich_html(html)


class RichHtml:
    """HTML for task text plus the rendered math images it refers to."""

    def __init__(self, font: QFont, color: str | None = None, ratio: float = 2.0) -> None:
        self.parts: list[str] = []
        self.images: dict[str, QImage] = {}
        self.errors: list[MathError] = []
        self._font = font
        self._color = color or theme.colors().ink  # the window's ink unless told
        self._ratio = ratio
        self._half_x = QFontMetricsF(font).xHeight() / 2
        pixels = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
        self._pixels = float(pixels)

    @property
    def html(self) -> str:
        return "".join(self.parts)

    def raw(self, html: str) -> RichHtml:
        """Append trusted markup (headings the caller wrote, never task text)."""
        self.parts.append(html)
        return self

    def text(self, source: str | Sequence[Block]) -> RichHtml:
        """Append task text: Markdown with $...$ math; everything in it is escaped."""
        blocks = parse(source) if isinstance(source, str) else source
        for block in blocks:
            if isinstance(block, Paragraph):
                style = " align='center'" if block.display else ""
                inner = self._runs(block.runs)
                self.parts.append(
                    f"<h3>{inner}</h3>" if block.heading else f"<p{style}>{inner}</p>"
                )
            elif isinstance(block, ListBlock):
                tag = "ol" if block.ordered else "ul"
                start = f" start='{block.start}'" if block.ordered else ""
                items = "".join(f"<li>{self._runs(item)}</li>" for item in block.items)
                self.parts.append(f"<{tag}{start}>{items}</{tag}>")
            elif isinstance(block, CodeBlock):
                self.parts.append(f"<pre>{escape(block.text)}</pre>")
        return self

    def tiers(self, spec: TaskSpec) -> RichHtml:
        """A task's way in, extensions and hints, numbered as the card prints them."""
        if spec.start:
            self.raw("<h3>Need a way in?</h3>").text(spec.start)
        if spec.extensions:
            self.raw("<h3>When you're done…</h3>")
            for number, item in enumerate(spec.extensions, start=1):
                self.text(f"**{number}.** {item}")
        if spec.hints:
            self.raw("<h3>Hints, in order (cut-out strips)</h3>")
            for number, item in enumerate(spec.hints, start=1):
                self.text(f"**Hint {number}.** {item}")
        return self

    def _runs(self, runs: Sequence[Inline]) -> str:
        out: list[str] = []
        for run in runs:
            if isinstance(run, Text):
                piece = escape(run.text)
                if run.bold:
                    piece = f"<b>{piece}</b>"
                if run.italic:
                    piece = f"<i>{piece}</i>"
                out.append(piece)
            elif isinstance(run, LineBreak):
                out.append("<br>")
            elif isinstance(run, Math):
                out.append(self._math(run.source))
        return "".join(out)

    def _math(self, source: str) -> str:
        size = self._pixels * MATH_SCALE
        try:
            image = render_math(source, size)
        except MathError as error:
            self.errors.append(error)
            red = theme.colors().error
            return f"<span style='color:{red}; font-weight:600'>⚠ {escape(str(error))}</span>"
        name = f"math:{len(self.images)}"
        self.images[name] = _image(
            image.svg,
            image.width,
            image.ascent,
            image.depth,
            self._half_x,
            self._ratio,
            self._color,
        )
        return f"<img src='{name}' style='vertical-align: middle'>"


def _image(
    svg: str, width: float, ascent: float, depth: float, half_x: float, ratio: float, color: str
) -> QImage:
    """The math as an image padded so that Qt's middle alignment puts it on the baseline.

    Qt gives a middle-aligned image an ascent (height + x-height/2) / 2; padding the shorter
    side makes (above - below) equal x-height/2, so the math's baseline is the text's.
    """
    top = bottom = 0.0
    if ascent - depth > half_x:
        bottom = ascent - depth - half_x
    else:
        top = half_x - (ascent - depth)
    height = ascent + depth + top + bottom
    image = QImage(
        max(1, round(width * ratio)),
        max(1, round(height * ratio)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(0)
    image.setDevicePixelRatio(ratio)
    renderer = QSvgRenderer(QByteArray(_recolor(svg, color).encode()))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, top, width, ascent + depth))
    painter.end()
    return image


def _recolor(svg: str, color: str) -> str:
    """Dark text on the light theme, light text on the projector's dark theme."""
    if color.lower() in ("#000", "#000000", "black"):
        return svg
    return (
        svg.replace('fill="black"', f'fill="{color}"')
        .replace('stroke="black"', f'stroke="{color}"')
        .replace("<svg ", f'<svg fill="{color}" ', 1)
    )
