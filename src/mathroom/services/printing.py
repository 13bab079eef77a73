"""Printouts available before the full day packet exists: the roster check sheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.roster import Period
from mathroom.export.layout import PaperSize
from mathroom.export.roster_sheet import ExportReport, RosterSheet, build_roster_sheet
from mathroom.export.student_profile import build_student_profile
from mathroom.paths import DataFolder
from mathroom.services.classroom import ClassroomService
from mathroom.services.evidence import EvidenceService

__all__ = ["ExportReport", "PaperSize", "PrintService"]


class PrintService:
    def __init__(
        self, classroom: ClassroomService, folder: DataFolder, evidence: EvidenceService
    ) -> None:
        self._classroom = classroom
        self._folder = folder
        self._evidence = evidence

    def student_profile(
        self, student: StudentId, on: date, out: Path, paper: PaperSize = PaperSize.LETTER
    ) -> ExportReport:
        """A teacher-only profile for a parent conference (levels, evidence, groups)."""
        return build_student_profile(self._evidence.profile(student, on), out, paper)

    def profile_path(self, name: str, on: date) -> Path:
        safe = "".join(c if c.isalnum() else "-" for c in name).strip("-").lower() or "student"
        return self._folder.exports / f"profile-{safe}-{on.isoformat()}.pdf"

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
