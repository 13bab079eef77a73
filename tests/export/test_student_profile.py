"""The parent-conference profile: a teacher-only PDF with levels, evidence and groups."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader

from mathroom.export.student_profile import build_student_profile
from mathroom.services.classroom import ClassroomService
from mathroom.services.evidence import EvidenceService
from mathroom.store.unit_of_work import Store
from tests.export.pdf_reading import fonts_of


def test_profile_pdf_reads_back(
    demo_store: Store, tmp_path: Path, school_day: date, now: datetime
) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    entry = next(e for e in classroom.roster(period.id) if e.student.family_name == "王")
    profile = EvidenceService(demo_store, lambda: now).profile(entry.student.id, school_day)
    assert profile.domains and profile.timeline and profile.groups
    assert profile.periods == ("Period 1",)
    out = tmp_path / "profile.pdf"
    report = build_student_profile(profile, out)
    reader = PdfReader(out)
    assert report.pages == len(reader.pages) >= 1
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "美玲" in text and "Teacher copy" in text
    assert "Levels by domain" in text and "Whiteboard groups" in text
    first_skill = profile.domains[0].skills[0].skill.code
    assert first_skill in text
    fonts = fonts_of(reader)
    assert all(fonts.values()) and not any("Helvetica" in f for f in fonts)
