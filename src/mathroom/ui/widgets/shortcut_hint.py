"""Tooltips that name the keys: the mouse user learns the shortcut where they click."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def with_keys(text: str, keys: QKeySequence | QKeySequence.StandardKey | str) -> str:
    """``text`` followed by the shortcut as this system writes it: "Edit the student (Enter)"."""
    shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({shown})" if shown else text
