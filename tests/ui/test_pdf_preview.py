"""Printing from the preview: the chosen pages go to the printer, and a long job can stop."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot

from mathroom.export.layout import PaperSize
from mathroom.export.task_cards import Card, CardLayout, build_task_cards
from mathroom.ui.widgets.pdf_preview import print_pdf


def _cards_pdf(path: Path) -> Path:
    cards = [Card(f"Task {n}", f"Find $\\frac{{{n}}}{{4}}$ of 12.", station=n) for n in range(1, 5)]
    build_task_cards(cards, CardLayout.POSTER, PaperSize.LETTER, path, hints=False)
    return path


def _printer(out: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def test_only_the_chosen_pages_are_printed(qtbot: QtBot, tmp_path: Path) -> None:
    document = pdfium.PdfDocument(str(_cards_pdf(tmp_path / "cards.pdf")))
    out = tmp_path / "printed.pdf"
    assert print_pdf(document, _printer(out), [1, 2]) == 2
    assert len(PdfReader(out).pages) == 2
    document.close()


def test_stopping_the_progress_dialog_stops_the_job(qtbot: QtBot, tmp_path: Path) -> None:
    document = pdfium.PdfDocument(str(_cards_pdf(tmp_path / "cards.pdf")))
    progress = QProgressDialog("Printing", "Stop", 0, 4)
    qtbot.addWidget(progress)
    progress.cancel()
    assert print_pdf(document, _printer(tmp_path / "printed.pdf"), None, progress) == 0
    document.close()
