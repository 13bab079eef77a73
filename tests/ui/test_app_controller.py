"""Start-up flows: first run, a damaged database, restoring a backup while open."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from mathroom.clock import FixedClock
from mathroom.desktop import AppController
from mathroom.paths import DataFolder
from mathroom.store.backup import BackupReason, create_backup
from mathroom.ui.dialogs.backups_dialog import BackupsDialog
from mathroom.ui.dialogs.damaged_database_dialog import DamagedChoice, DamagedDatabaseDialog
from mathroom.ui.dialogs.first_run_dialog import FirstRunChoice, FirstRunDialog


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


@pytest.fixture
def controller(folder: DataFolder, qtbot: QtBot, clock: FixedClock) -> Iterator[AppController]:
    made = AppController(folder, clock)
    yield made
    if made.window is not None:
        made.window.close()
    made.shutdown()


def choose_first_run(monkeypatch: pytest.MonkeyPatch, choice: FirstRunChoice) -> None:
    def fake_exec(dialog: FirstRunDialog) -> int:
        assert dialog.demo_button.text() == "Start with the demo classroom"
        dialog.choice = choice
        return 1

    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)


def test_first_run_offers_and_creates_the_demo(
    controller: AppController, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    choose_first_run(monkeypatch, FirstRunChoice.DEMO)
    assert controller.start()
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    assert controller.window.period_combo.count() == 3


def test_first_run_empty_classroom_still_has_skills_and_tasks(
    controller: AppController, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    choose_first_run(monkeypatch, FirstRunChoice.EMPTY)
    assert controller.start()
    assert controller.window is not None and controller.services is not None
    qtbot.addWidget(controller.window)
    overview = controller.services.classroom.overview()
    assert overview.periods == () and overview.skills >= 60 and overview.tasks >= 60
    assert not controller.window.projector_button.isEnabled()


def test_damaged_database_is_replaced_by_the_newest_backup(
    demo_folder: DataFolder,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    clock: FixedClock,
    now: datetime,
) -> None:
    create_backup(demo_folder.database, demo_folder.backups, BackupReason.STARTUP, now)
    demo_folder.database.write_bytes(b"\x13garbage" * 2000)
    seen: list[DamagedDatabaseDialog] = []

    def fake_exec(dialog: DamagedDatabaseDialog) -> int:
        seen.append(dialog)
        dialog.choice = DamagedChoice.RESTORE
        return 1

    monkeypatch.setattr(DamagedDatabaseDialog, "exec", fake_exec)
    controller = AppController(demo_folder, clock)
    try:
        assert controller.start()
        assert controller.window is not None
        qtbot.addWidget(controller.window)
        assert seen, "the damaged-database dialog was shown"
        assert controller.services is not None
        assert controller.services.classroom.overview().students == 65
        assert list(demo_folder.root.glob("mathroom.sqlite.corrupt-*"))
    finally:
        if controller.window is not None:
            controller.window.close()
        controller.shutdown()


def test_restore_from_the_backups_dialog_while_open(
    demo_folder: DataFolder, qtbot: QtBot, clock: FixedClock
) -> None:
    controller = AppController(demo_folder, clock)
    try:
        assert controller.start()
        window, services = controller.window, controller.services
        assert window is not None and services is not None
        qtbot.addWidget(window)
        dialog = BackupsDialog(
            services.maintenance, controller.restore, window, confirm=lambda _question: True
        )
        qtbot.addWidget(dialog)
        before = dialog.table.rowCount()
        dialog.backup_button.click()
        assert dialog.table.rowCount() == before + 1

        connection = sqlite3.connect(demo_folder.database)  # some change after the backup
        connection.execute("UPDATE period SET name = 'Renamed' WHERE name = 'Period 1'")
        connection.commit()
        connection.close()
        window.reload()
        assert window.period_combo.itemText(0).startswith("Renamed")

        newest_manual = next(
            r for r in range(dialog.table.rowCount()) if cell(dialog.table, r, 1) == "Manual"
        )
        dialog.table.selectRow(newest_manual)
        dialog.restore_button.click()
        assert window.period_combo.itemText(0).startswith("Period 1")
        reasons = [cell(dialog.table, r, 1) for r in range(dialog.table.rowCount())]
        assert "Before restore" in reasons
    finally:
        if controller.window is not None:
            controller.window.close()
        controller.shutdown()
