"""Undo for roster actions: each action pushes a command that knows how to reverse itself."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack


class DoneCommand(QUndoCommand):
    """An action that has already run (so errors surface before it is pushed)."""

    def __init__(
        self,
        text: str,
        redo: Callable[[], object],
        undo: Callable[[], object],
        after: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self._redo, self._undo, self._after = redo, undo, after
        self._first = True

    def redo(self) -> None:
        if self._first:  # QUndoStack.push calls redo(); the action already happened
            self._first = False
        else:
            self._redo()
        self._after()

    def undo(self) -> None:
        self._undo()
        self._after()


def push_done(
    stack: QUndoStack,
    text: str,
    redo: Callable[[], object],
    undo: Callable[[], object],
    after: Callable[[], None],
) -> None:
    stack.push(DoneCommand(text, redo, undo, after))
