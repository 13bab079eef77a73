"""Rich task text drawn a page at a time, so long prompts page instead of clipping."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextOption,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from mathroom.ui.rich_text import MathDocument, RichHtml

SVG = "image/svg+xml"
LIST_INDENT = 1.6  # of the text size: room for "10." before a list item


class PagedDocumentView(QWidget):
    """A MathDocument laid out to the widget's width, shown one page (its height) at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = MathDocument(self)
        self.document.setDocumentMargin(0)
        option = QTextOption()
        # A word longer than the line (a URL, a long number) breaks rather than sticking out.
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document.setDefaultTextOption(option)
        self.page = 0
        self._ink = QColor("#000000")

    @property
    def page_count(self) -> int:
        return max(1, self.document.pageCount())

    def show_rich(self, html: RichHtml, font: QFont, ink: str, spacing: int) -> None:
        self._ink = QColor(ink)
        self.document.setDefaultFont(font)
        # List markers hang in the indent: a fixed indent would clip them at this size.
        pixels = font.pixelSize() if font.pixelSize() > 0 else 16
        self.document.setIndentWidth(pixels * LIST_INDENT)
        self.document.setDefaultStyleSheet(
            f"p, li {{ margin-top: 0px; margin-bottom: {spacing}px; }}"
        )
        self.document.set_rich_html(html)

    def measure(self, width: float) -> QSizeF:
        """The whole text's size when wrapped to ``width`` (no pages)."""
        self.document.setTextWidth(width)
        return QSizeF(self.document.idealWidth(), self.document.size().height())

    def paginate(self, width: float, height: float) -> int:
        """Lay the text out in pages of the given size (lines never straddle two pages)."""
        self.document.setPageSize(QSizeF(width, height))
        self.page = min(self.page, self.page_count - 1)
        return self.page_count

    def set_page(self, page: int) -> None:
        self.page = max(0, min(page, self.page_count - 1))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        top = self.page * self.height() if self.page_count > 1 else 0
        painter.translate(0, -top)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.Text, self._ink)
        context.palette = palette
        context.clip = QRectF(0, top, self.width(), self.height())
        painter.setClipRect(context.clip)
        self.document.documentLayout().draw(painter, context)
        painter.end()


class ImageView(QWidget):
    """A task's diagram on a white card (diagrams are drawn for paper), aspect kept."""

    def __init__(self, data: bytes, media_type: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._svg: QSvgRenderer | None = None
        self._image = QImage()
        if media_type == SVG:
            self._svg = QSvgRenderer(QByteArray(data), self)
        else:
            self._image = QImage.fromData(data)

    @property
    def is_valid(self) -> bool:
        return (self._svg is not None and self._svg.isValid()) or not self._image.isNull()

    def _natural(self) -> QSizeF:
        if self._svg is not None:
            return QSizeF(self._svg.defaultSize())
        return QSizeF(self._image.size())

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        natural = self._natural()
        if natural.isEmpty():
            return
        pad = max(6.0, self.width() * 0.03)
        inner = QSizeF(self.width() - 2 * pad, self.height() - 2 * pad)
        fitted = natural.scaled(inner, Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(
            (self.width() - fitted.width()) / 2,
            (self.height() - fitted.height()) / 2,
            fitted.width(),
            fitted.height(),
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(target.adjusted(-pad, -pad, pad, pad), pad, pad)
        if self._svg is not None:
            self._svg.render(painter, target)
        else:
            painter.drawImage(target, self._image)
        painter.end()
