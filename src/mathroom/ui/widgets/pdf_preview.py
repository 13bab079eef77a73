"""A PDF shown in the app before it goes anywhere, with Open and Print… beside it.

Pages are drawn with PDFium (pypdfium2), only when they scroll into view, so a 150-page
packet opens at once. (Qt's own PDF module ships only with PySide6 6.12, whose 6.12.0
release leaks references to None on every call and aborts a long-running app.)

Print… hands the PDF itself to the computer's print service (CUPS; Windows' print verb)
through the print-jobs service, off the GUI thread. Only where there is none does it fall
back to drawing page pictures into a QPrinter (about a third of a second a page).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mathroom.atomic_files import atomic_path
from mathroom.domain.errors import MathroomError
from mathroom.domain.paper import PageRun
from mathroom.print_queue import PrintJob, describe_job
from mathroom.services.changes import Change
from mathroom.services.print_jobs import PrintJobService
from mathroom.ui import theme
from mathroom.ui.dialogs.print_dialog import PrintDialog
from mathroom.ui.operations import Operations

PRINT_DPI = 300
PICTURES_FALLBACK = "No print service found: printing page pictures, slower"
PAGE_GAP = 12
MAX_PAGE_WIDTH = 900


def render_page(document: pdfium.PdfDocument, index: int, width_px: int) -> QImage:
    """One page as an image ``width_px`` wide (white paper, anti-aliased)."""
    page = document[index]
    points_wide, _points_high = page.get_size()
    bitmap = page.render(scale=width_px / points_wide)
    image = bitmap.to_pil().convert("RGB")
    data = image.tobytes("raw", "RGB")
    qimage = QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888)
    return qimage.copy()  # own the pixels: ``data`` goes away with this frame


class PdfPreview(QWidget):
    # What printing did, for the page's status line ("Sent 145 pages to PDF (job 12)").
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.runs: tuple[PageRun, ...] = ()  # which pages may print two-sided (a packet's)
        self._ops: Operations | None = None
        self._print_jobs: PrintJobService | None = None
        self.last_job: PrintJob | None = None
        self._document: pdfium.PdfDocument | None = None
        self._sizes: list[tuple[float, float]] = []
        self._pages: list[QLabel] = []
        self._drawn: dict[int, int] = {}  # page index -> width it was drawn at
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages_area = QScrollArea()
        self.pages_area.setAccessibleName("Pages of the PDF")
        self.pages_area.setWidgetResizable(True)
        self.pages_area.setObjectName("pdfPreview")
        self._canvas = QWidget()
        self._column = QVBoxLayout(self._canvas)
        self._column.setSpacing(PAGE_GAP)
        self._column.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_area.setWidget(self._canvas)
        layout.addWidget(self.pages_area, 1)
        row = QHBoxLayout()
        self.open_button = QPushButton("Open in PDF viewer")
        self.save_button = QPushButton("Save a copy…")
        self.save_button.setToolTip("Put a copy of this PDF somewhere else, e.g. a USB stick")
        self.print_button = QPushButton("Print…")
        self.print_button.setToolTip(PICTURES_FALLBACK)
        for button in (self.print_button, self.save_button, self.open_button):
            button.setEnabled(False)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.open_button.clicked.connect(self._on_open)
        self.save_button.clicked.connect(self._on_save_copy)
        self.print_button.clicked.connect(self._on_print)
        self.pages_area.verticalScrollBar().valueChanged.connect(self._schedule)
        # Drawing waits for scrolling and resizing to settle for a moment.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self.draw_visible)

    def load(self, path: Path, runs: Sequence[PageRun] = ()) -> None:
        """Show the PDF at ``path``; ``runs`` say which of its pages may print two-sided
        (none: the whole file may, as any PDF)."""
        if self._document is not None:
            self._document.close()
        self.path = path
        self.runs = tuple(runs)
        self._document = pdfium.PdfDocument(str(path))
        self._sizes = [self._document[i].get_size() for i in range(len(self._document))]
        for label in self._pages:
            label.deleteLater()
        self._pages = []
        self._drawn = {}
        for _size in self._sizes:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            edge = theme.colors().control_line
            label.setStyleSheet(f"background: {theme.SHEET}; border: 1px solid {edge};")
            self._column.addWidget(label)
            self._pages.append(label)
        self._resize_pages()
        self.pages_area.verticalScrollBar().setValue(0)
        for button in (self.open_button, self.save_button, self.print_button):
            button.setEnabled(True)
        self._schedule()

    def page_count(self) -> int:
        return len(self._sizes)

    def _page_width(self) -> int:
        # Fit the width (no sideways scrolling), but not wider than a readable page.
        fits = self.pages_area.viewport().width() - 2 * PAGE_GAP - 2
        return max(200, min(MAX_PAGE_WIDTH, fits))

    def _resize_pages(self) -> None:
        width = self._page_width()
        for label, (w, h) in zip(self._pages, self._sizes, strict=True):
            label.setFixedSize(width, round(width * h / w))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resize_pages()
        self._schedule()

    def _schedule(self, *_args: object) -> None:
        self._timer.start()

    def draw_visible(self) -> None:
        """Draw the pages in (or next to) the visible part of the scroll area."""
        if self._document is None:
            return
        top = self.pages_area.verticalScrollBar().value()
        visible = QRect(
            0, top - 400, self._canvas.width(), self.pages_area.viewport().height() + 800
        )
        width = self._page_width()
        for index, label in enumerate(self._pages):
            if not label.geometry().intersects(visible) or self._drawn.get(index) == width:
                continue
            ratio = self.devicePixelRatioF()
            image = render_page(self._document, index, round(width * ratio))
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            self._drawn[index] = width

    def _on_open(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def _on_save_copy(self) -> None:
        if self.path is None:
            return
        target, _ = QFileDialog.getSaveFileName(
            self, "Save a copy of the PDF", str(Path.home() / self.path.name), "PDF (*.pdf)"
        )
        if target:
            self.save_copy(Path(target))

    def save_copy(self, target: Path) -> None:
        """Copy the shown PDF to ``target`` (atomically: never a half-written copy)."""
        if self.path is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            with atomic_path(target) as temp:
                shutil.copyfile(self.path, temp)
        except OSError as exc:
            QMessageBox.warning(self, "The copy was not saved", f"{exc.strerror or exc}: {target}")
        except MathroomError as exc:  # the database or a backup: refused, nothing written
            QMessageBox.warning(self, "The copy was not saved", str(exc))

    def use_print_service(self, ops: Operations, print_jobs: PrintJobService) -> None:
        """Print through the computer's print service (the PDF itself, off the GUI thread)
        instead of page pictures."""
        self._ops = ops
        self._print_jobs = print_jobs
        if print_jobs.available:
            self.print_button.setToolTip(
                "Sends this PDF to a printer as it is: choose the printer, copies and pages"
            )

    def _on_print(self) -> None:
        if self._document is None or self.path is None:
            return
        ops, jobs = self._ops, self._print_jobs
        if ops is None or jobs is None or not jobs.available:
            self.message.emit(PICTURES_FALLBACK + "…")
            self._print_pictures()
            return
        try:
            choices = ops.query(jobs.choices)
        except MathroomError as exc:
            self.message.emit(str(exc))
            QMessageBox.warning(self, "Nothing was printed", str(exc))
            return
        dialog = PrintDialog(choices, self.page_count(), self.path.stem, self, self.runs)
        if dialog.exec() != PrintDialog.DialogCode.Accepted:
            return
        self.send_to_printer(dialog)

    def send_to_printer(self, dialog: PrintDialog) -> None:
        """Queue the PDF with the dialog's choices; the answer comes back as ``message``."""
        ops, jobs, path = self._ops, self._print_jobs, self.path
        if ops is None or jobs is None or path is None:
            return
        options, pages, runs = dialog.options(), self.page_count(), self.runs
        self.print_button.setEnabled(False)
        self.message.emit(f"Sending {path.name} to {options.printer}…")
        # A write: the printer and two-sided choice are remembered for next time.
        ops.write_in_background(
            lambda _progress: jobs.print_pdf(path, pages, options, runs),
            Change.SETTINGS,
            self._on_printed,
            self._on_print_failed,
            origin=self,
        )

    def _on_printed(self, job: PrintJob) -> None:
        self.print_button.setEnabled(True)
        self.last_job = job
        self.message.emit(describe_job(job))

    def _on_print_failed(self, error: Exception) -> None:
        self.print_button.setEnabled(True)
        text = str(error) if isinstance(error, MathroomError) else f"Nothing was printed: {error}"
        self.message.emit(text)

    def _print_pictures(self) -> None:
        if self._document is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(PICTURES_FALLBACK)
        # A page range, so one lost page can be printed again on its own.
        dialog.setMinMax(1, self.page_count())
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        pages = list(range(self.page_count()))
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            pages = list(range(printer.fromPage() - 1, min(printer.toPage(), len(pages))))
        progress = QProgressDialog(
            "Sending page pictures to the printer…", "Stop", 0, len(pages), self
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        print_pdf(self._document, printer, pages, progress)
        progress.close()


def print_pdf(
    document: pdfium.PdfDocument,
    printer: QPrinter,
    pages: Sequence[int] | None = None,
    progress: QProgressDialog | None = None,
) -> int:
    """Send pages to the printer as high-resolution pictures; returns how many went (the
    fallback where the computer has no print service to take the PDF itself).

    The (modal) progress dialog keeps the window painting between pages and can stop a
    long job: a whole packet is over a hundred pages.
    """
    chosen = list(range(len(document))) if pages is None else list(pages)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    sent = 0
    try:
        for position, index in enumerate(chosen):
            if progress is not None:
                progress.setValue(position)
                if progress.wasCanceled():
                    break
            if position:
                printer.newPage()
            points_wide, _high = document[index].get_size()
            image = render_page(document, index, round(points_wide / 72 * PRINT_DPI))
            fitted = image.size().scaled(
                painter.viewport().size(), Qt.AspectRatioMode.KeepAspectRatio
            )
            painter.drawImage(QRect(0, 0, fitted.width(), fitted.height()), image)
            sent += 1
    finally:
        painter.end()
    return sent
