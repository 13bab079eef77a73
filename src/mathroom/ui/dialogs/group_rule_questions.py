"""The questions asked when a hard grouping rule is at stake: the teacher decides, and a rule
is never broken silently."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget


def confirm_override(parent: QWidget, broken: Sequence[str]) -> bool:
    """Save groups that break the teacher's rules anyway? (The answer is recorded.)"""
    answer = QMessageBox.question(
        parent,
        "Save groups that break a rule?",
        "These groups break the teacher's rules:\n\n• "
        + "\n• ".join(broken)
        + "\n\nSave them anyway? The override is recorded with the groups.",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Save


def ask_late_group(
    parent: QWidget, name: str, numbers: Sequence[int], breaks: Mapping[int, Sequence[str]]
) -> int | None:
    """Every group would break a rule if ``name`` joins it: the teacher picks one, seeing
    what each breaks, or Cancel leaves the student out for now (None)."""
    options = [f"Group {n}: " + "; ".join(breaks.get(n, ("no rule broken",))) for n in numbers]
    choice, ok = QInputDialog.getItem(
        parent,
        "No group keeps every rule",
        f"Every group would break a rule if {name} joins it. Choose one anyway, "
        "or Cancel to leave them out for now:",
        options,
        0,
        False,
    )
    return numbers[options.index(choice)] if ok else None
