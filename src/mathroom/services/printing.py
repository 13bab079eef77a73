"""Printouts available before the full day packet exists: the roster check sheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mathroom.domain.ids import PeriodId
from mathroom.domain.roster import Period
from mathroom.export.layout import PaperSize
from mathroom.export.roster_sheet import ExportReport, RosterSheet, build_roster_sheet
from mathroom.paths import DataFolder
from mathroom.services.classroom import ClassroomService

__all__ = ["ExportReport", "PaperSize", "PrintService"]


class PrintService:
    def __init__(self, classroom: ClassroomService, folder: DataFolder) -> None:
        self._classroom = classroom
        self._folder = folder

    def default_path(self, period: Period, on: date) -> Path:
        safe = "".join(c if c.isalnum() else "-" for c in period.name).strip("-").lower()
        return self._folder.exports / f"roster-{safe}-{on.isoformat()}.pdf"

    def roster_sheet(
        self, period: PeriodId, on: date, out: Path, paper: PaperSize = PaperSize.LETTER
    ) -> ExportReport:
        """A teacher-facing check sheet: full names, boxes for marks."""
        periods = {p.id: p for p in self._classroom.overview().periods}
        info = periods[period]
        names = []
        for entry in self._classroom.roster(period):
            s = entry.student
            name = f"{s.family_name}, {s.given_name}" if s.family_name else s.given_name
            if s.preferred_name and s.preferred_name != s.given_name:
                name += f" ({s.preferred_name})"
            names.append(name)
        sheet = RosterSheet(info.name, info.course, on, tuple(names), paper)
        return build_roster_sheet(sheet, out)
