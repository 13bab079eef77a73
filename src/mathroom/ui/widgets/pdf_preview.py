"""A PDF shown in the app before it goes anywhere, with Open and Print… beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

PRINT_DPI = 300


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.open_button = QPushButton("Open in PDF viewer")
        self.print_button = QPushButton("Print…")
        for button in (self.open_button, self.print_button):
            button.setEnabled(False)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.open_button.clicked.connect(self._on_open)
        self.print_button.clicked.connect(self._on_print)

    def load(self, path: Path) -> None:
        self.path = path
        self.document.load(str(path))
        self.open_button.setEnabled(True)
        self.print_button.setEnabled(True)

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def _on_open(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def _on_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            print_pdf(self.document, printer)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    """Send each page to the printer as a high-resolution image of the page."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            pixels = QSize(
                round(points.width() / 72 * PRINT_DPI), round(points.height() / 72 * PRINT_DPI)
            )
            image = document.render(index, pixels)
            fitted = image.size().scaled(
                painter.viewport().size(), Qt.AspectRatioMode.KeepAspectRatio
            )
            painter.drawImage(QRect(0, 0, fitted.width(), fitted.height()), image)
    finally:
        painter.end()
