"""The window's side of recovery: a damaged or missing data file is offered its newest good
backup by name at every start (Quit changes nothing), until restored or started empty."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from mathroom.clock import FixedClock
from mathroom.desktop import AppController
from mathroom.paths import DataFolder
from mathroom.store.backup import BackupReason, create_backup
from mathroom.ui.dialogs.damaged_database_dialog import DamagedChoice, DamagedDatabaseDialog
from mathroom.ui.dialogs.first_run_dialog import FirstRunChoice, FirstRunDialog
from mathroom.ui.widgets.pdf_preview import PdfPreview
from tests.faults.conftest import DAMAGE
from tests.printing.test_cups_printing import _numbered_pdf

pytestmark = [pytest.mark.gui, pytest.mark.any_date]


def _start(folder: DataFolder, clock: FixedClock, qtbot: QtBot) -> bool:
    controller = AppController(folder, clock)
    try:
        started = controller.start()
        if controller.window is not None:
            qtbot.addWidget(controller.window)
            assert controller.services is not None
            assert controller.services.classroom.overview().students == 65
        return started
    finally:
        if controller.window is not None:
            controller.window.close()
        controller.shutdown()


def test_every_start_offers_the_backup_by_name_until_the_teacher_restores(
    demo_folder: DataFolder, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, clock: FixedClock
) -> None:
    backup = create_backup(
        demo_folder.database, demo_folder.backups, BackupReason.STARTUP, clock.now()
    )
    DAMAGE["index-only"](demo_folder.database)
    answers = [DamagedChoice.QUIT, DamagedChoice.QUIT, DamagedChoice.RESTORE]
    shown: list[str] = []

    def answer(dialog: DamagedDatabaseDialog) -> int:
        qtbot.addWidget(dialog)
        shown.append(dialog.text.text())
        dialog.choice = answers[len(shown) - 1]
        return 1

    monkeypatch.setattr(DamagedDatabaseDialog, "exec", answer)
    assert not _start(demo_folder, clock, qtbot)
    clock = FixedClock(clock.now() + timedelta(minutes=5))
    assert not _start(demo_folder, clock, qtbot)  # after Quit: asked again, no empty classroom
    assert not demo_folder.database.exists()
    assert _start(demo_folder, clock, qtbot)
    assert len(shown) == 3
    assert all(backup.name in text for text in shown)
    assert "missing from index" in shown[0] and "corrupt-" in shown[1]


def test_starting_empty_beside_backups_says_so_before_offering_the_demo(
    demo_folder: DataFolder, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, clock: FixedClock
) -> None:
    create_backup(demo_folder.database, demo_folder.backups, BackupReason.STARTUP, clock.now())
    DAMAGE["zero-bytes"](demo_folder.database)

    def start_empty(dialog: DamagedDatabaseDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.choice = DamagedChoice.START_EMPTY
        return 1

    first_runs: list[FirstRunDialog] = []

    def own_classroom(dialog: FirstRunDialog) -> int:
        qtbot.addWidget(dialog)
        first_runs.append(dialog)
        dialog.choice = FirstRunChoice.EMPTY
        return 1

    monkeypatch.setattr(DamagedDatabaseDialog, "exec", start_empty)
    monkeypatch.setattr(FirstRunDialog, "exec", own_classroom)
    controller = AppController(demo_folder, clock)
    try:
        assert controller.start()
        assert controller.window is not None
        qtbot.addWidget(controller.window)
        assert first_runs and first_runs[0].empty_button.isDefault()
        assert controller.services is not None
        assert controller.services.classroom.overview().students == 0
    finally:
        if controller.window is not None:
            controller.window.close()
        controller.shutdown()


def test_save_a_copy_into_the_backups_folder_is_refused_in_plain_words(
    migrated_folder: DataFolder, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path
) -> None:
    pdf = _numbered_pdf(tmp_path / "packet.pdf", 1)
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.load(pdf)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    target = migrated_folder.backups / "packet.pdf"
    preview.save_copy(target)
    assert not target.exists()
    assert said == [
        f"Nothing was written to {target}: it is in Mathroom's backups folder. "
        "Choose another file name or folder."
    ]
