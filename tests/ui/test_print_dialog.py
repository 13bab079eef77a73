"""The Print page's Print…: our own dialog, the PDF itself queued off the GUI thread to a
real CUPS queue (cups-pdf), and the status line that says where it went."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.paper import PageRun
from mathroom.print_queue import Printers, PrintPart, plan_jobs
from mathroom.services.print_jobs import PrintChoices
from mathroom.ui.dialogs.print_dialog import MIXED_SIDES, ONE_SIDED_ONLY, PrintDialog
from mathroom.ui.operations import Operations
from mathroom.ui.pages.print_page import PrintPage
from mathroom.ui.widgets.pdf_preview import PICTURES_FALLBACK, PdfPreview
from tests.printing.cups import PdfQueue, cups_printer
from tests.printing.test_cups_printing import _numbered_pdf

__all__ = ["cups_printer"]  # the session fixture, shared with tests/printing

CHOICES = PrintChoices(True, "CUPS", Printers(("Office", "PDF"), "PDF"), "Office", True)


def test_the_dialog_starts_from_the_remembered_choices(qtbot: QtBot) -> None:
    dialog = PrintDialog(CHOICES, 145, "day-packet")
    qtbot.addWidget(dialog)
    assert [dialog.printer.itemText(i) for i in range(2)] == ["Office", "PDF (default)"]
    assert dialog.printer.currentData() == "Office"
    assert dialog.two_sided.isChecked() and dialog.all_pages.isChecked()
    assert dialog.all_pages.text() == "All 145 pages"
    assert dialog.options().pages == ""


def test_a_bad_page_range_keeps_the_dialog_open_and_says_why(qtbot: QtBot) -> None:
    dialog = PrintDialog(CHOICES, 145, "day-packet")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.page_range, "150-160")
    assert dialog.some_pages.isChecked()  # typing a range chooses it
    dialog.print_button.click()
    assert dialog.isVisible()
    assert dialog.problem.text() == "Pages: '150-160' is past the end; the PDF has 145 pages."
    dialog.page_range.setText("140-150, 2")
    dialog.print_button.click()
    assert dialog.result() == PrintDialog.DialogCode.Accepted
    assert dialog.options().pages == "140-150, 2"


def test_the_dialog_says_what_two_sided_does_when_the_pdf_mixes_sides(qtbot: QtBot) -> None:
    mixed = (PageRun(1, 3, True), PageRun(4, 9, False))
    dialog = PrintDialog(CHOICES, 9, "day-packet", runs=mixed)
    qtbot.addWidget(dialog)
    assert not dialog.sides_note.isHidden() and dialog.sides_note.text() == MIXED_SIDES
    assert dialog.two_sided.isEnabled()
    for runs in ((), (PageRun(1, 3, True), PageRun(4, 9, True))):
        same = PrintDialog(CHOICES, 9, "day-packet", runs=runs)
        qtbot.addWidget(same)
        assert same.sides_note.isHidden() and same.two_sided.isEnabled()


def test_pages_that_are_all_cut_print_on_one_side_whatever_was_remembered(
    qtbot: QtBot,
) -> None:
    assert CHOICES.two_sided  # remembered from the last packet
    cards = PrintDialog(CHOICES, 9, "task-cards", runs=(PageRun(1, 9, False),))
    qtbot.addWidget(cards)
    assert not cards.sides_note.isHidden() and cards.sides_note.text() == ONE_SIDED_ONLY
    assert not cards.two_sided.isEnabled()
    # The choice stays as remembered (for the next packet); the cut pages go one-sided.
    assert cards.options().two_sided
    assert plan_jobs(((1, 9),), (PageRun(1, 9, False),), cards.options().two_sided) == (
        PrintPart(((1, 9),), False),
    )


def test_without_a_print_service_the_button_says_it_prints_pictures(qtbot: QtBot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    assert preview.print_button.toolTip() == PICTURES_FALLBACK


@pytest.mark.cups
@pytest.mark.any_date  # printing is the same on any day
def test_the_print_page_prints_the_packet_to_the_chosen_printer(
    qtbot: QtBot,
    services: Services,
    ops: Operations,
    school_day: date,
    cups_printer: PdfQueue,
    tmp_path: Path,
) -> None:
    page = PrintPage(
        ops, services.classroom, services.packet, services.clock.today, services.print_jobs
    )
    qtbot.addWidget(page)
    page.reload()
    page.save_button.click()
    qtbot.waitUntil(lambda: page.preview.print_button.isEnabled(), timeout=60_000)
    pages = page.preview.page_count()
    shown: list[PrintDialog] = []

    def fill_in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PrintDialog)
        shown.append(dialog)
        dialog.printer.setCurrentIndex(dialog.printer.findData(cups_printer.name))
        dialog.some_pages.setChecked(True)
        dialog.page_range.setText("1-3")
        dialog.copies.setValue(2)
        dialog.grab().save(str(tmp_path / "print-dialog.png"))
        dialog.print_button.click()

    QTimer.singleShot(0, fill_in_the_dialog)
    page.preview.print_button.click()  # runs the modal dialog until the timer clicks Print
    assert shown, "the print dialog did not open"
    qtbot.waitUntil(lambda: page.preview.last_job is not None, timeout=30_000)
    job = page.preview.last_job
    assert job is not None and pages > 100
    assert page.status.text() == (
        f"Sent 2 copies of 3 pages to {cups_printer.name} (job {job.job.rsplit('-', 1)[1]})"
    )
    assert len(PdfReader(cups_printer.wait_for(job.job)).pages) == 3
    # Next time the dialog starts on this printer.
    assert services.print_jobs.choices().printer == cups_printer.name


@pytest.mark.cups
@pytest.mark.any_date
def test_the_preview_prints_its_runs_two_sided_where_they_may(
    qtbot: QtBot,
    services: Services,
    ops: Operations,
    cups_printer: PdfQueue,
    tmp_path: Path,
) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.use_print_service(ops, services.print_jobs)
    runs = (PageRun(1, 2, True), PageRun(3, 4, False))
    preview.load(_numbered_pdf(tmp_path / "packet.pdf", 4), runs)
    notes: list[bool] = []

    def print_two_sided() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PrintDialog)
        notes.append(not dialog.sides_note.isHidden())
        dialog.printer.setCurrentIndex(dialog.printer.findData(cups_printer.name))
        dialog.two_sided.setChecked(True)
        dialog.print_button.click()

    QTimer.singleShot(0, print_two_sided)
    preview.print_button.click()
    assert notes == [True]
    qtbot.waitUntil(lambda: preview.last_job is not None, timeout=30_000)
    job = preview.last_job
    assert job is not None and len(job.jobs) == 2
    printed = [len(PdfReader(cups_printer.wait_for(name)).pages) for name in job.jobs]
    assert printed == [2, 2]
    assert b"one-sided" in cups_printer.job_attributes(job.jobs[1])
