"""A project block on the projector: the task in large type with the day of the project, and
nothing private (no names, no levels) in its scenes."""

from __future__ import annotations

from datetime import date, datetime

from mathroom.domain.plan import school_week
from mathroom.services.classroom import ClassroomService
from mathroom.services.projector import AgendaScene, ProjectorService, TaskScene, TimerScene
from mathroom.services.projects import ProjectService
from mathroom.store.unit_of_work import Store


def test_a_project_day_shows_its_title_day_and_prompt(
    demo_store: Store, school_day: date, now: datetime
) -> None:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    quilt = next(t for t in classroom.tasks() if t.spec.slug == "fraction-quilt")
    thursday = school_week(school_day)[3]
    ProjectService(demo_store, lambda: now).start_project(quilt.id, [period.id], thursday)
    friday = school_week(school_day)[4]
    scenes = ProjectorService(demo_store).scenes(period.id, friday)
    (task,) = [s for s in scenes if isinstance(s, TaskScene) and s.title == quilt.title]
    assert task.kicker == "Math art · Day 2 of 3 — Work day: color and check the fractions"
    assert task.prompt == quilt.spec.prompt and task.extensions == quilt.spec.extensions
    agenda = next(s for s in scenes if isinstance(s, AgendaScene))
    titles = [item.title for item in agenda.items]
    assert "Fraction Quilt Blocks — Day 2 of 3: Work day: color and check the fractions" in titles
    timer = next(s for s in scenes if isinstance(s, TimerScene) and s.block == task.block)
    assert timer.title.startswith("Fraction Quilt Blocks — Day 2 of 3")
    names = {e.display_name for e in classroom.roster(period.id)}
    shown = " ".join([task.kicker, task.title, task.prompt, *task.hints, *task.extensions])
    assert not any(name in shown for name in names)
    for word in ("Not yet", "Getting there", "Got it", "Extending"):
        assert word not in shown
