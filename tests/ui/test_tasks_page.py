"""The task bank as a teacher uses it: write a task with the math toolbar, find it, print it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.tasks import TaskKind
from mathroom.paths import DataFolder
from mathroom.services.print_jobs import TWO_SIDED
from mathroom.services.printing import CardLayout
from mathroom.store.engine import make_engine
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.unit_of_work import Store
from mathroom.ui.dialogs.print_dialog import PrintDialog
from mathroom.ui.dialogs.task_editor import TaskEditorDialog, split_items
from mathroom.ui.operations import Operations
from mathroom.ui.pages.tasks_page import TasksPage
from mathroom.ui.widgets.pdf_preview import PICTURES_FALLBACK
from tests.printing.cups import PdfQueue, cups_printer

__all__ = ["cups_printer"]  # the session fixture, shared with tests/printing

# The task bank and skill map read the same on any day: no reruns on calendar dates.
pytestmark = pytest.mark.any_date


def make_page(qtbot: QtBot, services: Services, ops: Operations) -> TasksPage:
    s = services
    page = TasksPage(
        ops,
        s.tasks,
        s.skill_map,
        s.printing,
        s.folder.exports,
        QUndoStack(),
        s.clock.today,
        s.print_jobs,
    )
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    period = services.classroom.overview().periods[0]
    page.set_period(period)
    return page


def test_write_a_task_with_the_toolbar_see_the_preview_save_and_find_it(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page = make_page(qtbot, services, ops)
    before = page.model.rowCount()
    dialog = page.new_task()
    assert isinstance(dialog, TaskEditorDialog)
    qtbot.keyClicks(dialog.title_edit, "Pizza Slices Showdown")
    dialog.prompt.setFocus()
    qtbot.keyClicks(dialog.prompt, "Who ate more pizza: ")
    qtbot.mouseClick(dialog.toolbar.buttons["Fraction (stacked)"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.prompt, "3")  # replaces the selected numerator
    assert dialog.prompt.toPlainText() == "Who ate more pizza: $\\frac{3}{2}$"
    # Inside math, the toolbar adds no second pair of dollar signs.
    cursor = dialog.prompt.textCursor()
    cursor.setPosition(len("Who ate more pizza: $\\frac{3}{2}"))
    dialog.prompt.setTextCursor(cursor)
    qtbot.mouseClick(dialog.toolbar.buttons["Times"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.prompt, "2")
    assert dialog.prompt.toPlainText() == "Who ate more pizza: $\\frac{3}{2}\\times2$"
    qtbot.waitUntil(lambda: "Pizza Slices Showdown" in dialog.preview.toPlainText())
    assert "\\times" not in dialog.preview.toPlainText()
    assert "All math reads correctly" in dialog.math_status.text()
    assert dialog.preview.math_document._images  # the fraction is an image, not source text

    dialog.hints.setPlainText("Draw both pizzas.\n\nCut them into the same number of slices.")
    dialog.kind.setCurrentIndex(list(TaskKind).index(TaskKind.WARMUP))
    dialog.minutes.setValue(8)
    dialog.skills.setText("4.NF.A.1")
    dialog._on_save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert page.model.rowCount() == before + 1
    qtbot.keyClicks(page.search, "pizza slices showdown")
    assert page.proxy.rowCount() == 1
    task = page.current_task()
    assert task is not None and task.spec.hints == (
        "Draw both pizzas.",
        "Cut them into the same number of slices.",
    )
    assert task.spec.kind is TaskKind.WARMUP and task.spec.skill_codes == ("4.NF.A.1",)
    assert "Pizza Slices Showdown" in page.detail.toPlainText()


def test_malformed_math_shows_an_inline_error_and_a_missing_title_names_the_field(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page = make_page(qtbot, services, ops)
    dialog = page.new_task()
    dialog.prompt.setPlainText("Broken: $\\frac{3}{$ here")
    dialog.refresh_preview()
    assert "missing a closing }" in dialog.math_status.text()
    assert "missing a closing }" in dialog.preview.toPlainText()
    dialog._on_save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible() and "title" in dialog.error.text().lower()


def test_filters_sort_and_archive_with_undo(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page = make_page(qtbot, services, ops)
    everything = page.proxy.rowCount()
    assert everything >= 60
    page.kind.setCurrentIndex(list(TaskKind).index(TaskKind.MATH_ART) + 1)
    assert 8 <= page.proxy.rowCount() < everything
    page.kind.setCurrentIndex(0)
    page.domain.setCurrentIndex(page.domain.findData("G"))
    geometry = page.proxy.rowCount()
    assert 0 < geometry < everything
    page.domain.setCurrentIndex(0)
    page.minutes.setCurrentIndex(1)  # 5 min or less
    assert page.proxy.rowCount() < everything
    page.minutes.setCurrentIndex(0)
    page.unused.setChecked(True)  # the demo's plans use tasks this week
    assert page.proxy.rowCount() < everything
    page.unused.setChecked(False)

    page.list.setCurrentIndex(page.proxy.index(0, 0))
    task = page.current_task()
    assert task is not None
    page.toggle_archive()
    assert all(t.id != task.id for t in services.tasks.tasks())
    page._undo.undo()
    assert any(t.id == task.id for t in services.tasks.tasks())


def test_print_cards_builds_a_pdf_and_previews_it(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page = make_page(qtbot, services, ops)
    page.list.selectAll()
    page.search.setText("fraction")
    page.list.selectAll()
    chosen = page.selected_tasks()
    assert len(chosen) >= 2
    dialog = page.print_cards()
    assert dialog is not None
    dialog.layout_choice.setCurrentIndex(list(CardLayout).index(CardLayout.QUARTER))
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=20_000)
    qtbot.waitUntil(lambda: dialog.make_button.isEnabled(), timeout=20_000)
    assert dialog.last_report is not None and dialog.last_report.path.exists()


@pytest.mark.cups
def test_task_cards_print_as_a_document_through_the_print_service(
    qtbot: QtBot,
    services: Services,
    ops: Operations,
    cups_printer: PdfQueue,
    demo_folder: DataFolder,
) -> None:
    store = Store(make_engine(demo_folder.database))
    try:
        with store.unit_of_work() as session:  # the last packet went two-sided
            SettingsRepository(session).set(TWO_SIDED, True)
    finally:
        store.close()
    page = make_page(qtbot, services, ops)
    page.search.setText("fraction")
    page.list.selectAll()
    dialog = page.print_cards()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.make_button.isEnabled(), timeout=20_000)
    assert dialog.preview.print_button.toolTip() != PICTURES_FALLBACK

    sides: list[tuple[bool, bool]] = []  # asserted once the modal dialog has closed

    def print_one_page() -> None:
        chosen = QApplication.activeModalWidget()
        assert isinstance(chosen, PrintDialog)
        sides.append((chosen.two_sided.isChecked(), chosen.two_sided.isEnabled()))
        chosen.printer.setCurrentIndex(chosen.printer.findData(cups_printer.name))
        chosen.some_pages.setChecked(True)
        chosen.page_range.setText("1")
        chosen.print_button.click()

    QTimer.singleShot(0, print_one_page)
    dialog.preview.print_button.click()  # our dialog, not page pictures into a QPrinter
    assert sides == [(True, False)]  # remembered two-sided, but cut pages cannot take it
    qtbot.waitUntil(lambda: dialog.preview.last_job is not None, timeout=30_000)
    job = dialog.preview.last_job
    assert job is not None
    assert dialog.status.text().startswith(f"Sent 1 page to {cups_printer.name} (job ")
    assert len(PdfReader(cups_printer.wait_for(job.job)).pages) == 1
    # Two-sided was remembered from a packet, yet a card's back never carries another card.
    assert b"one-sided" in cups_printer.job_attributes(job.job)
    assert services.print_jobs.choices().two_sided


def test_share_and_import_a_pack_never_overwrites(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    page = make_page(qtbot, services, ops)
    page.list.setCurrentIndex(page.proxy.index(0, 0))
    task = page.current_task()
    assert task is not None
    pack = tmp_path / "mine"
    page.export_pack(pack, [task])
    written = tmp_path / "mine.mathroom-tasks"
    assert written.exists() and "Saved 1 task" in page.banner.text()

    before = page.model.rowCount()
    dialog = page.import_pack(written)
    assert dialog is not None
    assert dialog.table.rowCount() == 1 and not dialog.choices  # identical: skipped
    dialog._on_import()
    assert page.model.rowCount() == before

    assert "Imported 0 tasks" in page.banner.text()


def test_split_items_uses_blank_lines() -> None:
    assert split_items("one\n\n  \ntwo\nstill two\n\n") == ("one", "two\nstill two")


def test_a_diagram_is_added_saved_and_printed_on_the_card(
    qtbot: QtBot, services: Services, tmp_path: Path, ops: Operations
) -> None:
    import io

    from PIL import Image

    from mathroom.services.printing import card_for_task

    picture = tmp_path / "scale.png"
    buffer = io.BytesIO()
    Image.new("RGB", (160, 90), "white").save(buffer, format="PNG")
    picture.write_bytes(buffer.getvalue())
    renamed = tmp_path / "notes.png"
    renamed.write_text("not a picture")

    page = make_page(qtbot, services, ops)
    page.list.setCurrentIndex(page.proxy.index(0, 0))
    dialog = page.edit_current()
    assert dialog is not None
    dialog.load_image(renamed)
    assert dialog.error.isVisible() and "not a PNG" in dialog.error.text()
    dialog.load_image(picture)
    assert "scale.png" in dialog.image_label.text()
    dialog._on_save()
    task = page.current_task()
    assert task is not None and task.spec.image is not None
    assert task.spec.image.media_type == "image/png"
    card = card_for_task(task.spec, station=1)
    assert card.image is not None and card.image.data == picture.read_bytes()
