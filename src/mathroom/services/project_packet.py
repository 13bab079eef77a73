"""A project's pages in the day's packet: the brief and a rubric for each student on the
launch day, a gallery-walk slip for each student on the critique day, nothing extra on a work
day; and the run sheet's lines saying which day of the project it is.

Student pages hold display names and task content only (never levels or notes): a rubric's
four columns are empty boxes for the student and the teacher to tick.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from mathroom.domain.ids import PeriodId, TaskId
from mathroom.domain.plan import BlockKind, DayPlan, PlanBlock
from mathroom.domain.projects import days_of, project_line, role_of
from mathroom.domain.tasks import Task
from mathroom.export.packet_model import CritiqueSlip, ProjectBrief, ProjectDayLine, Rubric
from mathroom.services.projects import project_run_days

# What the run sheet tells the teacher to hand out, by the day's role.
_HAND_OUT = {
    "launch": "Hand out the brief and the rubric (in this packet, one each)",
    "work": "Work day: nothing new to print; students keep their brief and rubric",
    "critique": "Gallery walk: one slip each (in this packet); students tick their rubric",
}


@dataclass(frozen=True, slots=True)
class ProjectPages:
    briefs: tuple[ProjectBrief, ...] = ()
    rubrics: tuple[Rubric, ...] = ()
    slips: tuple[CritiqueSlip, ...] = ()


def run_sheet_lines(block: PlanBlock, tasks: Mapping[TaskId, Task]) -> list[str]:
    """ "Project: <title> · Day 2 of 4 — Work day", then what to hand out that day."""
    task = tasks.get(block.task_id) if block.task_id is not None else None
    if block.kind is not BlockKind.PROJECT or task is None:
        return []
    day = block.milestone or 0
    return [project_line(task.spec, day), _HAND_OUT[role_of(task.spec, day)]]


def project_pages(
    session: Session,
    period: PeriodId,
    plan: DayPlan,
    tasks: Mapping[TaskId, Task],
    students: Sequence[str],
) -> ProjectPages:
    """The pages the day's project blocks print for ``students`` (display names, in order)."""
    briefs: list[ProjectBrief] = []
    rubrics: list[Rubric] = []
    slips: list[CritiqueSlip] = []
    for block in plan.blocks:
        task = tasks.get(block.task_id) if block.task_id is not None else None
        if block.kind is not BlockKind.PROJECT or task is None:
            continue
        spec, day = task.spec, block.milestone or 0
        role = role_of(spec, day)
        if role == "launch":
            dates = {
                d.milestone: d.on
                for d in project_run_days(session, period, task.id, plan.plan_date)
            }
            lines = tuple(
                ProjectDayLine(n + 1, name, dates.get(n)) for n, name in enumerate(days_of(spec))
            )
            for name in students:
                briefs.append(
                    ProjectBrief(
                        name,
                        spec.kind.label,
                        spec.title,
                        spec.prompt,
                        spec.materials or "",
                        lines,
                        spec.extensions,
                    )
                )
                if spec.rubric:
                    rubrics.append(Rubric(name, spec.title, spec.rubric))
        elif role == "critique":
            slips += [CritiqueSlip(name, spec.title) for name in students]
    return ProjectPages(tuple(briefs), tuple(rubrics), tuple(slips))
