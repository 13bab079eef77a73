"""The Qt binding must not leak references to None or booleans (PySide6 6.12.0 did).

With that bug every void call cost None one reference, and a long class session ended in
"Fatal Python error: none_dealloc". pyproject pins a release without it; this test keeps
an upgrade honest.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 5_000


def test_void_and_bool_calls_keep_none_true_and_false_counted(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = {
        name: sys.getrefcount(value)
        for name, value in (("None", None), ("True", True), ("False", False))
    }
    for _ in range(CALLS):
        label.setText("x")
        label.isVisible()
        label.isEnabled()
    after = {
        name: sys.getrefcount(value)
        for name, value in (("None", None), ("True", True), ("False", False))
    }
    for name in before:
        assert before[name] - after[name] < CALLS // 10, (name, before[name], after[name])
