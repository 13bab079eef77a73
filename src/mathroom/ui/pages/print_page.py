"""Print: printouts for the chosen period, previewed before they go to the printer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton

from mathroom.composition import Services
from mathroom.services.printing import ExportReport, PaperSize
from mathroom.ui.background import run_in_background
from mathroom.ui.widgets.page import Page, label


class PrintPage(Page):
    title = "Print"
    purpose = (
        "Paper for the day. The roster check sheet lists the period's students with boxes for "
        "your marks; it is saved as a PDF in the data folder's exports and shown here."
    )

    def __init__(self, services: Services, today: Callable[[], date]) -> None:
        super().__init__(services)
        self._today = today
        self.last_export: Path | None = None
        controls = QHBoxLayout()
        self.paper = QComboBox()
        self.paper.addItem("US Letter", PaperSize.LETTER)
        self.paper.addItem("A4", PaperSize.A4)
        self.save_button = QPushButton("Make roster check sheet")
        self.save_button.setObjectName("primary")
        self.open_button = QPushButton("Open PDF")
        self.open_button.setEnabled(False)
        controls.addWidget(label("Paper:", wrap=False))
        controls.addWidget(self.paper)
        controls.addWidget(self.save_button)
        controls.addWidget(self.open_button)
        controls.addStretch(1)
        self.body.addLayout(controls)
        self.status = label("", "muted")
        self.body.addWidget(self.status)
        self.document = QPdfDocument(self)
        self.preview = QPdfView()
        self.preview.setDocument(self.document)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.body.addWidget(self.preview, 1)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)

    def reload(self) -> None:
        self.save_button.setEnabled(self.period is not None)
        if self.period is None:
            self.status.setText("Choose a period at the top of the window.")

    def _on_save_button_clicked(self) -> None:
        if self.period is None:
            return
        period, on = self.period, self._today()
        out = self._services.printing.default_path(period, on)
        paper = PaperSize(self.paper.currentData())
        printing = self._services.printing
        self.save_button.setEnabled(False)
        self.status.setText("Making the PDF…")
        run_in_background(
            lambda _progress: printing.roster_sheet(period.id, on, out, paper),
            self._on_export_done,
            self._on_export_failed,
        )

    def _on_export_done(self, report: object) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(report, ExportReport):
            return
        self.last_export = report.path
        self.document.load(str(report.path))
        self.open_button.setEnabled(True)
        pages = "1 page" if report.pages == 1 else f"{report.pages} pages"
        self.status.setText(f"Saved {report.path} ({pages}).")

    def _on_export_failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(f"The PDF could not be made: {error}. Any earlier file was kept.")

    def _on_open_button_clicked(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export)))
