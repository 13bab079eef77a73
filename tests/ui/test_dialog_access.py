"""The main dialogs, the start-up and recovery ones included, as the pages are held to: every
control has a name a screen reader can say, Tab reads like the dialog, the dialog fits a
1024×600 netbook, and no button or label text is cut."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QScreen
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.services.classrooms import NewClassroom
from mathroom.ui.dialogs.about_dialog import AboutDialog
from mathroom.ui.dialogs.damaged_database_dialog import DamagedDatabaseDialog
from mathroom.ui.dialogs.first_run_dialog import FirstRunDialog
from mathroom.ui.dialogs.new_classroom_dialog import NewClassroomDialog
from mathroom.ui.dialogs.settings_dialog import SettingsDialog
from mathroom.ui.main_window import MainWindow
from mathroom.ui.settings import WindowSettings
from mathroom.ui.widgets.fit import TITLE_BAR
from tests.ui.test_accessible_names import _steps_back, focus_chain
from tests.ui.test_screen_sizes import clipped_text, themed

pytestmark = pytest.mark.any_date  # the same on any day: names and sizes, not dates
__all__ = ["themed"]  # the fixture, used by name

NETBOOK = (1024, 600)
NAMED_STYLES = {"pageTitle", "pagePurpose", "sectionTitle", "cardTitle"}  # theme.py sizes


def _refuse(name: str) -> NewClassroom:
    raise AssertionError(f"{name}: nothing is started in this test")


def _dialogs(
    window: MainWindow, services: Services, tmp: Path
) -> dict[str, Callable[[], QDialog | None]]:
    student = services.classroom.roster(services.roster.periods()[0].id)[0].student.id
    return {
        "Settings": lambda: SettingsDialog(window.ops, services.roster, services.evidence, window),
        "Import roster": window.open_import,
        "Import scores": window.open_score_import,
        "Backups": window.open_backups,
        "Profile": lambda: window.open_profile(int(student)),
        "About": lambda: AboutDialog(services.folder, window),
        "Past years": window.rosters_page.open_past_years,
        "Pull or conferences": window.plan_page.open_teacher_time,
        "New task": window.tasks_page.new_task,
        "Edit task": window.tasks_page.edit_current,
        "New classroom": lambda: NewClassroomDialog("Demo", [], _refuse, window),
        "Damaged data": lambda: DamagedDatabaseDialog(
            tmp / "mathroom.sqlite.corrupt", datetime(2026, 11, 20, 7), window
        ),
        "First start": lambda: FirstRunDialog(str(tmp), kept="2 backups", parent=window),
    }


def _reading_place(at: QPoint) -> tuple[int, int]:
    return at.y() // 20, at.x()  # a row of controls may stand a few pixels out of line


def odd_type(dialog: QDialog, body: QFont) -> list[str]:
    """Text in a size or face of its own: a dialog's text is the app's body type, or one of
    the style sheet's named styles (a title, a section heading)."""
    texts: list[QLabel | QAbstractButton] = [
        *dialog.findChildren(QLabel),
        *dialog.findChildren(QAbstractButton),
    ]
    return [
        f"{type(w).__name__} {w.text()[:30]!r} in {w.font().family()} {w.font().pointSizeF()}pt"
        for w in texts
        if w.isVisibleTo(dialog)
        and w.text()
        and w.objectName() not in NAMED_STYLES
        and (w.font().family(), w.font().pointSizeF()) != (body.family(), body.pointSizeF())
    ]


def test_every_main_dialog_is_named_in_tab_order_and_fits_a_netbook(
    qtbot: QtBot,
    themed: QApplication,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    netbook = QRect(0, 0, *NETBOOK)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: netbook)
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    problems: list[str] = []
    for title, make in _dialogs(window, services, tmp_path).items():
        dialog = make()
        assert dialog is not None, title
        # Each is the window's child: it goes with the window (closed below, and on failure).
        dialog.show()
        qtbot.waitExposed(dialog)
        window.ops.wait_until_idle()
        for _ in range(3):
            QApplication.processEvents()
        chain = focus_chain(dialog)
        assert chain, title
        # Tab goes round a dialog: read it from the control nearest the top left.
        first = min(chain, key=lambda w: _reading_place(w.mapTo(dialog, QPoint())))
        chain = chain[chain.index(first) :] + chain[: chain.index(first)]
        problems += [
            f"{title}: unnamed {type(w).__name__} {w.objectName()!r}"
            for w in chain
            if not w.accessibleName().strip()
        ]
        problems += [f"{title}: Tab goes back {step}" for step in _steps_back(dialog, chain)]
        hint = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if hint.width() > NETBOOK[0] or hint.height() > NETBOOK[1] - TITLE_BAR:
            problems.append(f"{title}: needs {hint.width()}×{hint.height()}")
        if dialog.width() > NETBOOK[0] or dialog.height() > NETBOOK[1] - TITLE_BAR:
            problems.append(f"{title}: opens at {dialog.width()}×{dialog.height()}")
        problems += [f"{title}: {p}" for p in clipped_text(dialog)]
        problems += [f"{title}: {p}" for p in odd_type(dialog, themed.font())]
        dialog.close()
    assert not problems, "\n".join(problems)


def test_the_type_check_sees_a_label_in_a_size_of_its_own(
    qtbot: QtBot, themed: QApplication
) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    plain, big = QLabel("Plain words", dialog), QLabel("Shouting", dialog)
    font = QFont(big.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    big.setFont(font)
    assert [p.split("'")[1] for p in odd_type(dialog, themed.font())] == ["Shouting"]
    assert plain.font().pointSizeF() == themed.font().pointSizeF()
