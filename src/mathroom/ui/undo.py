"""Undo for the teacher's actions: each action pushes a command that knows how to reverse
itself. Redo and undo are writes like any other: they go through the operations road and
announce what they changed, so every page showing it refreshes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QUndoCommand, QUndoStack

from mathroom.domain.errors import MathroomError
from mathroom.services.changes import Change
from mathroom.services.undo_journal import Journal, UndoJournalService
from mathroom.ui.operations import Operations

T = TypeVar("T")
log = logging.getLogger(__name__)


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


class RecordedCommand(QUndoCommand):
    """An action whose row changes were recorded: undo puts exactly those rows back
    (groups, stations, enrolments and all), redo reverts the undo."""

    def __init__(
        self,
        ops: Operations,
        journals: UndoJournalService,
        text: str,
        journal: Journal,
        changes: Change,
        after: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._ops, self._journals = ops, journals
        self._journal, self._changes, self._after = journal, changes, after
        self._first = True

    def redo(self) -> None:
        if self._first:  # QUndoStack.push calls redo(); the action already happened
            self._first = False
            return
        self._swap()

    def undo(self) -> None:
        self._swap()

    def _swap(self) -> None:
        journals, journal = self._journals, self._journal
        try:
            self._journal = self._ops.write(lambda: journals.revert(journal), self._changes)
        except MathroomError as error:
            # Later changes rely on these rows: nothing changed, and the step leaves the stack.
            log.warning("undo step %r dropped: %s", self.text(), error)
            self.setObsolete(True)
            return
        if self._after is not None:
            self._after()


def run_recorded(
    stack: QUndoStack,
    ops: Operations,
    journals: UndoJournalService,
    text: str,
    action: Callable[[], T],
    changes: Change,
    after: Callable[[], None] | None = None,
    origin: object = None,
) -> T:
    """Run ``action`` through ``ops`` while its row changes are recorded, and push an undo
    step that puts those rows back. Errors are raised here, and nothing is pushed."""
    value, journal = ops.write(lambda: journals.run(action), changes, origin)
    push_recorded(stack, ops, journals, text, journal, changes, after)
    return value


def push_recorded(
    stack: QUndoStack,
    ops: Operations,
    journals: UndoJournalService,
    text: str,
    journal: Journal,
    changes: Change,
    after: Callable[[], None] | None = None,
) -> None:
    """Push an undo step for an action already run under ``journals.run`` (e.g. in the
    background); an action that wrote nothing pushes nothing."""
    if journal:
        stack.push(RecordedCommand(ops, journals, text, journal, changes, after))
