"""Rich task text drawn a page at a time, so long prompts page instead of clipping."""

from __future__ import annotations

import re
from collections.abc import Sequence

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
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")


def page_tops(lines: Sequence[tuple[float, float, bool]], height: float) -> list[float]:
    """Where each page starts, for lines given as (top, height, a page may start here).

    A page may start at a paragraph or after a sentence: each page takes as many lines as fit
    and ends at the last such place on it. Only a single sentence taller than the page is cut
    between its lines.
    """
    tops = [0.0]
    start = 0
    while start < len(lines):
        top = tops[-1]
        fit = start
        while fit < len(lines) and lines[fit][0] + lines[fit][1] - top <= height + 0.5:
            fit += 1
        if fit >= len(lines):
            break
        good = [i for i in range(start + 1, fit + 1) if i < len(lines) and lines[i][2]]
        cut = good[-1] if good else max(fit, start + 1)
        if cut >= len(lines):
            break
        tops.append(lines[cut][0])
        start = cut
    return tops


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
        self._tops: list[float] = [0.0]  # where each page starts, in document pixels

    @property
    def page_count(self) -> int:
        return len(self._tops)

    @property
    def page_tops(self) -> tuple[float, ...]:
        return tuple(self._tops)

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
        self._tops = [0.0]
        return QSizeF(self.document.idealWidth(), self.document.size().height())

    def paginate(self, width: float, height: float) -> int:
        """Lay the text out in pages ``height`` high that break between paragraphs or
        sentences, never in the middle of a sentence (unless one sentence outgrows a page)."""
        self.document.setTextWidth(width)
        self._tops = page_tops(self.lines(), height)
        self.page = min(self.page, self.page_count - 1)
        return self.page_count

    def lines(self) -> list[tuple[float, float, bool]]:
        """Every laid-out line: its top, its height, and whether a page may start with it."""
        layout = self.document.documentLayout()
        lines: list[tuple[float, float, bool]] = []
        block = self.document.begin()
        while block.isValid():
            top = layout.blockBoundingRect(block).top()
            text = block.text()
            text_layout = block.layout()
            after_sentence = True  # a paragraph's first line starts a page well
            for number in range(text_layout.lineCount()):
                line = text_layout.lineAt(number)
                rect = line.rect()
                lines.append((top + rect.top(), rect.height(), after_sentence))
                shown = text[line.textStart() : line.textStart() + line.textLength()]
                after_sentence = bool(_SENTENCE_END.search(shown.rstrip()))
            block = block.next()
        return lines

    def set_page(self, page: int) -> None:
        self.page = max(0, min(page, self.page_count - 1))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        top = self._tops[self.page] if self.page < len(self._tops) else 0.0
        bottom = top + self.height()
        if self.page + 1 < len(self._tops):
            bottom = min(bottom, self._tops[self.page + 1])  # the next page's lines wait
        painter.translate(0, -top)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.Text, self._ink)
        context.palette = palette
        context.clip = QRectF(0, top, self.width(), bottom - top)
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
