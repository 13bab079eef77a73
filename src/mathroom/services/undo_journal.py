"""Exact undo for any action: run it while its row changes are recorded, and put those rows
back (and only those) on undo. Redo reverts the undo's own record."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from mathroom.store.journal import Journal, UndoConflictError, record, revert

__all__ = ["Journal", "UndoConflictError", "UndoJournalService"]
from mathroom.store.unit_of_work import Store

T = TypeVar("T")


class UndoJournalService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def run(self, action: Callable[[], T]) -> tuple[T, Journal]:
        """Run ``action`` (a service call) and return its value with what it wrote."""
        return record(self._store, action)

    def revert(self, journal: Journal) -> Journal:
        """Put back every row ``journal`` changed, all or nothing; returns the record of
        this reversal, which reverted again redoes the action."""
        return revert(self._store, journal)
