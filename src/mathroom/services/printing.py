"""Printouts made outside the day's packet: roster check sheet, profiles, task cards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.paper import PageRun
from mathroom.domain.roster import Period, Student
from mathroom.domain.tasks import TaskSpec
from mathroom.export.layout import PaperSize
from mathroom.export.roster_sheet import ExportReport, RosterSheet, build_roster_sheet
from mathroom.export.student_profile import build_student_profile
from mathroom.export.task_cards import Card, CardImage, CardLayout, build_task_cards
from mathroom.paths import DataFolder
from mathroom.services.classroom import current_period
from mathroom.services.evidence import EvidenceService
from mathroom.store.repositories.roster import RosterRepository
from mathroom.store.unit_of_work import Store

__all__ = ["CardLayout", "ExportReport", "PaperSize", "PrintService", "card_for_task"]


def check_sheet_name(student: Student) -> str:
    """ "Family, Given (Preferred)": how a teacher-facing check sheet lists a student."""
    name = (
        f"{student.family_name}, {student.given_name}"
        if student.family_name
        else student.given_name
    )
    if student.preferred_name and student.preferred_name != student.given_name:
        name += f" ({student.preferred_name})"
    return name


def card_for_task(spec: TaskSpec, station: int | None = None, footer: str = "") -> Card:
    """The student-facing part of a task: never its answer, notes or skill codes."""
    image = CardImage(spec.image.data, spec.image.media_type) if spec.image else None
    return Card(
        title=spec.title,
        prompt=spec.prompt,
        station=station,
        start=spec.start,
        extensions=spec.extensions,
        hints=spec.hints,
        image=image,
        footer=footer,
    )


class PrintService:
    def __init__(self, store: Store, folder: DataFolder, evidence: EvidenceService) -> None:
        self._store = store
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

    def cards_path(self, on: date) -> Path:
        return self._folder.exports / f"task-cards-{on.isoformat()}.pdf"

    def task_cards(
        self,
        tasks: Sequence[TaskSpec],
        out: Path,
        layout: CardLayout = CardLayout.HALF,
        paper: PaperSize = PaperSize.LETTER,
        *,
        hints: bool = True,
        numbered: bool = True,
    ) -> ExportReport:
        """Cards for the given tasks in order; ``numbered`` makes them stations 1, 2, …"""
        cards = [
            card_for_task(spec, station=n if numbered else None)
            for n, spec in enumerate(tasks, start=1)
        ]
        pages = build_task_cards(cards, layout, paper, out, hints=hints)
        # Cut apart (cards, hint strips): one side, or a card's back would carry another's.
        return ExportReport(out, pages, (PageRun(1, pages, False),) if pages else ())

    def roster_sheet(
        self, period: PeriodId, on: date, out: Path, paper: PaperSize = PaperSize.LETTER
    ) -> ExportReport:
        """A teacher-facing check sheet: full names, boxes for marks."""
        with self._store.unit_of_work() as session:
            info = current_period(session, period)
            students = RosterRepository(session).students(period)
        names = [check_sheet_name(student) for student in students]
        sheet = RosterSheet(info.name, info.course, on, tuple(names), paper)
        return build_roster_sheet(sheet, out)
