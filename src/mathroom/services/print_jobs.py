"""Sending finished PDFs to a printer, and remembering the teacher's printer choices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mathroom.domain.paper import PageRun
from mathroom.print_queue import PrintError, Printers, PrintJob, PrintOptions, PrintQueue
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.unit_of_work import Store

__all__ = ["PrintChoices", "PrintError", "PrintJob", "PrintJobService", "PrintOptions"]

# Settings keys (the settings table holds JSON values; no migration needed).
PRINTER = "print_printer"
TWO_SIDED = "print_two_sided"


@dataclass(frozen=True, slots=True)
class PrintChoices:
    """What the print dialog starts from: installed printers, the one to preselect, and
    the teacher's last two-sided choice. ``available`` False: no print service here."""

    available: bool
    service: str
    printers: Printers
    printer: str | None
    two_sided: bool


class PrintJobService:
    def __init__(self, store: Store, queue: PrintQueue | None) -> None:
        self._store = store
        self._queue = queue

    @property
    def available(self) -> bool:
        """Whether this computer has a print service to hand PDFs to."""
        return self._queue is not None

    def printers(self) -> Printers:
        return self._require().printers()

    def choices(self) -> PrintChoices:
        """The printers and the remembered choices; the remembered printer only while it
        is still installed, else the system's default."""
        with self._store.unit_of_work() as session:
            settings = SettingsRepository(session)
            remembered = settings.get(PRINTER)
            two_sided = bool(settings.get(TWO_SIDED, False))
        if self._queue is None:
            return PrintChoices(False, "", Printers((), None), None, two_sided)
        printers = self._queue.printers()
        printer = remembered if remembered in printers.names else printers.default
        return PrintChoices(True, self._queue.name, printers, printer, two_sided)

    def print_pdf(
        self,
        path: Path,
        page_count: int,
        options: PrintOptions,
        runs: Sequence[PageRun] = (),
    ) -> PrintJob:
        """Queue the PDF, then remember the printer and two-sided choice for next time.

        ``runs`` (a packet's sections): printed two-sided, each run goes as a job of its
        own, on both sides only where it may (cut and posted pages stay one-sided); the
        returned job describes the whole print.
        """
        job = self._require().submit(path, page_count, options, runs)
        with self._store.unit_of_work() as session:
            settings = SettingsRepository(session)
            settings.set(PRINTER, job.printer)
            settings.set(TWO_SIDED, options.two_sided)
        return job

    def _require(self) -> PrintQueue:
        if self._queue is None:
            raise PrintError(
                "No print service found on this computer (CUPS's lp is not installed)."
            )
        return self._queue
