"""A student's profile as a teacher-only PDF for a parent conference."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from mathroom.domain.profile import StudentProfile
from mathroom.domain.skills import Level
from mathroom.export.document import write_pdf
from mathroom.export.fonts import BODY, BOLD, paragraph, register_fonts
from mathroom.export.keep import KeepTogether
from mathroom.export.layout import MARGIN, PaperSize
from mathroom.export.roster_sheet import ExportReport, long_date

# Greyscale-safe: each level also prints its letter and word.
LEVEL_FILL = {
    Level.NOT_YET: colors.HexColor("#f6d0b8"),
    Level.GETTING_THERE: colors.HexColor("#fbe3b0"),
    Level.GOT_IT: colors.HexColor("#cfe8f7"),
    Level.EXTENDING: colors.HexColor("#a9cde6"),
}
TIMELINE_LIMIT = 60


def build_student_profile(
    profile: StudentProfile, out: Path, paper: PaperSize = PaperSize.LETTER
) -> ExportReport:
    register_fonts()
    title = ParagraphStyle("t", fontName=BOLD, fontSize=18, leading=22)
    heading = ParagraphStyle("h", fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=10)
    body = ParagraphStyle("b", fontName=BODY, fontSize=10, leading=12.5)
    small = ParagraphStyle("s", parent=body, fontSize=8.5, textColor=colors.HexColor("#444444"))
    strong = ParagraphStyle("strong", parent=body, fontName=BOLD)
    width = paper.points[0] - 2 * MARGIN
    student = profile.student

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return paragraph(text, style)

    name = student.full_name
    if student.preferred_name and student.preferred_name != student.given_name:
        name = f"{student.given_name} “{student.preferred_name}” {student.family_name}".strip()
    story: list[Flowable] = [
        p(name, title),
        p(
            f"{', '.join(profile.periods) or 'No current period'} · student number "
            f"{student.student_number or '—'} · {long_date(profile.today)}",
            small,
        ),
        p(f"Teacher copy — confidential. Levels: {profile.rule_label.lower()}.", small),
        p("Levels by domain", heading),
    ]
    if not profile.domains:
        story.append(p("No evidence recorded yet."))
    for domain in profile.domains:
        counts = ", ".join(
            f"{domain.count(level)} {level.label}" for level in Level if domain.count(level)
        )
        rows: list[list[object]] = [[p(domain.name, strong), "", p(counts, small)]]
        style: list[Any] = [
            ("FONT", (0, 0), (-1, -1), BODY, 9),
            ("SPAN", (0, 0), (1, 0)),
            ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        for n, standing in enumerate(s for s in domain.skills if s.observations):
            level = standing.level
            rows.append(
                [
                    p(standing.skill.code, small),
                    p(standing.skill.name),
                    p(f"{level.letter} · {level.label}" if level else "—"),
                ]
            )
            if level is not None:
                style.append(("BACKGROUND", (2, n + 1), (2, n + 1), LEVEL_FILL[level]))
        table = Table(rows, colWidths=[width * 0.2, width * 0.55, width * 0.25])
        table.setStyle(TableStyle(style))
        story.append(KeepTogether([table, Spacer(1, 6)]))

    story.append(p("Evidence, newest first", heading))
    timeline_rows: list[list[object]] = [
        [p(word, strong) for word in ("Date", "Skill", "Level", "From", "Note")]
    ]
    for item, skill in profile.timeline[:TIMELINE_LIMIT]:
        timeline_rows.append(
            [
                p(f"{item.observed_on:%b} {item.observed_on.day}", small),
                p(f"{skill.code} {skill.name}", small),
                p(item.level.label, small),
                p(item.source.label, small),
                p(item.note or "", small),
            ]
        )
    if len(profile.timeline) > TIMELINE_LIMIT:
        timeline_rows.append(
            ["", p(f"… and {len(profile.timeline) - TIMELINE_LIMIT} earlier", small), "", "", ""]
        )
    timeline = Table(
        timeline_rows,
        colWidths=[width * f for f in (0.1, 0.4, 0.15, 0.15, 0.2)],
        repeatRows=1,
    )
    timeline.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), BODY, 8),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f2f2")]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(timeline)

    story.append(p("Whiteboard groups, newest first", heading))
    if not profile.groups:
        story.append(p("No group history yet."))
    for memory in profile.groups[:20]:
        story.append(
            p(
                f"{memory.on:%b} {memory.on.day} · group {memory.number} with "
                f"{', '.join(memory.partners) or 'nobody'}",
                small,
            )
        )

    pages = write_pdf(story, out, paper, f"Profile – {student.full_name}")
    return ExportReport(out, pages)
