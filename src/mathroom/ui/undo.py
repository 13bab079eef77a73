"""Undo for the teacher's actions: each action pushes a command that knows how to reverse
itself. Redo and undo are writes like any other: they go through the operations road and
announce what they changed, so every page showing it refreshes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from mathroom.services.changes import Change
from mathroom.ui.operations import Operations


class DoneCommand(QUndoCommand):
    """An action that has already run (so errors surface before it is pushed)."""

    def __init__(
        self,
        ops: Operations,
        text: str,
        redo: Callable[[], object],
        undo: Callable[[], object],
        changes: Change,
        after: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._ops = ops
        self._redo, self._undo, self._changes, self._after = redo, undo, changes, after
        self._first = True

    def redo(self) -> None:
        if self._first:  # QUndoStack.push calls redo(); the action already happened
            self._first = False
            return
        self._ops.write(self._redo, self._changes)
        if self._after is not None:
            self._after()

    def undo(self) -> None:
        self._ops.write(self._undo, self._changes)
        if self._after is not None:
            self._after()


def push_done(
    stack: QUndoStack,
    ops: Operations,
    text: str,
    redo: Callable[[], object],
    undo: Callable[[], object],
    changes: Change,
    after: Callable[[], None] | None = None,
) -> None:
    """Record an action that has run; Ctrl+Z and Ctrl+Shift+Z replay it through ``ops``."""
    stack.push(DoneCommand(ops, text, redo, undo, changes, after))
