"""The on-screen profile lists every piece of evidence, however many there are."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.skills import EvidenceSource, Level
from mathroom.ui.dialogs.profile_dialog import profile_html

pytestmark = pytest.mark.any_date


def test_the_profile_shows_all_fifty_entries(
    qtbot: QtBot, services: Services, school_day: date
) -> None:
    period = services.classroom.overview().periods[0]
    student = services.classroom.roster(period.id)[0].student.id
    skill = services.evidence.skills()[0].id
    start = len(services.evidence.profile(student, school_day).timeline)
    for day in range(50 - start if start < 50 else 0):
        on = school_day - timedelta(days=day)
        services.evidence.record([student], [skill], Level.GOT_IT, EvidenceSource.QUIZ, on)
    profile = services.evidence.profile(student, school_day)
    assert len(profile.timeline) >= 50
    html = profile_html(profile)
    assert html.count("<tr><td>") - sum(
        1 for d in profile.domains for s in d.skills if s.observations
    ) == len(profile.timeline)
    assert f"({len(profile.timeline)} entries)" in html
