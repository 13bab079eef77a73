"""A project in the day's packet, from a real data folder: the brief and rubrics on the launch,
nothing extra on a work day, gallery slips on the critique day; the run sheet says which day."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from mathroom.composition import Services
from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.plan import school_week
from mathroom.export.packet_model import PeriodPacket

LEVEL_WORDS = ("Not yet", "Getting there", "Got it", "Extending")


@pytest.fixture
def thursday(school_day: date) -> date:
    return school_week(school_day)[3]


def started(services: Services, thursday: date) -> list[str]:
    """Scale Drawing (4 days) from Thursday in the first period; its students' names."""
    period = services.classroom.overview().periods[0]
    scale = next(t for t in services.tasks.tasks() if t.spec.slug == "classroom-scale-drawing")
    services.projects.start_project(scale.id, [period.id], thursday)
    return sorted((e.display_name for e in services.classroom.roster(period.id)), key=str.casefold)


def part(services: Services, on: date) -> PeriodPacket:
    period = services.classroom.overview().periods[0]
    (found,) = services.packet.packet(on, [period.id]).periods
    return found


def details(packet: PeriodPacket) -> list[str]:
    return [line for block in packet.run_blocks for line in block.details]


def test_the_launch_prints_a_brief_and_a_rubric_for_each_student_present(
    services: Services, thursday: date
) -> None:
    names = started(services, thursday)
    period = services.classroom.overview().periods[0]
    away = services.classroom.roster(period.id)[0]
    services.attendance.set_status(period.id, away.student.id, thursday, AttendanceStatus.ABSENT)
    launch = part(services, thursday)
    here = [n for n in names if n != away.display_name]
    assert [b.name for b in launch.briefs] == [r.name for r in launch.rubrics] == here
    brief = launch.briefs[0]
    monday = thursday + timedelta(days=4)
    assert [(d.number, d.on) for d in brief.days] == [
        (1, thursday),
        (2, thursday + timedelta(days=1)),
        (3, monday),
        (4, monday + timedelta(days=1)),
    ]
    assert brief.days[0].name == "Launch: measure the room" and brief.kind == "Project"
    assert brief.extensions and brief.materials.startswith("Tape measures")
    assert len(launch.rubrics[0].criteria) == 4 and launch.project_slips == ()
    lines = details(launch)
    assert (
        "Project: Scale Drawing of Our Classroom · Day 1 of 4 — Launch: measure the room" in lines
    )
    assert any(line.startswith("Hand out the brief and the rubric") for line in lines)
    assert not any(line == "Task: Scale Drawing of Our Classroom" for line in lines)


def test_a_work_day_prints_nothing_extra_and_the_critique_prints_slips(
    services: Services, thursday: date
) -> None:
    names = started(services, thursday)
    work = part(services, thursday + timedelta(days=1))
    assert (work.briefs, work.rubrics, work.project_slips) == ((), (), ())
    assert any("Day 2 of 4 — Work day: draw the floor plan" in line for line in details(work))
    assert any(line.startswith("Work day: nothing new to print") for line in details(work))
    critique = part(services, thursday + timedelta(days=5))
    assert [s.name for s in critique.project_slips] == names
    assert {s.title for s in critique.project_slips} == {"Scale Drawing of Our Classroom"}
    assert critique.briefs == ()
    assert any("Day 4 of 4 — Gallery & critique" in line for line in details(critique))


@pytest.mark.any_date  # privacy of the PDF, not dates
def test_the_launch_pdf_keeps_levels_off_every_student_page_but_the_blank_rubric(
    services: Services, thursday: date, tmp_path: Path
) -> None:
    names = started(services, thursday)
    period = services.classroom.overview().periods[0]
    out = tmp_path / "launch.pdf"
    report = services.packet.build(thursday, out, [period.id])
    reader = PdfReader(out)
    assert report.pages == len(reader.pages)
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    briefs = [t for t in texts if "Project brief" in t and "Day packet" not in t]
    rubrics = [t for t in texts if "Rubric · Scale Drawing" in t]
    assert len(briefs) == len(names) and len(rubrics) == (len(names) + 1) // 2
    for text in texts:
        if "TEACHER ONLY" in text or "Day packet" in text:
            continue
        found = [word for word in LEVEL_WORDS if word in text]
        if text in rubrics:  # the four column headings, every box still empty
            assert found == list(LEVEL_WORDS)
        else:
            assert found == [], text[:80]
