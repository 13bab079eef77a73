"""The gap map stays smooth with 200 students × 90 skills: build, model and paint times."""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from PySide6.QtWidgets import QApplication, QTableView

from mathroom.domain.gap_map import build_gap_map
from mathroom.domain.ids import SkillId, StudentId
from mathroom.domain.levels import LevelRule
from mathroom.domain.roster import Student
from mathroom.domain.skills import Evidence, EvidenceSource, Level, Skill
from mathroom.ui.models.gap_map_table import GapMapTableModel

STUDENTS, SKILLS, OBSERVATIONS_EACH = 200, 90, 3
TODAY = date(2026, 11, 23)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    rng = random.Random(4)
    students = [
        Student(StudentId(i), f"Student{i}", f"Family{i}", None, None)
        for i in range(1, STUDENTS + 1)
    ]
    skills = [
        Skill(SkillId(i), f"7.X.{i}", f"7.X.{i}", f"Skill {i}", "", "NS", 7)
        for i in range(1, SKILLS + 1)
    ]
    evidence = [
        Evidence(
            s.id,
            k.id,
            rng.choice(list(Level)),
            TODAY - timedelta(days=rng.randint(0, 60)),
            EvidenceSource.EXIT_TICKET,
        )
        for s in students
        for k in skills
        for _ in range(OBSERVATIONS_EACH)
    ]
    names = {s.id: s.full_name for s in students}
    build, model_times, paint = [], [], []
    view = QTableView()
    model = GapMapTableModel(view)
    view.setModel(model)
    view.resize(1400, 900)
    view.show()
    for rule in (LevelRule.MOST_RECENT, LevelRule.DECAYING_AVERAGE) * 3:
        start = time.perf_counter()
        gap = build_gap_map(students, skills, evidence, rule, TODAY)
        build.append(time.perf_counter() - start)
        start = time.perf_counter()
        model.set_gap_map(gap, names)
        model_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        view.grab()  # a full paint of the visible cells
        paint.append(time.perf_counter() - start)
    print(
        f"gap map {STUDENTS} students × {SKILLS} skills "
        f"({len(evidence):,} observations), median ms:"
    )
    print(f"  levels from evidence  {statistics.median(build) * 1000:8.1f}")
    print(f"  model reset           {statistics.median(model_times) * 1000:8.1f}")
    print(f"  paint (grab)          {statistics.median(paint) * 1000:8.1f}")
    del app
